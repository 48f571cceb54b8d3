"""The document as an A4 PDF (reportlab): cover, table of contents, sections, page numbers.

Fonts: DejaVu Sans embedded (:mod:`reports.fonts`). Charts: matplotlib draws SVG, svglib turns
it into a reportlab drawing, so charts stay vector graphics in the PDF (svglib is a small,
maintained pure-Python converter; reportlab has no SVG import of its own). Tables split across
pages with their header row repeated. Sections marked ``in_pdf=False`` (the data dictionary)
are Excel-only.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PlainTable
from reportlab.platypus.tableofcontents import TableOfContents
from svglib.svglib import svg2rlg

from reports import charts
from reports import formatting as fmt
from reports.codes import ReportCode
from reports.document import Chart, Document, Heading, KeyValues, Section, Table
from reports.document import Paragraph as TextBlock
from reports.errors import ReportCancelled, ReportError
from reports.fonts import BOLD, register_fonts
from reports.outputs import PARTIAL
from reports.pdf_tables import DrawSwitch, table_flowable
from survey.i18n import translator
from survey.messages import Location

MARGIN = 2 * cm
WIDTH = A4[0] - 2 * MARGIN
BAND = colors.HexColor("#1d3d5c")
BAND_HEIGHT = 10 * cm


def _styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    base = ParagraphStyle("body", fontName=font, bulletFontName=font, fontSize=9, leading=12,
                          spaceAfter=4)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=22, leading=28,
                                spaceAfter=12, textColor=colors.white),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=15, spaceAfter=18,
                                   textColor=colors.HexColor("#d6e2ee")),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=8,
                             textColor=colors.HexColor("#1d3d5c")),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11, leading=14,
                             spaceBefore=10, spaceAfter=4, textColor=colors.HexColor("#1d3d5c"),
                             keepWithNext=1),
        "caption": ParagraphStyle("caption", base, fontName=BOLD, fontSize=8, leading=10,
                                  spaceBefore=4, spaceAfter=2, keepWithNext=1),
        "caption_long": ParagraphStyle("caption_long", base, fontName=BOLD, fontSize=8,
                                       leading=10, spaceBefore=4, spaceAfter=2),
        "finding": ParagraphStyle("finding", base, leftIndent=10, bulletIndent=0),
        "note": ParagraphStyle("note", base, fontSize=7.5, leading=9.5,
                               textColor=colors.HexColor("#555555")),
        "cell": ParagraphStyle("cell", base, fontSize=7.5, leading=9, spaceAfter=0),
        "head": ParagraphStyle("head", base, fontName=BOLD, fontSize=7, leading=8.5,
                               spaceAfter=0, splitLongWords=0),
        "cell_small": ParagraphStyle("cell_small", base, fontSize=6.3, leading=7.6,
                                     spaceAfter=0),
        "head_small": ParagraphStyle("head_small", base, fontName=BOLD, fontSize=6.3,
                                     leading=7.6, spaceAfter=0, splitLongWords=0),
        "toc1": ParagraphStyle("toc1", base, fontName=BOLD, fontSize=9.5, leading=13,
                               spaceBefore=2),
        "toc2": ParagraphStyle("toc2", base, fontSize=8, leading=9.6, leftIndent=14,
                               spaceAfter=0),
    }


class _ReportTemplate(BaseDocTemplate):
    """Registers level-0/1 headings in the table of contents and the PDF outline."""

    def __init__(self, path: str, page_label: str, watermark: str = "",
                 **kwargs: object) -> None:
        # every text, the canvas's initial font included, is in the embedded DejaVu Sans
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=MARGIN,
                         initialFontName=register_fonts(), **kwargs)
        frame = Frame(MARGIN, MARGIN, WIDTH, A4[1] - 2 * MARGIN, id="body")
        self.addPageTemplates([PageTemplate("cover", [frame], onPage=self._band),
                               PageTemplate("page", [frame], onPage=self._footer)])
        self._page_label = page_label
        self._watermark = watermark
        self._progress: Callable[[float], None] | None = None
        self._placed, self._to_place = 0, 1

    def _band(self, canvas: Any, doc: object) -> None:
        """The cover's coloured band behind the title."""
        canvas.saveState()
        canvas.setFillColor(BAND)
        canvas.rect(0, A4[1] - BAND_HEIGHT, A4[0], BAND_HEIGHT, stroke=0, fill=1)
        if self._watermark:
            canvas.setFont(BOLD, 11)
            canvas.setFillColor(colors.HexColor("#b3261e"))
            canvas.drawString(MARGIN, MARGIN / 2, self._watermark)
        canvas.restoreState()
        self._mark(canvas)

    def _footer(self, canvas: Any, doc: object) -> None:
        canvas.saveState()
        canvas.setFont(register_fonts(), 8)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2,
                               f"{self._page_label} {canvas.getPageNumber()}")
        if self._watermark:
            canvas.setFillColor(colors.HexColor("#b3261e"))
            canvas.drawString(MARGIN, MARGIN / 2, self._watermark)
        canvas.restoreState()
        self._mark(canvas)

    def _mark(self, canvas: Any) -> None:
        """The watermark (e.g. synthetic data) across the page, light, behind nothing."""
        if not self._watermark:
            return
        canvas.saveState()
        canvas.setFont(BOLD, 40)
        canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.13))
        canvas.translate(A4[0] / 2, A4[1] / 2)
        canvas.rotate(52)
        canvas.drawCentredString(0, 0, self._watermark)
        canvas.restoreState()

    def build_in_passes(self, story: list[Flowable], switch: DrawSwitch, toc: TableOfContents,
                        cancel: Callable[[], bool] | None = None, max_passes: int = 8,
                        progress: Callable[[float], None] | None = None) -> int:
        """Lay the story out once without drawing tables and charts, then draw it until the
        table of contents settles (usually once); returns the number of passes.

        The contents start with every heading of the story (pages unknown), so the first
        layout already has the contents' final length; drawing never changes the layout.
        Like reportlab's ``multiBuild``, every pass lays out the same flowables (undoing the
        changes a pass makes to them) and the file is saved after the last pass.
        ``progress(fraction)`` follows the flowables placed, the usual two passes being 0..1.
        """
        self._progress = progress
        self._placed, self._to_place = 0, max(2 * len(story), 1)
        self._doSave = 0
        self._indexingFlowables = [toc]  # receive the headings' TOCEntry notices
        edits: list[tuple[Any, ...]] = []
        self._multiBuildEdits = edits.append
        toc.clearEntries()
        toc.addEntries(_toc_headings(story))
        try:
            for passes in range(1, max_passes + 1):
                if cancel is not None and cancel():
                    raise ReportCancelled(ReportCode.CANCELLED)
                switch.on = passes > 1
                toc.beforeBuild()
                self.build(story[:])
                toc.afterBuild()
                if switch.on and toc.isSatisfied():
                    self.canv.save()
                    return passes
                while edits:
                    edit = edits.pop(0)
                    edit[0](*edit[1:])
        finally:
            del self._multiBuildEdits
        where = Location(file=str(self.filename).removesuffix(PARTIAL))
        raise ReportError(ReportCode.PDF_LAYOUT, where, passes=max_passes)

    def afterFlowable(self, flowable: Flowable) -> None:
        self._placed += 1
        if self._progress is not None and self._placed % 10 == 0:
            self._progress(min(self._placed / self._to_place, 1.0))
        level = getattr(flowable, "_toc_level", None)
        if level is None:
            return
        key = flowable._bookmark  # type: ignore[attr-defined]
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level)  # type: ignore[attr-defined]
        self.notify("TOCEntry", (level, flowable.getPlainText(), self.page, key))  # type: ignore[attr-defined]


