"""Repeat-level estimates under interview weights raked at the interview level, against R.

tests/reference/r_survey_repeat_raked.R rakes the HOUSEHOLD design (the interviews) to region,
settlement and head's sex margins and computes every instance-level estimate as a ratio or a
total of household sums (``svyratio(~y_sum, ~n_inst, raked)``, ``svytotal(~y_sum, raked)``,
``svyby(..., ~region, raked, svyratio)``); households without an instance stay in the design.
Our instances inherit the raked design and their variance takes the raking residuals of their
influence values summed per interview.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis import repeat_level as rl
from analysis.design import Design
from analysis.raking import rake
from tests.analysis.r_oracle import FIXTURES
from tests.analysis.test_repeat_level_r import check, check_dispute_figures, frames

REL = 1e-6  # six significant digits


@cache
def reference() -> dict:
    return json.loads((FIXTURES / "repeat_raked_r_reference.json").read_text())


@cache
def raked_households(kind: str) -> Design:
    extra = pd.read_csv(FIXTURES / "repeat_rake_households.csv")
    households = frames()[0].merge(extra, on="uuid", how="left", validate="one_to_one")
    psu = "psu" if kind == "nested" else None
    design = Design.from_frame(households, weights="w", strata="stratum", psu=psu)
    margins = json.loads((FIXTURES / "repeat_rake_margins.json").read_text())
    return rake(design, margins, epsilon=1e-9, max_iter=100).design


def members(kind: str) -> rl.InstanceDesign:
    return level(kind, "members")


def disputes(kind: str) -> rl.InstanceDesign:
    return level(kind, "disputes")


def level(kind: str, repeat: str) -> rl.InstanceDesign:
    frame = frames()[1] if repeat == "members" else frames()[2]
    return rl.inherit_design(raked_households(kind), frame, repeat=repeat, carry=("region",))


KINDS = ["nested", "by_household"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_households_are_raked_as_r_rakes_them(kind: str) -> None:
    weights = raked_households(kind).weights[:5]
    assert weights == pytest.approx(reference()[kind]["weights_head"], rel=1e-8)


@pytest.mark.parametrize("kind", KINDS)
def test_member_means_totals_and_proportions_match_r_raked_household_ratios(kind: str) -> None:
    r = reference()[kind]
    design = members(kind)
    assert isinstance(design, rl.RakedInstanceDesign)
    check(rl.mean(design, "age").table, r["mean_age"])
    check(rl.total(design, "age").table, r["total_age"])
    check(rl.proportions(design, "sex").table, r["prop_sex"])
    check(rl.proportions(design, "employed").table, r["prop_employed"])
    by_region = rl.mean(design, "age", by="region").table
    assert list(by_region["region"]) == r["by_region_age"]["names"]
    check(by_region, r["by_region_age"])
    mixed = rl.by_group(design, ["age", "employed"], by="region").table
    check(mixed[mixed["variable"] == "age"], r["by_region_age"])


@pytest.mark.parametrize("kind", KINDS)
def test_disputes_with_households_without_any_match_r(kind: str) -> None:
    r = reference()[kind]
    design = disputes(kind)
    assert design.parent is not None and design.interviews < design.parent.n
    check(rl.proportions(design, "mediator").table, r["share_mediated"])
    check_dispute_figures(design, r)
    check(rl.total(design, "one", by="region").table, r["by_region_total_disputes"])
    ratio = rl.ratio(design, "mediated", "one").table
    assert ratio["se"].iloc[0] == pytest.approx(r["share_mediated"]["se"][1], rel=REL)


def test_raking_residuals_change_the_se_from_fixed_weights() -> None:
    """Taking the raked weights as fixed gives the same share and another SE (R: the raked
    weights in a plain svydesign). R's calibrate(calfun="raking") reaches the same weights;
    its SE uses regression residuals with the calibration's g-weights, not rake()'s
    backfitting, so only its estimate is compared."""
    reference_ = reference()
    row = rl.proportions(disputes("nested"), "mediator").table.iloc[1]
    fixed = reference_["fixed_share_mediated"]
    assert row["estimate"] == pytest.approx(fixed["coef"], rel=REL)
    assert abs(row["se"] / fixed["se"] - 1) > 1e-2
    assert row["estimate"] == pytest.approx(reference_["calibrated_share_mediated"]["coef"],
                                            rel=REL)


def test_the_method_says_the_raking_residuals_are_taken_per_interview() -> None:
    table = rl.mean(members("nested"), "age")
    parts = table.method.design.parts()
    assert rl.InstancePart.RAKED.message() in parts
    assert np.isfinite(table.table["se"]).all()


@pytest.mark.parametrize("kind", KINDS)
def test_per_interview_counts_and_sums_average_over_every_household(kind: str) -> None:
    """Disputes per household: households without a dispute count 0 (svymean on the raked
    household design of the households' counts and sums)."""
    r = reference()[kind]
    check(rl.per_interview(members(kind)).table, r["members_per_household"])
    check(rl.per_interview(disputes(kind)).table, r["disputes_per_household"])
    check(rl.per_interview(disputes(kind), "cost").table, r["cost_per_household"])
    by_region = rl.per_interview(disputes(kind), by="region").table
    assert list(by_region["region"]) == r["by_region_disputes_per_household"]["names"]
    check(by_region, r["by_region_disputes_per_household"])
    assert set(by_region["variable"]) == {"disputes"}
