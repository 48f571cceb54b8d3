"""The repeat-level design: what instances inherit, what is left out, how the method reads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import repeat_level as rl
from analysis.design import Design
from analysis.errors import DesignError
from analysis.methods import DesignPart, Variance
from analysis.raking import rake
from survey.messages import render


def households() -> pd.DataFrame:
    return pd.DataFrame({
        "uuid": ["a", "b", "c", "d", "e", "f"], "region": ["x", "x", "x", "y", "y", "y"],
        "psu": [1, 1, 2, 1, 2, 2], "w": [10.0, 20.0, 30.0, 40.0, 50.0, 60.0],
        "sex": ["m", "f", "m", "f", "m", "f"]})


def members() -> pd.DataFrame:
    return pd.DataFrame({
        "_parent_uuid": ["a", "a", "b", "c", "c", "c", "d", "e", "f", "f", "zz"],
        "_index": [1, 2, 1, 1, 2, 3, 1, 1, 1, 2, 1],
        "age": [30, 5, 40, 50, 20, np.nan, 70, 33, 45, 12, 99]})


def test_instances_take_their_interviews_weight_stratum_and_psu() -> None:
    parent = Design.from_frame(households(), weights="w", strata="region", psu="psu")
    design = rl.inherit_design(parent, members(), repeat="members", carry=("sex",))
    assert design.n == 10 and design.unmatched == 1  # "zz" is no interview of the design
    assert list(design.weights) == [10, 10, 20, 30, 30, 30, 40, 50, 60, 60]
    assert list(design.data["sex"]) == ["m", "m", "f", "m", "m", "m", "f", "m", "f", "f"]
    rows = [0, 0, 1, 2, 2, 2, 3, 4, 5, 5]
    assert list(design.psu) == list(parent.psu[rows])
    assert list(design.strata) == list(parent.strata[rows])
    assert design.interviews == 6 and design.n_psu == parent.n_psu


def test_a_mean_over_instances_is_the_weighted_ratio_of_sums() -> None:
    parent = Design.from_frame(households(), weights="w", strata="region", psu="psu")
    design = rl.inherit_design(parent, members(), repeat="members")
    age = members()["age"].to_numpy()[:10]
    w = design.weights
    ok = ~np.isnan(age)
    expected = (w[ok] * age[ok]).sum() / w[ok].sum()
    assert rl.mean(design, "age").table["estimate"].iloc[0] == pytest.approx(expected)


def test_without_psus_the_interview_is_the_cluster() -> None:
    parent = Design.from_frame(households(), weights="w", strata="region")
    design = rl.inherit_design(parent, members(), repeat="members")
    assert design.n_psu == 6
    assert list(design.psu) == [0, 0, 1, 2, 2, 2, 3, 4, 5, 5]
    # the same as a design whose PSU column is the interview
    joined = members().iloc[:10].merge(households(), left_on="_parent_uuid", right_on="uuid")
    by_uuid = Design.from_frame(joined, weights="w", strata="region", psu="uuid")
    ours, theirs = rl.mean(design, "age").table, rl.mean(by_uuid, "age").table
    assert ours["se"].iloc[0] == pytest.approx(theirs["se"].iloc[0], rel=1e-12)


def test_the_method_names_instances_clustered_within_interviews() -> None:
    parent = Design.from_frame(households(), weights="w", strata="region", psu="psu")
    table = rl.mean(rl.inherit_design(parent, members(), repeat="members"), "age")
    assert table.method.variance is Variance.TAYLOR_INSTANCES
    parts = table.method.design.parts()
    assert parts[0] == rl.InstancePart.INSTANCES.message(n=10, repeat="members", interviews=6)
    assert rl.InstancePart.IN_PSUS.message() in parts
    assert DesignPart.PSUS.message(n=4, column="psu") in parts
    assert "instances clustered within interviews" in table.method.describe()
    russian = render(table.method.parts()[1], "ru")
    assert "экземпляры сгруппированы в кластеры по интервью" in russian
    plain = Design.from_frame(households(), weights="w", strata="region")
    unclustered = rl.proportions(rl.inherit_design(plain, members(), repeat="members"), "age")
    assert rl.InstancePart.BY_INTERVIEW.message() in unclustered.method.design.parts()
    assert DesignPart.INDEPENDENT.message() not in unclustered.method.design.parts()


def test_raked_interview_weights_keep_the_raking_in_the_variance() -> None:
    frame = households()
    parent = Design.from_frame(frame, weights="w", strata="region", psu="psu",
                               lonely_psu="adjust")
    raked = rake(parent, {"sex": {"m": 120.0, "f": 90.0}}).design
    design = rl.inherit_design(raked, members(), repeat="members")
    assert isinstance(design, rl.RakedInstanceDesign) and design.is_calibrated
    assert design.weights[0] == pytest.approx(raked.weights[0])
    parts = rl.mean(design, "age").method.design.parts()
    assert rl.InstancePart.RAKED.message() in parts
    assert DesignPart.RAKED.message() not in parts
    # the variance of instance scores is the raked variance of their sums per interview
    scores = np.arange(1.0, design.n + 1.0)
    summed = np.bincount(design.interview_row, weights=scores, minlength=raked.n)
    assert design.variance(scores) == pytest.approx(raked.variance(summed))


def test_bad_links_are_errors_with_codes() -> None:
    parent = Design.from_frame(households(), weights="w")
    with pytest.raises(DesignError) as error:
        rl.inherit_design(parent, members().drop(columns="_parent_uuid"), repeat="members")
    assert error.value.code == "analysis.design.unknown_column"
    with pytest.raises(DesignError) as error:
        rl.inherit_design(parent, members().assign(_parent_uuid="nobody"), repeat="members")
    assert error.value.messages[0] == rl.InstanceCode.NO_INSTANCES.message(repeat="members")
    twice = Design.from_frame(households().assign(uuid=["a", "a", "c", "d", "e", "f"]),
                              weights="w")
    with pytest.raises(DesignError) as error:
        rl.inherit_design(twice, members(), repeat="members")
    assert error.value.messages[0] == rl.InstanceCode.DUPLICATE_INTERVIEW.message(column="uuid")
    with pytest.raises(DesignError) as error:
        rl.inherit_design(parent, members(), repeat="members", carry=("nothing",))
    assert error.value.code == "analysis.design.unknown_column"
