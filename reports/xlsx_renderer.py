"""The document as an Excel workbook (openpyxl): a sheet per section, tables you can filter.

Each section's tables of one ``group`` become one table on the sheet (the tables' ``context``
as leading columns), so a reader can filter and sort across questions or indicators. Numbers
are written as numbers with number formats (proportions with percent formats, CIs in their own
columns); text is always stored as text, never as a formula; the first table of a sheet has its
header row frozen and an autofilter. Native Excel bar charts show the headline indicators, each
indicator's regions and the campaign comparisons, with their confidence intervals as error bars
(from two helper columns beside the table), a fixed 0-100% axis for shares, and a height that
leaves room for every label. Every sheet prints fitted to the page width, landscape when wide,
with its header row repeated; p-values below 0.001 show as "<0.001"; counts are numbers.
Text longer than its column wraps in a row tall enough for every line (measured, see
:mod:`reports.xlsx_text`); findings and notes under a table are merged across its first
columns into one paragraph at least :data:`~reports.xlsx_text.PROSE_WIDTH` characters wide.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import NumDataSource, NumRef
from openpyxl.chart.error_bar import ErrorBars
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.document import (
    Block,
    Column,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Section,
    Table,
)
from reports.xlsx_text import (
    PROSE_WIDTH,
    TEXT_WIDTH,
    column_width,
    fits,
    line_count,
    row_height,
)
from survey.i18n import translator

FORMATS = {"percent": "0.0%", "points": '+0.0%;-0.0%;0.0%',
           "pvalue": '[<0.001]"<0.001";0.000', "number": "#,##0.00", "integer": "#,##0"}
#: Columns, or characters of column width, beyond which a sheet prints in landscape.
WIDE = 7
WIDE_CHARS = 110
#: Left and right page margins (inches).
SIDE_MARGIN = 0.5
#: Widest text column of a table (characters); longer text wraps.
TEXT_COLUMN = 70
HEADER_FILL = PatternFill("solid", fgColor="E4EBF2")
SMALL_FILL = PatternFill("solid", fgColor="FBF1D9")
BOLD = Font(name="Calibri", size=11, bold=True)
WRAP = Alignment(wrap_text=True)
SMALL_MARK = "†"
CHARTED = {"headline": "estimate", "regions": "estimate", "did": "did", "change": "difference"}


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate


def _cell(ws: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write ``value``; text is always stored as text (openpyxl would store text starting
    with "=" as a formula, which a spreadsheet then runs: labels and answers are user text)."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


class _Sheets:
    """Sheets created on demand, each with its next free row."""

    def __init__(self, book: Workbook, language: str) -> None:
        self.book = book
        self.translate = translator("reports", language)
        self.used: set[str] = set()
        self.sheets: dict[str, Worksheet] = {}
        self.row: dict[str, int] = {}
        self.header: dict[str, int] = {}  # sheet title -> header row of its first table
        self.width: dict[str, int] = {}  # sheet title -> columns of its widest table

    def get(self, name: str, title: str) -> Worksheet:
        if name not in self.sheets:
            ws = self.book.create_sheet(_sheet_name(name, self.used))
            _cell(ws, 1, 1, title).font = Font(name="Calibri", bold=True, size=14)
            self.sheets[name], self.row[name] = ws, 3
        return self.sheets[name]


def write_xlsx(document: Document, path: Path) -> Path:
    """Render ``document`` to ``path`` and return the path."""
    book = Workbook()
    book.remove(book.active)
    sheets = _Sheets(book, document.language)
    _cover(document, sheets)
    for section in document.sections[1:]:
        _section(section, sheets)
    for ws in book.worksheets:
        _print_setup(ws, sheets.header.get(ws.title), sheets.width.get(ws.title),
                     document.watermark)
    book.save(path)
    return path


def _print_setup(ws: Worksheet, header: int | None, width: int | None, watermark: str) -> None:
    """Fit the tables (not the charts beside them) to the page width, as many pages down as
    needed, landscape when wide, the first table's header row repeated on every page, a
    watermark in the page header."""
    columns = width or ws.max_column
    chars = sum(ws.column_dimensions[get_column_letter(j)].width or 0.0
                for j in range(1, columns + 1))
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    wide = columns > WIDE or chars > WIDE_CHARS
    ws.page_setup.orientation = "landscape" if wide else "portrait"
    ws.print_area = f"A1:{get_column_letter(columns)}{ws.max_row}"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    if header is not None:
        ws.print_title_rows = f"{header}:{header}"
    if watermark:
        ws.oddHeader.center.text = watermark
        ws.oddHeader.center.color = "B3261E"


def _cover(document: Document, sheets: _Sheets) -> None:
    section = document.sections[0]
    ws = sheets.get(section.sheet, document.title)
    _cell(ws, 2, 1, document.subtitle)
    if document.watermark:
        _cell(ws, 3, 1, document.watermark).font = Font(name="Calibri", size=11, bold=True,
                                                        color="B3261E")
    for row in (2, 3):  # under the title, as wide as the two columns
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 80
    row = 4
    for block in section.blocks:
        if isinstance(block, KeyValues):
            for label, value in block.items:
                _cell(ws, row, 1, label).font = BOLD
                cell = _cell(ws, row, 2, value)
                if isinstance(value, int):
                    cell.number_format = FORMATS["integer"]
                    cell.alignment = Alignment(horizontal="left")
                _fit_row(ws, row, (1, 2))
                row += 1


def _section(section: Section, sheets: _Sheets) -> None:
    groups: dict[tuple[str, str], list[Table]] = {}
    for table in section.tables():
        groups.setdefault((table.sheet or section.sheet, table.group or table.key), []).append(table)
    sheets.get(section.sheet, section.title)
    for (sheet, group), tables in groups.items():
        ws = sheets.get(sheet, section.title if sheet == section.sheet else sheet)
        first = sheets.row[sheet] == 3
        start = sheets.row[sheet]
        end = _write_group(ws, tables, start)
        wide = len(tables[0].context) + len(tables[0].columns)
        sheets.width[ws.title] = max(sheets.width.get(ws.title, 1), wide)
        if first:
            ws.freeze_panes = ws.cell(start + 1, 1)
            ws.auto_filter.ref = f"A{start}:{get_column_letter(ws.max_column)}{max(end, start + 1)}"
            sheets.header[ws.title] = start
        if group in CHARTED:
            helpers = (sheets.translate("CI − (chart)"), sheets.translate("CI + (chart)"))
            _charts(ws, tables, start, CHARTED[group], helpers)
        sheets.row[sheet] = end + 2
    ws = sheets.get(section.sheet, section.title)
    text_only = all(sheet != section.sheet for sheet, _ in groups)
    if text_only:  # e.g. the summary: text wrapped in one column that prints whole
        ws.column_dimensions["A"].width = TEXT_WIDTH
    span = _prose_span(ws, sheets.width.get(ws.title, 1))
    sheets.row[section.sheet] = _prose(ws, section.blocks, sheets.row[section.sheet], span,
                                       all_headings=text_only) + 1


def _prose_span(ws: Worksheet, columns: int) -> tuple[int, float]:
    """The last column and the width (characters) of the paragraphs under a sheet's tables:
    its first columns up to :data:`PROSE_WIDTH`, never beyond the widest table."""
    total = 0.0
    for j in range(1, columns + 1):
        total += ws.column_dimensions[get_column_letter(j)].width or 0.0
        if total >= PROSE_WIDTH:
            return j, total
    return columns, total


def _prose(ws: Worksheet, blocks: tuple[Block, ...], row: int, span: tuple[int, float], *,
           all_headings: bool) -> int:
    """Headings and paragraphs from ``row`` on, each wrapped in one (merged) cell of ``span``
    in a row tall enough for it; returns the next free row. Under tables only the headings of
    paragraphs are written (the tables' headings are in their own columns)."""
    last, width = span
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Heading) and (all_headings or isinstance(following, Paragraph)):
            _text_cell(ws, row, block.text, last, width, bold=True).font = BOLD
            row += 1
        elif isinstance(block, Paragraph):
            cell = _text_cell(ws, row, block.text, last, width)
            if block.style == "note":
                cell.font = Font(name="Calibri", size=11, italic=True, color="555555")
            row += 1
    return row


