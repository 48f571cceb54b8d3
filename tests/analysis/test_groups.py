"""By-group tables of several variables: kinds, ordering and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import estimates
from analysis.design import Design
from analysis.errors import VariableError
from analysis.groups import by_group


def _design() -> Design:
    data = pd.DataFrame({"region": ["b", "a", "b", "a", "a", None],
                         "age": [30.0, 40.0, 50.0, 20.0, np.nan, 99.0],
                         "code": [1, 2, 2, 1, 1, 2],
                         "aware": ["yes", "no", "yes", "yes", "no", "no"],
                         "w": [1.0, 2.0, 1.0, 2.0, 1.0, 1.0]})
    return Design.from_frame(data, weights="w")


def test_by_group__numeric_and_categorical__means_then_proportions_per_group() -> None:
    result = by_group(_design(), ["age", "aware"], by="region")
    table = result.table
    assert result.kind == "mixed" and result.groups == ("region",)
    assert table["region"].tolist() == ["a"] * 3 + ["b"] * 3  # row without region left out
    a = table[table["region"] == "a"].set_index(table[table["region"] == "a"]["category"]
                                                .fillna("mean").astype(str))
    assert a.loc["mean", "estimate"] == pytest.approx((2 * 40 + 2 * 20) / 4)
    assert a.loc["yes", "estimate"] == pytest.approx(2 / 5)
    assert a.loc["yes", "n"] == 3


def test_by_group__kind_override__numeric_codes_as_categories() -> None:
    table = by_group(_design(), ["code"], by="region", kinds={"code": "proportion"}).table
    assert table["category"].tolist() == [1, 2, 1, 2]


def test_by_group__same_as_single_variable_calls() -> None:
    design = _design()
    both = by_group(design, ["age", "aware"], by="region").table
    single = estimates.proportions(design, "aware", by="region").table
    merged = both[both["variable"] == "aware"].reset_index(drop=True)
    pd.testing.assert_frame_equal(merged, single)


@pytest.mark.parametrize(("names", "kinds", "code"), [
    ([], None, "analysis.variable.none"),
    (["age"], {"age": "median"}, "analysis.variable.bad_kind"),
    (["nope"], None, "analysis.variable.unknown_column"),
])
def test_by_group__bad_request__error_with_code(names: list[str], kinds: dict | None,
                                                 code: str) -> None:
    with pytest.raises(VariableError) as err:
        by_group(_design(), names, by="region", kinds=kinds)
    assert err.value.code == code
