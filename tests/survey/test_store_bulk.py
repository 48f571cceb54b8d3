"""Writing many whole interviews at once (demo data) and reading all answers back."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from survey.errors import StoreError
from survey.form.model import Form, Settings, Text
from survey.store import NewInterview, Store

ALMATY = timezone(timedelta(hours=5))


def _store(path):
    store = Store.open(path)
    store.register_form(Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}),
                                               version="1"), questions=()), b"x")
    return store


def _record(number, **changes):
    start = datetime(2026, 4, 1, 10, 0, tzinfo=ALMATY) + timedelta(minutes=number)
    values = dict(form_id="f", form_version="1", interviewer=f"int{number % 3}",
                  device_id=f"lap{number % 2}", language="kk",
                  answers={"age": 18 + number, "region": "almaty", "media": ("tv", "web"),
                           "when": date(2026, 1, 1), "score": 0.5, "skipped": None},
                  started_at=start, completed_at=start + timedelta(minutes=20),
                  events=(("age", "shown", start), ("age", "answered", start)))
    values.update(changes)
    return NewInterview(**values)


def test_import_interviews__records__stored_complete_with_answers_and_paradata(tmp_path):
    with _store(tmp_path / "s.db") as store:
        counter = store.change_counter()
        uuids = store.import_interviews(_record(n) for n in range(1200))
        assert len(set(uuids)) == 1200
        assert store.count_interviews(status="complete") == 1200
        assert store.change_counter() == counter + 1
        record = store.interview(uuids[5])
        assert record.completed_at == datetime(2026, 4, 1, 5, 25, tzinfo=UTC)
        assert record.updated_at == record.completed_at and record.tz_offset == "+05:00"
        assert (record.interviewer, record.device_id) == ("int2", "lap1")
        assert store.answers(uuids[5]) == {"age": 23, "region": "almaty", "media": ("tv", "web"),
                                           "when": date(2026, 1, 1), "score": 0.5}
        assert [e[:2] for e in store.events(uuids[5])] == [("age", "shown"), ("age", "answered")]
        rows = list(store.answer_rows(status="complete"))
        assert len(rows) == 1200 * 5
        assert (uuids[0], "age", 18) in rows


def test_import_interviews__draft_and_mapping_and_given_uuid(tmp_path):
    with _store(tmp_path / "s.db") as store:
        draft = {"form_id": "f", "form_version": "1", "interviewer": "a", "device_id": "d",
                 "language": None, "answers": {"age": 30}, "uuid": "fixed-uuid",
                 "started_at": datetime(2026, 4, 1, tzinfo=UTC)}
        assert store.import_interviews([draft]) == ["fixed-uuid"]
        assert store.interview("fixed-uuid").status == "draft"
        store.save_answer("fixed-uuid", "age", 31)


def test_import_interviews__one_bad_record__nothing_written(tmp_path):
    with _store(tmp_path / "s.db") as store:
        records = [_record(n) for n in range(700)] + [_record(700, form_version="9")]
        with pytest.raises(StoreError) as caught:
            store.import_interviews(records)
        assert caught.value.code == "store.unknown_form"
        assert store.count_interviews() == 0
        with pytest.raises(StoreError) as caught:
            store.import_interviews([{"form": "f"}])
        assert caught.value.code == "store.bad_record"