def _text_cell(ws: Worksheet, row: int, text: str, last: int, width: float, *,
               bold: bool = False) -> Cell:
    cell = _cell(ws, row, 1, text)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if last > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    ws.row_dimensions[row].height = row_height(line_count(text, width, bold=bold))
    return cell


def _fit_row(ws: Worksheet, row: int, columns: tuple[int, ...], *, bold: bool = False) -> None:
    """Wrap the text cells of ``row`` in ``columns`` that are longer than their column, and
    make the row tall enough for the longest (their last line stays beside the numbers)."""
    lines = 1
    for j in columns:
        cell = ws.cell(row, j)
        width = ws.column_dimensions[get_column_letter(j)].width or 0.0
        if isinstance(cell.value, str) and not fits(cell.value, width, bold=bold):
            lines = max(lines, line_count(cell.value, width, bold=bold))
            if not cell.alignment.wrap_text:
                cell.alignment = WRAP
    if lines > 1:
        ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0.0,
                                            row_height(lines))


def _write_group(ws: Worksheet, tables: list[Table], start: int) -> int:
    """Header at ``start``, then every table's rows; returns the last row written."""
    lead: list[Column] = [c for c, _ in tables[0].context]
    columns = [*lead, *tables[0].columns]
    for j, col in enumerate(columns, start=1):
        cell = _cell(ws, start, j, col.title)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = start
    for table in tables:
        context = [v for _, v in table.context]
        small = table.small or (False,) * len(table.rows)
        for values, is_small in zip(table.rows, small, strict=True):
            row += 1
            for j, (col, value) in enumerate(zip(columns, [*context, *values], strict=True),
                                             start=1):
                _put(ws, row, j, col, value, is_small)
    _widths(ws, columns, start, row)
    every = tuple(range(1, len(columns) + 1))
    _fit_row(ws, start, every, bold=True)
    text = tuple(j for j, col in enumerate(columns, start=1) if col.kind == "text")
    for r in range(start + 1, row + 1):
        _fit_row(ws, r, text)
    return row


