"""Forms, interviews, autosaved answers, completion, reopening and the audit log."""

import hashlib
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from survey.errors import StoreError
from survey.form.model import Form, Settings, Text
from survey.store import Store

ALMATY = timezone(timedelta(hours=5))


def _form(form_id="f", version="1"):
    return Form(settings=Settings(form_id=form_id, title=Text.of({"en": "Survey", "ru": "Опрос"}),
                                  version=version, default_language="ru"),
                questions=(), languages=("ru", "en"))


class Ticking:
    """A clock that moves one second per reading, in Almaty time."""

    def __init__(self):
        self.moment = datetime(2026, 3, 1, 9, 0, tzinfo=ALMATY)

    def __call__(self):
        self.moment += timedelta(seconds=1)
        return self.moment


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "laptop.db", clock=Ticking()) as opened:
        opened.register_form(_form(), b"xlsform bytes")
        yield opened


def _start(store):
    return store.start_interview("f", "1", interviewer="Dana", device_id="lap-1", language="ru")


def test_register_form__record_has_title_languages_and_sha(store):
    (record,) = store.forms()
    assert (record.form_id, record.version, record.languages) == ("f", "1", ("ru", "en"))
    assert record.title.get("ru") == "Опрос"
    assert record.default_language == "ru"
    assert record.sha256 == hashlib.sha256(b"xlsform bytes").hexdigest()
    assert store.xlsform_bytes("f", "1") == b"xlsform bytes"


def test_register_form__same_bytes_twice__one_row_no_change(store):
    counter = store.change_counter()
    store.register_form(_form(), b"xlsform bytes")
    assert len(store.forms()) == 1
    assert store.change_counter() == counter


def test_register_form__same_version_other_bytes__form_conflict(store):
    with pytest.raises(StoreError) as caught:
        store.register_form(_form(), b"changed questionnaire")
    assert caught.value.code == "store.form_conflict"
    assert dict(caught.value.message.fields) == {"form": "f", "version": "1"}


def test_start_interview__unregistered_form__unknown_form(store):
    with pytest.raises(StoreError) as caught:
        store.start_interview("nope", "1", interviewer="Dana")
    assert caught.value.code == "store.unknown_form"


def test_start_interview__record_in_utc_with_device_offset(store):
    uuid = _start(store)
    record = store.interview(uuid)
    assert record.status == "draft" and record.completed_at is None
    assert record.started_at.tzinfo == UTC
    # the fixture's register_form read the clock once (09:00:01), the start read 09:00:02
    assert record.started_at == datetime(2026, 3, 1, 4, 0, 2, tzinfo=UTC)
    assert record.tz_offset == "+05:00"
    assert record.local(record.started_at).hour == 9
    assert (record.interviewer, record.device_id, record.language) == ("Dana", "lap-1", "ru")


@pytest.mark.parametrize("value", ["Алматы", 42, -3, 2.5, 1e-7, date(2025, 12, 31),
                                   ("tv", "radio"), (), "OK", ""])
def test_save_answer__each_value_type__read_back_equal_and_same_type(store, value):
    uuid = _start(store)
    store.save_answer(uuid, "q", value)
    back = store.answers(uuid)["q"]
    assert back == value
    assert type(back) is type(value)


@pytest.mark.parametrize("value", [True, float("nan"), ["a"], ("a b",), datetime(2025, 1, 1),
                                   {"a": 1}])
def test_save_answer__unsupported_value__bad_value_error(store, value):
    uuid = _start(store)
    with pytest.raises(StoreError) as caught:
        store.save_answer(uuid, "q", value)
    assert caught.value.code == "store.bad_value"
    assert store.answers(uuid) == {}


def test_save_answer__committed_at_once__seen_by_another_connection(store, tmp_path):
    uuid = _start(store)
    store.save_answer(uuid, "age", 34)
    other = sqlite3.connect(tmp_path / "laptop.db")
    row = other.execute("SELECT value_type, value_text, value_num FROM answers "
                        "WHERE uuid = ? AND question = 'age'", (uuid,)).fetchone()
    assert row == ("integer", "34", 34)


