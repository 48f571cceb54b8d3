"""The interviewer guide as an A4 PDF (reportlab, DejaVu Sans embedded so every Kazakh letter
shows). Questions are kept whole on a page; answer codes not to be read out are shown in grey
with a mark explained in the guide."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from reports.document import Heading
from reports.document import Paragraph as TextBlock
from reports.fonts import BOLD, OBLIQUE, register_fonts
from reports.guide import Guide, Item
from survey.i18n import Translator, translator

MARGIN = 2 * cm
INK = colors.HexColor("#1d3d5c")
GREY = colors.HexColor("#666666")
NOT_READ = "⊘"


def _styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, spaceAfter=4)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=18, leading=23,
                                spaceAfter=6, textColor=INK),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10, textColor=GREY,
                                   spaceAfter=14),
        "h1": ParagraphStyle("h1", base, fontName=BOLD, fontSize=14, leading=18,
                             spaceBefore=12, spaceAfter=6, textColor=INK),
        "h2": ParagraphStyle("h2", base, fontName=BOLD, fontSize=11.5, leading=15,
                             spaceBefore=10, spaceAfter=4, textColor=INK),
        "h3": ParagraphStyle("h3", base, fontName=BOLD, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=3),
        "finding": ParagraphStyle("finding", base, leftIndent=12, bulletIndent=2),
        "note": ParagraphStyle("note", base, fontName=OBLIQUE, fontSize=8.5, leading=11,
                               textColor=GREY),
        "question": ParagraphStyle("question", base, fontName=BOLD, spaceAfter=2),
        "meta": ParagraphStyle("meta", base, fontSize=8, leading=10, textColor=GREY,
                               spaceAfter=2),
        "option": ParagraphStyle("option", base, fontSize=9, leading=11.5, leftIndent=14,
                                 spaceAfter=0),
        "grey_option": ParagraphStyle("grey_option", base, fontSize=9, leading=11.5,
                                      leftIndent=14, spaceAfter=0, textColor=GREY),
        "instruction": ParagraphStyle("instruction", base, fontName=OBLIQUE, fontSize=9,
                                      leading=11.5, leftIndent=14, spaceBefore=2),
    }


def write_guide_pdf(guide: Guide, path: str | Path) -> Path:
    """Write ``guide`` to ``path`` (the caller handles unwritable paths)."""
    target = Path(path)
    _ = translator("guide", guide.language)
    styles = _styles()
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN, title=guide.title,
                            author="Kelisim", lang=guide.language)
    footer = _("Page")

    def on_page(canvas: object, _doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(register_fonts(), 8)  # type: ignore[attr-defined]
        canvas.setFillColor(GREY)  # type: ignore[attr-defined]
        canvas.drawString(MARGIN, MARGIN / 2, guide.subtitle)  # type: ignore[attr-defined]
        canvas.drawRightString(A4[0] - MARGIN, MARGIN / 2,  # type: ignore[attr-defined]
                               f"{footer} {canvas.getPageNumber()}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    story: list[Flowable] = [Paragraph(escape(guide.title), styles["title"]),
                             Paragraph(escape(guide.subtitle), styles["subtitle"]),
                             Paragraph(escape(_("Answers marked {mark} are not read out: "
                                                "record them only when the respondent gives "
                                                "them.", mark=NOT_READ)), styles["note"])]
    story += _story(guide, styles, _)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return target


def _story(guide: Guide, styles: dict[str, ParagraphStyle], _: Translator) -> list[Flowable]:
    """Each question kept whole on a page, with the headings and notes just before it (one
    level of KeepTogether: reportlab cannot measure one nested in another)."""
    story: list[Flowable] = []
    pending: list[Flowable] = []
    for block in guide.blocks:
        if isinstance(block, Heading) or (isinstance(block, TextBlock)
                                          and block.style == "note"):
            pending += _flowables(block, styles, _)
            continue
        story.append(KeepTogether([*pending, *_flowables(block, styles, _)]))
        pending = []
    return story + pending


def _flowables(block: Heading | TextBlock | Item, styles: dict[str, ParagraphStyle],
               _: Translator) -> list[Flowable]:
    if isinstance(block, Heading):
        return [Paragraph(escape(block.text), styles[f"h{min(block.level, 3)}"])]
    if isinstance(block, TextBlock):
        if block.style == "finding":
            return [Paragraph(escape(block.text), styles["finding"], bulletText="•")]
        return [Paragraph(escape(block.text), styles[block.style if block.style == "note"
                                                     else "body"])]
    return _item(block, styles, _)


def _item(item: Item, styles: dict[str, ParagraphStyle], _: Translator) -> list[Flowable]:
    meta = (item.name, item.kind, _("Answer required") if item.required else "")
    parts: list[Flowable] = [
        Paragraph(f"{escape(_('Q{number}', number=item.number))}. {escape(item.text)}",
                  styles["question"]),
        Paragraph(escape(" · ".join(p for p in meta if p)), styles["meta"]),
    ]
    if item.condition:
        parts.append(Paragraph(escape(item.condition), styles["meta"]))
    for option in item.options:
        if option.read_out:
            parts.append(Paragraph(f"☐ {escape(option.label)}", styles["option"]))
        else:
            parts.append(Paragraph(f"{NOT_READ} {escape(option.label)}",
                                   styles["grey_option"]))
    if item.instruction:
        parts.append(Paragraph(escape(item.instruction), styles["instruction"]))
    if item.check:
        parts.append(Paragraph(escape(_("Check: {message}", message=item.check)),
                               styles["instruction"]))
    parts.append(Spacer(1, 6))
    return parts
