"""Exporters never crash on a stored value: what they cannot read is left empty and named.

The damaged rows are written into a real SQLite file with ``sqlite3`` (as another tool or a
merge of a damaged laptop file could): a month 13 date, "twelve" in an integer, text that is
not UTF-8, a NUL byte, a BLOB, a time stamp that is not one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyreadstat
import pytest

from reports.api import build_report
from reports.exports import ExportOptions, export_survey
from reports.spec import ReportSpec
from survey.demo import DemoOptions, fill_database
from survey.export import interviews_frame
from survey.store import Store


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    db = tmp_path_factory.mktemp("damaged") / "demo.db"
    with Store.open(db) as store:
        uuids = fill_database(store, DemoOptions(interviews=60, seed=3, draft_share=0.0,
                                                 paradata=True))
        answered = [u for u in uuids if "age" in store.answers(u)
                    and "interview_date" in store.answers(u)
                    and store.answers(u).get("consent") == "yes"]
    a, b, c, d, e, f, g = answered[:7]
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE answers SET value_text = 'twelve', value_num = NULL "
                     "WHERE uuid = ? AND question = 'age'", (a,))
        conn.execute("UPDATE answers SET value_text = '2026-13-01' "
                     "WHERE uuid = ? AND question = 'interview_date'", (b,))
        conn.execute("INSERT OR REPLACE INTO answers (uuid, question, value_type, value_text, "
                     "value_num, updated_at) VALUES (?, 'interviewer_comments', 'text', "
                     "CAST(X'C328FF' AS TEXT), NULL, '2026-01-01T00:00:00.000000Z')", (c,))
        conn.execute("INSERT OR REPLACE INTO answers (uuid, question, value_type, value_text, "
                     "value_num, updated_at) VALUES (?, 'interviewer_comments', 'text', "
                     "'before' || char(0) || 'after', NULL, '2026-01-01T00:00:00.000000Z')",
                     (d,))
        conn.execute("INSERT OR REPLACE INTO answers (uuid, question, value_type, value_text, "
                     "value_num, updated_at) VALUES (?, 'interviewer_comments', 'text', "
                     "'one' || char(31) || 'two', NULL, '2026-01-01T00:00:00.000000Z')", (g,))
        conn.execute("UPDATE answers SET value_text = X'DEADBEEF' "
                     "WHERE uuid = ? AND question = 'sex'", (e,))
        conn.execute("UPDATE interviews SET started_at = 'yesterday' WHERE uuid = ?", (f,))
        conn.execute("UPDATE paradata SET at = 'soon' WHERE uuid = ?", (f,))
    conn.close()
    return db, [a, b, c, d, e, f, g]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "dta"])
def test_every_format__exports__unreadable_cells_empty__notes_name_them(
        damaged: tuple[Path, list[str]], tmp_path: Path, fmt: str):
    db, (a, _b, c, d, _e, f, g) = damaged
    result = export_survey(db, tmp_path / f"x.{fmt}", ExportOptions(fmt, language="en"))
    codes = sorted((n.code, n.location.question or n.fields.get("column")) for n in result.notes)
    assert codes == [("export.control_characters", "interviewer_comments"),
                     ("export.demo_data", None),  # the damaged file is a demo database
                     ("export.not_raked", None),
                     # the roster's table: the baseline's questionnaire did not ask it
                     ("export.repeat_not_asked", None),
                     ("export.unreadable_meta", "started_at"),
                     ("export.unreadable_values", "age"),
                     ("export.unreadable_values", "interview_date"),
                     ("export.unreadable_values", "interviewer_comments"),
                     ("export.unreadable_values", "sex")]
    examples = {n.location.question: n.fields["example"] for n in result.notes
                if n.code == "export.unreadable_values"}
    assert examples == {"age": "twelve", "interview_date": "2026-13-01",
                        "interviewer_comments": "\\xc3(\\xff", "sex": "\\xde\\xad\\xbe\\xef"}
    if fmt == "sav":
        frame, _ = pyreadstat.read_sav(str(result.files[0]))
        rows = frame.set_index("uuid")
        assert rows.loc[d, "interviewer_comments"] == "before\ufffdafter"
        assert rows.loc[g, "interviewer_comments"] == "one\ufffdtwo"  # held the separator
        assert rows.loc[c, "interviewer_comments"] == ""
        assert str(rows.loc[a, "age"]) == "nan" and str(rows.loc[f, "started_at"]) == "NaT"


def test_paradata_and_audit__bad_time__exported_with_a_note(damaged: tuple[Path, list[str]],
                                                            tmp_path: Path):
    db, _ = damaged
    result = export_survey(db, tmp_path / "p.csv", ExportOptions("csv", table="paradata"))
    assert [n.code for n in result.notes] == ["export.demo_data", "export.unreadable_meta"]
    assert len(result.files) == 1 and result.rows > 100


@pytest.mark.slow
def test_report__builds_on_the_damaged_database(damaged: tuple[Path, list[str]],
                                                tmp_path: Path):
    db, _ = damaged
    with Store.open_read_only(db) as store:
        table = interviews_frame(store)
    assert len(table.frame) == 60 and table.notes
    result = build_report(db, spec=ReportSpec(language="kk"), xlsx=tmp_path / "r.xlsx")
    assert (tmp_path / "r.xlsx").is_file() and result is not None
