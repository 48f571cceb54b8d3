"""Cross-tabs, raking to the bundled margins, region vs rest and DiD on the demo survey.

The demo interviews are generated through the interview engine into a real SQLite store and
exported with the store's interview table, as the application does.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.campaign import difference_in_differences, wave_difference
from analysis.crosstab import crosstab
from analysis.design import Design
from analysis.margins import bundled_margins
from analysis.raking import RakingResult, rake
from analysis.regions import region_vs_rest
from survey.demo import DemoOptions, fill_database
from survey.export import interview_table
from survey.store import Store

pytestmark = pytest.mark.slow  # a demo database of 600 interviews, raked

MARGINS = ("region", "settlement", "sex", "age_group")


@pytest.fixture(scope="module")
def consented(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    path = Path(tmp_path_factory.mktemp("demo")) / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=600, seed=11, draft_share=0.0))
        frame = interview_table(store, status="complete").frame
    return frame[frame["consent"] == "yes"].reset_index(drop=True)


@pytest.fixture(scope="module")
def raked(consented: pd.DataFrame) -> RakingResult:
    design = Design.from_frame(consented, strata="region", psu="sampling_point")
    return rake(design, bundled_margins(MARGINS, total=float(len(consented))),
                epsilon=1e-6, max_iter=100)


def test_demo__raking_to_bundled_margins__meets_every_share(raked: RakingResult,
        consented: pd.DataFrame) -> None:
    report = raked.report
    np.testing.assert_allclose(report["achieved"], report["target"], rtol=1e-4)
    assert set(report["margin"]) == set(MARGINS)
    assert raked.weights.sum() == pytest.approx(len(consented))
    assert "raked" in raked.design.describe()


def test_demo__crosstab_on_raked_design__percentages_and_rao_scott(raked: RakingResult) -> None:
    result = crosstab(raked.design, "heard_mediation", "settlement")
    sums = result.table.groupby("settlement")["estimate"].sum()
    np.testing.assert_allclose(sums, 1.0)
    assert 0.0 <= result.test.p_value <= 1.0
    assert result.test.df_den == pytest.approx(result.test.df_num
                                               * raked.design.degrees_of_freedom)


def test_demo__region_vs_rest__twenty_ranked_regions_with_adjusted_p(raked: RakingResult) -> None:
    table = region_vs_rest(raked.design, "heard_mediation", category="yes").table
    assert len(table) == 20
    assert (table["p_adjusted"] >= table["p_value"] - 1e-15).all()
    assert table["estimate"].is_monotonic_decreasing
    assert not table[["estimate", "se", "difference_se", "p_value"]].isna().any().any()


def test_demo__campaign_did__points_equal_the_four_weighted_shares(raked: RakingResult,
        consented: pd.DataFrame) -> None:
    result = difference_in_differences(raked.design, "heard_mediation", category="yes")
    used = consented["heard_mediation"].notna() & consented["campaign_exposed"].isin(["yes", "no"])
    frame = consented[used].assign(w=raked.weights[used.to_numpy()],
                                   y=lambda d: (d["heard_mediation"] == "yes") * d["w"])
    shares = frame.groupby(["campaign_exposed", "wave"])["y"].sum() \
        / frame.groupby(["campaign_exposed", "wave"])["w"].sum()
    did = (shares[("yes", "followup")] - shares[("yes", "baseline")]
           - shares[("no", "followup")] + shares[("no", "baseline")])
    assert result.points.iloc[0]["difference"] == pytest.approx(did, rel=1e-10)
    change = wave_difference(raked.design, "heard_mediation", category="yes").table.iloc[0]
    assert change["ci_low"] < change["difference"] < change["ci_high"]
