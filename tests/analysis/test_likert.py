"""Likert summaries against R ``survey`` fixtures and hand-checked small cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.design import Design
from analysis.errors import VariableError
from analysis.likert import likert
from tests.analysis.r_oracle import DESIGNS, design, select

RTOL = 1e-7


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_likert__mean_and_top2__match_r_svymean_and_svyciprop(name: str) -> None:
    result = likert(design(name), "lk", points=[1, 2, 3, 4, 5])
    mean = result.mean.table.iloc[0]
    record = select(design=name, stat="mean", variable="lk", group_var=None)[0]
    assert mean["estimate"] == pytest.approx(record["estimate"], rel=RTOL)
    assert mean["se"] == pytest.approx(record["se"], rel=RTOL)
    assert mean["ci_low"] == pytest.approx(record["ci_low"], rel=RTOL)
    top = result.top_box.table.iloc[0]
    record = select(design=name, stat="ciprop_logit", variable="lk", category="top2")[0]
    assert top["category"] == "top2"
    assert top["estimate"] == pytest.approx(record["estimate"], rel=RTOL)
    assert top["ci_low"] == pytest.approx(record["ci_low"], rel=RTOL)
    assert top["ci_high"] == pytest.approx(record["ci_high"], rel=RTOL)


def test_likert__distribution__sums_to_one_and_top2_equals_sum_of_top_points() -> None:
    result = likert(design("base"), "lk")
    dist = result.distribution.table.set_index("category")["estimate"]
    assert list(dist.index) == [1, 2, 3, 4, 5]
    assert dist.sum() == pytest.approx(1.0, rel=1e-12)
    assert result.top_box.table["estimate"].iloc[0] == pytest.approx(dist[4] + dist[5], rel=1e-12)


def test_likert__unweighted_hand_example__mean_and_top_box() -> None:
    data = pd.DataFrame({"q": [1, 2, 4, 5, 5, np.nan]})
    result = likert(Design.from_frame(data), "q", points=[1, 2, 3, 4, 5])
    assert result.mean.table["estimate"].iloc[0] == pytest.approx(17 / 5)
    assert result.top_box.table["estimate"].iloc[0] == pytest.approx(3 / 5)
    assert result.top_box.table["n"].iloc[0] == 5
    dist = result.distribution.table.set_index("category")["estimate"]
    assert dist[3] == 0.0 and dist[5] == pytest.approx(0.4)


def test_likert__answer_off_scale__error_names_value() -> None:
    data = pd.DataFrame({"q": [1, 2, 9]})
    with pytest.raises(VariableError) as err:
        likert(Design.from_frame(data), "q", points=[1, 2, 3, 4, 5])
    assert err.value.code == "analysis.likert.off_scale"
    assert "9" in str(err.value)


def test_likert__by_group__one_row_per_group_first_column_group() -> None:
    result = likert(design("base"), "lk", by="sex")
    table = result.top_box.table
    assert list(table.columns[:2]) == ["sex", "variable"]
    assert table["sex"].tolist() == ["f", "m"]
