"""Demo data: generated through the interview engine, deterministic, realistic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from desktop.cli import main as kelisim
from questionnaires import PREVIOUS_VERSION, archived_form_bytes, bundled_form_bytes
from survey.demo import DemoOptions, fill_database
from survey.demo.answers import AnswerPolicy
from survey.demo.generator import exposure_after_definition
from survey.demo.respondents import RespondentFactory
from survey.export import interview_table
from survey.form.xlsform import load_form
from survey.interview.instances import RepeatInterview
from survey.store import Store

pytestmark = pytest.mark.slow  # demo databases of hundreds of interviews


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=600, seed=11, draft_share=0.05))
    return path


@pytest.fixture(scope="module")
def frame(demo_db: Path) -> pd.DataFrame:
    with Store.open(demo_db) as store:
        return interview_table(store, status="complete").frame


def test_demo__every_complete_interview__is_valid_for_the_engine(demo_db: Path):
    with Store.open(demo_db) as store:
        forms = {r.version: store.load_form(r.form_id, r.version, repeats=True)
                 for r in store.forms()}
        records = store.interviews(status="complete")
        assert len(records) > 500
        for version in forms:
            chosen = [r for r in records if r.form_version == version][:80]
            assert len(chosen) == 80, version
            for record in chosen:
                interview = RepeatInterview(forms[version], store.answers(record.uuid)).engine
                assert interview.can_finish(), record.uuid
                assert interview.invalid_answers() == {}


def test_demo__waves__baseline_on_previous_version_followup_on_current(frame: pd.DataFrame):
    versions = frame.groupby("wave")["form_version"].unique()
    assert list(versions["baseline"]) == [PREVIOUS_VERSION]
    assert list(versions["followup"]) == [load_form(bundled_form_bytes(), repeats=True).version]


def test_demo__one_version_option__both_waves_on_current_version(tmp_path: Path):
    with Store.open(tmp_path / "one.db") as store:
        fill_database(store, DemoOptions(interviews=40, seed=3, previous_baseline=False))
        assert [r.version for r in store.forms()] == ["2026.3"]
        assert {r.form_version for r in store.interviews()} == {"2026.3"}


def test_demo__opinion_items__dont_know_and_refusals_recorded(frame: pd.DataFrame):
    followup = frame[(frame["wave"] == "followup") & (frame["consent"] == "yes")]
    trust = followup["trust_mediators"].value_counts()
    assert trust["dont_know"] >= 0.03 * len(followup)
    assert trust["refused"] >= 1
    assert followup["trust_mediators"].notna().all()  # required: never left empty
    sensitive = followup["support_political"].value_counts(normalize=True)
    assert sensitive["refused"] > trust["refused"] / len(followup)


def test_demo__opinion_without_codes__left_empty_on_previous_version(demo_db: Path):
    with Store.open(demo_db) as store:
        baseline = [r for r in store.interviews(status="complete")
                    if r.form_version == PREVIOUS_VERSION]
        answers = [store.answers(r.uuid) for r in baseline]
    consented = [a for a in answers if a.get("consent") == "yes"]
    empty = sum("trust_mediators" not in a for a in consented)
    assert 0.03 * len(consented) < empty < 0.3 * len(consented)
    assert {a["trust_mediators"] for a in consented if "trust_mediators" in a} <= set("12345")


def test_demo__exposure_after_definition__unexposed_report_exposure():
    previous = load_form(archived_form_bytes())
    current = load_form(bundled_form_bytes(), repeats=True)
    assert exposure_after_definition(previous) and not exposure_after_definition(current)
    question = current.question("campaign_exposed")

    def reported(primed: bool) -> float:
        factory = RespondentFactory(3, current.languages)
        unexposed = [r for r in (factory.draw() for _ in range(600)) if not r.exposed]
        answers = [AnswerPolicy(factory, r, primed_exposure=primed).answer(
            question, question.choices, 0) for r in unexposed]
        return answers.count("yes") / len(answers)

    assert reported(False) == 0.0
    assert 0.08 < reported(True) < 0.25


def test_demo__drafts_and_several_interviewers_and_devices(demo_db: Path):
    with Store.open(demo_db) as store:
        records = store.interviews()
    assert 0 < sum(r.status == "draft" for r in records) < 0.15 * len(records)
    assert len({r.interviewer for r in records}) >= 10
    assert len({r.device_id for r in records}) >= 10
    assert {r.language for r in records} >= {"kk", "ru"}


def test_demo__two_waves_many_regions_and_sampling_points(frame: pd.DataFrame):
    consented = frame[frame["consent"] == "yes"]
    assert set(consented["wave"]) == {"baseline", "followup"}
    assert consented["region"].nunique() == 20
    assert consented["sampling_point"].nunique() > 100
    refused = frame[frame["consent"] == "no"]
    assert refused["heard_mediation"].isna().all()


def test_demo__campaign_effect__exposed_gain_more_awareness(frame: pd.DataFrame):
    data = frame[frame["heard_mediation"].isin(["yes", "no"])]
    heard = (data["heard_mediation"] == "yes").groupby(
        [data["wave"], data["campaign_exposed"]]).mean()
    gain_exposed = heard["followup"]["yes"] - heard["baseline"]["yes"]
    gain_unexposed = heard["followup"]["no"] - heard["baseline"]["no"]
    assert gain_exposed > gain_unexposed


def test_demo__urban_respondents__more_aware(frame: pd.DataFrame):
    data = frame[frame["heard_mediation"].isin(["yes", "no"])]
    share = (data["heard_mediation"] == "yes").groupby(data["settlement"]).mean()
    assert share["urban"] > share["rural"]


def test_demo__same_seed__same_interviews(tmp_path: Path):
    answers = []
    for name in ("a.db", "b.db"):
        with Store.open(tmp_path / name) as store:
            uuids = fill_database(store, DemoOptions(interviews=25, seed=5))
            answers.append([(u, store.answers(u)) for u in uuids])
    assert answers[0] == answers[1]


def test_demo_command__fills_given_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "cli.db"
    assert kelisim(["demo", "--db", str(db), "--interviews", "30", "--seed", "2", "--quiet"]) == 0
    assert "30 synthetic interviews" in capsys.readouterr().out
    with Store.open(db) as store:
        assert store.count_interviews() == 30


def test_demo_command__if_empty__leaves_a_used_database_alone(tmp_path: Path):
    db = tmp_path / "used.db"
    assert kelisim(["demo", "--db", str(db), "--interviews", "5", "--quiet"]) == 0
    assert kelisim(["demo", "--db", str(db), "--interviews", "50", "--if-empty", "--quiet"]) == 0
    with Store.open(db) as store:
        records = store.interviews()
    assert len(records) == 5
    assert all(r.device_id.startswith("demo-laptop-") for r in records)


def test_demo_command__same_seed_twice__clear_message_and_nothing_added(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "twice.db"
    assert kelisim(["demo", "--db", str(db), "--interviews", "5", "--seed", "4", "--quiet"]) == 0
    capsys.readouterr()
    assert kelisim(["demo", "--db", str(db), "--interviews", "5", "--seed", "4", "--quiet"]) == 0
    assert capsys.readouterr().out == (
        f"{db}: This database already holds all 5 demo interviews of seed 4; nothing was added. "
        "Use another --seed for more interviews. [demo.seed_taken]\n")
    with Store.open(db) as store:
        assert store.count_interviews() == 5


def test_demo_command__errors__in_kelisim_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KELISIM_LANG", "ru")
    assert kelisim(["demo", "--db", str(tmp_path / "a.db"), "--interviews", "-3"]) == 2
    assert capsys.readouterr().err == (
        "kelisim demo: Число интервью должно быть не меньше 0 (а не -3). [demo.negative_count]\n")
    assert not (tmp_path / "a.db").exists()
    monkeypatch.setenv("KELISIM_LANG", "kk")
    (tmp_path / "notes.db").write_text("not a database " * 100)
    assert kelisim(["demo", "--db", str(tmp_path / "notes.db"), "--quiet"]) == 1
    assert capsys.readouterr().err.startswith(
        f"kelisim demo: {tmp_path / 'notes.db'}: Файл зақымдалған немесе дерекқор емес (бұл SQLite "
        "файлы емес).")


DEMO_IN_SMALL_CHUNKS = """
import sys
import survey.demo.filling as filling
filling._CHUNK = 50  # commits often, so a kill lands between two of them
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_demo_command__killed_half_way__same_command_again_completes_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "killed.db"
    args = ["demo", "--db", str(db), "--interviews", "300", "--seed", "5"]
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen([sys.executable, "-c", DEMO_IN_SMALL_CHUNKS, *args],
                               stderr=subprocess.PIPE, text=True, cwd=root,
                               env={**os.environ, "PYTHONPATH": str(root)})
    try:
        assert process.stderr is not None
        seen = ""
        while "200/300" not in seen:
            char = process.stderr.read(1)
            assert char, f"the demo ended before it could be killed: {seen!r}"
            seen += char
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    with Store.open(db) as store:
        assert 0 < store.count_interviews() < 300
        before = store.count_interviews()

    assert kelisim([*args, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{db}: {before} demo interviews of seed 5 were already in the "
                          "database (an earlier, interrupted run); only the missing ones "
                          "were added. [demo.resumed]\n")
    assert f"{300 - before} synthetic interviews written" in out
    with Store.open(tmp_path / "whole.db") as whole:
        fill_database(whole, DemoOptions(interviews=300, seed=5))
        expected = {r.uuid: whole.answers(r.uuid) for r in whole.interviews()}
    with Store.open(db) as store:
        assert {r.uuid: store.answers(r.uuid) for r in store.interviews()} == expected
