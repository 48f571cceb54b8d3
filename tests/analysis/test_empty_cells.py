"""No silent NaN: every empty (NaN) or infinite cell of a result table is named in its notes,
and every group level left out of a table (e.g. an unused Categorical level) is named too.

Notes are messages: their code and fields are asserted, and their English rendering (``str``)
where the wording matters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import analysis as a
from analysis.methods import DesignSummary
from analysis.notes import GapReason, Note, Row
from analysis.results import ESTIMATE_GAPS, EstimateTable, Gap, Method, gap_notes
from survey.messages import Message


def _texts(notes: tuple[Message, ...]) -> list[str]:
    return [str(note) for note in notes]


def _frame(**extra: object) -> pd.DataFrame:
    data = pd.DataFrame({
        "aware": ["yes", "no", "yes", "no", "yes", "yes"],
        "heard": ["yes"] * 6,
        "x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        "w": [1.0, 2.0, 1.0, 2.0, 1.0, 3.0],
        "cl": [1, 2, 3, 4, 5, 6],
        "g": pd.Categorical(["a", "a", "b", "b", "a", "b"], categories=["a", "b", "c"]),
        "r": ["n", "n", "s", "s", "e", "e"],
    })
    return data.assign(**extra)


def _design(**extra: object) -> a.Design:
    return a.Design.from_frame(_frame(**extra), weights="w", psu="cl")


def _rows_with_gaps(result: EstimateTable) -> list[Message]:
    numbers = result.table.select_dtypes(include="number").to_numpy(dtype=float)
    return [result.row_label(i) for i in np.flatnonzero(~np.isfinite(numbers).all(axis=1))]


def _assert_every_gap_named(result: EstimateTable) -> None:
    for label in _rows_with_gaps(result):
        named = [note for note in result.notes if note.kind is Note.EMPTY_CELLS
                 and note.fields["row"] == label]
        assert len(named) == 1, str(label)


def test_proportions__everyone_chose__deff_nan_as_r_and_noted() -> None:
    result = a.proportions(_design(), "heard")
    row = result.table.iloc[0]
    assert row["estimate"] == 1.0 and row["se"] == 0.0
    assert np.isnan(row["deff"]) and np.isnan(row["n_effective"])  # R: 0/0
    (note,) = result.notes
    assert note.kind is Note.EMPTY_CELLS
    assert note.fields["row"] == Row.ITEM.message(where=Row.ALL.message(), item="heard=yes")
    assert note.fields["reason"] == GapReason.NO_DEFF.message()
    assert str(note).startswith("all: 'heard=yes' has no design effect")
    assert "deff and n_effective are left empty" in str(note)


def test_proportions__requested_category_nobody_chose__only_that_row_noted() -> None:
    result = a.proportions(_design(), "aware", categories=["yes", "no", "maybe"])
    table = result.table.set_index("category")
    assert table.loc["maybe", "estimate"] == 0.0 and np.isnan(table.loc["maybe", "deff"])
    assert np.isfinite(table.loc[["yes", "no"], ["deff", "n_effective"]].to_numpy()).all()
    assert [n.split(" has ")[0] for n in _texts(result.notes)] == ["all: 'aware=maybe'"]


def test_proportions__domain_in_one_psu__ci_nan_noted_with_its_rows() -> None:
    design = _design(cl=[1, 2, 3, 3, 4, 5])  # region s lies in PSU 3 only: no design df
    result = a.proportions(design, "aware", by="r")
    empty_ci = result.table[result.table["ci_low"].isna()]
    assert set(empty_ci["r"]) == {"s"} and len(empty_ci) == 2
    named = [n for n in _texts(result.notes) if "has no confidence interval" in n]
    assert sorted(n.split(" has ")[0] for n in named) == ["r=s: 'aware=no'", "r=s: 'aware=yes'"]
    _assert_every_gap_named(result)


def test_mean__group_in_lonely_stratum_under_average__se_nan_noted_once() -> None:
    design = a.Design.from_frame(_frame(st=["A", "A", "B", "C", "C", "C"]), weights="w",
                                 psu="cl", strata="st", lonely_psu="average")
    result = a.mean(design, "x", by="st")
    table = result.table.set_index("st")
    assert table.loc[["B"], ["se", "ci_low", "ci_high", "deff", "moe"]].isna().all().all()
    assert np.isfinite(table.loc[["A", "C"], ["se", "deff"]].to_numpy()).all()
    assert len(result.notes) == 1
    assert str(result.notes[0]).startswith("st=B: 'x' has no standard error")
    assert result.notes[0].fields["reason"] == GapReason.NO_SE.message()


def test_by_group__single_respondent_group__deff_nan_noted() -> None:
    design = _design(r=["n", "n", "s", "s", "s", "e"])
    result = a.by_group(design, ["x", "aware"], by="r")
    e_rows = result.table[result.table["r"] == "e"]
    assert e_rows["deff"].isna().all()
    assert sorted(n.split(" has ")[0] for n in _texts(result.notes) if n.startswith("r=e")) == [
        "r=e: 'aware=no'", "r=e: 'aware=yes'", "r=e: 'x'"]
    _assert_every_gap_named(result)


def test_estimate_table__nan_in_any_number__generic_note_and_no_duplicate_on_replace() -> None:
    frame = pd.DataFrame({"variable": ["y", "z"], "category": [None, None],
                          "estimate": [1.0, 2.0], "extra": [np.nan, 3.0]})
    result = EstimateTable(frame, Method(design=DesignSummary()), kind="mean")
    assert _texts(result.notes) == [
        "all: 'y' has no value for extra (undefined here; R gives NaN)"]
    assert result.notes[0].fields["reason"] == GapReason.NO_VALUE.message(columns=("extra",))
    assert result.with_method(confidence=0.9).notes == result.notes


def test_gap_notes__known_and_unknown_columns__one_note_per_row_with_each_reason() -> None:
    frame = pd.DataFrame({"se": [0.1, 0.1, 0.2], "deff": [np.nan, 0.0, 1.0],
                          "n_effective": [np.nan, np.inf, 3.0], "t": [1.0, np.nan, 2.0]})
    def label(i: int) -> Message:
        return Row.NUMBER.message(where=Row.ALL.message(), number=i)

    notes = _texts(gap_notes(frame, label, ESTIMATE_GAPS))
    assert len(notes) == 2
    assert notes[0].startswith("all: row 0 has no design effect")
    assert "has an infinite n_effective" in notes[1] and "has no value for t" in notes[1]
    custom = gap_notes(frame, label, (Gap("t", ("t",), GapReason.NO_TEST.message()),))
    assert str(custom[1]).startswith("all: row 1 has no t test: the difference")
    assert str(custom[1]).endswith("(as in R); has an infinite n_effective")


@pytest.mark.parametrize("call", [
    lambda d: a.by_group(d, ["x", "aware"], by="g"),
    lambda d: a.mean(d, "x", by="g"),
    lambda d: a.proportions(d, "aware", by=["g", "r"]),
    lambda d: a.likert(d, "x", by="g").distribution,
    lambda d: a.likert(d, "x", by="g").mean,
    lambda d: a.likert(d, "x", by="g").top_box,
])
def test_by_group__categorical_level_without_respondents__noted(call: object) -> None:
    result = call(_design())  # type: ignore[operator]
    assert set(result.table["g"]) == {"a", "b"}
    assert result.notes[0] == Note.LEVEL_UNUSED.message(column="g", level="c")
    assert str(result.notes[0]) == "g = c: no respondents; left out"


def test_by_group__level_only_with_other_group_missing__noted_as_left_out() -> None:
    design = _design(r=["n", "n", None, "s", "e", "e"], g=pd.Categorical(
        ["a", "a", "c", "b", "a", "b"], categories=["a", "b", "c"]))
    result = a.mean(design, "x", by=["g", "r"])
    assert "c" not in set(result.table["g"])
    assert str(result.notes[0]) == "g = c: no respondents with g, r all known; left out"
    assert all(n.split(":")[0] in {f"g={g}, r={r}" for g, r in zip(
        result.table["g"], result.table["r"], strict=True)} for n in _texts(result.notes[1:]))
    _assert_every_gap_named(result)


def test_crosstab__unused_levels_of_both_variables__noted() -> None:
    design = _design(aware=pd.Categorical(["yes", "no", "yes", "no", "yes", "yes"],
                                          categories=["yes", "no", "maybe"]))
    result = a.crosstab(design, "aware", "g")
    assert set(result.table["g"]) == {"a", "b"}
    assert _texts(result.notes) == ["g = c: no respondents; left out",
                                    "aware = maybe: no respondents; left out"]


def test_crosstab__column_level_whose_rows_miss_the_row_variable__noted() -> None:
    design = _design(aware=["yes", "no", "yes", "no", None, None], r=["n", "s", "n", "s", "e", "e"])
    result = a.crosstab(design, "aware", "r")
    assert set(result.table["r"]) == {"n", "s"}
    assert result.notes == (Note.LEVEL_NO_ANSWERS.message(column="r", level="e",
                                                          variable="aware"),)
    assert str(result.notes[0]) == "r = e: no answers to 'aware'; left out"


def test_region_vs_rest__unused_level_and_region_without_answers__noted() -> None:
    regions = pd.Categorical(["n", "n", "s", "s", "e", "e"], categories=["e", "n", "s", "w"])
    design = _design(r=regions, y=[1.0, 2.0, 3.0, 5.0, np.nan, np.nan])
    result = a.region_vs_rest(design, "y", region="r")
    assert set(result.table["r"]) == {"n", "s"}
    assert _texts(result.notes) == ["r = w: no respondents; left out",
                                    "r = e: no answers to 'y'; left out"]


def test_region_vs_rest__region_in_lonely_stratum_under_average__one_note_names_it() -> None:
    design = a.Design.from_frame(_frame(st=["A", "A", "B", "C", "C", "C"]), weights="w",
                                 psu="cl", strata="st", lonely_psu="average")
    result = a.region_vs_rest(design, "x", region="st")
    assert np.isnan(result.table.set_index("st").loc["B", "se"])
    assert len(result.notes) == 1
    assert str(result.notes[0]).startswith("st=B: 'x' has no standard error")


def test_wave_difference__baseline_in_lonely_stratum_under_average__noted() -> None:
    data = pd.DataFrame({
        "heard": ["yes", "no", "yes", "no", "yes", "no", "yes", "yes"],
        "wave": ["baseline"] * 2 + ["followup"] * 6,
        "st": ["A", "A", "B", "B", "C", "C", "C", "C"],
        "cl": [1, 1, 2, 3, 4, 4, 5, 5],
    })
    design = a.Design.from_frame(data, psu="cl", strata="st", lonely_psu="average")
    result = a.wave_difference(design, "heard", category="yes")
    row = result.table.iloc[0]
    assert np.isnan(row["baseline_se"]) and np.isfinite(row["followup_se"])
    (note,) = result.notes
    assert note.fields["reason"] == GapReason.NO_SE_IN.message(group="wave=baseline")
    assert str(note).startswith("all: 'heard' has no standard error in wave=baseline")


def test_proportions__categorical_with_unused_level__level_kept_as_zero_in_order_and_noted() -> None:
    aware = pd.Categorical(["yes", "no", "yes", "no", "yes", "yes"], categories=["yes", "maybe", "no"])
    result = a.proportions(_design(aware=aware), "aware")
    assert result.table["category"].tolist() == ["yes", "maybe", "no"]  # R's factor levels
    assert result.table["estimate"].tolist()[1] == 0.0
    assert [n.split(" has ")[0] for n in _texts(result.notes)] == ["all: 'aware=maybe'"]


def test_by_group__group_column_named_like_an_estimate_column__refused() -> None:
    with pytest.raises(a.VariableError) as err:
        a.mean(_design(n=["a", "a", "b", "b", "a", "b"]), "x", by="n")
    assert err.value.code == "analysis.variable.group_name_clash"


def test_cronbach_alpha__two_items__alpha_if_dropped_nan_and_noted() -> None:
    data = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 2, 4]})
    result = a.cronbach_alpha(data, ["a", "b"])
    assert result.items["alpha_if_dropped"].isna().all()
    assert [n.split(" has ")[0] for n in _texts(result.notes)] == ["item 'a'", "item 'b'"]


def test_cronbach_alpha__constant_items__alpha_defined_empty_cells_noted() -> None:
    data = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 2, 2], "c": [5, 5, 5, 5]})
    result = a.cronbach_alpha(data, ["a", "b", "c"])
    items = result.items.set_index("item")
    assert np.isnan(items.loc["a", "alpha_if_dropped"])  # b + c is constant
    assert items["item_rest_correlation"].isna().all()  # b, c constant; so is the rest of a
    assert items.loc[["b", "c"], "alpha_if_dropped"].tolist() == [0.0, 0.0]
    assert [n.split(" has ")[0] for n in _texts(result.notes)] == [
        "item 'a'", "item 'b'", "item 'c'"]
    assert "no alpha if dropped" in str(result.notes[0])
    assert "no item-rest correlation" in str(result.notes[1])


def test_likert__unused_group_level_and_unchosen_point__notes_of_all_three_tables_once() -> None:
    result = a.likert(_design(), "x", points=[1, 2, 3, 4, 5, 6, 7], by="g")
    assert _texts(result.notes).count("g = c: no respondents; left out") == 1
    assert "g=a: 'x=7' has" in " ".join(_texts(result.notes))  # nobody answered 7: deff empty
    assert all(note in result.notes for note in result.distribution.notes)
    assert len(set(_texts(result.notes))) == len(result.notes)