def _put(ws: Worksheet, row: int, column: int, col: Column, value: object, small: bool) -> None:
    if col.kind == "flag":
        value = SMALL_MARK if value else None
    if col.kind == "mark" and not value:
        value = None
    cell = _cell(ws, row, column, value)
    if col.kind in FORMATS:
        cell.number_format = FORMATS[col.kind]
    if small:
        cell.fill = SMALL_FILL


def _widths(ws: Worksheet, columns: list[Column], start: int, end: int) -> None:
    for j, col in enumerate(columns, start=1):
        letter = get_column_letter(j)
        if col.kind == "text":
            longest = max((column_width(str(ws.cell(r, j).value or "")) for r in
                           range(start + 1, end + 1)), default=10)
            width = min(max(longest, 12), TEXT_COLUMN)
        else:
            width = 12
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(current, width)


def _charts(ws: Worksheet, tables: list[Table], start: int, value_key: str,
            helpers: tuple[str, str]) -> None:
    """A bar chart per table, its CIs as error bars from two helper columns (titled
    ``helpers``)."""
    lead = len(tables[0].context)
    keys = [c.key for c in tables[0].columns]
    value_col = lead + keys.index(value_key) + 1
    low_col, high_col = (lead + keys.index(k) + 1 for k in ("ci_low", "ci_high"))
    label_col = lead + next(i for i, c in enumerate(tables[0].columns) if c.kind == "text") + 1
    minus_col, plus_col = ws.max_column + 1, ws.max_column + 2
    for j, title in zip((minus_col, plus_col), helpers, strict=True):
        _cell(ws, start, j, title).font = Font(name="Calibri", size=11, italic=True,
                                               color="777777")
        ws.column_dimensions[get_column_letter(j)].width = 12
    _fit_row(ws, start, (minus_col, plus_col))
    shares = value_key not in ("did", "difference")
    anchor_col = get_column_letter(plus_col + 2)
    row = start + 1
    for table in tables:
        if not table.rows:
            continue
        last = row + len(table.rows) - 1
        for r in range(row, last + 1):
            value, low, high = (ws.cell(r, c).value for c in (value_col, low_col, high_col))
            if isinstance(value, float) and isinstance(low, float) and isinstance(high, float):
                ws.cell(r, minus_col, value - low).number_format = FORMATS["percent"]
                ws.cell(r, plus_col, high - value).number_format = FORMATS["percent"]
        chart = BarChart()
        chart.type = "bar"
        chart.style = 10
        chart.title = table.title[:80]
        chart.legend = None
        chart.y_axis.number_format = FORMATS["percent" if shares else "points"]
        if shares:  # shares on a fixed 0-100% axis, comparable between charts
            chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0.0, 1.0
            chart.y_axis.majorUnit = 0.2
        chart.x_axis.scaling.orientation = "maxMin"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.add_data(Reference(ws, min_col=value_col, min_row=row, max_row=last))
        chart.set_categories(Reference(ws, min_col=label_col, min_row=row, max_row=last))
        chart.series[0].errBars = ErrorBars(
            errBarType="both", errValType="cust", noEndCap=False,
            minus=_numbers(ws, minus_col, row, last), plus=_numbers(ws, plus_col, row, last))
        chart.height = max(7.5, 0.55 * len(table.rows) + 3.0)  # cm: room for every label
        chart.width = 18
        ws.add_chart(chart, f"{anchor_col}{row}")
        row = last + 1


def _numbers(ws: Worksheet, column: int, first: int, last: int) -> NumDataSource:
    letter = get_column_letter(column)
    title = ws.title.replace("'", "''")
    return NumDataSource(numRef=NumRef(f=f"'{title}'!${letter}${first}:${letter}${last}"))
