"""Files that travel: a store is never read through a ``-wal`` log that is not its own, the
application checkpoints on close, and read-only opens stay consistent while others write."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from survey.errors import StoreError
from survey.messages import render
from survey.store import NewInterview, Store, merge
from survey.store.codes import StoreCode
from tests.survey.hostile import DAY1, field_form, laptop

LOG, SHM = "kelisim.db-wal", "kelisim.db-shm"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _interviews_by(store: Store) -> dict[str, int]:
    found: dict[str, int] = {}
    for record in store.interviews():
        found[record.interviewer] = found.get(record.interviewer, 0) + 1
    return found


@pytest.fixture
def prepared(tmp_path: Path) -> Path:
    """One prepared file every laptop of a team is set up from."""
    form = field_form(tmp_path / "field.xlsx")
    path = tmp_path / "prepared.db"
    laptop(path, form, 0)
    return path


def _fill(store: Store, count: int, interviewer: str) -> None:
    for number in range(count):
        uuid = store.start_interview("field", "1", interviewer=interviewer)
        store.save_answer(uuid, "age", 30 + number)
        store.complete(uuid)


@pytest.mark.slow
def test_merge__stale_log_of_another_laptop_beside_the_file__file_read_alone_and_said(
        tmp_path, prepared):
    """The reported case: B's kelisim.db-wal left on the stick, C's kelisim.db copied over."""
    usb, b_dir, c_dir = (tmp_path / name for name in ("usb", "b", "c"))
    for folder in (usb, b_dir, c_dir):
        folder.mkdir()
        shutil.copy(prepared, folder / "kelisim.db")
    (usb / "kelisim.db").unlink()
    with Store.open(b_dir / "kelisim.db") as b:  # copied while laptop B's application runs
        _fill(b, 30, "B")
        shutil.copy(b_dir / "kelisim.db", usb / "kelisim.db")
        shutil.copy(b_dir / LOG, usb / LOG)
    (first,) = merge(tmp_path / "master.db", [usb / "kelisim.db"])
    assert first.added == 30  # B's own log is read: nothing lost
    assert first.notes == ()
    with Store.open(c_dir / "kelisim.db") as c:
        _fill(c, 35, "C")
    shutil.copy(c_dir / "kelisim.db", usb / "kelisim.db")
    digests = {name: _digest(usb / name) for name in ("kelisim.db", LOG)}

    (second,) = merge(tmp_path / "master.db", [usb / "kelisim.db"])

    assert (second.added, second.identical) == (35, 0)
    with Store.open(tmp_path / "master.db") as master:
        assert _interviews_by(master) == {"B": 30, "C": 35}
    (note,) = second.notes
    assert note == StoreCode.MERGE_LOG_FOREIGN.message(log=LOG)
    assert render(note, "en").startswith(f"read without {LOG}, which lies beside it but "
                                         "belongs to another copy of the database")
    assert {name: _digest(usb / name) for name in digests} == digests
    assert sorted(p.name for p in usb.iterdir()) == ["kelisim.db", LOG]


@pytest.mark.slow
def test_merge__own_log_of_a_laptop_killed_or_still_running__read(tmp_path, prepared):
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(prepared, tmp_path / "kelisim.db")
    with Store.open(tmp_path / "kelisim.db") as store:
        _fill(store, 12, "A")
        shutil.copy(tmp_path / "kelisim.db", usb / "kelisim.db")
        shutil.copy(tmp_path / LOG, usb / LOG)
    conn = sqlite3.connect(f"file:{usb / 'kelisim.db'}?immutable=1", uri=True)
    assert conn.execute("SELECT count(*) FROM interviews").fetchone() == (0,)  # all in the log
    conn.close()
    (summary,) = merge(tmp_path / "master.db", [usb / "kelisim.db"])
    assert summary.added == 12
    assert summary.notes == ()


def test_merge__log_written_by_an_older_kelisim__not_read_and_said(tmp_path, prepared):
    """A log without the epoch cannot be shown to belong to its file: the file is read alone."""
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copy(prepared, tmp_path / "kelisim.db")
    with Store.open(tmp_path / "kelisim.db") as store:
        _fill(store, 3, "A")
    writer = sqlite3.connect(tmp_path / "kelisim.db", isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("DELETE FROM meta WHERE key LIKE 'log_%'")
    writer.execute("UPDATE interviews SET interviewer = 'changed'")
    shutil.copy(tmp_path / "kelisim.db", usb / "kelisim.db")
    shutil.copy(tmp_path / LOG, usb / LOG)
    writer.close()
    (summary,) = merge(tmp_path / "master.db", [usb / "kelisim.db"])
    assert summary.added == 3
    assert summary.notes == (StoreCode.MERGE_LOG_UNKNOWN.message(log=LOG),)
    with Store.open(tmp_path / "master.db") as master:
        assert _interviews_by(master) == {"A": 3}


def test_open__stale_log_of_another_copy__refused_and_nothing_changed(tmp_path, prepared):
    """A backup copied over the laptop's database while its log was left behind."""
    home = tmp_path / "Kelisim"
    home.mkdir()
    shutil.copy(prepared, home / "kelisim.db")
    shutil.copy(prepared, tmp_path / "backup.db")
    with Store.open(tmp_path / "backup.db") as backup:
        _fill(backup, 2, "backup")
    with Store.open(home / "kelisim.db") as store:
        _fill(store, 4, "A")
        shutil.copy(home / LOG, tmp_path / "left-behind.wal")
    shutil.copy(tmp_path / "backup.db", home / "kelisim.db")
    shutil.copy(tmp_path / "left-behind.wal", home / LOG)
    before = {name: _digest(home / name) for name in ("kelisim.db", LOG)}
    with pytest.raises(StoreError) as caught:
        Store.open(home / "kelisim.db")
    assert caught.value.message == StoreCode.FOREIGN_LOG.message(caught.value.message.location,
                                                                 log=LOG)
    assert "Move kelisim.db-wal" in render(caught.value.message, "en")
    assert {name: _digest(home / name) for name in before} == before
    (home / LOG).unlink()
    (home / SHM).unlink(missing_ok=True)
    with Store.open(home / "kelisim.db") as store:
        assert _interviews_by(store) == {"backup": 2}


