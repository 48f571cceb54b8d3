"""The repeats' tables kept in the analysis snapshot as the joined main table is: an unchanged
store gives them without running the interview engine on any interview; a changed one builds
them again (survey.export.repeat_snapshot)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import survey.export.repeat_tables as repeat_tables_module
from survey.demo import DemoOptions, fill_database
from survey.export.repeat_snapshot import kept_repeat_tables
from survey.export.repeat_tables import repeat_tables
from survey.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "survey.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=40, seed=5))
    return path


@pytest.fixture
def walked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The interviews the engine was run on to build repeat tables (the real walk runs)."""
    rows: list[int] = []
    real = repeat_tables_module._walk

    def counting(form, levels, row, texts, collected):  # type: ignore[no-untyped-def]
        rows.append(row)
        return real(form, levels, row, texts, collected)

    monkeypatch.setattr(repeat_tables_module, "_walk", counting)
    return rows


def test_unchanged_store_gives_the_kept_tables_without_reading_interviews(
        db: Path, walked: list[int]) -> None:
    with Store.open(db) as store:
        built = repeat_tables(store, status="complete", language="kk")
        first = kept_repeat_tables(store, status="complete", language="kk")
    assert list(built.repeats) == ["disputes"] and len(built.forms) == 2  # two waves
    assert len(built.repeats["disputes"].frame) > 0
    walked.clear()
    with Store.open(db) as store:
        again = kept_repeat_tables(store, status="complete", language="kk")
    assert walked == []  # no interview read again
    for tables in (first, again):
        table, expected = tables["disputes"], built.repeats["disputes"]
        pd.testing.assert_frame_equal(table.frame, expected.frame)
        pd.testing.assert_frame_equal(table.reasons, expected.reasons)
        assert table.variables == expected.variables
        assert table.form == expected.form
        assert table.notes == expected.notes and len(expected.notes) == 1  # not asked in 2025


def test_changed_store_builds_the_tables_again(db: Path, walked: list[int]) -> None:
    with Store.open(db) as store:
        kept_repeat_tables(store, status="complete")
        fill_database(store, DemoOptions(interviews=10, seed=9))
        walked.clear()
        current = kept_repeat_tables(store, status="complete")
        expected = repeat_tables(store, status="complete").repeats["disputes"]
    assert walked  # built again
    pd.testing.assert_frame_equal(current["disputes"].frame, expected.frame)
    with Store.open(db) as store:
        walked.clear()
        kept_repeat_tables(store, status="complete")
    assert walked == []


def test_other_status_or_language_is_not_the_kept_table(db: Path, walked: list[int]) -> None:
    with Store.open(db) as store:
        kept_repeat_tables(store, status="complete", language="kk")
        walked.clear()
        drafts = kept_repeat_tables(store, status=None, language="kk")
        assert walked  # all interviews: another table
        expected = repeat_tables(store, status=None, language="kk").repeats["disputes"]
        pd.testing.assert_frame_equal(drafts["disputes"].frame, expected.frame)
        russian = kept_repeat_tables(store, status="complete", language="ru")
    labels = {v.name: v.label for v in russian["disputes"].variables}
    expected_ru = {v.name: v.label for v in repeat_tables(
        Store.open(db), status="complete", language="ru").repeats["disputes"].variables}
    assert labels == expected_ru
