"""Raking by hand-derived values and its error paths."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.design import Design
from analysis.errors import RakingError
from analysis.margins import bundled_margins
from analysis.methods import Raking
from analysis.raking import rake, trim_weights
from analysis.regions import domain_means


def _grid() -> Design:
    frame = pd.DataFrame({"a": ["x", "x", "y", "y"], "b": ["m", "f", "m", "f"]})
    return Design.from_frame(frame)


def _code(call, **kwargs) -> str:
    with pytest.raises(RakingError) as err:
        call(**kwargs)
    return err.value.code


def test_rake__two_by_two_grid__weights_follow_one_ipf_sweep() -> None:
    result = rake(_grid(), {"a": {"x": 3, "y": 1}, "b": {"m": 2, "f": 2}})
    # a: x rows 1 -> 1.5, y rows 1 -> 0.5; b then already holds 2 and 2
    np.testing.assert_allclose(result.weights, [1.5, 1.5, 0.5, 0.5])
    assert result.iterations == 1 and result.converged
    np.testing.assert_allclose(result.report["achieved"], result.report["target"])


def test_rake__epsilon_below_one__is_a_fraction_of_the_weight_total() -> None:
    result = rake(_grid(), {"a": {"x": 3, "y": 1}, "b": {"m": 2, "f": 2}}, epsilon=0.01)
    assert result.epsilon == pytest.approx(0.04)


def test_rake__raked_variable__has_no_sampling_variance_after_raking() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"sex": rng.choice(["male", "female"], 400),
                          "psu": np.repeat(np.arange(40), 10),
                          "w": rng.uniform(1, 4, 400)})
    design = Design.from_frame(frame, weights="w", psu="psu")
    raked = rake(design, {"sex": {"male": 480.0, "female": 520.0}}).design
    y = (frame["sex"] == "male").to_numpy(dtype=float)
    est, scores, _n, _wn = domain_means(raked, y, [np.ones(400, dtype=bool)])
    assert est[0] == pytest.approx(0.48)
    assert raked.variance(scores)[0, 0] < 1e-20
    assert design.variance(scores)[0, 0] > 1e-6  # the unraked design sees variance


def test_rake__bundled_margins__reach_every_target() -> None:
    rng = np.random.default_rng(5)
    counts = bundled_margins(total=3000.0)
    frame = pd.DataFrame({name: rng.choice(list(series.index), 3000)
                          for name, series in counts.items()})
    result = rake(Design.from_frame(frame), counts, epsilon=1e-6, max_iter=100)
    np.testing.assert_allclose(result.report["achieved"], result.report["target"], rtol=1e-5)
    assert result.method.adjustment == Raking(tuple(counts), 1e-6, 100)
    assert result.method.design.raked
    assert "raked to margins of region, settlement, sex, age_group (survey::rake, epsilon " \
           "1e-06, at most 100 sweeps)" in result.method.describe()


def test_rake__bad_margins__raise_stable_codes() -> None:
    design = _grid()
    assert _code(rake, design=design, margins={"a": {"x": 3}}) == \
        "analysis.raking.category_not_in_margin"
    assert _code(rake, design=design, margins={"a": {"x": 3, "y": 1, "z": 2}}) == \
        "analysis.raking.empty_category"
    assert _code(rake, design=design, margins={"a": {"x": 3, "y": 0}}) == \
        "analysis.raking.zero_target"
    assert _code(rake, design=design, margins={"a": {"x": 3, "y": 1}, "b": {"m": 2, "f": 3}}) \
        == "analysis.raking.inconsistent_totals"
    assert _code(rake, design=design, margins={"c": {"x": 1}}) == "analysis.raking.unknown_column"
    assert _code(rake, design=design, margins={}) == "analysis.raking.no_margins"
    assert _code(rake, design=design, margins={"a": {"x": -1, "y": 2}}) == \
        "analysis.raking.bad_margin"


def test_rake__zero_target_absent_category__is_ignored_as_r_does() -> None:
    result = rake(_grid(), {"a": {"x": 3, "y": 1, "z": 0}, "b": {"m": 2, "f": 2}})
    assert "z" not in set(result.report["category"])


def test_rake__missing_values_in_raking_column__raise() -> None:
    frame = pd.DataFrame({"a": ["x", None, "y"]})
    with pytest.raises(RakingError) as err:
        rake(Design.from_frame(frame), {"a": {"x": 1, "y": 1}})
    assert err.value.code == "analysis.raking.missing_values"
    assert "'a'" in str(err.value)


def test_trim_weights__one_pass__clips_and_spreads_the_excess_equally() -> None:
    got = trim_weights(np.array([1.0, 2.0, 3.0, 10.0]), 0.0, 5.0)
    np.testing.assert_allclose(got, [1 + 5 / 3, 2 + 5 / 3, 3 + 5 / 3, 5.0])
    assert got.sum() == pytest.approx(16.0)
    assert _code(trim_weights, weights=np.ones(3), lower=2.0, upper=1.0) == \
        "analysis.raking.bad_bounds"


def test_rake__raked_design__refuses_a_second_raking() -> None:
    once = rake(_grid(), {"a": {"x": 3, "y": 1}}).design
    assert _code(rake, design=once, margins={"b": {"m": 2, "f": 2}}) == \
        "analysis.raking.already_raked"
