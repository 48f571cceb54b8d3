"""Spellings pyxform accepts are accepted: settings ``title``, ``allow_choice_duplicates``,
``bind::`` and ``instance::`` columns, columns pyxform ignores; misspellings still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.errors import FormError
from survey.form import load_form
from tests.formbuilder import write_xlsform

TEXT = {"type": "text", "name": "t", "label": "T"}
YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]


def test_settings_title_and_server_columns__title_read_others_ignored(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [TEXT], None,
                         {"form_id": "f", "title": "Household", "xml_root": "data",
                          "path": "app/f", "submission_url": "https://example.org"})
    assert load_form(path).settings.title.get() == "Household"


def test_allow_choice_duplicates__duplicate_names_kept(tmp_path: Path) -> None:
    choices = [*YES_NO, {"list_name": "yn", "name": "yes", "label": "Yes again"}]
    rows = [{"type": "select_one yn", "name": "q", "label": "Q"}]
    with pytest.raises(FormError):
        load_form(write_xlsform(tmp_path / "a.xlsx", rows, choices))
    form = load_form(write_xlsform(tmp_path / "b.xlsx", rows, choices,
                                   {"allow_choice_duplicates": "yes"}))
    assert [c.name for c in form.question("q").choices] == ["yes", "no", "yes"]


def test_bind_columns__xforms_attributes_read_foreign_ones_ignored(tmp_path: Path) -> None:
    rows = [{"type": "integer", "name": "a", "label": "A", "bind::relevant": "1 = 1",
             "bind::jr:constraintMsg": "Too big", "bind::constraint": ". < 5",
             "bind::oc:external": "clinicaldata", "instance::tag": "x"}]
    question = load_form(write_xlsform(tmp_path / "f.xlsx", rows)).question("a")
    assert question.relevant is not None and question.constraint is not None
    assert question.constraint_message.get() == "Too big"


@pytest.mark.parametrize("column", ["bind::type", "body::mediatype", "control::rows"])
def test_bind_and_body_columns_that_change_the_question__refused(tmp_path: Path,
                                                                 column: str) -> None:
    with pytest.raises(FormError) as caught:
        load_form(write_xlsform(tmp_path / "f.xlsx", [{**TEXT, column: "x"}]))
    assert [p.code for p in caught.value.problems] == ["form.unsupported_column"]


def test_body_intent_and_accuracy_threshold__android_attributes_ignored(tmp_path: Path) -> None:
    # An app that fills a group's answers (as Collect without the app: answered by hand) and
    # the accuracy at which Collect stops listening to the GPS (a laptop reads once).
    intent = "org.peekvision.plugin.DISTANCE_ACUITY(cutoff='false', distance=2)"
    rows = [{"type": "begin_group", "name": "eye", "label": "Right eye",
             "appearance": "field-list", "body::intent": intent},
            {"type": "text", "name": "logmar", "label": "LogMAR"},
            {"type": "end_group"},
            {"type": "geopoint", "name": "p", "label": "Where", "body::accuracyThreshold": "10",
             "control::intent": "org.gps.app"}]
    form = load_form(write_xlsform(tmp_path / "f.xlsx", rows))
    plain = load_form(write_xlsform(tmp_path / "plain" / "f.xlsx", [
        {k: v for k, v in row.items() if "::" not in k} for row in rows]))
    assert form.questions == plain.questions and form.groups == plain.groups


def test_columns_pyxform_ignores__ignored_misspelt_known_column__refused(tmp_path: Path) -> None:
    rows = [{**TEXT, "indicator": "A1", "theme": "health", "help::en": "x"}]
    assert load_form(write_xlsform(tmp_path / "ok.xlsx", rows)).question("t")
    with pytest.raises(FormError) as caught:
        load_form(write_xlsform(tmp_path / "bad.xlsx", [{**TEXT, "relevent": "1 = 1"}]))
    assert [p.code for p in caught.value.problems] == ["form.unknown_column"]


def test_bare_names_naming_no_question_or_column__read_as_empty_nodes(tmp_path: Path) -> None:
    from survey.interview import Interview

    rows = [{"type": "select_one yn", "name": "q", "label": "Q", "choice_filter": "yes = ''"},
            {"type": "calculate", "name": "c", "calculation": "if(${q} = 'yes', 1, null)"}]
    iv = Interview(load_form(write_xlsform(tmp_path / "f.xlsx", rows, YES_NO)))
    assert [c.name for c in iv.available_choices("q")] == ["yes", "no"]
    iv.set_answer("q", "no")
    assert iv.value("c") == ""


def test_note_without_name__named_as_pyxform_names_it(tmp_path: Path) -> None:
    form = load_form(write_xlsform(tmp_path / "f.xlsx", [{"type": "note", "label": "Hello"},
                                                          TEXT]))
    assert [q.name for q in form.questions] == ["generated_note_name_2", "t"]


def test_kobo_library_locking_columns__ignored(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{**TEXT, "kobo--locking-profile": "lock1"}],
                         None, {"form_id": "f", "kobo--lock_all": "true"})
    assert load_form(path).question("t")
