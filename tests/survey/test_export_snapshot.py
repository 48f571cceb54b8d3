"""The persistent analysis snapshot beside a database file (survey.export.snapshot)."""

from __future__ import annotations

import hashlib
import hmac
import sqlite3
import stat
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from survey.demo import DemoOptions, fill_database
from survey.export import interview_table, read_interviews
from survey.export import table as table_module
from survey.sealing import load_private_key
from survey.store import Store
from tests.survey.sealing_helpers import (
    PASSPHRASE,
    SECRET_ANSWERS,
    fill,
    key_pair,
    register_sealed_form,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "survey.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=60, seed=3))
    return path


def _snapshots(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.analysis-*.parquet"))


def _built(path: Path) -> pd.DataFrame:
    with Store.open(path) as store:
        return interview_table(store, status="complete").frame


def _from_snapshot(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    with Store.open(path) as store:
        table = interview_table(store, status="complete", snapshot=True)
        return table.frame, table.reasons


@pytest.fixture
def built_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many interviews each version's table was built from (the real builder runs)."""
    counts: list[int] = []
    real = table_module._version_table

    def counting(store, form, meta_rows, *args, **kwargs):  # type: ignore[no-untyped-def]
        if meta_rows:
            counts.append(len(meta_rows))
        return real(store, form, meta_rows, *args, **kwargs)

    monkeypatch.setattr(table_module, "_version_table", counting)
    return counts


def test_snapshot__same_table_as_built__owner_only_without_personal_data(db: Path):
    expected = _built(db)
    assert not _snapshots(db)
    first, reasons = _from_snapshot(db)
    again, reasons_again = _from_snapshot(db)
    pd.testing.assert_frame_equal(first, expected)
    pd.testing.assert_frame_equal(again, expected)
    pd.testing.assert_frame_equal(reasons_again, reasons)
    files = _snapshots(db)
    assert len(files) == 3  # the two questionnaire versions of the demo waves, and joined
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        columns = pq.read_table(pa.BufferReader(file.read_bytes()[32:])).column_names
        assert "respondent_phone" not in columns
        assert "region" in columns
    with Store.open(db) as store:
        with_pii = interview_table(store, status="complete", include_pii=True, snapshot=True)
    assert "respondent_phone" in with_pii.frame.columns


def test_snapshot__choice_texts__one_object_per_distinct_text(db: Path):
    """A table read from the snapshot shares its choice names as the built one does, so a
    100,000-row table does not hold millions of copies of "almaty_city"."""
    _from_snapshot(db)
    frame, _ = _from_snapshot(db)
    texts = [t for t in frame["region"].tolist() if t is not None]
    assert len(set(texts)) < len(texts) and len({id(t) for t in texts}) == len(set(texts))
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__read_interviews_writes_and_reads_it(db: Path):
    frame = read_interviews(db)
    assert _snapshots(db)
    pd.testing.assert_frame_equal(read_interviews(db), frame)


def test_snapshot__unchanged_store__nothing_built(db: Path, built_rows: list[int]):
    _from_snapshot(db)
    assert sum(built_rows) > 0
    built_rows.clear()
    _from_snapshot(db)
    assert built_rows == []


def test_snapshot__edit_behind_its_back__detected(db: Path, built_rows: list[int]):
    _from_snapshot(db)
    uuid = _built(db).loc[0, "uuid"]
    with sqlite3.connect(db) as conn:  # another program, not Kelisim
        conn.execute("UPDATE answers SET value_text = 'almaty_city' WHERE uuid = ? "
                     "AND question = 'region'", (uuid,))
    conn.close()
    built_rows.clear()
    frame, _ = _from_snapshot(db)
    assert frame.loc[frame["uuid"] == uuid, "region"].tolist() == ["almaty_city"]
    assert built_rows == [1]  # that interview alone
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__interviews_added__only_they_built(db: Path, tmp_path: Path,
                                                    built_rows: list[int]):
    _from_snapshot(db)
    before = len(_built(db))
    with Store.open(db) as store:
        fill_database(store, DemoOptions(interviews=10, seed=4))
    built_rows.clear()
    frame, _ = _from_snapshot(db)
    assert len(frame) > before
    assert 0 < sum(built_rows) <= 10
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__interview_deleted_behind_its_back__leaves(db: Path):
    _from_snapshot(db)
    uuid = _built(db).loc[3, "uuid"]
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM answers WHERE uuid = ?", (uuid,))
        conn.execute("DELETE FROM paradata WHERE uuid = ?", (uuid,))
        conn.execute("DELETE FROM interviews WHERE uuid = ?", (uuid,))
    conn.close()
    frame, _ = _from_snapshot(db)
    assert uuid not in set(frame["uuid"])
    pd.testing.assert_frame_equal(frame, _built(db))


@pytest.mark.parametrize("damage", ["flipped-byte", "truncated", "empty", "not-parquet"])
def test_snapshot__damaged_file__rebuilt_never_trusted(db: Path, damage: str):
    _from_snapshot(db)
    for file in _snapshots(db):
        data = file.read_bytes()
        file.write_bytes({"flipped-byte": data[:-100] + bytes([data[-100] ^ 1]) + data[-99:],
                          "truncated": data[: len(data) // 2], "empty": b"",
                          "not-parquet": b"x" * 4000}[damage])
    frame, _ = _from_snapshot(db)
    pd.testing.assert_frame_equal(frame, _built(db))
    frame, _ = _from_snapshot(db)  # written again, whole
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__forged_values_with_a_valid_layout__refused(db: Path):
    """Someone rewrites a snapshot with other answers (its signature cannot follow)."""
    _from_snapshot(db)
    for file in _snapshots(db):
        data = file.read_bytes()
        table = pq.read_table(pa.BufferReader(data[32:]))
        column = table.column_names.index("region")
        forged = table.set_column(column, "region",
                                  pa.array(["forged"] * table.num_rows, pa.string()))
        sink = pa.BufferOutputStream()
        pq.write_table(forged, sink)
        file.write_bytes(data[:32] + sink.getvalue().to_pybytes())
    frame, _ = _from_snapshot(db)
    assert "forged" not in set(frame["region"])
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__signed_for_another_database__refused(db: Path, tmp_path: Path):
    """A copy of the file with its own secret: the first file's snapshot, forged and signed
    with the first file's secret, is not read as the copy's."""
    other = tmp_path / "other" / "survey.db"
    other.parent.mkdir()
    other.write_bytes(db.read_bytes())
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE meta SET value = lower(hex(randomblob(32))) "
                     "WHERE key = 'analysis_key'")
    conn.close()
    _from_snapshot(db)
    with sqlite3.connect(db) as conn:
        secret = bytes.fromhex(conn.execute(
            "SELECT value FROM meta WHERE key = 'analysis_key'").fetchone()[0])
    conn.close()
    for file in _snapshots(db):
        table = pq.read_table(pa.BufferReader(file.read_bytes()[32:]))
        column = table.column_names.index("region")
        forged = table.set_column(column, "region",
                                  pa.array(["forged"] * table.num_rows, pa.string()))
        sink = pa.BufferOutputStream()
        pq.write_table(forged, sink)
        body = sink.getvalue().to_pybytes()
        signed = hmac.new(secret, body, hashlib.sha256).digest() + body
        (other.parent / file.name).write_bytes(signed)
    frame, _ = _from_snapshot(other)
    assert "forged" not in set(frame["region"])
    pd.testing.assert_frame_equal(frame, _built(other))


def test_snapshot__deleted__loses_nothing(db: Path):
    frame, _ = _from_snapshot(db)
    for file in _snapshots(db):
        file.unlink()
    again, _ = _from_snapshot(db)
    pd.testing.assert_frame_equal(again, frame)


def test_snapshot__sealed_interview_never_in_it__unsealed_master_adds_it(tmp_path: Path):
    keys = key_pair(tmp_path / "keys")
    path = tmp_path / "master.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        sealed = fill(store)
        draft = fill(store, complete=False)
        frame = interview_table(store, snapshot=True).frame
    assert frame["uuid"].tolist() == [draft]
    for file in _snapshots(path):
        stored = pq.read_table(pa.BufferReader(file.read_bytes()[32:]))
        assert sealed not in stored.column("uuid").to_pylist()
    with Store.open(path) as store:
        store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        frame = interview_table(store, snapshot=True).frame
        expected = interview_table(store).frame
    pd.testing.assert_frame_equal(frame, expected)
    assert frame.loc[frame["uuid"] == sealed, "story"].tolist() == [SECRET_ANSWERS["story"]]
