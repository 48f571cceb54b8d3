"""Error messages in the interface language: every code's template, translated and filled in."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from survey.error_text import TEMPLATES, describe_error, msgids
from survey.errors import StoreError
from survey.i18n import catalog, missing_translations
from survey.store import Store

ROOT = Path(__file__).resolve().parents[2]
_CYRILLIC = re.compile(r"[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def codes_in_source(folder: str, prefix: str) -> set[str]:
    pattern = re.compile(r"[\"'](" + re.escape(prefix) + r"[a-z_.]+)[\"']")
    found: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_errors_catalog__every_msgid__translated_into_kazakh_and_russian() -> None:
    assert missing_translations("errors") == {"kk": [], "ru": []}
    for language in ("kk", "ru"):
        table = catalog("errors", language)
        assert set(msgids()) <= table.keys()
        assert all(_CYRILLIC.search(table[m]) for m in msgids()), language


def test_errors_catalog__placeholders__same_in_every_language() -> None:
    for language in ("kk", "ru"):
        table = catalog("errors", language)
        for msgid in msgids():
            assert sorted(re.findall(r"\{\w*\}", msgid)) == \
                sorted(re.findall(r"\{\w*\}", table[msgid])), (language, msgid)


@pytest.mark.parametrize(("folder", "prefix"), [
    ("survey/store", "store."), ("survey/export", "export."), ("reports", "report."),
])
def test_templates__every_code_in_source__has_a_template(folder: str, prefix: str) -> None:
    codes = codes_in_source(folder, prefix)
    assert codes, folder
    assert codes - TEMPLATES.keys() == set()


def test_templates__every_code_in_architecture_doc__has_a_template() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    store = text.split("Store error codes")[1].split("###")[0]
    names = re.findall(r"`([a-z_]+)`", store)
    assert names
    assert {"store." + n for n in names} - TEMPLATES.keys() == set()


def test_describe_error__other_sqlite_file__russian_not_kelisim(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(path)

    text = describe_error(caught.value, "ru")

    assert caught.value.code == "store.not_kelisim"
    assert text == (f"Файл «{path}» не является базой данных Kelisim. Выберите файл базы данных, "
                    "созданный Kelisim.")
    assert "[store." not in describe_error(caught.value, "en")


def test_describe_error__missing_database_read_only__kazakh_names_path(tmp_path: Path) -> None:
    from survey.export import read_interviews

    path = tmp_path / "none.db"
    with pytest.raises(StoreError) as caught:
        read_interviews(path)

    assert caught.value.code == "store.not_found"
    assert describe_error(caught.value, "kk") == f"«{path}» дерекқор файлы жоқ. Жолды тексеріңіз."


def test_describe_error__uncoded_exception__its_own_text() -> None:
    assert describe_error(ValueError("plain failure"), "kk") == "plain failure"


def test_message_text__merge_summary_error__russian_without_code_suffix(tmp_path: Path) -> None:
    from survey.error_text import message_text
    from survey.store import merge

    foreign = tmp_path / "laptop.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    [summary] = merge(tmp_path / "master.db", [foreign])

    assert summary.error is not None and summary.error_code == "store.not_kelisim"
    assert message_text(summary.error_code, summary.error, "ru") == (
        f"Файл «{foreign}» не является базой данных Kelisim. Выберите файл базы данных, "
        "созданный Kelisim.")
