"""Means, totals, proportions, select_multiple choices, ratios, domains and by-group estimates
against R ``survey`` figures stored in fixtures (every design variant, every lonely-PSU option)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import estimates
from analysis.groups import by_group
from tests.analysis.r_oracle import DESIGNS, design, select

RTOL = 1e-7
NAMES = sorted(DESIGNS)


def _row(table: pd.DataFrame, record: dict) -> pd.Series:
    rows = table
    if record["category"] is not None:
        rows = rows[rows["category"].astype(str) == record["category"]]
    if record["group_var"] is not None and record["group_var"] in rows.columns:
        rows = rows[rows[record["group_var"]] == record["group"]]
    assert len(rows) == 1, record
    return rows.iloc[0]


def _check(row: pd.Series, record: dict, ci: bool = True) -> None:
    assert row["estimate"] == pytest.approx(record["estimate"], rel=RTOL)
    assert row["se"] == pytest.approx(record["se"], rel=RTOL)
    if record["deff"] is not None:  # R has no finite deff when the weights sum to n
        assert row["deff"] == pytest.approx(record["deff"], rel=RTOL)
    else:
        assert np.isfinite(row["deff"])  # ours falls back to the with-replacement form
    if ci and record["ci_low"] is not None:
        assert row["ci_low"] == pytest.approx(record["ci_low"], rel=RTOL)
        assert row["ci_high"] == pytest.approx(record["ci_high"], rel=RTOL)


@pytest.mark.parametrize("name", NAMES)
def test_mean__numeric_binary_likert_with_missing__matches_r_svymean(name: str) -> None:
    des = design(name)
    records = [r for r in select(design=name, stat="mean", group_var=None)
               if r["variable"] in ("x", "bin", "lk", "k2")]
    assert len(records) == 4
    for record in records:
        _check(_row(estimates.mean(des, record["variable"]).table, record), record)


@pytest.mark.parametrize("name", NAMES)
def test_total__numeric_and_categories__match_r_svytotal(name: str) -> None:
    des = design(name)
    _check(_row(estimates.total(des, "x").table, select(design=name, stat="total",
                                                          variable="x")[0]), select(
        design=name, stat="total", variable="x")[0])
    values = des.data["cat"].notna()
    for record in select(design=name, stat="total", variable="cat"):
        # svytotal(~cat, na.rm=TRUE) is the total of each category's indicator
        indicator = (des.data["cat"] == record["category"]).astype(float).where(values)
        table = estimates.total(des.with_column("ind", indicator), "ind").table
        _check(table.iloc[0], record)


@pytest.mark.parametrize("name", NAMES)
def test_proportions__select_one__match_r_svymean_of_factor(name: str) -> None:
    table = estimates.proportions(design(name), "cat", ci="wald").table
    records = select(design=name, stat="mean", variable="cat", group_var=None)
    assert len(records) == 4
    for record in records:
        _check(_row(table, record), record)


@pytest.mark.parametrize("name", NAMES)
def test_proportions__select_one_covariance__matches_r_vcov(name: str) -> None:
    des = design(name)
    cats = estimates.proportions(des, "cat").table["category"].tolist()
    values = des.data["cat"]
    ok = values.notna().to_numpy()
    w = np.where(ok, des.weights, 0.0)
    onehot = np.column_stack([(values == c).to_numpy(float) for c in cats])
    p = (w @ onehot) / w.sum()
    scores = np.where(ok[:, None], w[:, None] * (onehot - p) / w.sum(), 0.0)
    expected = np.array(select(design=name, stat="vcov")[0]["matrix"]).reshape(4, 4)
    np.testing.assert_allclose(des.variance(scores, domain=ok), expected, rtol=RTOL)


@pytest.mark.parametrize("name", NAMES)
def test_choices__space_separated_column__match_r_means_of_indicators(name: str) -> None:
    table = estimates.choices(design(name), "sm", ci="wald").table
    for choice in "abc":
        record = select(design=name, stat="mean", variable=f"sm_{choice}")[0]
        row = table[table["category"] == choice].iloc[0]
        _check(row, record)


@pytest.mark.parametrize("name", NAMES)
def test_domain__subset_of_one_sex__matches_r_subset(name: str) -> None:
    record = select(design=name, stat="mean", variable="x", group_var="sex", group="f")[0]
    table = estimates.mean(design(name), "x", by="sex").table
    _check(_row(table, record), record, ci=False)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("stat", ["mean", "total"])
def test_by_group__numeric_by_region__matches_r_svyby(name: str, stat: str) -> None:
    fn = estimates.mean if stat == "mean" else estimates.total
    table = fn(design(name), "x", by="region").table
    records = select(design=name, stat=stat, variable="x", group_var="region")
    assert len(records) == 4 and len(table) == 4
    for record in records:
        _check(_row(table, record), record, ci=False)


@pytest.mark.parametrize("name", NAMES)
def test_by_group__mixed_variables__match_r_svyby(name: str) -> None:
    table = by_group(design(name), ["x", "cat"], by=["region"]).table
    assert list(table.columns[:3]) == ["region", "variable", "category"]
    records = select(design=name, stat="mean", group_var="region")
    assert len(records) == 4 + 16
    for record in records:
        rows = table[(table["region"] == record["group"]) & (table["variable"] == record["variable"])]
        if record["category"] is not None:
            rows = rows[rows["category"] == record["category"]]
        assert len(rows) == 1
        _check(rows.iloc[0], record, ci=False)


@pytest.mark.parametrize("name", NAMES)
def test_ratio__two_numeric_variables__matches_r_svyratio(name: str) -> None:
    record = select(design=name, stat="ratio")[0]
    row = estimates.ratio(design(name), "x", "lk").table.iloc[0]
    assert row["estimate"] == pytest.approx(record["estimate"], rel=RTOL)
    assert row["se"] == pytest.approx(record["se"], rel=RTOL)


@pytest.mark.parametrize("name", NAMES)
def test_degrees_of_freedom__full_design__match_r_degf(name: str) -> None:
    assert design(name).degrees_of_freedom == select(design=name, stat="degf")[0]["estimate"]


@pytest.mark.parametrize("name", NAMES)
def test_mean__confidence_090__matches_r_confint_level(name: str) -> None:
    record = select(design=name, stat="mean_level90")[0]
    row = estimates.mean(design(name), "x", confidence=0.9).table.iloc[0]
    _check(row, record)
    assert row["moe"] == pytest.approx(record["ci_high"] - record["estimate"], rel=RTOL)


@pytest.mark.parametrize("name", NAMES)
def test_by_group__two_group_variables__match_r_svyby_interaction(name: str) -> None:
    table = estimates.mean(design(name), "x", by=["region", "sex"]).table
    records = select(design=name, stat="mean_by2")
    assert len(records) == len(table) == 8
    for record in records:
        region, sex = record["group"].split()
        row = table[(table["region"] == region) & (table["sex"] == sex)].iloc[0]
        _check(row, record, ci=False)
