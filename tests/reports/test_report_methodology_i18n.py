"""Method descriptions in Kazakh and Russian: the methodology of a real report, and the parts."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pypdf
import pytest

from analysis import Design, proportions
from analysis.methods import (
    AdjustmentPart,
    DesignPart,
    HypothesisTest,
    IntervalMethod,
    LonelyRule,
    PAdjust,
    Scope,
    Variance,
)
from reports import formatting as fmt
from reports.api import ReportResult
from reports.content_method import WALD_NOTE
from reports.method_text import SAME_DESIGN, MethodText
from survey.i18n import catalog, missing_translations
from survey.messages import MessageCode, render

ENGLISH_METHOD = ("Taylor linearization", "Design:", "Variance:", "CI:", "Adjustment:",
                  "raked weights", "strata (", "lonely PSU")
EXPECTED = {
    "kk": ("Тейлор сызықтандыруы", "Дизайн:", "Дисперсия:", "Сенім аралығы:", "Рао-Скотт",
           "Холм әдісі", "бастапқы іріктеу бірлігі (PSU", "шекті үлестірімдеріне рейкинг"),
    "ru": ("линеаризация Тейлора", "Дизайн:", "Дисперсия:", "Доверительный интервал:",
           "Рао-Скотта", "метод Холма", "первичных единиц отбора (PSU)",
           "рейкинг по маргинальным распределениям"),
}
CYRILLIC = re.compile("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІіЁё]")


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


@pytest.mark.parametrize("codes", [LonelyRule, Variance, IntervalMethod, HypothesisTest, PAdjust])
def test_method_enumerations__every_member__a_cyrillic_sentence_in_kazakh_and_russian(
        codes: type[MessageCode]) -> None:
    for member in codes:
        english = render(member.message(), "en")
        for language in ("kk", "ru"):
            text = render(member.message(), language)
            assert text != english and CYRILLIC.search(text), (language, member)


def test_method_parts__with_fields__filled_in_the_report_language() -> None:
    scoped = Scope.MEANS.message(ci=IntervalMethod.WALD.message())
    assert render(scoped, "ru") == "средние: метод Вальда (квантиль нормального распределения, " \
                                   "как confint)"
    raking = AdjustmentPart.RAKED.message(margins=("Пол", "Возраст"), epsilon="1e-07", sweeps=100)
    assert render(raking, "ru").endswith("(survey::rake, epsilon 1e-07, итераций не более 100)")
    strata = DesignPart.STRATA.message(n=1200, column="region")
    assert render(strata, "kk") == "1\xa0200 страта («region» бойынша)"


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
    assert kk.endswith("жалпы орташаға қатысты центрленеді (adjust)")
    assert ru.endswith("центрирование по общему среднему (adjust)")


def test_method_text__method_of_real_estimate__sentences_and_level() -> None:
    frame = pd.DataFrame({"w": np.linspace(1, 2, 40), "y": np.arange(40) % 3 == 0})
    design = Design.from_frame(frame, weights="w")
    method = proportions(design, "y", confidence=0.9).method
    ru = MethodText("ru").method(method)
    assert ru.startswith("Дизайн: веса из столбца «w»; независимые единицы (без кластеров). "
                         "Дисперсия: линеаризация Тейлора")
    assert "Доверительный интервал: logit (svyciprop" in ru and ru.endswith(", 90%.")
    assert MethodText("kk").method(method, design).startswith(
        catalog("reports", "kk")[SAME_DESIGN] + ". Дисперсия: Тейлор сызықтандыруы")


def test_reports_catalog__method_phrases_left__translated_with_their_fields() -> None:
    assert missing_translations("reports") == {"kk": [], "ru": []}
    for language in ("kk", "ru"):
        table = catalog("reports", language)
        for msgid in (SAME_DESIGN, WALD_NOTE):
            assert CYRILLIC.search(table[msgid]), (language, msgid)
            assert set(re.findall(r"\{\w+\}", table[msgid])) == set(re.findall(r"\{\w+\}",
                                                                                msgid))
        assert "Taylor linearization (with replacement at PSU level within strata)" not in table


def test_percent__wald_bound_just_below_zero__no_negative_zero() -> None:
    assert fmt.percent(-0.00004, "kk") == "0,0%"
    assert fmt.percent(-0.0042, "en") == "\u22120.4%"
    assert fmt.interval(-0.0042, 0.031, "ru") == "\u22120,4% – 3,1%"
    assert fmt.points(-0.00004, "en").startswith("0.0")
