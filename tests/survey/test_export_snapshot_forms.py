"""The joined table of an unchanged store read whole from the analysis snapshot: neither the
interviews nor the questionnaires' XLSForm files are read again (survey.export.snapshot)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import survey.form.xlsform as xlsform
from survey.demo import DemoOptions, fill_database
from survey.export import interview_table
from survey.form import cache
from survey.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "survey.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=40, seed=5))
    return path


@pytest.fixture
def forms_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The XLSForm files read (the real reader runs)."""
    names: list[str] = []
    real = xlsform.load_form

    def counting(source, **kwargs):  # type: ignore[no-untyped-def]
        names.append(str(kwargs.get("filename")))
        return real(source, **kwargs)

    monkeypatch.setattr(xlsform, "load_form", counting)
    cache.clear()  # parsed once per process: the first read of these tests parses
    return names


def test_kept_joined__unchanged_store__no_questionnaire_read_same_table(db: Path,
                                                                        forms_read: list[str]):
    with Store.open(db) as store:
        built = interview_table(store, status="complete", language="ru")
        interview_table(store, status="complete", snapshot=True)
    assert forms_read
    forms_read.clear()
    cache.clear()  # as in a new process
    with Store.open(db) as store:
        kept = interview_table(store, status="complete", snapshot=True, language="ru")
    assert forms_read == []
    pd.testing.assert_frame_equal(kept.frame, built.frame)
    pd.testing.assert_frame_equal(kept.reasons, built.reasons)
    assert kept.variables == built.variables  # labels in the language asked for
    assert kept.form == built.form and kept.older_forms == built.older_forms
    assert kept.older_forms  # the demo waves are on two versions: the joined table


def test_kept_joined__store_changed__questionnaires_read_and_table_current(
        db: Path, forms_read: list[str]):
    with Store.open(db) as store:
        interview_table(store, status="complete", snapshot=True)
        uuid = store.interviews(status="complete")[0].uuid
    with sqlite3.connect(db) as conn:  # behind the store's back
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DELETE FROM answers WHERE uuid = ?", (uuid,))
        conn.execute("DELETE FROM interviews WHERE uuid = ?", (uuid,))
    conn.close()
    forms_read.clear()
    cache.clear()  # as in a new process
    with Store.open(db) as store:
        kept = interview_table(store, status="complete", snapshot=True)
        built = interview_table(store, status="complete")
    assert forms_read  # the snapshot's forms are not used for a changed store
    assert uuid not in set(kept.frame["uuid"])
    pd.testing.assert_frame_equal(kept.frame, built.frame)
