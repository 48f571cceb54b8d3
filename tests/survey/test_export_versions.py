"""Interviews recorded on two versions of the bundled questionnaire, exported together.

The demo records its baseline on 2026.1 and its follow-up on 2026.2. 2026.1 asked
``knows_law_2011`` and ``campaign_action`` (dropped in 2026.2), called ``support_interethnic``
``use_interethnic``; 2026.2 added ``heard_law``. Every question of both versions is a column,
a renamed one under its newest name, and a question the interview's version did not have is
"not asked".
"""

from __future__ import annotations

from pathlib import Path

import pyreadstat
import pytest

from reports.exports import ExportOptions, export_survey
from survey.export import interview_table
from survey.export.combine import renames
from survey.export.missing import NOT_ASKED
from survey.store import Store
from survey.versions import bundled_changes
from tests.survey.export_oracle import demo_database

OLD, NEW = "2026.1", "2026.3"  # the demo's baseline and the bundled questionnaire


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("versions") / "demo.db", interviews=120,
                         seed=11, draft_share=0.0)


def _stored(db: Path) -> dict[str, tuple[str, dict[str, object]]]:
    with Store.open_read_only(db) as store:
        return {r.uuid: (r.form_version, store.answers(r.uuid)) for r in store.interviews()}


def test_renames__followed_from_the_version_changes():
    changes = bundled_changes("kelisim_mediation_kz")
    assert renames(changes, OLD, NEW) == {"use_interethnic": "support_interethnic",
                                          "use_political": "support_political"}
    assert renames(changes, NEW, NEW) == {} and renames(None, OLD, NEW) == {}


@pytest.mark.slow
def test_table__questions_of_both_versions__each_interview_with_its_own(two_versions: Path):
    with Store.open_read_only(two_versions) as store:
        table = interview_table(store, language="en")
    frame = table.frame.set_index("uuid")
    stored = _stored(two_versions)
    assert set(frame["form_version"]) == {OLD, NEW}
    columns = list(table.frame.columns)
    assert {"knows_law_2011", "campaign_action", "heard_law", "support_interethnic"} <= set(
        columns)
    assert "use_interethnic" not in columns and "use_political" not in columns
    assert columns == [v.name for v in table.variables]
    # an older-only question stands where 2026.1 had it: right after the question before it
    old_form = table.older_forms[0]
    assert old_form.version == OLD and table.form.version == NEW
    asked = [q.name for q in old_form.questions if q.name in columns or q.name == "use_interethnic"]
    before = asked[asked.index("knows_law_2011") - 1]
    previous_column = columns[columns.index("knows_law_2011") - 1]
    assert table.variable(previous_column).question == before
    reasons = table.reasons.set_index(table.frame["uuid"])
    seen = {OLD: 0, NEW: 0}
    for uuid, (version, answers) in stored.items():
        row = frame.loc[uuid]
        assert row["form_version"] == version
        if version == OLD:
            assert row["knows_law_2011"] == answers.get("knows_law_2011")
            assert row["support_interethnic"] == answers.get("use_interethnic")
            assert reasons.loc[uuid, "heard_law"] == NOT_ASKED
            seen[OLD] += row["support_interethnic"] is not None
        else:
            assert row["heard_law"] == answers.get("heard_law")
            assert row["support_interethnic"] == answers.get("support_interethnic")
            assert row["knows_law_2011"] is None
            assert reasons.loc[uuid, "knows_law_2011"] == NOT_ASKED
            assert reasons.loc[uuid, "campaign_action"] == NOT_ASKED
            seen[NEW] += row["support_interethnic"] is not None
    assert seen[OLD] > 20 and seen[NEW] > 20  # both versions' answers are in the column
    knows = table.variable("knows_law_2011")
    assert knows.kind == "select_one" and knows.value_labels and knows.codes


@pytest.mark.slow
def test_sav__older_only_question__not_asked_in_newer_interviews__labels_kept(
        two_versions: Path, tmp_path: Path):
    result = export_survey(two_versions, tmp_path / "v.sav",
                           ExportOptions("sav", language="ru", codebook=False))
    frame, meta = pyreadstat.read_sav(str(result.files[0]), user_missing=True)
    stored = _stored(two_versions)
    with Store.open_read_only(two_versions) as store:
        table = interview_table(store, language="ru")
    codes = table.variable("knows_law_2011").codes
    for uuid, law, version in zip(frame["uuid"], frame["knows_law_2011"], frame["form_version"],
                                  strict=True):
        assert version == stored[uuid][0]
        answer = stored[uuid][1].get("knows_law_2011")
        if version == NEW:
            assert law == -99  # not asked: the questionnaire of this interview has no such item
        elif answer is not None:
            assert law == codes[str(answer)]
    assert meta.variable_value_labels["knows_law_2011"][-99]
    assert set(meta.column_names) >= {"knows_law_2011", "heard_law", "support_interethnic"}
    syntax = (tmp_path / "v.sps").read_text(encoding="utf-8")
    assert "knows_law_2011" in syntax
