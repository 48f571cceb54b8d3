"""The PDF report read back with pypdf: A4, Kazakh text and fonts embedded, headline numbers."""

from __future__ import annotations

import pypdf
import pytest

from reports import formatting as fmt
from reports.api import ReportResult
from survey.i18n import translator

_ = translator("reports", "kk")


@pytest.fixture(scope="module")
def pdf(kazakh_report: ReportResult) -> pypdf.PdfReader:
    return pypdf.PdfReader(kazakh_report.pdf)


@pytest.fixture(scope="module")
def text(pdf: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def test_pdf__pages__a4_and_numbered(pdf: pypdf.PdfReader, text: str):
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert len(pdf.pages) > 20
    assert f"{_('Page')} {len(pdf.pages)}" in pdf.pages[-1].extract_text()


def test_pdf__kazakh_headings__extractable(text: str):
    for heading in (_("Key findings"), _("Regional comparison"), _("Results by question"),
                    _("Campaign evaluation"), _("Methodology"), _("Contents")):
        assert heading in text
    assert "ә" in text and "қ" in text and "ң" in text and "ү" in text and "ұ" in text


def test_pdf__headline_numbers__printed_as_in_the_results(kazakh_report: ReportResult,
                                                         text: str):
    for res in kazakh_report.results.indicators:
        est = res.estimate()
        assert fmt.percent(est["estimate"], "kk") in text
        assert fmt.percent(est["ci_low"], "kk") in text


def test_pdf__fonts__dejavu_embedded(pdf: pypdf.PdfReader):
    fonts = set()
    for page in pdf.pages[:8]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                fonts.add((str(font["/BaseFont"]), "/FontFile2" in descriptor.get_object()))
    assert fonts and all(embedded for _name, embedded in fonts)
    assert any("DejaVuSans" in name for name, _e in fonts)


def test_pdf__outline__a_bookmark_per_section(pdf: pypdf.PdfReader):
    titles = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert _("Key findings") in titles and _("Methodology") in titles
