"""A parsed questionnaire as plain JSON data and back (survey.form.codec)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from questionnaires import PREVIOUS_VERSION, archived_form_bytes, archived_form_name
from survey.bundled import bundled_form
from survey.errors import SurveyError
from survey.form import load_form
from survey.form.codec import decode, encode
from survey.form.model import Form
from tests.formbuilder import write_xlsform


def _round_trip(form: Form) -> Form:
    return decode(json.loads(json.dumps(encode(form))))


def test_codec__bundled_questionnaire_and_its_previous_version__same_form():
    current, _ = bundled_form()
    previous = load_form(archived_form_bytes(PREVIOUS_VERSION),
                         filename=archived_form_name(PREVIOUS_VERSION))
    for form in (current, previous):
        again = _round_trip(form)
        assert again == form
        assert again.questions == form.questions and again.groups == form.groups
        assert again.question("region") == form.question("region")
        assert [q.relevant.source if q.relevant else None for q in again.questions] \
            == [q.relevant.source if q.relevant else None for q in form.questions]


def test_codec__expressions_filters_files_and_appearance__evaluate_as_read(tmp_path: Path):
    path = write_xlsform(
        tmp_path / "form.xlsx",
        [{"type": "integer", "name": "age", "label::en": "Age", "label::kk": "Жасы",
          "constraint": ". >= 0 and . < 120", "required": "yes"},
         {"type": "select_one city", "name": "city", "label::en": "City",
          "choice_filter": "region = 'south' or ${age} > 60", "appearance": "minimal search"},
         {"type": "calculate", "name": "price", "label::en": "Price",
          "calculation": "pulldata('prices', 'price', 'city', ${city})"}],
        [{"list_name": "city", "name": "shymkent", "label::en": "Shymkent", "region": "south"},
         {"list_name": "city", "name": "astana", "label::en": "Astana", "region": "north"}],
        {"form_id": "codec", "version": "3"})
    (tmp_path / "prices.csv").write_text("city,price\nshymkent,12\n", encoding="utf-8")
    form = load_form(path)
    again = _round_trip(form)
    assert again == form
    assert again.files == form.files and again.files[0].data.startswith(b"city,price")
    assert again.question("city").appearance == frozenset({"minimal", "search"})
    age = again.question("age")
    assert age.constraint is not None and age.constraint.evaluate_bool(
        _context({"age": "30"}, current="30"))
    assert not age.constraint.evaluate_bool(_context({"age": "130"}, current="130"))


def _context(values: dict[str, str], current: str):  # type: ignore[no-untyped-def]
    from survey.expressions import EvalContext

    return EvalContext(values=values, current=current)


@pytest.mark.parametrize("data", [
    None, [], {"format": 1}, {"format": 99, "form": {}},
    {"format": 1, "form": {"@": "Pickle", "x": 1}},
    {"format": 1, "form": {"@": "Settings", "form_id": "x", "title": {"@": "Text"},
                           "secret": 1}},
    {"format": 1, "form": {"@": "Settings", "form_id": "x", "title": {"@": "Text"}}},
    {"format": 1, "form": {"@": "Form", "settings": {"@": "bytes", "v": "%%%"}}},
])
def test_codec__not_an_encoded_form__refused(data: object):
    with pytest.raises(ValueError):
        decode(data)


def test_codec__expression_that_does_not_parse__refused():
    current, _ = bundled_form()
    text = json.dumps(encode(current))
    source = next(q.relevant.source for q in current.questions if q.relevant is not None)
    broken = json.loads(text.replace(json.dumps(source), json.dumps(source + " and (")))
    with pytest.raises(SurveyError):
        decode(broken)
