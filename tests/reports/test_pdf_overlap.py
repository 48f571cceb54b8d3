"""PDF tables never overlap: every table kind in kk, ru and en, words' boxes read back.

The document of a real report (demo data, breakdowns by region and sex, so the longest region
names sit in narrow columns) is cut to one table of each kind and rendered; pdfplumber reads the
box of every word, and no two words on a page may overlap, nor a region's name be cut.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdfplumber
import pytest

from reports.api import build_report
from reports.document import Document, Section, Table
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
    if len(words) < 2:
        return []
    box = np.array([[w["x0"], w["x1"], w["top"], w["bottom"]] for w in words])
    x0, x1, top, bottom = (box[:, i][:, None] for i in range(4))
    hit = ((x0 < x1.T - EPSILON) & (x1 - EPSILON > x0.T)
           & (top < bottom.T - EPSILON) & (bottom - EPSILON > top.T))
    np.fill_diagonal(hit, False)
    i, j = np.nonzero(np.triu(hit))
    return [(words[a]["text"], words[b]["text"]) for a, b in zip(i, j, strict=True)]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_pdf_tables__every_kind__no_two_words_overlap(language: str, demo_db: Path,
                                                      tmp_path: Path) -> None:
    spec = ReportSpec(language=language, weighting="raked", breakdowns=("region", "sex"))
    document = _one_table_per_kind(build_report(demo_db, spec=spec).document)
    kinds = {(s.key, t.group) for s in document.sections for t in s.tables()}
    assert {("findings", "headline"), ("regions", "regions"), ("questions", "crosstab"),
            ("questions", "distribution"), ("methodology", "moe"),
            ("appendix", "marks")} <= kinds
    path = write_pdf(document, tmp_path / "tables.pdf")
    problems, words_seen = [], set()
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(use_text_flow=False, keep_blank_chars=False)
            words_seen |= {w["text"] for w in words}
            problems += [(number, a, b) for a, b in _overlaps(words)]
    assert problems == []
    regions = document.table(next(t.key for s in document.sections for t in s.tables()
                                  if t.group == "regions"))
    for name in regions.column_values("region"):
        assert set(str(name).split()) <= words_seen, name  # a region's name is never cut
