"""No import cycles where the code once had them: the GUI's start-up and its main window, the
demo data and the GUI (one bundled-questionnaire registration below both), the store and the
interview engine (one Answer type)."""

import grimp
import pytest

from survey.bundled import ensure_bundled_form


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # Imports inside functions count: a cycle through a deferred import is still a cycle.
    return grimp.build_graph("desktop", "survey", "analysis", "reports")


def _cycles_through(graph: grimp.ImportGraph, prefix: str) -> list[tuple[str, str]]:
    return sorted((module, imported) for module in graph.modules if module.startswith(prefix)
                  for imported in graph.find_modules_directly_imported_by(module)
                  if graph.chain_exists(importer=imported, imported=module))


def test_main_window__never_imports_the_start_up_module(graph):
    assert graph.find_shortest_chain(importer="desktop.main_window", imported="desktop.app") is None
    assert graph.chain_exists(importer="desktop.app", imported="desktop.main_window")


def test_desktop__no_module_cycle(graph):
    assert _cycles_through(graph, "desktop") == []


@pytest.mark.parametrize("package", ["survey.interview", "survey.store", "survey.demo", "survey.bundled"])
def test_interview_store_demo__no_module_cycle(graph, package):
    assert _cycles_through(graph, package) == []


def test_bundled_registration__one_function_used_by_gui_and_demo(graph):
    name = ensure_bundled_form.__module__
    assert name == "survey.bundled"
    for caller in ("desktop.app", "desktop.main_window", "survey.demo.filling"):
        assert name in graph.find_modules_directly_imported_by(caller), caller
