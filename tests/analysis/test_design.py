"""The design and its variance routine: hand-derived values for every lonely-PSU option and
fpc form, domains, and bad designs rejected with codes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.design import Design, LonelyPSU
from analysis.errors import DesignError
from analysis.methods import DesignSummary

# Stratum A: PSU totals 1 and 3; stratum B: 2, 2 and 5; stratum C: a single PSU with total 4.
# Centred sums of squares: A 2 (scale 2/1), B 6 (scale 3/2) -> 4 + 9 = 13 without stratum C.


def _frame(lonely: bool = False) -> pd.DataFrame:
    rows = [("A", 1, 0.5), ("A", 1, 0.5), ("A", 2, 3.0),
            ("B", 1, 2.0), ("B", 2, 1.0), ("B", 2, 1.0), ("B", 3, 5.0)]
    if lonely:
        rows += [("C", 1, 4.0)]
    frame = pd.DataFrame(rows, columns=["h", "psu", "z"])
    frame["N"] = frame["h"].map({"A": 4, "B": 6, "C": 2})
    frame["f"] = frame["h"].map({"A": 0.5, "B": 0.5, "C": 1.0})
    return frame


def _variance(frame: pd.DataFrame, **kw: object) -> float:
    design = Design.from_frame(frame, strata="h", psu="psu", **kw)  # type: ignore[arg-type]
    return float(design.variance(frame["z"].to_numpy())[0, 0])


def test_variance__two_strata__hand_computed_sum_of_scaled_squares() -> None:
    assert _variance(_frame()) == pytest.approx(13.0, rel=1e-14)


@pytest.mark.parametrize("fpc", ["N", "f"])
def test_variance__fpc_count_or_fraction__scaled_by_one_minus_fraction(fpc: str) -> None:
    frame = _frame()
    assert _variance(frame, fpc=fpc) == pytest.approx(0.5 * 13.0, rel=1e-14)


@pytest.mark.parametrize(("option", "expected"), [
    ("remove", 13.0), ("certainty", 13.0), ("adjust", 13.0 + 16.0), ("average", 13.0 * 3 / 2),
])
def test_variance__lonely_psu_option__follows_r_rule(option: str, expected: float) -> None:
    assert _variance(_frame(lonely=True), lonely_psu=option) == pytest.approx(expected, rel=1e-14)


def test_variance__lonely_psu_fail__error_names_stratum() -> None:
    with pytest.raises(DesignError) as err:
        _variance(_frame(lonely=True))
    assert err.value.code == "analysis.design.lonely_psu"
    assert "C" in str(err.value)


def test_variance__domain_outside_lonely_stratum__no_error_and_average_counts_reached_strata() -> None:
    frame = _frame(lonely=True)
    scores = np.where(frame["h"] == "C", 0.0, frame["z"])
    outside_c = (frame["h"] != "C").to_numpy()
    fail = Design.from_frame(frame, strata="h", psu="psu")
    assert fail.variance(scores, domain=outside_c)[0, 0] == pytest.approx(13.0, rel=1e-14)
    average = Design.from_frame(frame, strata="h", psu="psu", lonely_psu="average")
    assert average.variance(scores, domain=outside_c)[0, 0] == pytest.approx(13.0, rel=1e-14)


def test_variance__lonely_stratum_sampled_completely__contributes_nothing_even_under_fail() -> None:
    assert _variance(_frame(lonely=True), fpc="f") == pytest.approx(0.5 * 13.0, rel=1e-14)


def test_variance__no_psu_column__each_row_is_a_psu() -> None:
    frame = pd.DataFrame({"z": [1.0, 2.0, 6.0]})
    design = Design.from_frame(frame)
    # mean 3: deviations -2, -1, 3 -> SS 4 + 1 + 9 = 14, scale 3/2
    assert design.variance(frame["z"].to_numpy())[0, 0] == pytest.approx(21.0, rel=1e-14)
    assert design.degrees_of_freedom == 2


def test_variance__two_columns__covariance_matrix_symmetric_with_diagonal_variances() -> None:
    frame = _frame()
    design = Design.from_frame(frame, strata="h", psu="psu")
    z = frame["z"].to_numpy()
    v = design.variance(np.column_stack([z, 2 * z]))
    np.testing.assert_allclose(v, 13.0 * np.array([[1, 2], [2, 4]]), rtol=1e-14)


def test_degrees_of_freedom__domain__psus_minus_strata_reached() -> None:
    frame = _frame()
    design = Design.from_frame(frame, strata="h", psu="psu")
    assert design.degrees_of_freedom == 5 - 2
    in_b = (frame["h"] == "B").to_numpy()
    assert design.domain_degrees_of_freedom(in_b) == 3 - 1


def test_psus__same_label_in_two_strata__are_different_psus() -> None:
    design = Design.from_frame(_frame(), strata="h", psu="psu")
    assert design.n_psu == 5
    assert design.psu_count.tolist() == [2, 3]


@pytest.mark.parametrize(("column", "values", "code"), [
    ("w", [1, 0, 1, 1, 1, 1, 1], "analysis.design.nonpositive_weight"),
    ("w", [1, -2, 1, 1, 1, 1, 1], "analysis.design.nonpositive_weight"),
    ("w", [1, None, 1, 1, 1, 1, 1], "analysis.design.missing_weight"),
    ("h", ["A", None, "A", "B", "B", "B", "B"], "analysis.design.missing_stratum"),
])
def test_from_frame__bad_design_column__error_with_code(column: str, values: list, code: str) -> None:
    frame = _frame()
    frame[column] = values
    with pytest.raises(DesignError) as err:
        Design.from_frame(frame, weights="w" if column == "w" else None, strata="h", psu="psu")
    assert err.value.code == code


@pytest.mark.parametrize("fpc", [[4, 4, 0.5, 6, 6, 6, 6], [1, 1, 1, 6, 6, 6, 6],
                                 [4, 5, 4, 6, 6, 6, 6]])
def test_from_frame__bad_fpc__error_with_code(fpc: list) -> None:
    frame = _frame()
    frame["bad"] = fpc
    with pytest.raises(DesignError) as err:
        Design.from_frame(frame, strata="h", psu="psu", fpc="bad")
    assert err.value.code == "analysis.design.bad_fpc"


def test_from_frame__unknown_column__error_names_it() -> None:
    with pytest.raises(DesignError) as err:
        Design.from_frame(_frame(), weights="weight")
    assert err.value.code == "analysis.design.unknown_column"
    assert "weight" in str(err.value)


def test_summary__stratified_clustered__names_every_part() -> None:
    design = Design.from_frame(_frame(), strata="h", psu="psu", fpc="N",
                               lonely_psu=LonelyPSU.ADJUST)
    assert design.summary() == DesignSummary(weights=None, strata="h", n_strata=2, psu="psu",
                                             n_psu=5, fpc="N", lonely_psu=LonelyPSU.ADJUST)
    codes = [part.code for part in design.summary().parts()]
    assert codes == ["analysis.method.design.unweighted", "analysis.method.design.strata",
                     "analysis.method.design.psus", "analysis.method.design.fpc",
                     "analysis.method.design.lonely_psu"]
    text = design.describe()
    assert text.startswith("unweighted; 2 strata ('h'); 5 PSUs ('psu'); ")
    assert "finite population correction ('N')" in text
    assert text.endswith("strata with a single PSU: centred at the grand mean (adjust)")


def test_with_column__new_index__same_design_new_data() -> None:
    design = Design.from_frame(_frame(), strata="h", psu="psu")
    added = design.with_column("k", np.arange(7))
    assert added.data["k"].tolist() == list(range(7)) and "k" not in design.data.columns
    assert added.n_psu == design.n_psu
