"""The codebook of an export as an A4 PDF in the export's language.

The content is :class:`survey.export.codebook.Codebook` (the xlsx codebook shows the same).
Fonts: DejaVu Sans embedded (:mod:`reports.fonts`), so Kazakh letters print. Numbers are
written as the language writes them (babel: ``1 234,5`` in Kazakh and Russian).
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from babel.numbers import format_decimal, format_percent
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.fonts import BOLD, register_fonts
from survey.export.codebook import Codebook, Entry, Frequency
from survey.i18n import Translator, locale_of

MARGIN = 1.6 * cm
WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#c8d0d8")
#: reportlab's default left and right padding of a table cell.
CELL_PADDING = 6


def write_codebook_pdf(codebook: Codebook, path: Path, _: Translator) -> None:
    """Write ``codebook`` to ``path`` as a PDF."""
    font = register_fonts()
    styles = {
        "title": ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=8),
        "head": ParagraphStyle("head", fontName=BOLD, fontSize=10, leading=13, spaceBefore=8),
        "body": ParagraphStyle("body", fontName=font, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9),
    }
    locale = locale_of(codebook.language)
    story: list[object] = [
        Paragraph(escape(_("Codebook: {title}", title=codebook.title)), styles["title"]),
        Paragraph(escape(codebook.size), styles["body"]),
        Paragraph(escape(_("missing codes")), styles["head"]),
        _table([[str(code), stata, meaning] for code, stata, meaning in codebook.legend],
               [_("code"), "Stata", _("meaning")], [2 * cm, 2 * cm, WIDTH - 4 * cm], styles),
    ]
    for entry in codebook.entries:
        story.append(KeepTogether(_entry(entry, codebook, locale, styles, _)))
    if codebook.notes:
        story.append(Paragraph(escape(_("notes")), styles["head"]))
        story += [Paragraph(escape(text), styles["body"]) for text in codebook.notes]
    document = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                                 topMargin=MARGIN, bottomMargin=MARGIN,
                                 title=_("Codebook: {title}", title=codebook.title))
    document.build(story)


def _entry(entry: Entry, codebook: Codebook, locale: str,
           styles: dict[str, ParagraphStyle], _: Translator) -> list[object]:
    names = entry.name
    if {entry.spss, entry.stata} != {entry.name}:
        names += f"  (SPSS: {entry.spss}, Stata: {entry.stata})"
    parts: list[object] = [Paragraph(escape(names), styles["head"]),
                           Paragraph(escape(f"{entry.label} [{entry.kind}]"), styles["body"])]
    if entry.asked:
        parts.append(Paragraph(escape(_("asked when") + ": " + entry.asked), styles["body"]))
    if entry.frequencies:
        weighted = codebook.weighted_total is not None
        header = [_("value"), _("value label"), _("count"), _("percent")]
        widths = [1.4 * cm, WIDTH - 9.6 * cm, 1.6 * cm, 1.6 * cm]
        if weighted:
            header += [_("weighted count"), _("weighted percent")]
            widths += [2.6 * cm, 2.4 * cm]
        else:
            widths[1] += 5.0 * cm
        rows = [_cells(row, codebook, locale, weighted) for row in entry.frequencies]
        parts.append(_table(rows, header, widths, styles))
    parts.append(Spacer(1, 4))
    return parts


def _cells(row: Frequency, codebook: Codebook, locale: str, weighted: bool) -> list[str]:
    share = row.count / codebook.rows if codebook.rows else 0.0
    cells = [row.value, row.label, format_decimal(row.count, locale=locale),
             format_percent(share, "#,##0.0%", locale=locale)]
    if weighted:
        total = codebook.weighted_total or 0.0
        amount = row.weighted or 0.0
        cells += [format_decimal(round(amount), locale=locale),
                  format_percent(amount / total if total else 0.0, "#,##0.0%", locale=locale)]
    return cells


def _table(rows: list[list[str]], header: list[str], widths: list[float],
           styles: dict[str, ParagraphStyle]) -> Table:
    cell = styles["cell"]
    data = [[_cell(str(value), width, cell) for value, width in zip(row, widths, strict=True)]
            for row in [header, *rows]]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def _cell(text: str, width: float, style: ParagraphStyle) -> str | Paragraph:
    """A text that fits on one line as it is (drawn by the table, with the paragraph's font,
    size and leading: no markup to parse, no lines to break); a longer one as a paragraph
    that wraps."""
    if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) \
            <= width - 2 * CELL_PADDING:
        return text
    return Paragraph(escape(text), style)
