"""Cross-tabs by hand-derived values and their error paths."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.crosstab import crosstab
from analysis.design import Design
from analysis.errors import VariableError
from analysis.methods import HypothesisTest


def _two_by_two() -> pd.DataFrame:
    # counts: (a, u) 10, (a, v) 20, (b, u) 30, (b, v) 40
    cells = [("a", "u", 10), ("a", "v", 20), ("b", "u", 30), ("b", "v", 40)]
    rows = [(r, c) for r, c, k in cells for _ in range(k)]
    return pd.DataFrame(rows, columns=["row", "col"])


def test_crosstab__unweighted_srs__pearson_equals_textbook_formula() -> None:
    result = crosstab(Design.from_frame(_two_by_two()), "row", "col")
    expected = 100 * (10 * 40 - 20 * 30) ** 2 / (30 * 70 * 40 * 60)
    assert result.test.statistic == pytest.approx(expected, rel=1e-12)
    assert result.test.df_num == 1 and result.test.df_den is None
    assert result.test.p_value == pytest.approx(math.erfc(math.sqrt(expected / 2)), rel=1e-12)


def test_crosstab__column_percentages__are_weighted_shares_within_columns() -> None:
    frame = _two_by_two().assign(w=lambda d: np.where(d["row"] == "a", 2.0, 1.0))
    result = crosstab(Design.from_frame(frame, weights="w"), "row", "col")
    table = result.table.set_index(["col", "row"])
    assert table.loc[("u", "a"), "estimate"] == pytest.approx(20 / (20 + 30))
    assert table.loc[("u", "a"), "n"] == 10 and table.loc[("u", "a"), "n_weighted"] == 20
    assert result.percentages().loc["a", "u"] == pytest.approx(40.0)
    assert result.method.test is HypothesisTest.RAO_SCOTT_F


def test_crosstab__f_statistic__is_pearson_over_the_design_effect_trace() -> None:
    frame = _two_by_two().assign(w=np.linspace(1, 3, 100), psu=np.arange(100) // 4)
    result = crosstab(Design.from_frame(frame, weights="w", psu="psu"), "row", "col")
    assert result.test.statistic == pytest.approx(result.pearson_chisq / result.design_effect_trace)
    assert result.test.df_den == pytest.approx(result.test.df_num * 24)  # 25 PSUs, 1 stratum


def test_crosstab__missing_answers__are_left_out_of_the_table() -> None:
    frame = _two_by_two()
    frame.loc[:4, "row"] = None
    result = crosstab(Design.from_frame(frame), "row", "col")
    assert result.table["n"].sum() == 95


@pytest.mark.parametrize(("row", "col", "code"), [
    ("nope", "col", "analysis.variable.unknown_column"),
    ("row", "row", "analysis.variable.same_column"),
    ("one", "col", "analysis.variable.single_category"),
    ("empty", "col", "analysis.variable.all_missing"),
])
def test_crosstab__bad_columns__raise_stable_codes(row: str, col: str, code: str) -> None:
    frame = _two_by_two().assign(one="k", empty=None)
    with pytest.raises(VariableError) as err:
        crosstab(Design.from_frame(frame), row, col)
    assert err.value.code == code


def test_crosstab__unknown_statistic__raises() -> None:
    with pytest.raises(VariableError):
        crosstab(Design.from_frame(_two_by_two()), "row", "col", statistic="Wald")
