"""One table per repeat level from the store: the main table one row per interview, each
repeat (nested too) one row per instance, linked by ``_parent_uuid``/``_parent_index``/``_index``,
typed and coded as the main table's columns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from survey.export import interview_table
from survey.export.missing import NOT_ASKED
from survey.export.repeat_tables import repeat_frames, repeat_tables
from survey.store import Store
from tests.survey.repeat_export_fixture import HOUSEHOLDS, fill, register
from tests.survey.sealing_helpers import key_pair


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "field.db") as opened:
        register(opened, tmp_path)
        yield opened


def test_main_table_one_row_per_interview_without_repeat_questions(store: Store) -> None:
    uuids = [fill(store, h) for h in HOUSEHOLDS]
    table = interview_table(store)
    frame = table.frame.set_index("uuid")
    assert sorted(frame.index) == sorted(uuids)
    for uuid, household in zip(uuids, HOUSEHOLDS, strict=True):
        assert frame.loc[uuid, "village"] == household["village"]
        assert frame.loc[uuid, "hh_size"] == len(household["members"])  # type: ignore[arg-type]
        assert frame.loc[uuid, "n_members"] == str(len(household["members"]))  # type: ignore[arg-type]
    assert not {"age", "member_name", "job_title", "langs__kk"} & set(frame.columns)


def test_members_and_jobs_tables_hold_every_instance(store: Store) -> None:
    uuids = [fill(store, h) for h in HOUSEHOLDS]
    tables = repeat_tables(store)
    assert list(tables.repeats) == ["members", "jobs"]
    members = tables.repeats["members"].frame
    assert list(members.columns[:2]) == ["_parent_uuid", "_index"]
    assert "member_name" not in members.columns  # personal data left out
    expected = [(uuid, m, member) for uuid, h in zip(uuids, HOUSEHOLDS, strict=True)
                for m, member in enumerate(h["members"], start=1)]  # type: ignore[arg-type]
    got = members.sort_values(["_parent_uuid", "_index"]).reset_index(drop=True)
    expected.sort(key=lambda e: (e[0], e[1]))
    assert len(got) == len(expected)
    for row, (uuid, index, member) in zip(got.itertuples(), expected, strict=True):
        assert (row._1, row._2) == (uuid, index)
        assert row.age == member["age"]
        assert row.sex == member["sex"]
        assert row.langs == " ".join(member["langs"])
        assert row.langs__kk == int("kk" in member["langs"])
        assert row.adult == ("yes" if member["age"] >= 18 else "no")
        assert row.school == member.get("school")
        born = member.get("born")
        assert (pd.isna(row.born) if born is None else row.born.date() == born)
    assert str(members["age"].dtype) == "Int64"
    reasons = tables.repeats["members"].reasons
    adults = (members["age"] >= 18).to_numpy(dtype=bool)
    assert (reasons["school"].to_numpy()[adults] == NOT_ASKED).all()
    assert (reasons["school"].to_numpy()[~adults] == 0).all()
    dont_know = members["langs"] == "dk"
    assert (reasons.loc[dont_know, "langs"] == 3).all()


def test_nested_jobs_carry_the_parent_index(store: Store) -> None:
    uuids = [fill(store, h) for h in HOUSEHOLDS]
    jobs = repeat_tables(store).repeats["jobs"].frame
    assert list(jobs.columns[:3]) == ["_parent_uuid", "_parent_index", "_index"]
    expected = sorted((uuid, str(m), j, job) for uuid, h in zip(uuids, HOUSEHOLDS, strict=True)
                      for m, member in enumerate(h["members"], start=1)  # type: ignore[arg-type]
                      for j, job in enumerate(member["jobs"], start=1))
    got = jobs.sort_values(["_parent_uuid", "_parent_index", "_index"])
    assert len(got) == len(expected) == 3
    for row, (uuid, parent, index, job) in zip(got.to_dict("records"), expected, strict=True):
        assert (row["_parent_uuid"], row["_parent_index"], row["_index"]) == (uuid, parent,
                                                                               index)
        assert row["job_title"] == job["job_title"]
        assert (pd.isna(row["income"]) if "income" not in job
                else row["income"] == job["income"])
    assert str(jobs["income"].dtype) == "Float64"


def test_pii_included_when_asked_and_status_filter(store: Store) -> None:
    complete = fill(store, HOUSEHOLDS[0])
    draft = fill(store, HOUSEHOLDS[1], finish=False)
    members = repeat_tables(store, include_pii=True, status="complete").repeats["members"].frame
    assert set(members["_parent_uuid"]) == {complete}
    assert list(members["member_name"]) == ["Aigerim", "Daulet"]
    drafts = repeat_frames(store, status="draft")
    assert list(drafts["members"]["_parent_uuid"]) == [draft]
    assert list(drafts["jobs"]["job_title"]) == ["Мұғалім"]


def test_sealed_interviews_give_no_rows(store: Store, tmp_path: Path) -> None:
    sealed = fill(store, HOUSEHOLDS[0])
    draft = fill(store, HOUSEHOLDS[1], finish=False)
    store.set_study_public_key(key_pair(tmp_path / "keys").public_text)
    assert store.sealed_uuids() == {sealed}
    tables = repeat_tables(store)
    assert list(tables.main.frame["uuid"]) == [draft]
    assert set(tables.repeats["members"].frame["_parent_uuid"]) == {draft}
    assert list(tables.repeats["jobs"].frame["job_title"]) == ["Мұғалім"]
