"""Every interface string of desktop/ exists in Kazakh and Russian."""

from __future__ import annotations

import ast
from pathlib import Path

from desktop import i18n
from survey.i18n import catalog, missing_translations

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def _uses_desktop_catalog(tree: ast.Module) -> bool:
    """Whether a module takes ``_`` from ``desktop.i18n`` (others may use another domain)."""
    return any(isinstance(node, ast.ImportFrom) and node.module == "desktop.i18n"
               and any(alias.name == "_" for alias in node.names) for node in ast.walk(tree))


def _used_msgids() -> set[str]:
    used: set[str] = set()
    for path in DESKTOP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not _uses_desktop_catalog(tree):
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "_" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                used.add(str(node.args[0].value))
    return used


def test_desktop_catalog__every_msgid__translated_in_kk_and_ru():
    assert missing_translations("desktop") == {"kk": [], "ru": []}


def test_desktop_sources__every_translated_string__in_each_catalog():
    used = _used_msgids()
    assert len(used) > 50
    for language in ("kk", "ru", "en"):
        assert sorted(used - catalog("desktop", language).keys()) == [], language


def test_translations__placeholders__same_as_english():
    for msgid in _used_msgids():
        fields = {part.split("}")[0] for part in msgid.split("{")[1:]}
        for language in ("kk", "ru"):
            text = catalog("desktop", language)[msgid]
            assert {part.split("}")[0] for part in text.split("{")[1:]} == fields, (language, msgid)


def test_set_language__kazakh__underscore_returns_kazakh_with_fields_filled():
    i18n.set_language("kk")
    assert i18n._("Home") == "Басты бет"
    assert i18n._("Page {page} of {pages}", page=2, pages=9) == "9 беттің 2-беті"
    i18n.set_language("xx")
    assert i18n.language() == "en"
