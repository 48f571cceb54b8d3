"""Design weights (adult region population over respondents) and raked weights for reports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.adults import adult_counts
from analysis.errors import DesignError
from analysis.margins import population_counts
from analysis.weighting import design_weights, weighted_design


def _frame(rows_per_region: dict[str, int], seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for region, count in rows_per_region.items():
        for i in range(count):
            rows.append({"region": region, "sampling_point": f"{region}-{i % 3}",
                         "sex": rng.choice(["male", "female"]),
                         "age_group": rng.choice(["18-44", "45-59", "60+"]),
                         "settlement": "urban" if region in ("astana", "almaty", "shymkent")
                         else rng.choice(["urban", "rural"]),
                         "wave": "baseline" if i % 2 else "followup"})
    return pd.DataFrame(rows)


ALL_REGIONS = {code: 30 for code in population_counts("region").index}


def test_design_weights__two_regions__population_over_respondents():
    frame = _frame({"astana": 4, "ulytau": 2})
    weights = design_weights(frame)
    pop = adult_counts("region")
    assert weights[:4] == pytest.approx([pop["astana"] / 4] * 4)
    assert weights[4:] == pytest.approx([pop["ulytau"] / 2] * 2)


def test_design_weights__within_wave__each_wave_sums_to_the_population():
    frame = _frame({"astana": 6, "abai": 5})
    weights = design_weights(frame, within="wave")
    pop = adult_counts("region")
    for wave in ("baseline", "followup"):
        rows = (frame["wave"] == wave).to_numpy()
        assert weights[rows].sum() == pytest.approx(pop["astana"] + pop["abai"])


def test_design_weights__missing_region__refused_with_code():
    frame = _frame({"astana": 3})
    frame.loc[1, "region"] = None
    with pytest.raises(DesignError) as info:
        design_weights(frame)
    assert info.value.code == "analysis.design.missing_region"


def test_design_weights__unknown_region__refused_with_code():
    frame = _frame({"atlantis": 3})
    with pytest.raises(DesignError) as info:
        design_weights(frame)
    assert info.value.code == "analysis.design.unknown_region"


def test_weighted_design__none__unweighted_with_strata_and_clusters():
    weighting = weighted_design(_frame({"astana": 6, "abai": 6}), "none")
    assert np.all(weighting.design.weights == 1.0)
    assert weighting.design.n_strata == 2
    assert weighting.raking is None


def test_weighted_design__raked__meets_every_bundled_margin():
    frame = _frame(ALL_REGIONS, seed=3)
    weighting = weighted_design(frame, "raked")
    report = weighting.raking.report
    assert set(report["margin"]) == {"region", "sex", "age_group", "settlement"}
    assert np.abs(report["difference"] / report["target"]).max() < 1e-6
    total = weighting.design.weights.sum()
    shares = pd.Series(weighting.design.weights).groupby(frame["sex"].to_numpy()).sum() / total
    pop = adult_counts("sex")
    assert shares["female"] == pytest.approx(pop["female"] / pop.sum(), rel=1e-6)
    assert pop["female"] / pop.sum() != pytest.approx(
        population_counts("sex")["female"] / population_counts("sex").sum(), abs=1e-3)


def test_weighted_design__raked_within_wave__waves_keep_equal_totals():
    frame = _frame(ALL_REGIONS, seed=4)
    weighting = weighted_design(frame, "raked", within="wave")
    w = pd.Series(weighting.design.weights).groupby(frame["wave"].to_numpy()).sum()
    assert w["baseline"] == pytest.approx(w["followup"], rel=1e-6)


@pytest.mark.parametrize("margin", ["sex", "age_group", "settlement", "region"])
def test_weighted_design__raked_within_wave__each_wave_meets_every_margin_on_its_own(margin):
    frame = _frame(ALL_REGIONS, seed=4)
    frame.loc[frame["wave"] == "followup", "sex"] = np.where(  # waves of different make-up
        np.arange((frame["wave"] == "followup").sum()) % 4 == 0, "male", "female")
    weighting = weighted_design(frame, "raked", within="wave")
    pop = adult_counts(margin)
    weights = pd.Series(weighting.design.weights)
    for wave in ("baseline", "followup"):
        rows = (frame["wave"] == wave).to_numpy()
        shares = weights[rows].groupby(frame.loc[rows, margin].to_numpy()).sum() / weights[rows].sum()
        assert shares.to_dict() == pytest.approx((pop / pop.sum()).to_dict(), rel=1e-6)


def test_weighted_design__raked_within_wave__a_wave_weighted_as_if_raked_alone():
    frame = _frame(ALL_REGIONS, seed=6)
    both = weighted_design(frame, "raked", within="wave")
    rows = (frame["wave"] == "followup").to_numpy()
    alone = weighted_design(frame[rows].reset_index(drop=True), "raked")
    assert both.design.weights[rows] == pytest.approx(alone.design.weights, rel=1e-6)


def test_weighted_design__unknown_scheme__refused_with_code():
    with pytest.raises(DesignError) as info:
        weighted_design(_frame({"astana": 3}), "magic")
    assert info.value.code == "analysis.design.unknown_weighting"
