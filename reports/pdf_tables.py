"""Document tables as reportlab flowables: header repeated on every page, numbers formatted."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, Paragraph, TableStyle

from reports import formatting as fmt
from reports.document import Cell, Column, Table

HEADER_BG = colors.HexColor("#e4ebf2")
SMALL_BG = colors.HexColor("#fbf1d9")
GRID = colors.HexColor("#b8c2cc")
SMALL_MARK = "†"
_WEIGHT = {"text": 2.2, "integer": 0.8, "number": 1.0, "percent": 1.0, "points": 1.2,
           "pvalue": 1.15, "flag": 0.7}


def cell_text(value: Cell, column: Column, language: str) -> str:
    if column.kind == "percent":
        return fmt.percent(value, language)
    if column.kind == "points":
        return fmt.points(value, language)
    if column.kind == "pvalue":
        return fmt.pvalue(value, language)
    if column.kind == "flag":
        return SMALL_MARK if value else ""
    if column.kind in ("integer", "number"):
        return fmt.number(value, language)
    return "" if value is None else str(value)


def widths(table: Table, total: float) -> list[float]:
    """Column widths: text columns share what the number columns leave."""
    weights = [_WEIGHT[c.kind] for c in table.columns]
    if not any(c.kind == "text" for c in table.columns):
        return [total / len(weights)] * len(weights)
    unit = total / sum(weights)
    return [w * unit for w in weights]


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
    header = [Paragraph(escape(c.title), head) for c in table.columns]
    rows: list[list[object]] = [header]
    for row in table.rows:
        rows.append([Paragraph(escape(cell_text(v, c, language)), body) if c.kind == "text"
                     else cell_text(v, c, language) for v, c in zip(row, table.columns, strict=True)])
    style = [("FONT", (0, 0), (-1, -1), body.fontName, body.fontSize),
             ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
             ("LINEBELOW", (0, 0), (-1, 0), 0.6, GRID),
             ("LINEBELOW", (0, -1), (-1, -1), 0.6, GRID),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for i, c in enumerate(table.columns):
        if c.kind != "text":
            style.append(("ALIGN", (i, 1), (i, -1), "RIGHT"))
    for r, small in enumerate(table.small, start=1):
        if small:
            style.append(("BACKGROUND", (0, r), (-1, r), SMALL_BG))
    flow = SwitchedTable(rows, colWidths=widths(table, width), repeatRows=1, hAlign="LEFT")
    flow.switch = switch
    flow.setStyle(TableStyle(style))
    return flow
