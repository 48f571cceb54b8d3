"""Answers a questionnaire marks as missing (don't know, refused) are left out of estimates
unless the analyst asks to show them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis as a
from analysis.design import Design
from survey.export import interviews_frame
from survey.export.table import MISSING_ATTR
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform


def _frame() -> pd.DataFrame:
    frame = pd.DataFrame({
        "heard": ["yes", "yes", "no", "dk", "rf", None, "yes", "no"],
        "src": ["tv", "tv web", "dk", "dk", "web", None, "tv", "web"],
        "src__tv": [1, 1, 0, 0, 0, None, 1, 0],
        "w": [1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0, 1.0],
    })
    frame.attrs[MISSING_ATTR] = {"heard": ["dk", "rf"], "src": ["dk"]}
    return frame


def test_proportions__declared_missing_left_out__shown_on_request():
    design = Design.from_frame(_frame(), weights="w")
    table = a.proportions(design, "heard", ci="wald").table
    assert list(table["category"]) == ["no", "yes"]
    assert np.isclose(table.loc[table["category"] == "yes", "estimate"].iloc[0], 5 / 7)
    shown = a.proportions(design.showing_missing(), "heard", ci="wald").table
    assert list(shown["category"]) == ["dk", "no", "rf", "yes"]
    assert np.isclose(shown.loc[shown["category"] == "yes", "estimate"].iloc[0], 5 / 11)


def test_select_multiple__only_missing_choices__missing_in_raw_and_choice_columns():
    design = Design.from_frame(_frame(), weights="w")
    tv = a.proportions(design, "src__tv", ci="wald").table
    assert np.isclose(tv.loc[tv["category"] == 1, "estimate"].iloc[0], 5 / 7)
    raw = a.choices(design, "src", ci="wald").table
    assert "dk" not in set(raw["category"])


def test_missing_values__given_explicitly__override_the_table():
    design = Design.from_frame(_frame(), weights="w", missing_values={"heard": ["rf"]})
    assert list(a.proportions(design, "heard", ci="wald").table["category"]) == [
        "dk", "no", "yes"]


def test_export_table__declares_the_form_s_missing_choices(tmp_path: Path):
    xlsx = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one ynd", "name": "heard", "label": "Heard?"}], [
        {"list_name": "ynd", "name": "yes", "label": "Yes"},
        {"list_name": "ynd", "name": "no", "label": "No"},
        {"list_name": "ynd", "name": "dk", "label": "DK", "kelisim::missing": "dont_know"}],
        {"form_id": "f", "version": "1"})
    with Store.open(tmp_path / "f.db") as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        for answer in ("yes", "yes", "no", "dk"):
            uuid = store.start_interview("f", "1", interviewer="A", device_id="d",
                                         language=None)
            store.save_answer(uuid, "heard", answer)
            store.complete(uuid)
        frame = interviews_frame(store).frame
    assert frame.attrs[MISSING_ATTR] == {"heard": ["dk"]}
    design = Design.from_frame(frame[frame["status"] == "complete"].reset_index(drop=True))
    table = a.proportions(design, "heard", ci="wald").table
    assert dict(zip(table["category"], table["estimate"], strict=True)) == pytest.approx(
        {"no": 1 / 3, "yes": 2 / 3})
