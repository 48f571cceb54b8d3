"""PDF tables never overlap: every table kind in kk, ru and en, words' boxes read back.

The document of a real report (demo data, breakdowns by region and sex, so the longest region
names sit in narrow columns) is cut to one table of each kind and rendered; pdfplumber reads the
box of every word, and no two words on a page may overlap, nor a region's name be cut. The
checker itself is shown to catch overlaps: PDFs drawn here with words on top of each other
(and a table whose narrow columns let text run into the next column) are reported, the same
words set apart are not.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Table as PdfTable

from reports.api import build_report
from reports.document import Document, Section, Table
from reports.fonts import register_fonts
from reports.pdf_renderer import write_pdf
from reports.spec import ReportSpec

EPSILON = 0.3  # points: glyph boxes of neighbouring words may touch


def _one_table_per_kind(document: Document) -> Document:
    seen: set[tuple[str, str]] = set()
    sections = []
    for section in document.sections:
        if not section.in_pdf:
            continue
        blocks = []
        for block in section.blocks:
            if isinstance(block, Table):
                kind = (section.key, block.group or block.key)
                if kind in seen:
                    continue
                seen.add(kind)
            elif section.key != "cover":
                continue
            blocks.append(block)
        sections.append(Section(section.key, section.title, section.sheet, tuple(blocks)))
    return Document(document.title, document.language, tuple(sections), document.subtitle)


def _overlaps(words: list[dict]) -> list[tuple[str, str]]:
    """Pairs of words (a word with itself when its letters were drawn over each other: text
    drawn over text on one line is read back as one garbled word) holding two characters
    whose boxes overlap, found by sweeping the characters from left to right."""
    chars = sorted(((c, w["text"]) for w in words for c in w["chars"] if c["text"].strip()),
                   key=lambda cw: cw[0]["x0"])
    found: dict[tuple[str, str], None] = {}
    for i, (a, word_a) in enumerate(chars):
        for b, word_b in chars[i + 1:]:
            if b["x0"] >= a["x1"] - EPSILON:
                break
            if a["top"] < b["bottom"] - EPSILON and b["top"] < a["bottom"] - EPSILON:
                found[(word_a, word_b)] = None
    return list(found)


def overlapping_words(path: Path) -> tuple[list[tuple[int, str, str]], set[str]]:
    """(page, word, word) for every two words with overlapping characters, and every word
    seen."""
    problems, words_seen = [], set()
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(use_text_flow=False, keep_blank_chars=False,
                                       return_chars=True)
            words_seen |= {w["text"] for w in words}
            problems += [(number, a, b) for a, b in _overlaps(words)]
    return problems, words_seen


def _words_at(path: Path, placed: list[tuple[str, float, float]]) -> Path:
    """A one-page PDF with each (text, x, y) drawn in DejaVu Sans 10 pt."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont(register_fonts(), 10)
    for text, x, y in placed:
        canvas.drawString(x, y, text)
    canvas.save()
    return path


@pytest.mark.parametrize(("placed", "expected"), [
    # on one line: read back as one garbled word, its letters over each other
    ([("Шығыс", 100, 700), ("Қазақстан", 120, 700)], {"ШығҚыасзақстан"}),
    # a word lower by less than its height, over the end of another
    ([("Estimate", 100, 700), ("n", 130, 704)], {"Estimate", "n"}),
    # the same words set apart: nothing to report
    ([("Шығыс", 100, 700), ("Қазақстан", 160, 700), ("облысы", 100, 686)], set()),
])
def test_overlap_checker__words_drawn_on_top_of_each_other__reported(
        placed: list[tuple[str, float, float]], expected: set[str], tmp_path: Path) -> None:
    problems, seen = overlapping_words(_words_at(tmp_path / "words.pdf", placed))
    assert {word for _page, a, b in problems for word in (a, b)} == expected
    if not expected:
        assert seen == {text for text, _x, _y in placed}


def test_overlap_checker__table_with_text_wider_than_its_columns__reported(
        tmp_path: Path) -> None:
    font = register_fonts()
    rows = [["Өңір", "Бағалау", "n"], ["Восточно-Казахстанская область", "44,1%", "33"]]
    narrow = PdfTable(rows, colWidths=[40, 40, 30])  # no wrapping: text runs on
    narrow.setStyle([("FONT", (0, 0), (-1, -1), font, 9)])
    wide = PdfTable(rows, colWidths=[170, 50, 30])
    wide.setStyle([("FONT", (0, 0), (-1, -1), font, 9)])
    for table, overlapping in ((narrow, True), (wide, False)):
        path = tmp_path / f"table-{overlapping}.pdf"
        SimpleDocTemplate(str(path), pagesize=A4).build([table])
        problems, _seen = overlapping_words(path)
        assert bool(problems) is overlapping, problems
        if overlapping:
            assert any("Восточно" in a or "Восточно" in b for _page, a, b in problems)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_pdf_tables__every_kind__no_two_words_overlap(language: str, demo_db: Path,
                                                      tmp_path: Path) -> None:
    spec = ReportSpec(language=language, weighting="raked", breakdowns=("region", "sex"))
    document = _one_table_per_kind(build_report(demo_db, spec=spec).document)
    kinds = {(s.key, t.group) for s in document.sections for t in s.tables()}
    assert {("findings", "headline"), ("regions", "regions"), ("questions", "crosstab"),
            ("questions", "distribution"), ("methodology", "moe"),
            ("appendix", "marks")} <= kinds
    problems, words_seen = overlapping_words(write_pdf(document, tmp_path / "tables.pdf"))
    assert problems == []
    regions = document.table(next(t.key for s in document.sections for t in s.tables()
                                  if t.group == "regions"))
    for name in regions.column_values("region"):
        assert set(str(name).split()) <= words_seen, name  # a region's name is never cut