def test_save_answer__updates_interview_updated_at_and_counter(store):
    uuid = _start(store)
    before, counter = store.interview(uuid).updated_at, store.change_counter()
    store.save_answer(uuid, "age", 34)
    assert store.interview(uuid).updated_at > before
    assert store.change_counter() > counter


def test_save_answer__none__clears(store):
    uuid = _start(store)
    store.save_answer(uuid, "age", 34)
    store.save_answer(uuid, "age", None)
    store.save_answer(uuid, "name", "x")
    store.clear_answer(uuid, "name")
    assert store.answers(uuid) == {}


def test_save_answer__unknown_interview__unknown_interview_error(store):
    with pytest.raises(StoreError) as caught:
        store.save_answer("missing", "age", 1)
    assert caught.value.code == "store.unknown_interview"


def test_complete__interview_read_only(store):
    uuid = _start(store)
    store.save_answer(uuid, "age", 34)
    store.complete(uuid)
    record = store.interview(uuid)
    assert record.status == "complete" and record.completed_at is not None
    for attempt in (lambda: store.save_answer(uuid, "age", 35),
                    lambda: store.clear_answer(uuid, "age"),
                    lambda: store.set_language(uuid, "en")):
        with pytest.raises(StoreError) as caught:
            attempt()
        assert caught.value.code == "store.read_only"
    assert store.answers(uuid) == {"age": 34}


def test_reopen__without_reason__refused(store):
    uuid = _start(store)
    store.complete(uuid)
    with pytest.raises(StoreError) as caught:
        store.reopen(uuid, who="Supervisor", reason="  ")
    assert caught.value.code == "store.reason_required"
    assert store.interview(uuid).status == "complete"


def test_reopen__draft__not_complete_error(store):
    uuid = _start(store)
    with pytest.raises(StoreError) as caught:
        store.reopen(uuid, who="Supervisor", reason="typo")
    assert caught.value.code == "store.not_complete"


def test_reopen__changes_audited_with_old_new_who_reason(store):
    uuid = _start(store)
    store.save_answer(uuid, "age", 34)
    store.save_answer(uuid, "region", "almaty")
    store.complete(uuid)
    store.reopen(uuid, who="Supervisor Asel", reason="age misheard")
    store.save_answer(uuid, "age", 43)
    store.clear_answer(uuid, "region")
    store.complete(uuid)
    log = store.audit_log(uuid)
    assert [e.action for e in log] == ["complete", "reopen", "change", "change", "complete"]
    change = log[2]
    assert (change.question, change.old_value, change.new_value) == ("age", "34", "43")
    assert (change.who, change.reason) == ("Supervisor Asel", "age misheard")
    assert (log[3].question, log[3].old_value, log[3].new_value) == ("region", "almaty", None)
    assert log[1].reason == "age misheard"
    assert log[0].who == "Dana"
    assert store.answers(uuid) == {"age": 43}


def test_draft_edits__not_audited(store):
    uuid = _start(store)
    store.save_answer(uuid, "age", 34)
    store.save_answer(uuid, "age", 35)
    assert store.audit_log(uuid) == []


