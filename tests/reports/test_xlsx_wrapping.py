"""Long text in the Excel report is readable on screen and on the printed page (kk, ru, en).

The workbook is read back with openpyxl: the key findings are paragraphs wrapped in a cell
merged across the table's first columns, in a row tall enough for every line; every text of
every sheet longer than its cell wraps in such a row; the sheet of text only prints its one
column whole on a portrait page. Line counts are bounded here by character counts alone
(independent of the renderer's measuring): a line of a column ``w`` characters wide holds at
most ``w / NARROWEST`` letters.
"""

from __future__ import annotations

import math

import openpyxl
import pytest
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from reports.api import ReportResult
from reports.document import Document, Paragraph
from reports.xlsx_renderer import write_xlsx
from survey.i18n import translator

#: The narrowest letters in a long sentence average at least this share of a digit's width.
NARROWEST = 0.8
LINE = 14.0  # points: a line of 11-point text needs at least this much height
A4_WIDTH = 8.27 * 72  # points
DIGIT = 7.0  # points: the digit "0" of an 11-point sans font, the widest one met (DejaVu Sans)


def _width(ws: Worksheet, row: int, column: int) -> tuple[float, int]:
    """Width (characters) of the cell or the merged range it starts, and its last column."""
    last = column
    for merged in ws.merged_cells.ranges:
        min_col, min_row, max_col, _max_row = range_boundaries(str(merged))
        if (min_row, min_col) == (row, column):
            last = max_col
    width = sum(ws.column_dimensions[get_column_letter(j)].width or 8.43
                for j in range(column, last + 1))
    return width, last


def _fewest_lines(text: str, width: float) -> int:
    return math.ceil(len(text) * NARROWEST / width)


@pytest.fixture(scope="module")
def books(kazakh_report: ReportResult, russian_report: ReportResult,
          one_version_report: ReportResult, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, tuple[openpyxl.Workbook, Document]]:
    english = write_xlsx(one_version_report.document,
                         tmp_path_factory.mktemp("en") / "report.xlsx")
    return {"kk": (openpyxl.load_workbook(kazakh_report.xlsx), kazakh_report.document),
            "ru": (openpyxl.load_workbook(russian_report.xlsx), russian_report.document),
            "en": (openpyxl.load_workbook(english), one_version_report.document)}


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_xlsx_key_findings__every_sentence__wrapped_in_a_wide_cell_tall_enough(
        language: str, books: dict[str, tuple[openpyxl.Workbook, Document]]) -> None:
    book, document = books[language]
    _ = translator("reports", language)
    ws = book[_("Key findings")]
    sentences = [b.text for b in document.section("findings").blocks
                 if isinstance(b, Paragraph) and b.style == "finding"]
    assert len(sentences) >= 3
    at = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    longest = max(sentences, key=len)
    assert len(longest) > 150  # the case that overflowed: a sentence wider than the screen
    for text in sentences:
        cell = at[text]
        width, last = _width(ws, cell.row, cell.column)
        assert cell.alignment.wrap_text, text
        assert cell.alignment.vertical == "top"
        assert 80 <= width <= 130 and last > 1  # a paragraph, read without scrolling
        height = ws.row_dimensions[cell.row].height
        assert height is not None
        assert height >= LINE * _fewest_lines(text, width), text
        assert height <= 15 * (math.ceil(len(text) / (width * 0.5)) + 1), text  # no gaps
    # the findings are grouped under their headings, written above them
    heading = at[_("Highest and lowest regions")]
    assert heading.font.bold and heading.row < min(at[s].row for s in sentences)
    # printed: landscape (the table is wider than a portrait page), the merged paragraphs
    # inside the print area
    assert ws.page_setup.orientation == "landscape"
    area = ws.print_area[0] if isinstance(ws.print_area, list) else ws.print_area
    _min_col, _min_row, max_col, max_row = range_boundaries(area.split("!")[-1])
    assert max_row >= max(at[s].row for s in sentences)
    assert all(_width(ws, at[s].row, 1)[1] <= max_col for s in sentences)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_xlsx_every_sheet__text_longer_than_its_cell__wraps_in_a_row_tall_enough(
        language: str, books: dict[str, tuple[openpyxl.Workbook, Document]]) -> None:
    book, _document = books[language]
    problems, checked = [], 0
    for ws in book.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                width, _last = _width(ws, cell.row, cell.column)
                if len(cell.value) * NARROWEST <= width:
                    continue
                checked += 1
                height = ws.row_dimensions[cell.row].height or 15.0
                if not cell.alignment.wrap_text or \
                        height < LINE * _fewest_lines(cell.value, width):
                    problems.append((ws.title, cell.coordinate, cell.value[:40], height))
    assert checked > 20
    assert problems == []


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_xlsx_summary__one_text_column__prints_whole_on_a_portrait_page(
        language: str, books: dict[str, tuple[openpyxl.Workbook, Document]]) -> None:
    book, _document = books[language]
    _ = translator("reports", language)
    ws = book[_("Summary")]
    assert ws.page_setup.orientation == "portrait"
    printable = A4_WIDTH - 72 * (ws.page_margins.left + ws.page_margins.right)
    width = ws.column_dimensions["A"].width
    assert width >= 60 and width * DIGIT + 10 <= printable  # even without scaling to fit
    assert ws.print_area[0].endswith(f"$A${ws.max_row}") if isinstance(ws.print_area, list) \
        else ws.print_area.endswith(f"$A${ws.max_row}")


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_xlsx_chart_helper_columns__titled_in_the_report_language(
        language: str, books: dict[str, tuple[openpyxl.Workbook, Document]]) -> None:
    book, _document = books[language]
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    assert not {"CI − (chart)", "CI + (chart)"} & texts
    _ = translator("reports", language)
    assert _("CI − (chart)") in texts and _("CI + (chart)") in texts
