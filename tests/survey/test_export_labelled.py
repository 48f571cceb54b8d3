"""SPSS and Stata as their users expect: missing codes, codes, formats, measures, names, labels."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from survey.export import export_interviews
from survey.export.dta_chars import read_characteristics
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform

LONG_QUESTION = ("Would you personally agree to take part in a mediation procedure if you "
                 "had a dispute with a neighbour about land or property?")
SURVEY = [
    {"type": "select_one yn", "name": "consent", "label": "Consent?"},
    {"type": "select_one ynd", "name": "heard", "label": "Heard of mediation?",
     "relevant": "${consent} = 'yes'"},
    {"type": "select_one scale", "name": "trust", "label": "Trust in mediators",
     "relevant": "${consent} = 'yes'"},
    {"type": "integer", "name": "жасы", "label": "Жасы (толық жыл)",
     "relevant": "${consent} = 'yes'"},
    {"type": "decimal", "name": "income", "label": "Income", "relevant": "${consent} = 'yes'"},
    {"type": "date", "name": "seen", "label": "Date", "relevant": "${consent} = 'yes'"},
    {"type": "select_multiple agree", "name": "would_you_personally_agree_to_mediation_if",
     "label": LONG_QUESTION, "relevant": "${consent} = 'yes'"},
    {"type": "text", "name": "in", "label": "A name Stata reserves"},
]
CHOICES = [
    {"list_name": "yn", "name": "yes", "label": "Yes"},
    {"list_name": "yn", "name": "no", "label": "No"},
    {"list_name": "ynd", "name": "yes", "label": "Yes"},
    {"list_name": "ynd", "name": "no", "label": "No"},
    {"list_name": "ynd", "name": "dk", "label": "Hard to say", "kelisim::missing": "dont_know"},
    {"list_name": "ynd", "name": "rf", "label": "No answer", "kelisim::missing": "refused"},
    *({"list_name": "scale", "name": str(i), "label": f"{i}"} for i in range(1, 6)),
    {"list_name": "agree", "name": "yes_always", "label": "I do, always, without hesitation"},
    {"list_name": "agree", "name": "yes_sometimes", "label": "I do, sometimes, it depends"},
    {"list_name": "agree", "name": "never", "label": "Never"},
    *({"list_name": "agree", "name": f"long{i}",
       "label": "Ұзақ жауап нұсқасы, ол SPSS-тің жүз жиырма байттық шегінен асады, " * 2 + str(i)}
      for i in range(2)),
]
ANSWERS = [
    ("complete", {"consent": "yes", "heard": "yes", "trust": "5", "жасы": 34, "income": 12.5,
                  "seen": date(2026, 3, 2), "would_you_personally_agree_to_mediation_if":
                  ("yes_always", "long1")}),
    ("complete", {"consent": "yes", "heard": "dk", "trust": "2", "жасы": 71, "income": 1000.25}),
    ("complete", {"consent": "yes", "heard": "rf"}),
    ("complete", {"consent": "no"}),
    ("draft", {"consent": "yes", "heard": "no"}),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("labelled")
    xlsx = write_xlsform(folder / "f.xlsx", SURVEY, CHOICES, {"form_id": "lab", "version": "1"})
    path = folder / "lab.db"
    with Store.open(path) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        for number, (status, answers) in enumerate(ANSWERS):
            uuid = store.start_interview("lab", "1", interviewer=f"i{number}", device_id="d",
                                         language=None)
            for name, value in answers.items():
                store.save_answer(uuid, name, value)
            if status == "complete":
                store.complete(uuid)
    return path


def _by_consent(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("interviewer").reset_index(drop=True)  # the order of ANSWERS


def test_spss__user_missing_codes__labels__codes_kept(db: Path, tmp_path: Path):
    out = export_interviews(db, tmp_path / "x.sav", "sav")
    frame, meta = pyreadstat.read_sav(str(out), user_missing=True)
    frame = _by_consent(frame)
    assert frame["heard"].tolist() == [1.0, -97.0, -96.0, -99.0, 2.0]
    trust = frame["trust"].tolist()
    assert trust[:2] == [5.0, 2.0] and pd.isna(trust[2]) and trust[3:] == [-99.0, -98.0]
    assert meta.missing_ranges["heard"] == [{"lo": -99.0, "hi": -96.0}]
    assert meta.variable_value_labels["heard"] == {
        1.0: "Yes", 2.0: "No", -97.0: "Hard to say", -96.0: "No answer",
        -99.0: "Not asked (skipped by the questionnaire)",
        -98.0: "Not reached (interview not finished)"}
    assert meta.variable_value_labels["trust"][5.0] == "5"  # a 1-5 scale keeps its numbers
    plain, _ = pyreadstat.read_sav(str(out))  # user-missing as missing
    assert plain["heard"].isna().sum() == 3


def test_spss__formats_measures_widths(db: Path, tmp_path: Path):
    out = export_interviews(db, tmp_path / "x.sav", "sav")
    _, meta = pyreadstat.read_sav(str(out))
    formats, measures = meta.original_variable_types, meta.variable_measure
    assert formats["heard"] == "F1.0" and measures["heard"] == "nominal"
    assert formats["trust"] == "F1.0" and measures["trust"] == "ordinal"
    assert formats["zhasy"] == "F2.0" and measures["zhasy"] == "scale"
    assert formats["income"] == "F7.2" and measures["income"] == "scale"
    assert formats["seen"] == "DATE11" and formats["started_at"] == "DATETIME20"
    assert formats["in_"].startswith("A") and measures["in_"] == "nominal"
    assert 8 <= meta.variable_display_width["heard"] <= 40


def test_spss__value_labels_at_most_120_bytes_and_unique(db: Path, tmp_path: Path):
    out = export_interviews(db, tmp_path / "x.sav", "sav")
    _, meta = pyreadstat.read_sav(str(out))
    dummies = [n for n in meta.column_names if n.startswith("would_you") and "__" in n]
    labels = [meta.column_names_to_labels[n] for n in dummies]
    assert len(set(labels)) == len(labels)
    for name in dummies:
        for text in meta.variable_value_labels[name].values():
            assert len(text.encode()) <= 120


def test_stata__extended_missing_values_with_labels(db: Path, tmp_path: Path):
    out = export_interviews(db, tmp_path / "x.dta", "dta")
    frame, meta = pyreadstat.read_dta(str(out), user_missing=True)
    frame = _by_consent(frame)
    assert frame["heard"].tolist() == [1.0, "c", "d", "a", 2.0]
    assert frame["zhasy"].tolist()[3:] == ["a", "b"]
    assert frame["seen"].tolist()[3:] == ["a", "b"]
    labels = meta.variable_value_labels["heard"]
    assert labels == {1: "Yes", 2: "No", "a": "Not asked (skipped by the questionnaire)",
                      "b": "Not reached (interview not finished)", "c": "Hard to say",
                      "d": "No answer"}
    assert meta.original_variable_types["seen"] == "%td"
    assert frame["seen"].tolist()[0] == date(2026, 3, 2)
    assert pd.read_stata(out)["heard"].isna().sum() == 3  # pandas reads .a-.d as missing


def test_stata__names_transliterated_32_characters_with_the_originals_recorded(
        db: Path, tmp_path: Path):
    out = export_interviews(db, tmp_path / "x.dta", "dta")
    _, meta = pyreadstat.read_dta(str(out))
    assert "zhasy" in meta.column_names and "in_" in meta.column_names
    assert all(len(n) <= 32 for n in meta.column_names)
    assert len({n.lower() for n in meta.column_names}) == len(meta.column_names)
    shortened = [n for n in meta.column_names if n.startswith("would_you") and "__" in n]
    assert shortened[0].endswith("__yes_always") and not any(n.startswith("v_") for n in
                                                              meta.column_names)
    chars = read_characteristics(out)
    originals = {var: text for var, name, text in chars if name == "kelisim_name"}
    assert originals["zhasy"] == "жасы" and originals["in_"] == "in"
    assert originals[shortened[0]] == "would_you_personally_agree_to_mediation_if__yes_always"
    notes = {var: text for var, name, text in chars if name == "note1"}
    assert notes["zhasy"] == "Name in the questionnaire: жасы"
    assert "Missing values: .a = Not asked" in notes["_dta"]


def test_stata__variable_labels_cut_at_a_word_and_unique(db: Path, tmp_path: Path):
    out = export_interviews(db, tmp_path / "x.dta", "dta")
    _, meta = pyreadstat.read_dta(str(out))
    labels = [meta.column_names_to_labels[n] for n in meta.column_names
              if n.startswith("would_you") and "__" in n]
    assert len(set(labels)) == len(labels) and all(len(x) <= 80 for x in labels)
    always = next(x for x in labels if x.endswith("always, without hesitation"))
    assert always.startswith("Would you personally agree") and "…: I do" in always
