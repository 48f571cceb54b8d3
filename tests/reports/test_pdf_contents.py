"""The PDF's table of contents lists each section at the page where it starts."""

from __future__ import annotations

import re

import pypdf

from reports.api import ReportResult


def test_pdf_contents__sections__listed_with_the_page_they_start_on(
        kazakh_report: ReportResult):
    pdf = pypdf.PdfReader(kazakh_report.pdf)
    sections = [item for item in pdf.outline if not isinstance(item, list)]
    first_section = min(pdf.get_destination_page_number(item) for item in sections)
    contents = "\n".join(pdf.pages[i].extract_text(extraction_mode="layout")
                         for i in range(1, first_section))
    assert "Placeholder" not in contents
    assert len(sections) >= 5
    for item in sections:
        page = pdf.get_destination_page_number(item) + 1
        assert re.search(re.escape(item.title) + r"[ .]*" + f"{page}\\b", contents), \
            (item.title, page)
    assert len(contents.splitlines()) > 2 * len(sections)  # the questions' headings too
