"""Demo generation reusing the engine's work: the same interviews as the engine built afresh
for every respondent, the same data as before for the same seed, and the roster's paradata."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest

from questionnaires import PREVIOUS_VERSION, archived_form_bytes, archived_form_name
from survey.bundled import bundled_form
from survey.demo import DemoOptions, fill_database
from survey.demo.disputes import main_part
from survey.demo.generator import generate_interviews
from survey.form.model import Form
from survey.form.xlsform import load_form
from survey.store import Store
from survey.store.records import NewInterview

ROSTER = ("household_dispute", "dispute_count", "disputes[")


def _forms() -> tuple[Form, Form]:
    current, _ = bundled_form()
    previous = load_form(archived_form_bytes(PREVIOUS_VERSION),
                         filename=archived_form_name(PREVIOUS_VERSION))
    return current, previous


def _records(options: DemoOptions, *, reuse: bool = True) -> list[NewInterview]:
    current, previous = _forms()
    return list(generate_interviews(current, options, wave_forms={"baseline": previous},
                                    reuse=reuse))


@pytest.mark.parametrize("seed", [1, *(pytest.param(s, marks=pytest.mark.slow)
                                      for s in (2, 3, 5, 8, 13))])
def test_demo_reuse__same_interviews_as_a_fresh_engine_per_respondent(seed: int) -> None:
    options = DemoOptions(interviews=70, seed=seed, draft_share=0.1)
    reused, fresh = _records(options), _records(options, reuse=False)
    assert {r.form_version for r in reused} == {PREVIOUS_VERSION, _forms()[0].version}
    assert any(r.completed_at is None for r in reused)
    assert reused == fresh  # answers, blanks, statuses, times and paradata, field by field


def _digest(records: list[NewInterview]) -> tuple[str, str]:
    """Answers and times; paradata of the questions outside the roster."""
    data, events = hashlib.sha256(), hashlib.sha256()
    for r in records:
        data.update(repr((r.uuid, r.form_version, r.interviewer, r.device_id, r.language,
                          sorted(r.answers.items()), r.started_at, r.completed_at,
                          r.updated_at)).encode())
        events.update(repr([e for e in r.events if not e[0].startswith(ROSTER)]).encode())
    return data.hexdigest()[:16], events.hexdigest()[:16]


#: The digests of the generator before the engine's work was reused (same seed, both waves,
#: 300 interviews), computed with ``_digest`` on that code.
BEFORE = {1: ("fac2ae5e4d926d68", "172469f249dc8e1c"),
          8: ("c36606e9ba18cdd2", "5818d05b666e720f")}


@pytest.mark.parametrize("seed", [1, pytest.param(8, marks=pytest.mark.slow)])
def test_demo_reuse__same_seed__same_data_as_before(seed: int) -> None:
    assert _digest(_records(DemoOptions(interviews=300, seed=seed))) == BEFORE[seed]


def test_demo_roster__paradata__shown_and_answered_by_instance_path() -> None:
    records = _records(DemoOptions(interviews=150, seed=4, draft_share=0.0))
    with_roster = [r for r in records if r.answers.get("household_dispute") == "yes"]
    assert with_roster
    for record in records:
        roster = [e for e in record.events if e[0].startswith(ROSTER)]
        if "household_dispute" not in record.answers:
            assert not roster
            continue
        answered = {q for q, event, _ in roster if event == "answered"}
        asked = {k for k in record.answers if k.startswith(ROSTER)}
        assert answered == asked
        assert [e for _, e, _ in roster] == ["shown", "answered"] * len(answered)
        times = [at for _, _, at in record.events]
        assert times == sorted(times)
        assert record.completed_at is not None and roster[-1][2] == record.completed_at
        main_end = record.completed_at - timedelta(
            seconds=10 + 40 * int(record.answers.get("dispute_count", 0)))  # type: ignore[call-overload]
        assert roster[0][2] == main_end
    assert any(q.startswith("disputes[2]/") for r in with_roster for q, _, _ in r.events)


def test_demo_roster__no_paradata_option__no_roster_events() -> None:
    records = _records(DemoOptions(interviews=60, seed=4, draft_share=0.0, paradata=False))
    assert any(r.answers.get("household_dispute") == "yes" for r in records)
    assert all(r.events == () for r in records)


def test_demo_roster__paradata__stored_with_instance_paths(tmp_path: Path) -> None:
    with Store.open(tmp_path / "demo.db") as store:
        uuids = fill_database(store, DemoOptions(interviews=60, seed=4, draft_share=0.0,
                                                 previous_baseline=False))
        events = [e for uuid in uuids for e in store.events(uuid)]
    assert {"household_dispute", "disputes[1]/dispute_type"} <= {e[0] for e in events}
    assert {e[1] for e in events if e[0].startswith("disputes[")} == {"shown", "answered"}


def test_demo_reuse__form_reading_the_clock__built_afresh(tmp_path: Path) -> None:
    from survey.demo.generator import _FreshInterviews
    from survey.demo.respondents import RespondentFactory
    from tests.formbuilder import write_xlsform

    rows = [{"type": "integer", "name": "age", "label": "Age"},
            {"type": "calculate", "name": "day", "calculation": "today()"},
            {"type": "text", "name": "later", "label": "Later", "relevant": "${day} != ''"}]
    path = write_xlsform(tmp_path / "clock.xlsx", rows, None,
                         {"form_id": "clock", "form_title": "Clock"})
    form = load_form(path.read_bytes(), filename=path.name)
    factory = RespondentFactory(3, form.languages)
    fresh = _FreshInterviews(True)
    first, second = factory.draw(), factory.draw()
    assert first.day != second.day
    fresh.start(form, first)
    again = fresh.start(form, second)
    assert again.state_reads_clock()
    assert again.value("day") == second.day.isoformat()
    plain = _FreshInterviews(True)
    plain.start(main_part(_forms()[0]), first)
    assert not plain.start(main_part(_forms()[0]), second).state_reads_clock()
