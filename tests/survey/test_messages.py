"""Messages as data: built with exactly their fields, rendered per language at the edge."""

from __future__ import annotations

import pickle

import pytest

from survey.messages import CodedError, Location, MessageCode, render, render_location


class SampleCode(MessageCode):
    """Codes that exist only in this test (not in the catalogs: rendered as the code)."""

    GREETING = ("test.greeting", ("name",))


def test_message__missing_or_extra_field__is_a_type_error() -> None:
    with pytest.raises(TypeError, match="missing fields"):
        SampleCode.GREETING.message()
    with pytest.raises(TypeError, match="unexpected fields"):
        SampleCode.GREETING.message(name="a", other=1)


def test_message__code_and_fields__are_data() -> None:
    message = SampleCode.GREETING.message(Location(row=3), name="Әлия")
    assert message.code == "test.greeting"
    assert message.fields["name"] == "Әлия"
    assert message.location == Location(row=3)
    assert pickle.loads(pickle.dumps(message)) == message


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "f.xlsx, sheet 'survey', row 12, column 'relevant'"),
    ("kk", "f.xlsx, «survey» парағы, 12-жол, «relevant» бағаны"),
    ("ru", "f.xlsx, лист «survey», строка 12, столбец «relevant»"),
])
def test_location__rendered_in_each_language(language: str, expected: str) -> None:
    location = Location(file="f.xlsx", sheet="survey", row=12, column="relevant")
    assert render_location(location, language) == expected


def test_unknown_template__falls_back_to_the_code() -> None:
    assert render(SampleCode.GREETING.message(name="x"), "kk") == "test.greeting"


def test_coded_error__keeps_its_messages_and_pickles() -> None:
    class SampleError(CodedError):
        pass

    error = CodedError(SampleCode.GREETING, Location(file="a.db"), name="x")
    assert error.code == "test.greeting"
    assert error.message.location == Location(file="a.db")
    again = pickle.loads(pickle.dumps(error))
    assert again.messages == error.messages


@pytest.mark.parametrize("what", ["The file is damaged", [], ["The file is damaged"]])
def test_coded_error__text_instead_of_messages__is_a_type_error(what: object) -> None:
    with pytest.raises(TypeError):
        CodedError(what)  # type: ignore[arg-type]


def test_coded_error__code_keyword__is_no_field_of_a_code() -> None:
    with pytest.raises(TypeError, match="unexpected fields \\['code'\\]"):
        CodedError(SampleCode.GREETING, name="x", code="test.other")
