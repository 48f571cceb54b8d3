"""The codebook beside an export: every variable, codes, missing codes, frequencies, relevance."""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pdfplumber
import pyreadstat
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from analysis.export_design import with_design
from reports.exports import ExportOptions, codebook_pdf, export_survey
from reports.exports.codebook_pdf import write_codebook_pdf
from survey.demo import DemoOptions, fill_database
from survey.export import interview_table
from survey.export.codebook import build_codebook
from survey.export.coding import export_translator
from survey.export.relevance_text import relevance_words
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("codebook") / "demo.db"
    with Store.open(db) as store:
        fill_database(store, DemoOptions(interviews=150, seed=21, paradata=False))
    return db


def _rows(path: Path) -> list[tuple[object, ...]]:
    return list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))


@pytest.mark.slow
def test_codebook_xlsx__frequencies_equal_the_data__weighted_sums_of_design_weights(
        demo: Path, tmp_path: Path):
    result = export_survey(demo, tmp_path / "c.sav", ExportOptions("sav", language="en"))
    data, _ = pyreadstat.read_sav(str(result.files[0]), user_missing=True)
    rows = _rows(tmp_path / "c_codebook.xlsx")
    assert rows[0][:6] == ("variable", "SPSS name", "Stata name", "label", "type", "asked when")
    start = next(i for i, r in enumerate(rows) if r[0] == "heard_mediation")
    stop = next(i for i in range(start + 1, len(rows)) if rows[i][0] is not None)
    entry = rows[start:stop]
    assert entry[0][5] == "“Do you agree to take part in the interview?” is “Yes”"
    by_value = {r[6]: r for r in entry}
    for code in (1, 2, 3, -99, -98):
        count = int((data["heard_mediation"] == code).sum())
        weight = float(np.nansum(data.loc[data["heard_mediation"] == code, "design_weight"]))
        if count:
            assert by_value[code][8] == count
            assert by_value[code][10] == pytest.approx(weight)
    assert by_value[1][7] == "Yes" and by_value[-99][7].startswith("Not asked")
    assert sum(r[8] for r in entry) == len(data)


@pytest.mark.slow
def test_codebook_pdf__in_kazakh__numbers_as_kazakh_writes_them(demo: Path, tmp_path: Path):
    export_survey(demo, tmp_path / "k.csv", ExportOptions("csv", language="kk"))
    pdf = tmp_path / "k_codebook.pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Код кітабы" in text and "қашан қойылады" in text
    assert "Қойылмаған (сауалнама шарттары бойынша өткізілген)" in text
    assert "«Сұхбатқа қатысуға келісесіз бе?» — «Иә»" in text
    assert "150" in text and "%" in text and "," in text  # decimal comma: 12,0%
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "2", "-l", "2", str(pdf), str(png)],
                   check=True)
    assert list(tmp_path.glob("page*.png"))


def test_relevance_words__plain_sentences_in_each_language(tmp_path: Path):
    xlsx = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one yn", "name": "ok", "label::English (en)": "Agree?",
         "label::Russian (ru)": "Согласны?", "label::Kazakh (kk)": "Келісесіз бе?"},
        {"type": "integer", "name": "age", "label::English (en)": "Age",
         "label::Russian (ru)": "Возраст", "label::Kazakh (kk)": "Жасы"},
        {"type": "select_multiple yn", "name": "m", "label::English (en)": "Which",
         "label::Russian (ru)": "Какие", "label::Kazakh (kk)": "Қайсы"},
        {"type": "text", "name": "t", "label::English (en)": "Why",
         "label::Russian (ru)": "Почему", "label::Kazakh (kk)": "Неге",
         "relevant": "${ok} = 'yes' and ${age} >= 18 or not(selected(${m}, 'no'))"},
        {"type": "text", "name": "u", "label::English (en)": "Other",
         "label::Russian (ru)": "Другое", "label::Kazakh (kk)": "Басқа",
         "relevant": "string-length(${t}) > 3"}],
        [{"list_name": "yn", "name": "yes", "label::English (en)": "Yes",
          "label::Russian (ru)": "Да", "label::Kazakh (kk)": "Иә"},
         {"list_name": "yn", "name": "no", "label::English (en)": "No",
          "label::Russian (ru)": "Нет", "label::Kazakh (kk)": "Жоқ"}],
        {"form_id": "f"})
    form = load_form(xlsx)
    words = {lang: relevance_words(form, form.question("t"), lang) for lang in ("en", "ru", "kk")}
    assert words["en"] == ("“Agree?” is “Yes” and “Age” ≥ 18 or not (“Which” includes “No”)")
    assert words["ru"] == ("«Согласны?» — «Да» и «Возраст» ≥ 18 или не выполняется: "
                           "в «Какие» выбрано «Нет»")
    assert words["kk"] == ("«Келісесіз бе?» — «Иә» және «Жасы» ≥ 18 немесе мына шарт "
                           "орындалмайды: «Қайсы» сұрағында «Жоқ» таңдалған")
    assert relevance_words(form, form.question("u"), "en") == "string-length(“Why”) > 3"
    assert relevance_words(form, form.question("ok"), "en") == ""


def _pdf_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


@pytest.mark.parametrize("language", ["kk", "en"])
def test_codebook_pdf__one_line_cells_drawn_as_text__same_text_as_all_paragraphs(
        demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str):
    with Store.open_read_only(demo) as store:
        table = with_design(interview_table(store, language=language))
    codebook = build_codebook(table, "sav")
    _ = export_translator(table)
    write_codebook_pdf(codebook, tmp_path / "fast.pdf", _)
    monkeypatch.setattr(codebook_pdf, "_cell",
                        lambda text, width, style: Paragraph(escape(text), style))
    write_codebook_pdf(codebook, tmp_path / "paragraphs.pdf", _)
    fast, paragraphs = _pdf_text(tmp_path / "fast.pdf"), _pdf_text(tmp_path / "paragraphs.pdf")
    assert fast == paragraphs
    text = "\n".join(fast)
    for entry in codebook.entries:
        assert entry.name in text
        for row in entry.frequencies:
            assert row.label.split()[0] in text
    assert "&amp;" not in text and "&lt;" not in text
