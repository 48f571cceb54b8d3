"""Store errors and merge summaries are messages: code, fields and file, rendered per language."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from survey.errors import StoreError
from survey.export import read_interviews
from survey.messages import Location, render
from survey.store import Store, merge
from survey.store.codes import StoreCode
from survey.store.values import encode

ROOT = Path(__file__).resolve().parents[2]


def _foreign(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    return path


def test_other_sqlite_file__not_kelisim__file_is_the_location_and_russian_text(
        tmp_path: Path) -> None:
    path = _foreign(tmp_path / "other.db")
    with pytest.raises(StoreError) as caught:
        Store.open(path)

    message = caught.value.message
    assert (message.code, dict(message.fields), message.location) == (
        "store.not_kelisim", {}, Location(file=str(path)))
    assert render(message, "ru") == (f"{path}: Этот файл не является базой данных Kelisim. "
                                     "Выберите файл базы данных, созданный Kelisim.")
    assert "[store." not in str(caught.value)


def test_missing_database_read_only__not_found__kazakh_names_path(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    with pytest.raises(StoreError) as caught:
        read_interviews(path)

    assert caught.value.code == "store.not_found"
    assert render(caught.value.message, "kk") == (
        f"{path}: Мұндай дерекқор файлы жоқ. Жолды тексеріңіз.")


def test_folder_as_database__cannot_open_with_the_folder_reason(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path)

    assert caught.value.code == "store.cannot_open"
    assert caught.value.message.fields["reason"] == StoreCode.OPEN_FOLDER.message()
    assert render(caught.value.message, "kk") == (
        f"{tmp_path}: Бұл — қалта. Дерекқор файлын таңдаңыз.")


def test_read_only_store__sqlite_words_in_the_detail_field_not_the_sentence(
        tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store.open(path):
        pass
    with Store.open_read_only(path) as store, pytest.raises(StoreError) as caught:
        store.set_quota("f", "almaty", 3)

    message = caught.value.message
    assert message.code == "store.cannot_write"
    assert message.location == Location(file=str(path))
    detail = message.fields["detail"]
    assert isinstance(detail, str) and "readonly" in detail
    russian = render(message, "ru")
    assert russian == (f"{path}: В файл нельзя записать ({detail}). "
                       "Проверьте права доступа к нему.")


@pytest.mark.parametrize("value", [True, float("nan"), datetime(2024, 1, 1), ("a b",), object()])
def test_unstorable_answer__bad_value_at_the_question(value: object) -> None:
    with pytest.raises(StoreError) as caught:
        encode("age", value)

    message = caught.value.message
    assert message.code == "store.bad_value"
    assert message.location == Location(question="age")
    assert message.fields == {"type": type(value).__name__}  # never the value itself
    assert render(message, "kk").startswith("«age» сұрағы: Бұл жауапты сақтау мүмкін емес")


@pytest.mark.parametrize(("value", "kind", "limit"), [
    ("x" * 10_001, "store.value.text", 10_000),
    (tuple(f"c{i}" for i in range(3000)), "store.value.choices", 10_000),
    (10**30, "store.value.integer", 18),
    (1.2345678901234567e-30, "store.value.decimal", 40),
])
def test_over_long_answer__too_long_names_question_kind_and_limit(value, kind, limit) -> None:
    with pytest.raises(StoreError) as caught:
        encode("comment", value)
    message = caught.value.message
    assert (message.code, message.location) == ("store.too_long", Location(question="comment"))
    assert (message.fields["kind"].code, message.fields["limit"]) == (kind, limit)
    english = render(message, "en")
    assert "at most" in english and "x" * 20 not in english and "c2999" not in english


def test_longest_answers__stored() -> None:
    assert encode("q", "я" * 10_000)[1] == "я" * 10_000
    assert encode("q", 10**18 - 1)[2] == 10**18 - 1


def test_storable_answers__encoded_without_error() -> None:
    assert encode("d", date(2024, 5, 1)) == ("date", "2024-05-01", None)


def test_reopen_draft__not_complete_with_uuid_field(tmp_path: Path) -> None:
    from survey.form.model import Form, Settings, Text

    with Store.open(tmp_path / "a.db") as store:
        store.register_form(Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}),
                                                   version="1"), questions=()), b"x")
        uuid = store.start_interview("f", "1", interviewer="Dana")
        with pytest.raises(StoreError) as caught:
            store.reopen(uuid, who="Dana", reason="typo")
        with pytest.raises(StoreError) as quota:
            store.set_quota("f", "almaty", -1)

    assert caught.value.message == StoreCode.NOT_COMPLETE.message(uuid=uuid)
    assert render(caught.value.message, "ru").startswith(f"Интервью {uuid} — черновик")
    assert quota.value.message == StoreCode.BAD_QUOTA.message(region="almaty", target="-1")


def test_merge_summary__failed_input__russian_line_names_the_file_once(tmp_path: Path) -> None:
    foreign = _foreign(tmp_path / "laptop.db")
    [summary] = merge(tmp_path / "master.db", [foreign])

    assert not summary.ok and summary.error_code == "store.not_kelisim"
    assert summary.failure == (StoreCode.NOT_KELISIM.message(Location(file=str(foreign))),)
    assert render(summary.message(), "ru") == (
        "laptop.db: ошибка, ничего не объединено: Этот файл не является базой данных Kelisim. "
        "Выберите файл базы данных, созданный Kelisim.")


def test_architecture_doc__every_store_error_code__declared() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = text.split("Store error codes (`store.*`):")[1].split("(`StoreCode`)")[0]
    names = set(re.findall(r"`([a-z_]+)`", block))
    declared = {member.code for member in StoreCode}
    assert names and {f"store.{name}" for name in names} <= declared
