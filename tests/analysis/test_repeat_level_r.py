"""Repeat-level estimates against R ``survey`` (tests/reference/r_survey_repeat_level.R).

Members and disputes inherit their household's weight, stratum, PSU and fpc; R's figures come
from ``svydesign(ids=~psu, strata=~stratum, weights=~w, data=persons, nest=TRUE)`` on the
merged members (every PSU has members), ``ids=~household`` without PSUs, and, for disputes
(one PSU has none), ``svyratio`` of the households' counts on the household design.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest

from analysis import repeat_level as rl
from analysis.design import Design
from tests.analysis.r_oracle import FIXTURES

REL = 1e-6  # six significant digits


@cache
def frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    def read(name: str) -> pd.DataFrame:
        return pd.read_csv(FIXTURES / name, keep_default_na=False, na_values=["NA", ""])
    disputes = read("repeat_disputes.csv")
    disputes["mediated"] = (disputes["mediator"] == "yes").astype(float)
    disputes["one"] = 1.0
    return read("repeat_households.csv"), read("repeat_members.csv"), disputes


@cache
def reference() -> dict:
    return json.loads((FIXTURES / "repeat_level_r_reference.json").read_text())


def household_design(kind: str) -> Design:
    households = frames()[0]
    if kind == "nested":
        return Design.from_frame(households, weights="w", strata="stratum", psu="psu")
    if kind == "fpc":
        return Design.from_frame(households, weights="w", strata="stratum", psu="psu",
                                 fpc="fpc")
    return Design.from_frame(households, weights="w", strata="stratum")


def members(kind: str) -> rl.InstanceDesign:
    return rl.inherit_design(household_design(kind), frames()[1], repeat="members",
                             carry=("region",))


def disputes(kind: str) -> rl.InstanceDesign:
    return rl.inherit_design(household_design(kind), frames()[2], repeat="disputes",
                             carry=("region",))


def check(table: pd.DataFrame, expected: dict, order: list[int] | None = None) -> None:
    coef, se = np.atleast_1d(expected["coef"]), np.atleast_1d(expected["se"])
    if order is not None:
        coef, se = coef[order], se[order]
    assert table["estimate"].to_numpy() == pytest.approx(coef, rel=REL)
    assert table["se"].to_numpy() == pytest.approx(se, rel=REL)


@pytest.mark.parametrize("kind", ["nested", "by_household"])
def test_member_means_totals_and_proportions_match_r(kind: str) -> None:
    r = reference()["members"][kind]
    design = members(kind)
    check(rl.mean(design, "age").table, r["mean_age"])
    check(rl.total(design, "age").table, r["total_age"])
    check(rl.proportions(design, "sex").table, r["prop_sex"])
    employed = rl.proportions(design, "employed").table
    check(employed, r["prop_employed"])
    assert int(employed["df"].iloc[0]) == r["df"]
    check(rl.ratio(design, "income", "hours").table, r["ratio_income_hours"])


@pytest.mark.parametrize("kind", ["nested", "by_household"])
def test_member_domains_by_household_and_member_variables_match_r(kind: str) -> None:
    r = reference()["members"][kind]
    design = members(kind)
    by_region = rl.mean(design, "age", by="region").table
    assert list(by_region["region"]) == r["by_region_age"]["names"]
    check(by_region, r["by_region_age"])
    by_sex = rl.proportions(design, "employed", by="sex").table
    # R orders female:no, male:no, female:yes, male:yes; ours group by group
    check(by_sex, r["by_sex_employed"], order=[0, 2, 1, 3])
    mixed = rl.by_group(design, ["age", "employed"], by="region").table
    ages = mixed[mixed["variable"] == "age"]
    check(ages, r["by_region_age"])


def test_member_logit_interval_matches_svyciprop() -> None:
    r = reference()["members"]["nested"]["ciprop_employed"]
    row = rl.proportions(members("nested"), "employed").table.iloc[1]
    assert row["estimate"] == pytest.approx(r["coef"], rel=REL)
    assert [row["ci_low"], row["ci_high"]] == pytest.approx(r["ci"], rel=REL)


def test_member_estimates_with_fpc_match_r() -> None:
    r = reference()["members"]["fpc"]
    design = members("fpc")
    check(rl.mean(design, "age").table, r["mean_age"])
    check(rl.proportions(design, "sex").table, r["prop_sex"])


@pytest.mark.parametrize("kind", ["nested", "by_household"])
def test_disputes_share_settled_by_a_mediator_matches_household_svyratio(kind: str) -> None:
    r = reference()["disputes"][kind]
    design = disputes(kind)
    share = rl.proportions(design, "mediator").table
    check(share[share["category"] == "yes"], r["share_mediated"])
    check_dispute_figures(design, r)
    assert rl.ratio(design, "mediated", "one").table["se"].iloc[0] == pytest.approx(
        r["share_mediated"]["se"], rel=REL)


def check_dispute_figures(design: rl.InstanceDesign, r: dict) -> None:
    """The disputes' mean cost, totals and shares by region and by kind against R's."""
    check(rl.mean(design, "cost").table, r["mean_cost"])
    check(rl.total(design, "mediated").table, r["total_mediated"])
    check(rl.total(design, "one").table, r["total_disputes"])
    by_region = rl.proportions(design, "mediator", by="region").table
    yes = by_region[by_region["category"] == "yes"]
    assert list(yes["region"]) == r["by_region_mediated"]["names"]
    check(yes, r["by_region_mediated"])
    by_kind = rl.proportions(design, "mediator", by="kind").table
    check(by_kind[(by_kind["kind"] == "family") & (by_kind["category"] == "yes")],
          r["family_mediated"])


def test_a_psu_without_instances_still_counts_as_sampled() -> None:
    """R's design on the merged disputes drops the PSU that had none: same estimate, another
    SE. The inherited design keeps it (a zero total), as the household design does."""
    merged = reference()["disputes"]["merged_share"]
    design = disputes("nested")
    assert design.n_psu == household_design("nested").n_psu
    assert len(np.unique(design.psu)) == design.n_psu - 1
    row = rl.proportions(design, "mediator").table.iloc[1]
    assert row["estimate"] == pytest.approx(merged["coef"], rel=REL)
    assert row["se"] == pytest.approx(reference()["disputes"]["nested"]["share_mediated"]["se"],
                                      rel=REL)
    assert abs(row["se"] / merged["se"] - 1) > 1e-4  # not R's merged design ...
    households, _, frame = frames()
    joined = frame.merge(households, left_on="_parent_uuid", right_on="uuid")
    naive = Design.from_frame(joined, weights="w", strata="stratum", psu="psu")
    check(rl.proportions(naive, "mediator").table.iloc[[1]], merged)  # ... which is this one
    assert int(row["df"]) == reference()["disputes"]["merged_df"]
