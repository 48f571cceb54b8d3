"""The core packages never import Qt, checked on the source and on a real import."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ("survey", "analysis", "reports")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_sources__never_import_pyside6_or_desktop():
    offenders = []
    for package in CORE:
        for path in (ROOT / package).rglob("*.py"):
            for name in _imported_modules(path):
                top = name.split(".")[0]
                if top in ("PySide6", "shiboken6", "desktop"):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


@pytest.mark.slow
def test_importing_every_core_module__loads_no_qt():
    modules = []
    for package in CORE:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules.append(".".join(parts))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop__widgets_talk_to_the_session__never_reach_the_engine_behind_it():
    """No desktop module reads ``<session>.interview`` or imports the engine module itself."""
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "interview":
                inner = node.value
                name = inner.attr if isinstance(inner, ast.Attribute) else getattr(inner, "id", "")
                if name == "session":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        offenders += [f"{path.relative_to(ROOT)} imports {name}" for name in _imported_modules(path)
                      if name == "survey.interview.engine"]
    assert offenders == []
