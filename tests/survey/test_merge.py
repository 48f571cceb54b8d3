"""Merging laptop stores into a master: copies, idempotence, conflicts, refused inputs."""

import hashlib
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from survey.form.model import Form, Settings, Text
from survey.messages import Location, Message, render
from survey.store import Store, merge
from survey.store.schema import SCHEMA_VERSION
from tests.survey.hostile import store_at_version

pytestmark = pytest.mark.slow  # merges of several laptop databases


def _form(version="1"):
    return Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}), version=version),
                questions=())


class Clock:
    """A settable clock: each reading advances one second."""

    def __init__(self, start):
        self.moment = start

    def __call__(self):
        self.moment += timedelta(seconds=1)
        return self.moment


DAY1 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DAY2 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
DAY3 = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


def _laptop(path, *, interviews=2, start=DAY1, xlsform=b"form v1"):
    """A laptop store with complete interviews (audit + paradata) and one draft."""
    with Store.open(path, clock=Clock(start)) as store:
        store.register_form(_form(), xlsform)
        uuids = []
        for number in range(interviews):
            uuid = store.start_interview("f", "1", interviewer=f"int-{path.stem}", language="ru")
            store.record_event(uuid, "age", "shown")
            store.save_answer(uuid, "age", 20 + number)
            store.save_answer(uuid, "media", ("tv", "radio"))
            store.record_event(uuid, "age", "answered")
            store.complete(uuid)
            uuids.append(uuid)
        draft = store.start_interview("f", "1", interviewer=f"int-{path.stem}")
        store.save_answer(draft, "age", 99)
        return [*uuids, draft]


def _edit(path, uuid, answers, when, who="Supervisor"):
    with Store.open(path, clock=Clock(when)) as store:
        if store.interview(uuid).is_complete:
            store.reopen(uuid, who=who, reason="correction")
        for name, value in answers.items():
            store.save_answer(uuid, name, value)
        store.complete(uuid)


