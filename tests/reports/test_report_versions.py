"""Reports across questionnaire versions and with "don't know" / "refused" answers.

The default demo records its baseline on version 2026.1 and its follow-up on 2026.2: the
campaign section compares only the indicators the version changes mark comparable, says why for
each, and leaves out the difference-in-differences because the exposure question moved.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pypdf import PdfReader

from reports.api import ReportResult
from reports.comparability import comparability
from reports.labels import Labels
from survey.versions import bundled_changes


def _rows(report: ReportResult, key: str) -> dict[str, tuple[object, ...]]:
    return {str(row[0]): row for row in report.document.table(key).rows}


def test_campaign__two_versions__versions_of_each_wave_known(kazakh_report: ReportResult):
    versions = kazakh_report.results.versions
    assert versions is not None and versions.mixed
    assert versions.versions == (("baseline", ("2026.1",)), ("followup", ("2026.3",)))


def test_campaign__two_versions__only_comparable_indicators_compared(
        kazakh_report: ReportResult):
    results = kazakh_report.results
    compared = {r.indicator.key for r in results.indicators if r.change is not None}
    assert compared == {r.indicator.key for r in results.indicators
                        if r.verdict is not None and r.verdict.comparable}
    assert {"trust_courts", "use_family", "knows_where_mediator"} <= compared
    assert not {"heard_mediation", "heard_law", "support_interethnic"} & compared
    labels = Labels(kazakh_report.snapshot, "kk")
    changes = [row[0] for row in kazakh_report.document.table("campaign.change").rows]
    assert changes == [labels.indicator(r.indicator.key) for r in results.indicators
                       if r.change is not None]


def test_campaign__exposure_moved__no_difference_in_differences(kazakh_report: ReportResult):
    results = kazakh_report.results
    assert results.exposure is not None and not results.exposure.comparable
    assert all(r.did is None for r in results.indicators)
    tables = [t.key for s in kazakh_report.document.sections for t in s.tables()]
    assert "campaign.did" not in tables
    texts = [getattr(b, "text", "") for b in kazakh_report.document.section("campaign").blocks]
    assert any(t.startswith("Айырмалардың айырмасы көрсетілмеген") for t in texts)


def test_campaign__versions_table__reason_from_the_version_changes(kazakh_report: ReportResult):
    labels = Labels(kazakh_report.snapshot, "kk")
    rows = _rows(kazakh_report, "campaign.versions")
    step = bundled_changes("kelisim_mediation_kz").steps[0]  # type: ignore[union-attr]
    heard, trust = labels.indicator("heard_mediation"), labels.indicator("trust_courts")
    assert rows[heard][1:] == ("2026.2 нұсқасында орны ауыстырылды", "жоқ")
    assert rows[trust][1:] == ("2026.2 нұсқасында тұжырымы өзгерді", "иә")
    assert rows[labels.indicator("knows_where_mediator")][1:] == ("өзгерген жоқ", "иә")
    assert "use_political" in rows[labels.indicator("support_political")][1]
    assert len(rows) == len(kazakh_report.results.indicators) + 1  # and the exposure question
    notes = [b.text for b in kazakh_report.document.section("campaign").blocks
             if getattr(b, "style", "") == "note"]
    for name, item in ((heard, "heard_mediation"), (trust, "trust_courts")):
        reason = step.change(item).note.get("kk")  # type: ignore[union-attr]
        (note,) = [n for n in notes if n.endswith(reason)]
        assert name in note.removesuffix(reason)
    scale_reason = step.change("use_family").note.get("kk")  # type: ignore[union-attr]
    assert sum(n.endswith(scale_reason) for n in notes) == 1  # each reason once


def test_campaign__versions__printed_in_the_pdf(kazakh_report: ReportResult):
    assert kazakh_report.pdf is not None
    text = " ".join(page.extract_text() for page in PdfReader(kazakh_report.pdf).pages)
    assert "Сауалнама нұсқалары бойынша көрсеткіштер" in " ".join(text.split())


def test_campaign__one_version__everything_compared_with_did(one_version_report: ReportResult):
    results = one_version_report.results
    assert results.versions is not None and not results.versions.mixed
    assert all(r.change is not None and r.did is not None for r in results.indicators)
    tables = [t.key for s in one_version_report.document.sections for t in s.tables()]
    assert "campaign.versions" not in tables and "campaign.did" in tables


def test_likert__dont_know_and_refused__shown_but_left_out_of_scores(
        kazakh_report: ReportResult):
    labels = Labels(kazakh_report.snapshot, "kk")
    distribution = _rows(kazakh_report, "q.trust_mediators")
    dont_know = labels.choice("trust_mediators", "dont_know")
    refused = labels.choice("trust_mediators", "refused")
    assert {dont_know, refused} <= set(distribution)
    assert sum(float(row[1]) for row in distribution.values()) == pytest.approx(1.0)
    answers = kazakh_report.snapshot.analysed["trust_mediators__answer"]
    missing = int(answers.isin(["dont_know", "refused"]).sum())
    assert missing > 0
    assert {int(row[4]) for row in distribution.values()} == {int(answers.notna().sum())}
    scale = kazakh_report.document.table("q.trust_mediators.likert")
    assert int(scale.rows[0][-2]) == int(answers.notna().sum()) - missing  # n, then the mark
    assert dont_know in scale.notes[0] and refused in scale.notes[0]


def test_comparability__other_form_on_two_versions__nothing_compared_without_a_record():
    frame = pd.DataFrame({"wave": ["baseline", "followup", "followup"],
                          "form_version": ["1", "2", "2"]})
    versions = comparability(frame, "someone_elses_form", ("baseline", "followup"))
    assert versions.mixed and versions.changes is None
    verdict = versions.verdict("aware")
    assert not verdict.comparable and verdict.unknown_versions == ("1", "2")
    one = comparability(frame.assign(form_version="2"), "someone_elses_form",
                        ("baseline", "followup"))
    assert not one.mixed and one.verdict("aware").comparable
