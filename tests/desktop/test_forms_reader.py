"""Opening a database parses its questionnaires in a worker (desktop.background.FormsReader):
the GUI thread never parses one; Home's quotas and the Reports tab's breakdowns arrive when
the worker has parsed them, and an interview opened meanwhile opens on the worker's form."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

import survey.form.xlsform as xlsform
from desktop import background
from desktop.main_window import MainWindow
from desktop.settings import AppSettings
from survey.bundled import ensure_bundled_form
from survey.form import cache
from survey.store import Store
from tests.desktop.helpers import open_main_window

BUNDLED = "kelisim_mediation_kz"


class Parses:
    """Every XLSForm parse (the real reader runs), by thread; a worker's parse waits for
    ``release``."""

    def __init__(self) -> None:
        self.threads: list[str] = []
        self.release = threading.Event()
        self.release.set()

    def on_gui_thread(self) -> int:
        return sum(name == "MainThread" for name in self.threads)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[Parses]:
    seen = Parses()
    real = xlsform.load_form

    def watched(source, **kwargs):  # type: ignore[no-untyped-def]
        seen.threads.append(threading.current_thread().name)
        if threading.current_thread() is not threading.main_thread():
            assert seen.release.wait(60)
        return real(source, **kwargs)

    monkeypatch.setattr(xlsform, "load_form", watched)
    cache.clear()  # as in a fresh process
    background.forget_forms()
    yield seen
    seen.release.set()


@pytest.fixture
def bundled_store(store: Store) -> Store:
    ensure_bundled_form(store)
    return store


def _roster_tips(window: MainWindow) -> list[str]:
    rosters = window.reports.rosters
    return [rosters.item(i).toolTip() for i in range(rosters.count())]


def test_window_opened__questionnaires_parsed_in_worker__quotas_and_breakdowns_arrive(
        qtbot: QtBot, bundled_store: Store, settings: AppSettings, parses: Parses) -> None:
    window = open_main_window(qtbot, bundled_store, settings)

    assert window.is_loading() and window.home.quota_model is None
    assert window.home.quota_total.text() == "Reading the questionnaire…"
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert window.home.quota_model is not None
    assert window.home.quota_total.text().startswith("Completed 0")
    breakdowns = [window.reports.breakdowns.item(i).toolTip()
                  for i in range(window.reports.breakdowns.count())]
    assert "region" in breakdowns
    assert any(tip.startswith("disputes/") for tip in _roster_tips(window))  # its roster
    assert parses.on_gui_thread() == 0
    assert len(parses.threads) == len(bundled_store.forms())  # each version parsed once
    window.close()


def test_interview_opened_while_its_form_is_parsing__opens_on_the_workers_form(
        qtbot: QtBot, bundled_store: Store, settings: AppSettings, parses: Parses) -> None:
    version = next(r.version for r in bundled_store.forms() if r.form_id == BUNDLED)
    uuid = bundled_store.start_interview(BUNDLED, version, interviewer="A", language="ru")
    parses.release.clear()  # the worker's parse is under way until released
    window = open_main_window(qtbot, bundled_store, settings)
    qtbot.waitUntil(lambda: len(parses.threads) > 0, timeout=60_000)
    threading.Timer(0.3, parses.release.set).start()

    window.open_interview(uuid)  # waits for the worker's parse instead of parsing again

    session = window.session
    assert session is not None and session.uuid == uuid
    assert session.form.form_id == BUNDLED and session.form.version == version
    assert window.tabs.currentIndex() == 1 and window.interview_widget is not None
    assert parses.on_gui_thread() == 0
    qtbot.waitUntil(lambda: not window.is_loading(), timeout=60_000)
    assert window.home.quota_model is not None
    assert background.parsed_form_of(bundled_store, BUNDLED, version) is session.form
    window.close()