def _dump(path):
    """Every row of the database, except the log epoch each opening renews (bookkeeping of
    which log belongs to the file, no data)."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "'log_epoch'" not in line
                and "'log_base'" not in line]
    finally:
        conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _conflicts(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT uuid, source, kept_version, other_version FROM conflicts"
                            ).fetchall()
    finally:
        conn.close()


def test_merge__new_master__copies_forms_interviews_answers_audit_paradata(tmp_path):
    a = _laptop(tmp_path / "a.db")
    b = _laptop(tmp_path / "b.db", interviews=3)
    summaries = merge(tmp_path / "master.db", [tmp_path / "a.db", tmp_path / "b.db"])
    assert [(s.added, s.identical, s.updated, s.conflicts) for s in summaries] == [
        (3, 0, 0, 0), (4, 0, 0, 0)]
    assert [s.forms_added for s in summaries] == [1, 0]
    assert render(summaries[0].message(), "en") == (
        "a.db: 3 added, 0 identical, 0 updated, 0 conflicts; 1 new questionnaire version(s)")
    assert render(summaries[1].message(), "ru") == (
        "b.db: добавлено 4, совпадает 0, обновлено 0, конфликтов 0")
    with Store.open(tmp_path / "master.db") as master, Store.open(tmp_path / "b.db") as laptop:
        assert master.count_interviews() == 7
        assert master.count_interviews(status="draft") == 2
        assert master.xlsform_bytes("f", "1") == b"form v1"
        for uuid in b:
            assert master.interview(uuid) == laptop.interview(uuid)
            assert master.answers(uuid) == laptop.answers(uuid)
            assert master.audit_log(uuid) == laptop.audit_log(uuid)
            assert master.events(uuid) == laptop.events(uuid)
        assert master.answers(a[0]) == {"age": 20, "media": ("tv", "radio")}
        assert [e.action for e in master.audit_log(a[0])] == ["complete"]


def test_merge__same_file_twice__master_unchanged_all_identical(tmp_path):
    _laptop(tmp_path / "a.db")
    merge(tmp_path / "master.db", [tmp_path / "a.db"])
    before = _dump(tmp_path / "master.db")
    (summary,) = merge(tmp_path / "master.db", [tmp_path / "a.db"])
    assert (summary.added, summary.identical, summary.updated, summary.conflicts) == (0, 3, 0, 0)
    assert _dump(tmp_path / "master.db") == before


def test_merge__input_file__bytes_unchanged_and_no_files_added_beside_it(tmp_path):
    laptops = tmp_path / "usb"
    laptops.mkdir()
    _laptop(laptops / "a.db")
    names, digest = sorted(p.name for p in laptops.iterdir()), _digest(laptops / "a.db")
    merge(tmp_path / "master.db", [laptops / "a.db"])
    merge(tmp_path / "master.db", [laptops / "a.db"])
    assert _digest(laptops / "a.db") == digest
    assert sorted(p.name for p in laptops.iterdir()) == names


def test_merge__input_open_in_app__read_and_left_unchanged(tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    with Store.open(tmp_path / "a.db") as app:
        digest = _digest(tmp_path / "a.db")
        (summary,) = merge(tmp_path / "master.db", [tmp_path / "a.db"])
        assert summary.added == len(uuids)
        assert _digest(tmp_path / "a.db") == digest
        app.save_answer(uuids[-1], "age", 98)


def test_merge__edited_on_two_laptops__latest_kept_other_in_conflicts(tmp_path):
    (shared, *_) = _laptop(tmp_path / "a.db")
    merge(tmp_path / "b.db", [tmp_path / "a.db"])  # laptop b receives a's interviews
    _edit(tmp_path / "a.db", shared, {"age": 30}, DAY2)
    _edit(tmp_path / "b.db", shared, {"age": 31, "media": ("web",)}, DAY3)
    master = tmp_path / "master.db"
    summaries = merge(master, [tmp_path / "a.db", tmp_path / "b.db"])
    assert [(s.added, s.updated, s.conflicts) for s in summaries] == [(3, 0, 0), (0, 0, 1)]
    with Store.open(master) as store:
        assert store.answers(shared) == {"age": 31, "media": ("web",)}
        actions = [(e.action, e.question, e.old_value, e.new_value)
                   for e in store.audit_log(shared)]
        assert ("change", "age", "20", "30") in actions and ("change", "age", "20", "31") in actions
    ((uuid, source, kept, other),) = _conflicts(master)
    assert (uuid, source) == (shared, "b.db")
    assert '"text": "31"' in kept and '"text": "web"' in kept
    assert '"text": "30"' in other and '"text": "tv radio"' in other


def test_merge__conflict_inputs_in_other_order__same_winner(tmp_path):
    (shared, *_) = _laptop(tmp_path / "a.db")
    merge(tmp_path / "b.db", [tmp_path / "a.db"])
    _edit(tmp_path / "a.db", shared, {"age": 30}, DAY2)
    _edit(tmp_path / "b.db", shared, {"age": 31}, DAY3)
    master = tmp_path / "master.db"
    summaries = merge(master, [tmp_path / "b.db", tmp_path / "a.db"])
    assert [s.conflicts for s in summaries] == [0, 1]
    with Store.open(master) as store:
        assert store.answers(shared)["age"] == 31
    assert len(_conflicts(master)) == 1


def test_merge__known_conflict_merged_again__nothing_changes(tmp_path):
    (shared, *_) = _laptop(tmp_path / "a.db")
    merge(tmp_path / "b.db", [tmp_path / "a.db"])
    _edit(tmp_path / "a.db", shared, {"age": 30}, DAY2)
    _edit(tmp_path / "b.db", shared, {"age": 31}, DAY3)
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db", tmp_path / "b.db"])
    before = _dump(master)
    summaries = merge(master, [tmp_path / "a.db", tmp_path / "b.db"])
    assert [(s.identical, s.conflicts) for s in summaries] == [(3, 0), (3, 0)]
    assert _dump(master) == before


def test_merge__later_version_from_same_laptop__updated_without_conflict(tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db"])
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "age", 50)
        laptop.complete(uuids[-1])
    (summary,) = merge(master, [tmp_path / "a.db"])
    assert (summary.updated, summary.identical, summary.conflicts) == (1, 2, 0)
    with Store.open(master) as store:
        assert store.answers(uuids[-1]) == {"age": 50}
        assert store.interview(uuids[-1]).status == "complete"
    assert _conflicts(master) == []


def test_merge__older_copy_from_same_laptop__outdated_master_kept(tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    shutil.copy(tmp_path / "a.db", tmp_path / "old-a.db")
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "age", 50)
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db"])
    before = _dump(master)
    (summary,) = merge(master, [tmp_path / "old-a.db"])
    assert (summary.outdated, summary.identical) == (1, 2)
    outdated = summary.message().fields["outdated"]
    assert isinstance(outdated, Message) and outdated.code == "store.merge.outdated"
    assert outdated.fields == {"count": 1}
    assert render(summary.message(), "kk") == (
        "old-a.db: 0 қосылды, 2 бірдей, 0 жаңартылды, 0 қайшылық, 1 дерекқордағы бар нұсқадан "
        "ескі (сол нұсқа сақталды)")
    assert _dump(master) == before


def test_merge__same_content_saved_later__identical(tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db"])
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "age", 1)
        laptop.save_answer(uuids[-1], "age", 99)
    (summary,) = merge(master, [tmp_path / "a.db"])
    assert (summary.identical, summary.updated, summary.conflicts) == (3, 0, 0)


def test_merge__form_same_version_other_content__input_refused_others_merged(tmp_path):
    _laptop(tmp_path / "a.db")
    _laptop(tmp_path / "bad.db", xlsform=b"edited without a new version")
    _laptop(tmp_path / "c.db")
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db"])
    before = _dump(master)
    (refused,) = merge(master, [tmp_path / "bad.db"])
    assert refused.error_code == "store.form_conflict"
    assert _dump(master) == before
    bad, good = merge(master, [tmp_path / "bad.db", tmp_path / "c.db"])
    assert bad.error_code == "store.form_conflict" and not bad.ok
    assert [(m.code, dict(m.fields)) for m in bad.failure] == [
        ("store.form_conflict", {"form": "f", "version": "1"})]
    assert bad.message().code == "store.merge.failed"
    assert render(bad.message(), "en").startswith(
        "bad.db: failed, nothing merged: The form 'f' version '1' is already stored")
    assert good.ok and good.added == 3
    with Store.open(master) as store:
        assert store.count_interviews() == 6


def _newer(path):
    _laptop(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _foreign(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("make", "code"), [
    (lambda p: p.write_text("not a database " * 300), "store.corrupt"),
    (_foreign, "store.not_kelisim"),
    (_newer, "store.newer_schema"),
    (lambda p: None, "store.not_found"),
])
def test_merge__unusable_input__error_master_untouched_rest_merged(tmp_path, make, code):
    _laptop(tmp_path / "a.db")
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db"])
    before = _dump(master)
    bad_path = tmp_path / "bad.db"
    make(bad_path)
    digest = _digest(bad_path) if bad_path.exists() else None
    (alone,) = merge(master, [bad_path])
    assert alone.error_code == code and alone.failure[0].code == code
    assert alone.failure[0].location == Location(file=str(bad_path))
    line = render(alone.message(), "en")  # the file is named once, at the start
    assert line.startswith("bad.db: failed, nothing merged: ") and str(bad_path) not in line
    assert _dump(master) == before
    _laptop(tmp_path / "c.db")
    bad, good = merge(master, [bad_path, tmp_path / "c.db"])
    assert bad.error_code == code
    assert good.added == 3
    assert (_digest(bad_path) if bad_path.exists() else None) == digest


def test_merge__damaged_page_in_input__corrupt_and_master_untouched(tmp_path):
    _laptop(tmp_path / "a.db", interviews=40)
    data = bytearray((tmp_path / "a.db").read_bytes())
    page = 4096
    data[3 * page: 4 * page] = b"\xff" * page
    (tmp_path / "a.db").write_bytes(bytes(data))
    (summary,) = merge(tmp_path / "master.db", [tmp_path / "a.db"])
    assert summary.error_code == "store.corrupt"
    with Store.open(tmp_path / "master.db") as store:
        assert store.count_interviews() == 0 and store.forms() == []


def test_merge__master_itself_as_input__refused(tmp_path):
    _laptop(tmp_path / "master.db")
    (summary,) = merge(tmp_path / "master.db", [tmp_path / "master.db"])
    assert summary.error_code == "store.same_file"


def test_merge__while_app_has_master_open__app_sees_and_keeps_writing(tmp_path):
    master = tmp_path / "master.db"
    with Store.open(master) as app:
        app.register_form(_form(), b"form v1")
        mine = app.start_interview("f", "1", interviewer="Supervisor")
        counter = app.change_counter()
        uuids = _laptop(tmp_path / "a.db")
        (summary,) = merge(master, [tmp_path / "a.db"])
        assert summary.added == 3
        assert app.count_interviews() == 4
        assert app.change_counter() > counter
        assert app.answers(uuids[0])["age"] == 20
        app.save_answer(mine, "age", 40)


def test_merge__progress__called_after_each_input(tmp_path):
    _laptop(tmp_path / "a.db")
    _laptop(tmp_path / "b.db")
    calls = []
    merge(tmp_path / "m.db", [tmp_path / "a.db", tmp_path / "b.db"],
          progress=lambda done, total, path: calls.append((done, total, path.name)))
    assert calls == [(1, 2, "a.db"), (2, 2, "b.db")]


def test_merge__older_schema_input__upgraded_copy_merged_input_unchanged(tmp_path):
    old = tmp_path / "old.db"
    store_at_version(old, 1)
    conn = sqlite3.connect(old)
    conn.execute("INSERT INTO forms (form_id, version, title, languages, default_language, "
                 "xlsform, sha256, registered_at) VALUES ('f', '1', '{}', '[]', NULL, ?, ?, "
                 "'2026-01-01T00:00:00.000000Z')",
                 (b"form v1", hashlib.sha256(b"form v1").hexdigest()))
    conn.execute("INSERT INTO interviews (uuid, form_id, form_version, interviewer, device_id, "
                 "language, status, started_at, updated_at, tz_offset, last_device_id) VALUES "
                 "('u1', 'f', '1', 'A', 'd', 'kk', 'draft', '2026-01-01T00:00:00.000000Z', "
                 "'2026-01-01T00:00:00.000000Z', '+05:00', 'd')")
    conn.execute("INSERT INTO answers VALUES ('u1', 'share', 'decimal', '2.0', 2.0, "
                 "'2026-01-01T00:00:00.000000Z')")  # version 1 wrote Python's repr
    conn.commit()
    conn.close()
    digest = _digest(old)
    (summary,) = merge(tmp_path / "m.db", [old])
    assert summary.ok and summary.added == 1
    assert _digest(old) == digest
    with Store.open(tmp_path / "m.db") as master:
        assert master.answers("u1") == {"share": 2.0}
    conn = sqlite3.connect(tmp_path / "m.db")
    assert conn.execute("SELECT value_text FROM answers").fetchone() == ("2",)
    conn.close()


def test_merge__laptops_cloned_from_one_file__diverging_edits_kept_as_conflict(tmp_path):
    """Two laptops set up from a copy of one database share its device id."""
    uuids = _laptop(tmp_path / "a.db")
    shutil.copy(tmp_path / "a.db", tmp_path / "clone.db")
    draft = uuids[-1]
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(draft, "media", ("tv",))
    with Store.open(tmp_path / "clone.db", clock=Clock(DAY3)) as laptop:
        laptop.save_answer(draft, "age", 41)
    master = tmp_path / "master.db"
    summaries = merge(master, [tmp_path / "a.db", tmp_path / "clone.db"])
    assert summaries[1].conflicts == 1
    with Store.open(master) as store:
        assert store.answers(draft) == {"age": 41}
    ((_uuid, _source, kept, other),) = _conflicts(master)
    assert '"text": "41"' in kept and '"text": "tv"' in other  # nothing entered is lost
