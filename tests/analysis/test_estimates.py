"""Estimates on tiny hand-worked examples, bad input, and the vectorised engine against the
plain per-domain variance routine on a larger generated sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import estimates
from analysis.design import Design
from analysis.errors import VariableError
from analysis.groups import by_group
from analysis.methods import Interval, IntervalMethod, Variance
from analysis.raking import rake
from analysis.results import ESTIMATE_COLUMNS
from tests.analysis.r_oracle import design as oracle_design


def test_mean__unweighted_four_values__srs_formulas() -> None:
    design = Design.from_frame(pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0]}))
    row = estimates.mean(design, "y").table.iloc[0]
    assert row["estimate"] == pytest.approx(2.5)
    assert row["se"] == pytest.approx(np.sqrt((5 / 3) / 4), rel=1e-12)  # s^2 / n
    assert row["deff"] == pytest.approx(1.0, rel=1e-12)  # with-replacement SRS (sum w = n)
    assert row["deff_kish"] == pytest.approx(1.0) and row["n_effective"] == pytest.approx(4.0)
    assert row["moe"] == pytest.approx(1.959963984540054 * row["se"], rel=1e-12)
    assert row["ci_low"] == pytest.approx(2.5 - row["moe"], rel=1e-12)


def test_mean__missing_answer__is_left_out_of_the_domain() -> None:
    design = Design.from_frame(pd.DataFrame({"y": [1.0, 2.0, 3.0, 4.0, np.nan]}))
    row = estimates.mean(design, "y").table.iloc[0]
    assert row["estimate"] == pytest.approx(2.5) and row["n"] == 4


def test_total__weighted__sum_of_weight_times_value() -> None:
    data = pd.DataFrame({"y": [1.0, 2.0, 3.0], "w": [10.0, 20.0, 30.0]})
    row = estimates.total(Design.from_frame(data, weights="w"), "y").table.iloc[0]
    assert row["estimate"] == pytest.approx(140.0)
    assert row["n_weighted"] == pytest.approx(60.0)
    assert row["deff_kish"] == pytest.approx(3 * 1400 / 3600)  # n * sum w^2 / (sum w)^2


def test_proportions__categories_with_missing__share_among_answers() -> None:
    data = pd.DataFrame({"q": ["a", "a", "b", None], "w": [1.0, 1.0, 2.0, 5.0]})
    table = estimates.proportions(Design.from_frame(data, weights="w"), "q").table
    assert table["category"].tolist() == ["a", "b"]
    assert table["estimate"].tolist() == pytest.approx([0.5, 0.5])
    assert table["n"].tolist() == [3, 3]
    assert table["n_weighted"].tolist() == pytest.approx([4.0, 4.0])


def test_proportions__listed_category_nobody_chose__zero_row_kept() -> None:
    data = pd.DataFrame({"q": ["a", "b", "b"]})
    table = estimates.proportions(Design.from_frame(data), "q", categories=["a", "b", "c"]).table
    row = table[table["category"] == "c"].iloc[0]
    assert row["estimate"] == 0.0 and row["se"] == 0.0
    assert row["ci_low"] == 0.0 and row["ci_high"] == 0.0


def test_choices__space_separated__empty_answer_counts_missing_does_not() -> None:
    data = pd.DataFrame({"m": ["tv radio", "tv", "", None]})
    table = estimates.choices(Design.from_frame(data), "m").table
    assert table["category"].tolist() == ["radio", "tv"]
    assert table["estimate"].tolist() == pytest.approx([1 / 3, 2 / 3])
    assert table["n"].tolist() == [3, 3]


def test_choices__zero_one_columns__named_by_common_prefix() -> None:
    data = pd.DataFrame({"src_tv": [1, 0, 1, 1], "src_radio": [0, 0, 1, np.nan]})
    table = estimates.choices(Design.from_frame(data), ["src_tv", "src_radio"]).table
    assert table["variable"].tolist() == ["src", "src"]
    assert table["category"].tolist() == ["tv", "radio"]
    assert table["estimate"].tolist() == pytest.approx([0.75, 1 / 3])


def test_by_group__group_columns_first__then_estimate_columns() -> None:
    table = estimates.mean(oracle_design("base"), "x", by=["region", "sex"]).table
    assert list(table.columns) == ["region", "sex", *ESTIMATE_COLUMNS]
    assert table[["region", "sex"]].apply(tuple, axis=1).is_monotonic_increasing


def test_by_group__group_without_answers__row_left_out_and_noted() -> None:
    data = pd.DataFrame({"g": ["a", "a", "b", "b"], "y": [1.0, 2.0, np.nan, np.nan]})
    result = estimates.mean(Design.from_frame(data), "y", by="g")
    assert result.table["g"].tolist() == ["a"]
    assert [str(note) for note in result.notes] == ["g=b: no answers to 'y'; row left out"]
    assert result.notes[0].fields["where"] == ("g=b",) and result.notes[0].fields["item"] == "y"
    assert not result.table.drop(columns="category").isna().any().any()


@pytest.mark.parametrize(("call", "code"), [
    (lambda d: estimates.mean(d, "nope"), "analysis.variable.unknown_column"),
    (lambda d: estimates.mean(d, "empty"), "analysis.variable.all_missing"),
    (lambda d: estimates.mean(d, "text"), "analysis.variable.not_numeric"),
    (lambda d: estimates.proportions(d, "text", categories=["x"]),
     "analysis.variable.unknown_category"),
    (lambda d: estimates.choices(d, ["y", "text"]), "analysis.variable.not_zero_one"),
    (lambda d: estimates.mean(d, "y", by="nope"), "analysis.variable.unknown_column"),
])
def test_estimates__bad_input__variable_error_with_code(call: object, code: str) -> None:
    data = pd.DataFrame({"y": [1.0, 0.0], "empty": [np.nan, np.nan], "text": ["a", "b"]})
    with pytest.raises(VariableError) as err:
        call(Design.from_frame(data))  # type: ignore[operator]
    assert err.value.code == code


def test_method__estimate_table__names_design_variance_and_ci() -> None:
    result = estimates.proportions(oracle_design("fpc_n"), "cat", ci="beta", confidence=0.9)
    assert result.method.design == oracle_design("fpc_n").summary()
    assert result.method.design.fpc == "fpc_n"
    assert result.method.variance is Variance.TAYLOR
    assert result.method.ci == (Interval(IntervalMethod.BETA),)
    assert result.method.confidence == 0.9 and result.kind == "proportion"
    english = result.method.describe()
    assert "finite population correction ('fpc_n')" in english and "Korn-Graubard" in english
    assert english.endswith("Confidence interval: Korn-Graubard beta (svyciprop method='beta'), 90%")


def _large_sample(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 20_000
    stratum = rng.integers(0, 12, n)
    psu = rng.integers(0, 9, n)
    data = pd.DataFrame({"h": stratum, "psu": psu, "w": rng.gamma(2.0, 50.0, n) + 1,
                         "g": rng.choice(["u", "v", "x"], n), "s": rng.choice(["f", "m"], n),
                         "y": rng.normal(50, 12, n) + stratum,
                         "c": rng.choice(["p", "q", "r"], n, p=[0.5, 0.3, 0.2])})
    data.loc[rng.random(n) < 0.1, "y"] = np.nan
    data.loc[rng.random(n) < 0.05, "c"] = None
    # stratum 11 keeps a single PSU
    data.loc[data["h"] == 11, "psu"] = 0
    return data


def _plain_se(design: Design, y: np.ndarray, domain: np.ndarray, statistic: str) -> float:
    ok = domain & ~np.isnan(y)
    w = np.where(ok, design.weights, 0.0)
    yz = np.where(ok, y, 0.0)
    if statistic == "mean":
        m = (w @ yz) / w.sum()
        scores = w * (yz - m) / w.sum()
    else:
        scores = w * yz
    return float(np.sqrt(design.variance(scores, domain=ok)[0, 0]))


@pytest.mark.slow
@pytest.mark.parametrize("lonely", ["remove", "adjust", "average"])
def test_by_group__large_sample__equals_plain_variance_per_domain(lonely: str) -> None:
    data = _large_sample()
    design = Design.from_frame(data, weights="w", strata="h", psu="psu", lonely_psu=lonely)
    table = by_group(design, ["y", "c"], by=["g", "s"]).table
    assert len(table) == 6 * 4
    for _, row in table.iterrows():
        domain = ((data["g"] == row["g"]) & (data["s"] == row["s"])).to_numpy()
        if row["category"] is None:
            y = data["y"].to_numpy()
        else:
            y = np.where(data["c"].isna(), np.nan, (data["c"] == row["category"]).to_numpy(float))
        assert row["se"] == pytest.approx(_plain_se(design, y, domain, "mean"), rel=1e-9)
    totals = estimates.total(design, "y", by="g").table
    for _, row in totals.iterrows():
        domain = (data["g"] == row["g"]).to_numpy()
        assert row["se"] == pytest.approx(
            _plain_se(design, data["y"].to_numpy(), domain, "total"), rel=1e-9)


def test_mean__raked_design__variance_through_the_designs_raking_residuals() -> None:
    data = _large_sample()
    design = Design.from_frame(data, weights="w", strata="h", psu="psu", lonely_psu="adjust")
    raked = rake(design, {"s": {"f": 1_000_000.0, "m": 900_000.0}}).design
    row = estimates.mean(raked, "y", by="g").table.iloc[0]
    domain = (data["g"] == row["g"]).to_numpy()
    y = data["y"].to_numpy()
    ok = domain & ~np.isnan(y)
    w = np.where(ok, raked.weights, 0.0)
    m = (w @ np.where(ok, y, 0.0)) / w.sum()
    scores = np.where(ok, w * (np.where(ok, y, 0.0) - m) / w.sum(), 0.0)
    assert row["estimate"] == pytest.approx(m, rel=1e-12)
    assert row["se"] == pytest.approx(np.sqrt(raked.variance(scores)[0, 0]), rel=1e-12)
    unraked = estimates.mean(design.with_weights(raked.weights), "y", by="g").table.iloc[0]
    assert unraked["se"] != pytest.approx(row["se"], rel=1e-6)
