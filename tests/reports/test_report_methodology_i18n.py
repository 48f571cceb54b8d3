"""Method descriptions in Kazakh and Russian: the methodology of a real report, and the phrases."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pypdf
import pytest

from analysis import Design, Method, proportions
from analysis.campaign import CI_T
from analysis.ciprop import CI_NAMES
from analysis.results import TAYLOR
from reports import formatting as fmt
from reports.api import ReportResult, build_report
from reports.content_method import WALD_NOTE
from reports.method_text import FIELDS, NAMES, PATTERNS, SAME_DESIGN, MethodText
from reports.spec import ReportSpec
from survey.i18n import catalog, missing_translations
from tests.reports.conftest import FIXED_NOW

ENGLISH_METHOD = ("Taylor linearization", "Design:", "Variance:", "CI:", "Adjustment:",
                  "raked weights", "strata (", "lonely PSU")
EXPECTED = {
    "kk": ("Тейлор сызықтандыруы", "Дизайн:", "Дисперсия:", "Сенім аралығы:", "Рао-Скотт",
           "Холм әдісі", "бастапқы іріктеу бірлігі (PSU", "шекті үлестірімдеріне рейкинг"),
    "ru": ("линеаризация Тейлора", "Дизайн:", "Дисперсия:", "Доверительный интервал:",
           "Рао-Скотта", "метод Холма", "первичных единиц отбора (PSU)",
           "рейкинг по маргинальным распределениям"),
}


@pytest.fixture(scope="module")
def russian_report(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    out = tmp_path_factory.mktemp("ru")
    spec = ReportSpec(language="ru", weighting="raked", breakdowns=("sex",))
    return build_report(demo_db, spec=spec, xlsx=out / "report.xlsx", pdf=out / "report.pdf",
                        now=FIXED_NOW)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    return _flat(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def _sheet_texts(path: Path, *titles: str) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    texts = [str(v) for title in titles for row in book[title].iter_rows(values_only=True)
             for v in row if isinstance(v, str)]
    return _flat(" | ".join(texts))


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_methodology__kazakh_and_russian_report__translated_in_pdf_and_xlsx(
        language: str, kazakh_report: ReportResult, russian_report: ReportResult) -> None:
    report = kazakh_report if language == "kk" else russian_report
    pdf = _pdf_text(report.pdf)  # type: ignore[arg-type]
    sheet = {"kk": "Әдістеме", "ru": "Методология"}[language]
    xlsx = _sheet_texts(report.xlsx, sheet)  # type: ignore[arg-type]
    for text in (pdf, xlsx):
        for phrase in EXPECTED[language]:
            assert phrase in text, (language, phrase)
        for phrase in ENGLISH_METHOD:
            assert phrase not in text, (language, phrase)
    assert _flat(catalog("reports", language)[WALD_NOTE]) not in pdf  # no Wald intervals left
    standard = catalog("messages", language)["reliability.standard"]
    assert _flat(standard) in pdf  # the reliability standard, named in the report's language


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_data_dictionary__kazakh_and_russian_report__types_and_dummies_translated(
        language: str, kazakh_report: ReportResult, russian_report: ReportResult) -> None:
    report = kazakh_report if language == "kk" else russian_report
    book = openpyxl.load_workbook(report.xlsx, read_only=True)  # type: ignore[arg-type]
    rows = list(book[book.sheetnames[-1]].iter_rows(values_only=True))
    by_name = {r[0]: r for r in rows if r and isinstance(r[0], str)}
    kind = {"kk": "бір жауап (select_one)", "ru": "один ответ (select_one)"}[language]
    assert by_name["sex"][2] == kind
    dummy = by_name["info_sources__tv"]
    assert dummy[2].endswith("(choice_dummy)") and re.search("[а-я]", dummy[2])
    assert "«tv»" in dummy[3] and "choice =" not in dummy[3]


def test_method_text__every_analysis_constant__translated_in_kazakh_and_russian() -> None:
    constants = [TAYLOR, CI_T, *CI_NAMES.values(),
                 "Rao-Scott second-order F (svychisq statistic='F')",
                 "Rao-Scott first-order chi-square (svychisq statistic='Chisq')",
                 "Holm across 20 regions", "Benjamini-Hochberg across 20 regions"]
    for language in ("kk", "ru"):
        text = MethodText(language)
        for constant in constants:
            translated = text.phrase(constant)
            assert translated != constant and re.search("[а-яё]", translated), constant


def test_method_text__design_from_real_design__counts_and_columns_kept() -> None:
    frame = pd.DataFrame({"stratum": np.repeat(["a", "b", "c"], 4), "psu": np.arange(12) // 2,
                          "w": np.linspace(1, 2, 12), "y": np.arange(12) % 2})
    design = Design.from_frame(frame, weights="w", strata="stratum", psu="psu",
                               lonely_psu="adjust")
    kk = MethodText("kk").design(design)
    ru = MethodText("ru").design(design)
    assert kk.startswith("салмақтар: «w» бағаны; 3 страта («stratum» бойынша); 6 бастапқы")
    assert ru.startswith("веса из столбца «w»; страт: 3 (по «stratum»); первичных единиц "
                         "отбора (PSU): 6 («psu»)")
    assert "(adjust)" in kk and "(adjust)" in ru


def test_method_text__method_of_real_estimate__sentences_and_level() -> None:
    frame = pd.DataFrame({"w": np.linspace(1, 2, 40), "y": np.arange(40) % 3 == 0})
    design = Design.from_frame(frame, weights="w")
    method = proportions(design, "y").method
    ru = MethodText("ru").method(method)
    assert ru.startswith("Дизайн: веса из столбца «w»; независимые единицы (без кластеров).")
    assert "Доверительный интервал:" in ru and ru.endswith("95%.")
    assert MethodText("kk").method(method, design).startswith(
        catalog("reports", "kk")[SAME_DESIGN])


def test_method_text__unknown_phrase__kept_in_english() -> None:
    method = Method(design="weights 'w'; a new kind of design", variance="bootstrap (500)",
                    test="some new test")
    kk = MethodText("kk").method(method)
    assert "a new kind of design" in kk and "bootstrap (500)" in kk and "some new test" in kk
    assert kk.startswith("Дизайн: салмақтар: «w» бағаны; a new kind of design.")


def test_method_text__every_msgid__in_the_catalog_with_a_cyrillic_translation() -> None:
    msgids = [m for _, m in PATTERNS] + list(NAMES.values()) + list(FIELDS) + [SAME_DESIGN, WALD_NOTE]
    assert missing_translations("reports") == {"kk": [], "ru": []}
    for language in ("kk", "ru"):
        table = catalog("reports", language)
        for msgid in msgids:
            assert re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІі]", table[msgid]), (language, msgid)
            assert set(re.findall(r"\{\w+\}", table[msgid])) == set(re.findall(r"\{\w+\}",
                                                                                msgid))


def test_percent__wald_bound_just_below_zero__no_negative_zero() -> None:
    assert fmt.percent(-0.00004, "kk") == "0,0%"
    assert fmt.percent(-0.0042, "en") == "\u22120.4%"
    assert fmt.interval(-0.0042, 0.031, "ru") == "\u22120,4% – 3,1%"
    assert fmt.points(-0.00004, "en").startswith("0.0")
