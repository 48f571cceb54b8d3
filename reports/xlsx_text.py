"""Wrapped text in the Excel report: the lines a text takes in a column, the row height that
shows them all, and how wide prose may be.

A spreadsheet grows neither a row a program wrote nor a merged cell for wrapped text, and the
font a reader's spreadsheet draws with is not known: Calibri in Excel, often DejaVu Sans where
Calibri is missing (LibreOffice on Linux). Text is measured in DejaVu Sans, the wider of the
two, in units of its digit "0" (the unit of column widths), so a row is tall enough for its
text in either; in Calibri it keeps some space under the last line.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase.pdfmetrics import stringWidth

from reports.fonts import BOLD, REGULAR, register_fonts

#: Points per line of 11-point text (Excel's default row height), and a little air below.
LINE_HEIGHT = 15.0
ROW_PADDING = 3.0
#: Characters of a column's width taken by the cell's margins, and a share kept free for
#: rounding to screen pixels.
CELL_MARGIN = 1.0
SLACK = 0.95
#: Prose merged across a table's columns is at least this wide (characters), so that a
#: finding reads as lines of a paragraph, and no wider than needed to reach it.
PROSE_WIDTH = 100.0
#: The one column of a sheet of text: it fits a portrait A4 page at 100% (0.5" margins)
#: even in DejaVu Sans, so a spreadsheet that does not scale one column prints it whole.
TEXT_WIDTH = 70.0


@cache
def _units(word: str, bold: bool) -> float:
    font = BOLD if bold else REGULAR
    register_fonts()
    return stringWidth(word, font, 11) / stringWidth("0", font, 11)


def text_width(text: str, *, bold: bool = False) -> float:
    """Width of ``text`` on one line, in characters of a column width."""
    return sum(_units(word, bold) for word in text.split()) + _units(" ", bold) * text.count(" ")


def column_width(text: str, *, bold: bool = False) -> float:
    """Width (characters) of a column that shows ``text`` on one line."""
    return text_width(text, bold=bold) / SLACK + CELL_MARGIN + 0.5


def line_count(text: str, width: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped between words in a column ``width`` characters wide
    (a word longer than a line is broken, as spreadsheets do)."""
    room = max((width - CELL_MARGIN) * SLACK, 1.0)
    space = _units(" ", bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            size = _units(word, bold)
            if used and used + space + size > room:
                lines += 1
                used = 0.0
            used += (space if used else 0.0) + size
            while used > room:
                lines += 1
                used -= room
    return lines


def row_height(lines: int, size: float = 11.0) -> float:
    """Points of a row showing ``lines`` lines of ``size``-point text."""
    return LINE_HEIGHT * size / 11.0 * max(lines, 1) + ROW_PADDING


def fits(text: str, width: float, *, bold: bool = False) -> bool:
    """Whether ``text`` stands on one line of a column ``width`` characters wide."""
    return line_count(text, width, bold=bold) == 1
