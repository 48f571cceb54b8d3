"""The persistent analysis snapshot: Parquet beside the database, kept current, never trusted
when the store changed behind its back, never holding personal data."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import survey.export as export
from survey.export import read_interviews, snapshot
from survey.export.table import interview_table
from survey.store import Store, merge
from tests.survey.hostile import DAY1, field_form, laptop, run_sql


@pytest.fixture
def form(tmp_path: Path) -> bytes:
    return field_form(tmp_path / "field.xlsx")


@pytest.fixture
def db(tmp_path: Path, form: bytes) -> Path:
    path = tmp_path / "field.db"
    laptop(path, form, 6)
    return path


def _fresh(path: Path, **options: object) -> pd.DataFrame:
    """The wide table as a new process reads it (no table cached in memory)."""
    export._SNAPSHOTS.clear()
    return read_interviews(path, **options)  # type: ignore[arg-type]


def _built(path: Path) -> pd.DataFrame:
    """The wide table built from the rows, without any snapshot."""
    with Store.open_read_only(path) as store:
        return interview_table(store, status="complete").frame


def _snapshots(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.analysis-*.parquet"))


def test_snapshot__first_read__written_private_without_personal_data(db):
    frame = _fresh(db)
    (file,) = _snapshots(db)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert "respondent_phone" not in pq.read_schema(file).names
    assert b"+7 700" not in file.read_bytes()
    pd.testing.assert_frame_equal(frame, _built(db))
    assert len(frame) == 6


def test_snapshot__second_process__reads_the_file_same_table(db, monkeypatch):
    first = _fresh(db)
    calls: list[int] = []
    real = snapshot.table_of

    def counting(store, form, records, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(records))
        return real(store, form, records, *args, **kwargs)

    monkeypatch.setattr(snapshot, "table_of", counting)
    pd.testing.assert_frame_equal(_fresh(db), first)
    assert calls == []  # no row built


def test_snapshot__store_edited_behind_its_back__detected_and_rebuilt(db):
    _fresh(db)
    uuid = _built(db)["uuid"][2]
    run_sql(db, "UPDATE answers SET value_text = '77', value_num = 77 "
                "WHERE question = 'age' AND uuid = ?", params=(uuid,))
    frame = _fresh(db)
    assert frame.set_index("uuid").loc[uuid, "age"] == 77
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__interview_row_edited_by_another_program__rebuilt(db):
    _fresh(db)
    uuid = _built(db)["uuid"][0]
    run_sql(db, "UPDATE interviews SET interviewer = 'Other' WHERE uuid = ?", params=(uuid,))
    assert _fresh(db).set_index("uuid").loc[uuid, "interviewer"] == "Other"


def test_snapshot__merge_adds_interviews__only_those_rows_built(tmp_path, db, form, monkeypatch):
    _fresh(db)
    other = tmp_path / "other.db"
    laptop(other, form, 2, interviewer="Aru",
           start=DAY1 + timedelta(days=2))
    (summary,) = merge(db, [other])
    assert summary.added == 2
    calls: list[int] = []
    real = snapshot.table_of

    def counting(store, form, records, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(len(records))
        return real(store, form, records, *args, **kwargs)

    monkeypatch.setattr(snapshot, "table_of", counting)
    frame = _fresh(db)
    assert calls == [2]
    assert len(frame) == 8
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__answer_changed_through_the_store__row_rebuilt(db):
    _fresh(db)
    uuid = _built(db)["uuid"][1]
    with Store.open(db) as store:
        store.reopen(uuid, who="Supervisor", reason="typo")
        store.save_answer(uuid, "comment", "corrected")
        store.complete(uuid)
    frame = _fresh(db)
    assert frame.set_index("uuid").loc[uuid, "comment"] == "corrected"
    pd.testing.assert_frame_equal(frame, _built(db))


def test_snapshot__unreadable_file__rebuilt(db):
    _fresh(db)
    (file,) = _snapshots(db)
    file.write_bytes(b"not parquet")
    pd.testing.assert_frame_equal(_fresh(db), _built(db))
    assert pq.read_schema(file).names[0] == "uuid"


def test_snapshot__with_personal_data__built_in_memory_never_written(db):
    frame = _fresh(db, include_pii=True)
    assert frame["respondent_phone"].notna().all()
    assert _snapshots(db) == []


def test_snapshot__drafts_and_completes__one_snapshot_each(db):
    with Store.open(db) as store:
        store.start_interview("field", "1", interviewer="Dana")
    assert len(_fresh(db, status=None)) == 7
    assert len(_fresh(db)) == 6
    assert len(_snapshots(db)) == 2


def test_export__from_the_snapshot__same_file_as_built_from_the_rows(db, tmp_path):
    from survey.export import export_interviews, write_table

    out = export_interviews(db, tmp_path / "snap.csv", "csv", labels=True)
    assert _snapshots(db)  # the export wrote and read the snapshot
    with Store.open_read_only(db) as store:
        built = write_table(interview_table(store, labels=True), tmp_path / "rows.csv", "csv")
    assert out.read_bytes() == built.read_bytes()
