"""Demo data of the household-disputes roster: valid for the engine, deterministic, plausible,
and the rest of every interview unchanged by it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from questionnaires import archived_form_bytes
from survey.bundled import bundled_form
from survey.demo import DemoOptions, fill_database
from survey.demo.disputes import main_part, roster_part
from survey.demo.generator import generate_interviews
from survey.export.repeat_tables import repeat_tables
from survey.form.xlsform import load_form
from survey.interview.instances import RepeatInterview
from survey.store import Store

ROSTER = {"household_dispute", "dispute_count"}


def _non_roster(answers: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in answers.items() if k not in ROSTER and not k.startswith("disputes[")}


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame]:
    path = tmp_path_factory.mktemp("disputes") / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=700, seed=21, previous_baseline=False))
        found = repeat_tables(store, status="complete")
    return found.main.frame, found.repeats["disputes"].frame


def test_demo_roster__non_roster_answers__same_as_on_the_previous_version() -> None:
    current, _ = bundled_form()
    previous = load_form(archived_form_bytes("2026.2"), filename="2026.2.xlsx")
    options = DemoOptions(interviews=120, seed=9)
    new = list(generate_interviews(current, options))
    old = list(generate_interviews(previous, options))
    assert [r.uuid for r in new] == [r.uuid for r in old]
    assert [_non_roster(dict(r.answers)) for r in new] == [dict(r.answers) for r in old]
    assert sum(r.answers.get("household_dispute") == "yes" for r in new) > 10


def test_demo_roster__same_seed__same_roster() -> None:
    current, _ = bundled_form()
    first, second = (list(generate_interviews(current, DemoOptions(60, seed=4)))
                     for _ in range(2))
    assert [r.answers for r in first] == [r.answers for r in second]


def test_demo_roster__every_instance__complete_and_valid(tmp_path: Path) -> None:
    current, _ = bundled_form()
    records = list(generate_interviews(current, DemoOptions(150, seed=2, draft_share=0.0)))
    with_roster = [r for r in records if r.answers.get("household_dispute") == "yes"]
    assert with_roster
    for record in with_roster:
        interview = RepeatInterview(current, record.answers)
        assert interview.count("disputes") == record.answers["dispute_count"]
        assert interview.engine.can_finish(), record.uuid
        assert interview.engine.invalid_answers() == {}
        assert all(f"disputes[{i}]/dispute_year" in record.answers
                   for i in range(1, interview.count("disputes") + 1))
    consented = [r for r in records if r.answers.get("consent") == "yes"]
    assert all("household_dispute" in r.answers for r in consented)
    assert main_part(current) is main_part(current)
    assert {q.name for q in roster_part(current).questions} == {
        "consent", *ROSTER, "dispute_type", "dispute_parties", "dispute_settled",
        "dispute_mediator", "dispute_satisfaction", "dispute_year"}


def test_demo_roster__plausible__frequency_mediator_and_satisfaction(
        tables: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    main, disputes = tables
    consented = main[main["consent"] == "yes"]
    share = (consented["household_dispute"] == "yes").mean()
    assert 0.15 < share < 0.6
    urban = (consented["household_dispute"] == "yes").groupby(consented["settlement"]).mean()
    assert urban["urban"] > urban["rural"]
    assert len(disputes) > (consented["household_dispute"] == "yes").sum()
    joined = disputes.merge(main[["uuid", "heard_mediation"]], left_on="_parent_uuid",
                            right_on="uuid")
    mediator = (joined["dispute_settled"] == "mediator").groupby(joined["heard_mediation"]).mean()
    assert mediator["yes"] > mediator["no"]
    satisfied = disputes["dispute_satisfaction"].astype(float).groupby(
        disputes["dispute_settled"]).mean()
    assert satisfied["themselves"] > satisfied["officials"]
    assert disputes.loc[disputes["dispute_settled"] == "not_settled",
                        "dispute_satisfaction"].isna().all()
    assert set(disputes["dispute_year"].dropna().astype(int)) <= set(range(2020, 2027))