def test_close__checkpoints__the_file_alone_holds_everything_while_others_read(tmp_path):
    path = tmp_path / "kelisim.db"
    _new(path)
    reader = sqlite3.connect(path)  # another program (a database browser) keeps it open
    try:
        reader.execute("SELECT count(*) FROM interviews").fetchall()
        with Store.open(path) as store:
            store.set_quota("f", "almaty", 7)
        assert (tmp_path / LOG).exists()  # kept by the reader
        shutil.copy(path, tmp_path / "copied.db")  # the file alone, as people copy it
    finally:
        reader.close()
    conn = sqlite3.connect(tmp_path / "copied.db")
    assert conn.execute("SELECT target FROM quotas").fetchall() == [(7,)]
    conn.close()


def _new(path: Path) -> Path:
    with Store.open(path):
        pass
    return path


@pytest.mark.slow
def test_read_only__a_write_starting_meanwhile__reads_stay_consistent(tmp_path):
    """Read-only is not immutable: a writer's checkpoint must not pull pages from under an
    export that is reading (the reported "database disk image is malformed")."""
    form = field_form(tmp_path / "field.xlsx")
    path = tmp_path / "kelisim.db"
    uuids = laptop(path, form, 1)
    with Store.open(path) as store:
        store.import_interviews(_many(12_000))
    expected = _count_answers(path)
    reader = Store.open_read_only(path)
    try:
        rows = reader.answer_rows()
        seen = [next(rows) for _ in range(5)]
        with Store.open(path) as writer:  # a save starts while the export reads
            writer.import_interviews(_many(12_000, start=20_000))
            writer.reopen(uuids[0], who="Supervisor", reason="typo")
            writer.save_answer(uuids[0], "comment", "changed")
        seen += list(rows)
    except StoreError as error:  # what an immutable reader ran into
        pytest.fail(f"reading failed while another program wrote: {error}")
    finally:
        reader.close()
    assert len(seen) == expected == len({(u, q) for u, q, _ in seen})


def _many(count: int, start: int = 0) -> list[NewInterview]:
    return [NewInterview("field", "1", "Bulk", "lap", "en",
                         {"comment": f"answer number {start + i} " * 4, "age": i % 90},
                         DAY1, DAY1, uuid=f"{start + i:032x}") for i in range(count)]


def _count_answers(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM answers").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_open__another_program_holds_a_write__opens_at_once_and_reads(tmp_path):
    """Opening renews the log epoch when it can; another program's long write only
    postpones that (it is never a reason to fail or wait long)."""
    path = _new(tmp_path / "kelisim.db")
    with Store.open(path) as store:
        store.set_quota("f", "almaty", 3)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO quotas VALUES ('f', 'abai', 1)")
        with Store.open(path) as store:
            assert store.quotas("f") == {"almaty": 3}
        other.execute("COMMIT")
    finally:
        other.close()
    with Store.open(path) as store:
        assert store.quotas("f") == {"abai": 1, "almaty": 3}