def _heading(text: str, style: ParagraphStyle, level: int, key: str) -> Paragraph:
    para = Paragraph(escape(text), style)
    para._toc_level = level  # type: ignore[attr-defined]
    para._bookmark = key  # type: ignore[attr-defined]
    return para


class _ChartFlowable(Flowable):
    """A chart drawing scaled to the text width; drawn only when its switch is on."""

    def __init__(self, drawing: Drawing, switch: DrawSwitch) -> None:
        super().__init__()
        self.drawing, self.switch = drawing, switch
        self.scale = WIDTH / drawing.width
        self.width, self.height = WIDTH, drawing.height * self.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.switch.on:
            self.canv.saveState()
            self.canv.scale(self.scale, self.scale)
            self.drawing.drawOn(self.canv, 0, 0)
            self.canv.restoreState()


def _chart(chart: Chart, language: str, switch: DrawSwitch,
           drawings: dict[str, Drawing]) -> Flowable:
    if chart.key not in drawings:
        drawing = svg2rlg(io.BytesIO(charts.svg_bytes(chart, language)))
        if drawing is None:
            raise ReportError(ReportCode.CHART_UNDRAWABLE, chart=chart.key)
        drawing.initialFontName = register_fonts()  # not reportlab's default Helvetica
        drawings[chart.key] = drawing
    return _ChartFlowable(drawings[chart.key], switch)