def test_audit_log__update_or_delete__refused_by_database(store, tmp_path):
    uuid = _start(store)
    store.complete(uuid)
    conn = sqlite3.connect(tmp_path / "laptop.db")
    for sql in ("UPDATE audit_log SET who = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)
    assert [e.who for e in store.audit_log(uuid)] == ["Dana"]


def test_complete__twice__one_audit_entry(store):
    uuid = _start(store)
    store.complete(uuid)
    store.complete(uuid)
    assert [e.action for e in store.audit_log(uuid)] == ["complete"]


def test_record_event__draft__events_in_order_complete_ignored(store):
    uuid = _start(store)
    store.record_event(uuid, "age", "shown")
    store.record_event(uuid, "age", "answered")
    store.complete(uuid)
    store.record_event(uuid, "region", "shown")
    assert [(q, e) for q, e, _ in store.events(uuid)] == [("age", "shown"), ("age", "answered")]
    with pytest.raises(StoreError) as caught:
        store.record_event(uuid, "age", "skipped")
    assert caught.value.code == "store.bad_event"


def test_interviews__filter_count_order_and_paging(store):
    first, second, third = _start(store), _start(store), _start(store)
    store.complete(second)
    store.save_answer(first, "age", 1)
    assert [r.uuid for r in store.interviews()] == [first, second, third]
    assert [r.uuid for r in store.interviews(status="draft")] == [first, third]
    assert [r.uuid for r in store.interviews(limit=1, offset=1)] == [second]
    assert store.count_interviews() == 3
    assert store.count_interviews(status="complete") == 1
    assert store.count_interviews(form_id="other") == 0


def test_set_language__stored(store):
    uuid = _start(store)
    store.set_language(uuid, "en")
    assert store.interview(uuid).language == "en"


def test_answer_rows__filters_by_status_and_decodes(store):
    done, draft = _start(store), _start(store)
    store.save_answer(done, "age", 30)
    store.save_answer(done, "media", ("tv", "web"))
    store.save_answer(draft, "age", 20)
    store.complete(done)
    assert sorted(store.answer_rows(status="complete")) == [(done, "age", 30),
                                                             (done, "media", ("tv", "web"))]
    every = list(store.answer_rows(form_id="f"))
    uuids = [row[0] for row in every]
    assert uuids == sorted(uuids, key=uuids.index)  # grouped by interview (in the keys' order)
    assert len(every) == 3
    assert list(store.answer_rows(form_id="other")) == []


def test_answer_counts__select_multiple_counts_each_choice(store):
    for media, region in ((("tv", "web"), "almaty"), (("tv",), "astana"), (("web",), "almaty")):
        uuid = _start(store)
        store.save_answer(uuid, "media", media)
        store.save_answer(uuid, "region", region)
        store.complete(uuid)
    draft = _start(store)
    store.save_answer(draft, "region", "almaty")
    assert store.answer_counts("f", "media") == {"tv": 2, "web": 2}
    assert store.answer_counts("f", "region") == {"almaty": 2, "astana": 1}
    assert store.answer_counts("f", "region", status=None) == {"almaty": 3, "astana": 1}


def test_quotas__set_replace_and_reject_negative(store):
    store.set_quota("f", "almaty", 100)
    store.set_quota("f", "astana", 50)
    store.set_quota("f", "almaty", 120)
    assert store.quotas("f") == {"almaty": 120, "astana": 50}
    with pytest.raises(StoreError) as caught:
        store.set_quota("f", "almaty", -1)
    assert caught.value.code == "store.bad_quota"


def test_change_counter__seen_by_second_store_on_same_file(store, tmp_path):
    with Store.open(tmp_path / "laptop.db") as other:
        before = other.change_counter()
        _start(store)
        assert other.change_counter() == before + 1


def test_reopen_and_complete_again__first_completion_time_kept_each_audited(store):
    uuid = _start(store)
    store.save_answer(uuid, "age", 34)
    store.complete(uuid)
    first = store.interview(uuid).completed_at
    store.reopen(uuid, who="Supervisor Asel", reason="age misheard")
    assert store.interview(uuid).completed_at == first
    store.save_answer(uuid, "age", 43)
    store.complete(uuid)

    record = store.interview(uuid)
    assert record.completed_at == first
    assert record.updated_at > first
    log = store.audit_log(uuid)
    completions = [e.at for e in log if e.action == "complete"]
    assert completions[0] == first and completions[1] > first
    assert [e.action for e in log] == ["complete", "reopen", "change", "complete"]
