"""``kelisim pack``: one self-contained, checksummed file per laptop, safe to kill."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from desktop.cli import main as kelisim
from survey.errors import StoreError
from survey.messages import render
from survey.store import NewInterview, Store, merge
from survey.store.pack import PACK_NAME, pack
from tests.survey.hostile import DAY1, field_form, kill_after, laptop


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM interviews").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def field(tmp_path: Path) -> bytes:
    return field_form(tmp_path / "field.xlsx")


def test_pack__application_still_writing__one_checked_file_named_after_device_and_moment(
        tmp_path, field):
    path = tmp_path / "kelisim.db"
    laptop(path, field, 3)
    usb = tmp_path / "usb"
    with Store.open(path) as app:  # the laptop's application is open, its log not yet merged
        uuid = app.start_interview("field", "1", interviewer="Dana")
        app.save_answer(uuid, "age", 41)
        assert (tmp_path / "kelisim.db-wal").stat().st_size > 0
        written = pack(path, usb)
        app.save_answer(uuid, "age", 42)  # the application goes on
        device = app.device_id
    assert written.interviews == 4
    assert sorted(p.name for p in usb.iterdir()) == [written.path.name]  # no log, nothing else
    found = PACK_NAME.fullmatch(written.path.name)
    assert found is not None and written.path.name.startswith(f"kelisim-{device[:8]}-")
    assert written.sha256 == _sha(written.path) and found["digest"] == written.sha256[:16]
    conn = sqlite3.connect(f"file:{written.path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert conn.execute("SELECT value_text FROM answers WHERE uuid = ? AND question = 'age'",
                        (uuid,)).fetchone() == ("41",)
    conn.close()


@pytest.mark.slow
def test_pack_then_merge__checksum_checked__every_interview_arrives_once(tmp_path, field):
    laptop(tmp_path / "a.db", field, 5)
    first = pack(tmp_path / "a.db", tmp_path / "usb")
    time.sleep(1.1)  # another second: another name
    second = pack(tmp_path / "a.db", tmp_path / "usb")
    assert first.path != second.path
    summaries = merge(tmp_path / "master.db", [first.path, second.path])
    assert [(s.added, s.identical, s.notes) for s in summaries] == [(5, 0, ()), (0, 5, ())]


def test_merge__pack_damaged_on_the_way__refused_master_unchanged(tmp_path, field):
    laptop(tmp_path / "a.db", field, 5)
    written = pack(tmp_path / "a.db", tmp_path / "usb")
    data = bytearray(written.path.read_bytes())
    data[len(data) // 2] ^= 0x01  # one flipped bit in the middle of the file
    written.path.write_bytes(bytes(data))
    (summary,) = merge(tmp_path / "master.db", [written.path])
    assert summary.error_code == "store.pack_damaged"
    assert render(summary.message(), "en").startswith(
        f"{written.path.name}: failed, nothing merged: The file was damaged or changed on the "
        "way: its checksum begins")
    with Store.open(tmp_path / "master.db") as master:
        assert master.count_interviews() == 0
    renamed = written.path.rename(tmp_path / "usb" / "renamed.db")  # no checksum in the name
    (summary,) = merge(tmp_path / "master.db", [renamed])
    assert summary.error_code != "store.pack_damaged"


def test_pack_command__prints_the_file_in_the_language_asked(tmp_path, field, capsys):
    laptop(tmp_path / "a.db", field, 2)
    code = kelisim(["pack", "--db", str(tmp_path / "a.db"), "--to", str(tmp_path / "usb"),
                    "--lang", "kk"])
    assert code == 0
    (written,) = (tmp_path / "usb").iterdir()
    out = capsys.readouterr().out
    assert out.startswith(f"2 сұхбат {written} файлына жинақталды (sha256 {_sha(written)})")
    assert kelisim(["pack", "--db", str(tmp_path / "none.db"), "--to",
                    str(tmp_path / "usb")]) == 1
    assert "[store.not_found]" in capsys.readouterr().err


def test_pack__tampered_database__refused_nothing_written(tmp_path, field):
    laptop(tmp_path / "a.db", field, 1)
    conn = sqlite3.connect(tmp_path / "a.db")
    conn.execute("CREATE TRIGGER t AFTER INSERT ON answer_rows BEGIN DELETE FROM answer_rows; END")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        pack(tmp_path / "a.db", tmp_path / "usb")
    assert caught.value.code == "store.foreign_schema"
    assert list((tmp_path / "usb").iterdir()) == []


PACKER = """
import sys
from survey.store.pack import pack
print("packing", flush=True)
pack(sys.argv[1], sys.argv[2])
print("packed", flush=True)
"""


@pytest.mark.slow
def test_pack__killed_at_any_moment__source_intact_no_false_pack_next_pack_complete(
        tmp_path, field):
    source = tmp_path / "kelisim.db"
    laptop(source, field, 1)
    with Store.open(source) as store:
        store.import_interviews(
            NewInterview("field", "1", "Bulk", "lap", "en", {"comment": "word " * 40,
                                                             "age": i % 90}, DAY1, DAY1)
            for i in range(15_000))
    total, digest = _count(source), _sha(source)
    usb = tmp_path / "usb"
    usb.mkdir()
    for delay in (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.3):
        kill_after(PACKER, [str(source), str(usb)], delay)
        assert _sha(source) == digest
        for found in usb.iterdir():  # whatever looks like a pack is one, whole
            if PACK_NAME.fullmatch(found.name):
                assert found.name.split("-")[-1] == _sha(found)[:16] + ".db"
                assert _count(found) == total
            else:
                assert found.name.startswith(".kelisim-pack.db.")
    written = pack(source, usb)
    assert _count(written.path) == total
    assert all(PACK_NAME.fullmatch(p.name) for p in usb.iterdir())  # unfinished ones removed
