"""How a report states its numbers: one value per figure, intervals inside [0, 1], the
interviews analysed, synthetic data named, wording the design supports, fonts, summary."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from pypdf import PdfReader

from reports import formatting as fmt
from reports.api import ReportResult, build_report
from reports.labels import Labels
from reports.spec import ReportSpec
from survey.i18n import translator


def test_same_estimate_on_two_pages__same_printed_number(kazakh_report: ReportResult):
    """The follow-up share of the campaign table is the headline share (each wave weighted
    on its own, so the analysed wave's weights are the campaign's weights of that wave)."""
    headline = kazakh_report.document.table("headline")
    change = kazakh_report.document.table("campaign.change")
    by_name = {row[0]: row for row in change.rows}
    compared = 0
    for row in headline.rows:  # indicators asked alike in both waves are in both tables
        if row[1] is None or row[0] not in by_name:
            continue
        assert fmt.percent(row[1], "kk") == fmt.percent(by_name[row[0]][2], "kk"), row[0]
        compared += 1
    assert compared >= 3


def test_cover__names_the_wave_analysed_its_count_and_dates(kazakh_report: ReportResult):
    labels = Labels(kazakh_report.snapshot, "kk")
    _ = labels._
    items = dict(kazakh_report.document.section("cover").blocks[1].items)
    analysed = items[_("Interviews analysed")]
    snapshot = kazakh_report.snapshot
    assert analysed.startswith(labels.wave("followup"))
    assert fmt.number(snapshot.counts["analysed"], "kk") in analysed
    assert str(snapshot.analysed_fieldwork[0]) in analysed
    assert isinstance(items[_("Complete interviews")], int)  # a count stays a number


def test_every_printed_interval_of_a_share__inside_0_and_1(kazakh_report: ReportResult):
    checked = 0
    for section in kazakh_report.document.sections:
        for table in section.tables():
            keys = [c.key for c in table.columns]
            kinds = {c.key: c.kind for c in table.columns}
            for low, high in (("ci_low", "ci_high"), ("top2_low", "top2_high")):
                if low not in keys or kinds[low] != "percent":
                    continue
                for row in table.rows:
                    lo, hi = row[keys.index(low)], row[keys.index(high)]
                    if lo is not None:
                        assert 0.0 <= lo <= hi <= 1.0, (table.key, row)
                        checked += 1
    assert checked > 100


def test_demo_data__named_on_the_cover_and_on_every_pdf_page(kazakh_report: ReportResult):
    _ = translator("reports", "kk")
    mark = _("Synthetic demonstration data")
    assert kazakh_report.document.watermark == mark
    assert _("Data") in dict(kazakh_report.document.section("cover").blocks[1].items)
    with pdfplumber.open(kazakh_report.pdf) as pdf:
        missing = [n for n, page in enumerate(pdf.pages, 1)
                   if mark not in " ".join((page.extract_text() or "").split())]
    assert missing == []
    book = openpyxl.load_workbook(kazakh_report.xlsx)
    assert all(mark in ws.oddHeader.center.text for ws in book.worksheets)


def test_pdf__every_font_embedded(kazakh_report: ReportResult):
    reader = PdfReader(kazakh_report.pdf)
    fonts = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            fonts[font["/BaseFont"]] = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts


def test_campaign__self_reported_exposure__worded_as_a_difference_not_an_effect(
        one_version_db: Path):
    """Both waves on one questionnaire version, so the difference-in-differences is computed."""
    result = build_report(one_version_db, spec=ReportSpec(language="en", breakdowns=("sex",)))
    text = " ".join(getattr(b, "text", "") for s in result.document.sections for b in s.blocks)
    assert "Effect of the campaign" not in text
    assert "self-reported" in text and "not a measured effect of the campaign" in text
    randomised = build_report(one_version_db, spec=ReportSpec(language="en", breakdowns=("sex",),
                                                       campaign_design="randomised"))
    headings = [b.text for b in randomised.document.section("findings").blocks
                if type(b).__name__ == "Heading"]
    assert "Effect of the campaign" in headings


def test_summary__five_to_eight_findings_each_with_one_chart_on_two_to_four_pages(
        kazakh_report: ReportResult):
    section = kazakh_report.document.section("summary")
    headings = [b for b in section.blocks if type(b).__name__ == "Heading"]
    assert 5 <= len(headings) <= 8
    assert len(section.charts()) == len(headings)
    _ = translator("reports", "kk")
    reader = PdfReader(kazakh_report.pdf)
    pages = {item.title: reader.get_destination_page_number(item) for item in reader.outline
             if not isinstance(item, list)}
    assert 2 <= pages[_("Key findings")] - pages[_("Executive summary")] <= 4


@pytest.mark.parametrize(("language", "text"), [("en", "2,419"), ("ru", "2\xa0419"),
                                                ("kk", "2\xa0419")])
def test_numbers__grouped_as_the_locale_writes_them(language: str, text: str):
    assert fmt.number(2419, language) == text
    assert fmt.percent(0.4567, language) == ("45.7%" if language == "en" else "45,7%")


def test_xlsx__charts_error_bars_fixed_axis_and_print_setup(kazakh_report: ReportResult):
    book = openpyxl.load_workbook(kazakh_report.xlsx)
    _ = translator("reports", "kk")
    ws = book[_("Regions")]
    charts = ws._charts
    assert charts
    for chart in charts:
        assert chart.y_axis.scaling.min == 0 and chart.y_axis.scaling.max == 1
        assert chart.series[0].errBars is not None
        assert chart.anchor.ext.height / 360000 >= 0.55 * 20  # cm: room for 20 regions
    for sheet in book.worksheets:
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows
    p_formats = {c.number_format for row in ws.iter_rows() for c in row
                 if isinstance(c.value, float) and "0.001" in c.number_format}
    assert p_formats == {'[<0.001]"<0.001";0.000'}
