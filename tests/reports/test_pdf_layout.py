"""The PDF renderer on a hand-made document: long tables repeat their header, charts are vector."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from reports.document import (
    Chart,
    Column,
    Document,
    Heading,
    KeyValues,
    Paragraph,
    Section,
    Series,
    Table,
)
from reports.pdf_renderer import write_pdf

COLUMNS = (Column("name", "Өңір атауы"), Column("estimate", "Бағалау", "percent"),
           Column("n", "n", "integer"))


def _document(rows: int) -> Document:
    table = Table("long", "Ұзын кесте", COLUMNS,
                  tuple((f"жол {i}", i / (rows + 1), i) for i in range(rows)))
    chart = Chart("chart", "distribution", "Диаграмма",
                  (Series("s", ("Әйел", "Ер"), (0.25, 0.75), (0.2, 0.7), (0.3, 0.8)),))
    cover = Section("cover", "Титул", "Титул", (Heading("Сынақ", 0), KeyValues((("a", "b"),))))
    body = Section("body", "Бөлім", "Бөлім", (Heading("Кесте"), table, chart))
    return Document("Сынақ есебі", "kk", (cover, body))


@pytest.mark.slow
def test_pdf__long_table__splits_with_its_header_on_every_page(tmp_path: Path):
    path = write_pdf(_document(300), tmp_path / "long.pdf")
    pages = [p.extract_text() for p in pypdf.PdfReader(path).pages]
    with_rows = [text for text in pages if "жол " in text]
    assert len(with_rows) >= 4
    assert all("Өңір атауы" in text for text in with_rows)
    assert "жол 0" in with_rows[0] and "жол 299" in with_rows[-1]


def test_pdf__chart__drawn_as_vectors_with_searchable_labels(tmp_path: Path):
    reader = pypdf.PdfReader(write_pdf(_document(3), tmp_path / "chart.pdf"))
    page = next(p for p in reader.pages if "Әйел" in p.extract_text())
    xobjects = page["/Resources"].get("/XObject", {})
    images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
    assert images == []
    assert "75,0%" in page.extract_text()


def _finding_after(filler: int) -> Document:
    chart = Chart("finding.chart", "distribution", "Диаграмма",
                  (Series("s", ("Бірегейбелгі", "Ер"), (0.25, 0.75), (0.2, 0.7), (0.3, 0.8)),))
    lines = tuple(Paragraph(f"Толтырғыш жол {i}: " + "сөз " * 20) for i in range(filler))
    body = Section("summary", "Шолу", "Шолу", (*lines, Heading("Өңірлер"),
                                              Paragraph("Қорытындымәтіні " + "сөз " * 30),
                                              chart))
    cover = Section("cover", "Титул", "Титул", (Heading("Сынақ", 0), KeyValues((("a", "b"),))))
    return Document("Сынақ есебі", "kk", (cover, body))


@pytest.mark.slow
def test_pdf__finding_with_its_chart__never_split_across_pages(tmp_path: Path):
    """Wherever the page ends, a finding's heading and text stand on the page of its chart."""
    for filler in range(24, 40):
        path = write_pdf(_finding_after(filler), tmp_path / f"finding{filler}.pdf")
        pages = [p.extract_text() for p in pypdf.PdfReader(path).pages]
        text_page = next(i for i, t in enumerate(pages) if "Қорытындымәтіні" in t)
        chart_page = next(i for i, t in enumerate(pages) if "Бірегейбелгі" in t)
        assert text_page == chart_page, filler