def _section(section: Section, index: int, language: str, st: dict[str, ParagraphStyle],
             switch: DrawSwitch, drawings: dict[str, Drawing],
             cancel: Callable[[], bool] | None) -> list[Flowable]:
    out: list[Flowable] = [PageBreak(), _heading(section.title, st["h1"], 0, f"s{index}")]
    last_heading = section.title
    # reportlab's keepWithNext cannot join a heading to a KeepTogether, so a heading waits here
    # and goes inside the KeepTogether of the table or chart that follows it.
    heading: list[Flowable] = []
    for n, block in enumerate(section.blocks):
        if cancel is not None and cancel():
            raise ReportCancelled(ReportCode.CANCELLED)
        if isinstance(block, Heading):
            last_heading = block.text
            out.append(CondPageBreak(4 * cm))
            heading = [_heading(block.text, st["h2"], 1, f"s{index}.{n}")]
            continue
        if isinstance(block, TextBlock):
            style = st[block.style]
            bullet = "•" if block.style == "finding" else None
            text = Paragraph(escape(block.text), style, bulletText=bullet)
            if heading and isinstance(_next(section, n), Chart):  # a finding and its chart
                heading.append(text)  # stay on one page (the executive summary)
                continue
            out += [*heading, text]
        elif isinstance(block, Table):
            out += _table(block, last_heading, language, st, switch, heading,
                          compact=section.key == "appendix")
        elif isinstance(block, Chart):
            chart = _chart(block, language, switch, drawings)
            out += [KeepTogether([*heading, chart]) if heading else chart, Spacer(1, 6)]
        heading = []
    return out + heading


def _next(section: Section, n: int) -> object:
    return section.blocks[n + 1] if n + 1 < len(section.blocks) else None


def _table(table: Table, heading: str, language: str, st: dict[str, ParagraphStyle],
           switch: DrawSwitch, lead: list[Flowable], compact: bool = False) -> list[Flowable]:
    parts: list[Flowable] = list(lead)
    short = len(table.rows) <= 25
    if table.title != heading:
        # A long table may start at the foot of a page (its header repeats), so its caption
        # only needs room for a few rows; a short one moves to the next page with its caption.
        parts += [Paragraph(escape(table.title), st["caption"] if short else st["caption_long"])]
    cell, head = (st["cell_small"], st["head_small"]) if compact else (st["cell"], st["head"])
    flow = table_flowable(table, language, WIDTH, cell, head, switch)
    parts = [KeepTogether([*parts, flow])] if short else [CondPageBreak(4 * cm), *parts, flow]
    parts += [Paragraph(escape(note), st["note"]) for note in table.notes]
    parts.append(Spacer(1, 6))
    return parts


def _cover(document: Document, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Title and subtitle on the band, then the data snapshot as a two-column table."""
    top: list[Flowable] = [Paragraph(escape(document.title), st["title"])]
    if document.subtitle:
        top.append(Paragraph(escape(document.subtitle), st["subtitle"]))
    items = [item for block in document.sections[0].blocks if isinstance(block, KeyValues)
             for item in block.items]
    rows = [[Paragraph(f"<b>{escape(label)}</b>", st["body"]),
             Paragraph(escape(value if isinstance(value, str)
                              else fmt.number(value, document.language)), st["body"])]
            for label, value in items]
    snapshot = PlainTable(rows, colWidths=[5.5 * cm, WIDTH - 5.5 * cm], hAlign="LEFT")
    font = ("FONT", (0, 0), (-1, -1), register_fonts())  # no cell falls back to Helvetica
    snapshot.setStyle(TableStyle([font, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#c9d3dd"))]))
    band = PlainTable([[KeepInFrame(WIDTH, BAND_HEIGHT - MARGIN - 0.5 * cm, top, mode="shrink")]],
                      colWidths=[WIDTH], rowHeights=[BAND_HEIGHT - MARGIN])
    band.setStyle(TableStyle([font, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [band, Spacer(1, 1 * cm), snapshot, NextPageTemplate("page")]


def write_pdf(document: Document, path: Path, cancel: Callable[[], bool] | None = None,
              progress: Callable[[float], None] | None = None) -> Path:
    """Render ``document`` to ``path`` (A4) and return the path; ``progress(fraction)`` is
    called as the pages are laid out and drawn."""
    _ = translator("reports", document.language)
    st = _styles()
    template = _ReportTemplate(str(path), _("Page"), document.watermark, title=document.title,
                               author="Kelisim", subject=document.subtitle)
    toc = TableOfContents(levelStyles=[st["toc1"], st["toc2"]], dotsMinLevel=0,
                          tableStyle=TableStyle([
                              ("FONT", (0, 0), (-1, -1), register_fonts()),
                              ("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    drawings: dict[str, Drawing] = {}
    switch = DrawSwitch()
    story: list[Flowable] = _cover(document, st)
    story += [PageBreak(), Paragraph(escape(_("Contents")), st["h1"]), toc]
    for index, section in enumerate(document.sections[1:], start=1):
        if section.in_pdf:
            story += _section(section, index, document.language, st, switch, drawings, cancel)
    template.build_in_passes(story, switch, toc, cancel, progress=progress)
    return path


def _toc_headings(flowables: list[Flowable]) -> list[tuple[int, str, int, str]]:
    """The contents entries ``flowables`` will register, with page 0 (for the first pass)."""
    out: list[tuple[int, str, int, str]] = []
    for flowable in flowables:
        level = getattr(flowable, "_toc_level", None)
        if level is not None:
            out.append((level, flowable.getPlainText(), 0,  # type: ignore[attr-defined]
                        flowable._bookmark))  # type: ignore[attr-defined]
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            out += _toc_headings(inner)
    return out
