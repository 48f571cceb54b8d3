"""The Excel report read back with openpyxl: numbers equal the analysis results."""

from __future__ import annotations

import openpyxl
import pytest

import analysis
from analysis.weighting import weighted_design
from reports.api import ReportResult
from reports.labels import Labels
from survey.i18n import translator

_ = translator("reports", "kk")


@pytest.fixture(scope="module")
def book(kazakh_report: ReportResult) -> openpyxl.Workbook:
    return openpyxl.load_workbook(kazakh_report.xlsx)


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> tuple[list[str], list[tuple]]:
    header = [c.value for c in sheet[3]]
    return header, [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None]


def test_xlsx__sheets__one_per_section_and_a_data_dictionary(book: openpyxl.Workbook):
    names = book.sheetnames
    for title in (_("Cover"), _("Key findings"), _("Regions"), _("Questions"), _("Campaign"),
                  _("Methodology"), _("Dictionary")):
        assert title in names


def test_xlsx__regions_sheet__estimates_equal_region_vs_rest(book: openpyxl.Workbook,
                                                             kazakh_report: ReportResult):
    snapshot = kazakh_report.snapshot
    design = weighted_design(snapshot.analysed, "raked").design
    expected = analysis.region_vs_rest(design, "heard_law", category="yes").table
    labels = Labels(snapshot, "kk")
    header, rows = _rows(book[_("Regions")])
    col = {name: header.index(name) for name in (_("Indicator"), _("Region"), _("Estimate"),
                                                 _("CI low"), _("Adjusted p"), "n")}
    mine = {r[col[_("Region")]]: r for r in rows
            if r[col[_("Indicator")]] == labels.indicator("heard_law")}
    assert len(mine) == 20
    reliability = kazakh_report.results.indicator("heard_law").region_reliability
    shown = 0
    for i, r in enumerate(expected.itertuples()):
        row = mine[labels.region(r.region)]
        assert row[col["n"]] == r.n  # the base, stored as a number, always printed
        if reliability.decision[i] == "suppress":  # fails the NCHS standard: no estimate
            assert row[col[_("Estimate")]] is None and row[col[_("CI low")]] is None
            assert row[header.index(_("Note"))] == "*"
            continue
        shown += 1
        assert row[col[_("Estimate")]] == pytest.approx(r.estimate, rel=1e-12)
        assert row[col[_("CI low")]] == pytest.approx(r.ci_low, rel=1e-12)
        assert row[col[_("Adjusted p")]] == pytest.approx(r.p_adjusted, rel=1e-12)
    assert shown >= 1


def test_xlsx__headline_sheet__percent_numbers_with_formats_frozen_and_filtered(
        book: openpyxl.Workbook, kazakh_report: ReportResult):
    sheet = book[_("Key findings")]
    header, _data = _rows(sheet)
    estimate = header.index(_("Estimate"))
    national = analysis.proportions(weighted_design(kazakh_report.snapshot.analysed,
                                                    "raked").design, "heard_mediation").table
    yes = national[national["category"] == "yes"].iloc[0]
    cell = sheet.cell(4, estimate + 1)
    assert isinstance(cell.value, float)
    assert cell.value == pytest.approx(yes["estimate"], rel=1e-12)
    assert cell.number_format == "0.0%"
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref.startswith("A3:")
    assert len(sheet._charts) == 1


def test_xlsx__regions_sheet__a_native_chart_per_indicator(book: openpyxl.Workbook,
                                                           kazakh_report: ReportResult):
    assert len(book[_("Regions")]._charts) == len(kazakh_report.snapshot.indicators)


def test_xlsx__crosstabs__column_percentages_equal_the_crosstab(book: openpyxl.Workbook,
                                                                kazakh_report: ReportResult):
    result = next(q for q in kazakh_report.results.questions if q.question.name == "heard_mediation")
    crosstab = next(c for c in result.crosstabs if c.breakdown == "sex").result
    header, rows = _rows(book[_("Cross-tabs")])
    labels = Labels(kazakh_report.snapshot, "kk")
    question = labels.question("heard_mediation")
    mine = [r for r in rows if r[header.index(_("Question"))] == question
            and r[header.index(_("Breakdown"))] == labels.question("sex")]
    assert len(mine) == int((crosstab.table["n"] > 0).sum())  # answers nobody gave: not listed
    by_cell = {(r[header.index(_("Group"))], r[header.index(_("Answer"))]): r for r in mine}
    reliability = next(c for c in result.crosstabs if c.breakdown == "sex").reliability
    for i, expected in enumerate(crosstab.table.itertuples()):
        if expected.n == 0:
            continue
        r = by_cell[(labels.choice("sex", expected.sex),
                     labels.choice("heard_mediation", expected.heard_mediation))]
        assert r[header.index("n")] == expected.base  # n is the column's base everywhere
        assert r[header.index(_("Cell count"))] == expected.n
        if reliability.decision[i] == "suppress":
            assert r[header.index(_("Column %"))] is None and r[header.index(_("Note"))] == "*"
            continue
        assert r[header.index(_("Column %"))] == pytest.approx(expected.estimate, rel=1e-12)
        assert 0 <= r[header.index(_("CI low"))] <= r[header.index(_("Column %"))] \
            <= r[header.index(_("CI high"))] <= 1
        assert r[header.index("p")] == pytest.approx(crosstab.test.p_value, rel=1e-12)


def test_xlsx__dictionary__lists_every_exported_column(book: openpyxl.Workbook,
                                                       kazakh_report: ReportResult):
    _header, rows = _rows(book[_("Dictionary")])
    assert [r[0] for r in rows] == list(kazakh_report.snapshot.table.frame.columns)
