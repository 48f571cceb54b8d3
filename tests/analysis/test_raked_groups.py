"""By-group tables on raked designs: the all-groups engine equals the design's own variance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import Design, by_group, rake
from analysis.estimates import total
from analysis.raking import RakedDesign


def _sample(seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 12_000
    data = pd.DataFrame({"h": rng.integers(0, 8, n), "psu": rng.integers(0, 7, n),
                         "w": rng.gamma(2.0, 50.0, n) + 1, "g": rng.choice(["u", "v", "x"], n),
                         "s": rng.choice(["f", "m"], n), "a": rng.choice(["1", "2", "3"], n),
                         "y": rng.normal(50, 12, n), "c": rng.choice(["p", "q", "r"], n)})
    data.loc[rng.random(n) < 0.1, "y"] = np.nan
    data.loc[rng.random(n) < 0.05, "c"] = None
    data.loc[data["h"] == 7, "psu"] = 0  # a single-PSU stratum
    data.loc[(data["g"] == "x") & (data["s"] == "m"), "c"] = None  # an empty domain
    return data


def _raked(data: pd.DataFrame, lonely: str) -> RakedDesign:
    design = Design.from_frame(data, weights="w", strata="h", psu="psu", lonely_psu=lonely)
    margins = {"s": {"f": 520_000.0, "m": 480_000.0},
               "a": {"1": 300_000.0, "2": 450_000.0, "3": 250_000.0},
               "g": {"u": 200_000.0, "v": 500_000.0, "x": 300_000.0}}
    return rake(design, margins, epsilon=1e-10, max_iter=100).design


def _full_length_se(design: RakedDesign, y: np.ndarray, domain: np.ndarray,
                    statistic: str) -> float:
    ok = domain & ~np.isnan(y)
    w = np.where(ok, design.weights, 0.0)
    yz = np.where(ok, y, 0.0)
    scores = w * (yz - (w @ yz) / w.sum()) / w.sum() if statistic == "mean" else w * yz
    return float(np.sqrt(design.variance(scores)[0, 0]))


@pytest.mark.slow
@pytest.mark.parametrize("lonely", ["adjust", "average", "remove"])
def test_by_group__raked_design__each_se_equals_variance_of_full_length_scores(
        lonely: str) -> None:
    data = _sample()
    design = _raked(data, lonely)
    result = by_group(design, ["y", "c"], by=["g", "s"])
    table = result.table
    assert len(table) == 6 + 5 * 3
    assert any("g=x, s=m: no answers to 'c=" in str(note) for note in result.notes)
    for _, row in table.iterrows():
        domain = ((data["g"] == row["g"]) & (data["s"] == row["s"])).to_numpy()
        if row["category"] is None:
            y = data["y"].to_numpy()
        else:
            y = np.where(data["c"].isna(), np.nan, (data["c"] == row["category"]).to_numpy(float))
        assert row["se"] == pytest.approx(_full_length_se(design, y, domain, "mean"), rel=1e-9)
    for _, row in total(design, "y", by="s").table.iterrows():
        domain = (data["s"] == row["s"]).to_numpy()
        assert row["se"] == pytest.approx(
            _full_length_se(design, data["y"].to_numpy(), domain, "total"), rel=1e-9)


def test_residual_psu_totals__equal_psu_totals_of_row_residuals() -> None:
    data = _sample()
    design = _raked(data, "adjust")
    scores = np.random.default_rng(3).normal(size=(design.n, 4))
    scores[data["g"].to_numpy() == "u"] = 0.0
    expected = design.psu_totals(design.residuals(scores))
    sums = [inv @ scores for inv in design.operator.inverse]
    got = design.residual_psu_totals(design.psu_totals(scores), sums)
    np.testing.assert_allclose(got, expected, rtol=1e-10, atol=1e-12)
