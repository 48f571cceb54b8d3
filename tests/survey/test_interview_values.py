"""Answers of the interview engine: typed input and the ODK text form."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from survey.form.model import Question, QuestionType
from survey.interview.answers import format_decimal, is_empty, parse_answer, to_odk


def _q(kind: QuestionType) -> Question:
    return Question(name="x", type=kind)


@pytest.mark.parametrize(("text", "expected"), [("12", 12), (" -3 ", -3), ("+7", 7), (12, 12), (4.0, 4)])
def test_parse_integer__whole_number__returns_int(text: object, expected: int) -> None:
    value, code = parse_answer(_q(QuestionType.INTEGER), text)
    assert (value, code) == (expected, None)
    assert type(value) is int


@pytest.mark.parametrize("text", ["1.5", "abc", "1e3", "12a", 1.5, True, "99999999999"])
def test_parse_integer__not_a_whole_number__type_integer(text: object) -> None:
    assert parse_answer(_q(QuestionType.INTEGER), text) == (None, "type.integer")


@pytest.mark.parametrize(("text", "expected"), [("1.5", 1.5), ("1,5", 1.5), (".5", 0.5), (3, 3.0), ("-2", -2.0)])
def test_parse_decimal__number_text__returns_float(text: object, expected: float) -> None:
    value, code = parse_answer(_q(QuestionType.DECIMAL), text)
    assert (value, code) == (expected, None)
    assert type(value) is float


@pytest.mark.parametrize("text", ["abc", "1.2.3", "nan", "inf", float("nan"), "1,5,6"])
def test_parse_decimal__not_a_number__type_decimal(text: object) -> None:
    assert parse_answer(_q(QuestionType.DECIMAL), text) == (None, "type.decimal")


def test_parse_date__iso_text_date_or_datetime__returns_date() -> None:
    question = _q(QuestionType.DATE)
    assert parse_answer(question, "2024-02-29") == (date(2024, 2, 29), None)
    assert parse_answer(question, date(2023, 1, 5)) == (date(2023, 1, 5), None)
    assert parse_answer(question, datetime(2023, 1, 5, 10, 30)) == (date(2023, 1, 5), None)


@pytest.mark.parametrize("text", ["2023-02-29", "05.01.2023", "20230105", "tomorrow", 20230105])
def test_parse_date__invalid_or_other_format__type_date(text: object) -> None:
    assert parse_answer(_q(QuestionType.DATE), text) == (None, "type.date")


def test_parse_select_multiple__text_or_sequence__returns_tuple() -> None:
    question = _q(QuestionType.SELECT_MULTIPLE)
    assert parse_answer(question, "tv  radio") == (("tv", "radio"), None)
    assert parse_answer(question, ["tv", 3]) == (("tv", "3"), None)
    assert parse_answer(question, ()) == (None, None)


def test_parse_acknowledge__ok_or_true__returns_ok_else_type_code() -> None:
    question = _q(QuestionType.ACKNOWLEDGE)
    assert parse_answer(question, "OK") == ("OK", None)
    assert parse_answer(question, True) == ("OK", None)
    assert parse_answer(question, "yes") == (None, "type.acknowledge")


def test_parse_note__any_value__read_only() -> None:
    assert parse_answer(_q(QuestionType.NOTE), "x") == (None, "read_only")


def test_parse__blank_text__unanswered() -> None:
    assert is_empty("  ")
    assert parse_answer(_q(QuestionType.TEXT), "") == (None, None)


def test_to_odk__each_answer_type__odk_instance_text() -> None:
    assert to_odk(None) == ""
    assert to_odk(25) == "25"
    assert to_odk(2.0) == "2"
    assert to_odk(0.1) == "0.1"
    assert to_odk(1e-7) == "0.0000001"
    assert to_odk(date(2024, 3, 5)) == "2024-03-05"
    assert to_odk(("tv", "radio")) == "tv radio"
    assert format_decimal(-12.25) == "-12.25"
