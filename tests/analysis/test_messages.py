"""Errors, notes and methods of the analysis package are messages: codes with fields.

They render in Kazakh, Russian and English from the ``messages`` catalogs; nothing in the
package builds an English sentence for a user.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import analysis as a
from analysis.codes import CategoryProblem, DesignCode, FpcProblem, VariableCode
from analysis.errors import AnalysisError
from analysis.notes import GapReason, Note, Row
from survey.messages import Message, render

CYRILLIC = re.compile("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүІіЁё]")


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0], "c": ["a", "b", "a", "b"],
                         "w": [1.0, 1.0, 2.0, np.nan], "h": ["s", "s", "t", "t"],
                         "fpc": [0.5, 0.5, 0.2, 0.3], "empty": [np.nan] * 4})


def _design() -> a.Design:
    return a.Design.from_frame(_frame())


CASES: dict[str, tuple[Callable[[], object], str]] = {
    "unknown column": (lambda: a.mean(_design(), "nope"), "analysis.variable.unknown_column"),
    "all missing": (lambda: a.mean(_design(), "empty"), "analysis.variable.all_missing"),
    "not numeric": (lambda: a.mean(_design(), "c"), "analysis.variable.not_numeric"),
    "unknown category": (lambda: a.proportions(_design(), "c", categories=["a"]),
                         "analysis.variable.unknown_category"),
    "missing weight": (lambda: a.Design.from_frame(_frame(), weights="w"),
                       "analysis.design.missing_weight"),
    "bad fpc": (lambda: a.Design.from_frame(_frame(), strata="h", fpc="fpc"),
                "analysis.design.bad_fpc"),
    "lonely psu": (lambda: a.mean(a.Design.from_frame(_frame().assign(h=["s", "t", "t", "t"]),
                                                      strata="h", psu="y"), "y"),
                   "analysis.design.lonely_psu"),
    "bad level": (lambda: a.mean(_design(), "y", confidence=1.5), "analysis.ci.bad_level"),
    "no margins": (lambda: a.rake(_design(), {}), "analysis.raking.no_margins"),
    "bad bounds": (lambda: a.trim_weights(np.ones(3), 2.0, 1.0), "analysis.raking.bad_bounds"),
    "too few items": (lambda: a.cronbach_alpha(_frame(), ["y"]), "analysis.scale.too_few_items"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_analysis_error__real_failure__coded_message_rendered_in_three_languages(
        name: str) -> None:
    call, code = CASES[name]
    with pytest.raises(AnalysisError) as err:
        call()
    assert err.value.code == code and err.value.messages
    assert err.value.message.code == code
    english = render(err.value.message, "en")
    assert str(err.value) == english and "{" not in english
    for language in ("kk", "ru"):
        text = render(err.value.message, language)
        assert CYRILLIC.search(text) and text != english and "{" not in text, language


def test_analysis_error__variant__nested_message_names_the_problem() -> None:
    with pytest.raises(a.DesignError) as err:
        a.Design.from_frame(_frame(), strata="h", fpc="fpc")
    assert err.value.message == DesignCode.BAD_FPC.message(
        column="fpc", problem=FpcProblem.VARIES.message())
    with pytest.raises(a.VariableError) as info:
        a.region_vs_rest(_design(), "c", category="z", region="h")
    assert info.value.message == VariableCode.UNKNOWN_CATEGORY.message(
        column="c", category="z", problem=CategoryProblem.NOT_ANSWERED.message())
    assert render(info.value.message, "ru") == (
        "Категория «z» переменной «c»: ни один респондент не дал такого ответа; сверьте "
        "категорию с ответами.")


def test_notes__empty_cell_and_left_out_group__rendered_in_kazakh_and_russian() -> None:
    data = pd.DataFrame({"g": pd.Categorical(["a", "a", "b", "b"], categories=["a", "b", "c"]),
                         "y": ["yes", "yes", "yes", "no"]})
    result = a.proportions(a.Design.from_frame(data), "y", by="g")
    unused, *gaps = result.notes
    assert unused == Note.LEVEL_UNUSED.message(column="g", level="c")
    first = gaps[0]
    assert first.kind is Note.EMPTY_CELLS and first.fields["reason"] == GapReason.NO_DEFF.message()
    assert first.fields["row"] == Row.ITEM.message(where=("g=a",), item="y=no")
    assert render(unused, "kk") == "g = c: респонденттер жоқ; алынып тасталды"
    assert render(first, "ru").startswith("g=a: «y=no» — нет эффекта дизайна: ответы")
    assert render(first, "kk").startswith("g=a: «y=no» — дизайн әсері жоқ:")


def test_method__parts__every_part_rendered_in_kazakh_and_russian() -> None:
    design = a.Design.from_frame(pd.DataFrame({
        "region": np.repeat(["n", "s", "e"], 8), "psu": np.arange(24) // 2,
        "y": np.tile([1.0, 0.0, 1.0, 1.0], 6)}), strata="region", psu="psu",
        lonely_psu="adjust")
    method = a.region_vs_rest(design, "y", adjust="bh").method
    parts: tuple[Message, ...] = method.parts()
    assert [p.code for p in parts] == [
        "analysis.method.part.design", "analysis.method.part.variance",
        "analysis.method.part.ci", "analysis.method.part.test",
        "analysis.method.part.adjustment"]
    assert render(parts[-1], "ru") == "Поправка: метод Бенджамини-Хохберга для всех регионов (3)"
    assert render(parts[-1], "kk") == "Түзету: 3 өңір бойынша Бенджамини-Хохберг әдісі"
    for language in ("kk", "ru"):
        assert all(CYRILLIC.search(render(p, language)) for p in parts)

