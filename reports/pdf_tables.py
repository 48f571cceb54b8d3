"""Document tables as reportlab flowables: header repeated on every page, numbers formatted.

Column widths come from the measured text (``stringWidth`` in the fonts the table is set in):
number columns are as wide as their widest cell or the longest word of their header, and the
text columns share the rest in proportion to their text, never narrower than their longest
word; headers wrap between words and sit over their column (right-aligned over numbers).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, TableStyle

from reports import formatting as fmt
from reports.document import STATUSES, Cell, Column, Table

HEADER_BG = colors.HexColor("#e4ebf2")
SMALL_BG = colors.HexColor("#fbf1d9")
GRID = colors.HexColor("#b8c2cc")
SMALL_MARK = "†"
PADDING = 3.0


def cell_text(value: Cell, column: Column, language: str, status: str = "") -> str:
    shown_as_star = ("percent", "points", "integer", "pvalue", "number")
    if value is None and status == "suppressed" and column.kind in shown_as_star:
        return STATUSES["suppressed"]
    if column.kind == "percent":
        return fmt.percent(value, language)
    if column.kind == "points":
        return fmt.points(value, language)
    if column.kind == "pvalue":
        return fmt.pvalue(value, language)
    if column.kind == "flag":
        return SMALL_MARK if value else ""
    if column.kind == "mark":
        return "" if value is None else str(value)
    if column.kind in ("integer", "number"):
        return fmt.number(value, language)
    return "" if value is None else str(value)


def _words(text: str) -> list[str]:
    return text.split() or [""]


def widths(table: Table, total: float, body: ParagraphStyle, head: ParagraphStyle,
           texts: list[list[str]]) -> list[float]:
    """Column widths from measured text (see the module docstring); they sum to ``total``
    unless even the narrowest layout is wider (then each column keeps its minimum)."""
    def measure(text: str, style: ParagraphStyle) -> float:
        return stringWidth(text, style.fontName, style.fontSize) + 2 * PADDING + 0.5

    head_min = [max(measure(w, head) for w in _words(c.title)) for c in table.columns]
    head_full = [measure(c.title, head) for c in table.columns]
    need, natural = [], []
    for j, column in enumerate(table.columns):
        cells = [row[j] for row in texts] or [""]
        if column.kind == "text":
            need.append(max([head_min[j], *(measure(w, body) for t in cells for w in _words(t))]))
            natural.append(max([head_full[j], *(measure(t, body) for t in cells)]))
        else:
            need.append(max([head_min[j], *(measure(t, body) for t in cells)]))
            natural.append(need[-1])
    spare = total - sum(need)
    if spare <= 0:
        return need
    grow = [n - m for n, m in zip(natural, need, strict=True)]
    if sum(grow) <= spare:  # everything fits on one line: give the rest to the text columns
        out = natural
        extra = total - sum(out)
        text = [j for j, c in enumerate(table.columns) if c.kind == "text"] or list(range(len(out)))
        return [w + (extra / len(text) if j in text else 0.0) for j, w in enumerate(out)]
    share = spare / sum(grow)
    return [m + g * share for m, g in zip(need, grow, strict=True)]


class DrawSwitch:
    """Shared flag: layout passes leave tables and charts undrawn; the last pass draws them."""

    def __init__(self) -> None:
        self.on = True


class SwitchedTable(LongTable):
    """A table that skips drawing while its switch is off (its pieces after a split too)."""

    switch: DrawSwitch = DrawSwitch()

    def draw(self) -> None:
        if self.switch.on:
            super().draw()


def table_flowable(table: Table, language: str, width: float, body: ParagraphStyle,
                   head: ParagraphStyle, switch: DrawSwitch) -> LongTable:
    """The table with its header row repeated after each page break."""
    texts = [[cell_text(v, c, language, table.row_status(r))
              for v, c in zip(row, table.columns, strict=True)]
             for r, row in enumerate(table.rows)]
    right = ParagraphStyle("head_right", head, alignment=TA_RIGHT)
    centre = ParagraphStyle("head_centre", head, alignment=TA_CENTER)
    header = [Paragraph(escape(c.title), head if c.kind == "text" else
                        centre if c.kind in ("mark", "flag") else right)
              for c in table.columns]
    rows: list[list[object]] = [header]
    for cells in texts:
        rows.append([Paragraph(escape(t), body) if c.kind == "text" else t
                     for t, c in zip(cells, table.columns, strict=True)])
    style = [("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize),
             ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, GRID),
             ("LINEBELOW", (0, -1), (-1, -1), 0.6, GRID),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
             ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
             ("RIGHTPADDING", (0, 0), (-1, -1), PADDING)]
    for i, c in enumerate(table.columns):
        if c.kind in ("mark", "flag"):
            style.append(("ALIGN", (i, 1), (i, -1), "CENTER"))
        elif c.kind != "text":
            style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    for r, small in enumerate(table.small, start=1):
        if small:
            style.append(("BACKGROUND", (0, r), (-1, r), SMALL_BG))
    flow = SwitchedTable(rows, colWidths=widths(table, width, body, head, texts), repeatRows=1,
                         hAlign="LEFT")
    flow.switch = switch
    flow.setStyle(TableStyle(style))
    return flow
