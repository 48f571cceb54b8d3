"""The interview engine over forms built directly from the model dataclasses."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from survey.errors import InterviewError
from survey.expressions import parse
from survey.form.model import Choice, Form, Group, Question, QuestionType, Settings, Text
from survey.interview import Interview, Page
from survey.interview.messages import InterviewCode
from survey.messages import render

EXPRESSIONS = ("relevant", "required", "constraint", "calculation", "choice_filter")


def q(name: str, kind: QuestionType = QuestionType.TEXT, **fields: object) -> Question:
    """A question; expression fields given as text, labels as {language: text} or text."""
    for key in EXPRESSIONS:
        if isinstance(fields.get(key), str):
            fields[key] = parse(str(fields[key]))
    for key in ("label", "hint", "required_message", "constraint_message"):
        if isinstance(fields.get(key), str):
            fields[key] = Text.of({"en": str(fields[key])})
        elif isinstance(fields.get(key), dict):
            fields[key] = Text.of(fields[key])  # type: ignore[arg-type]
    return Question(name=name, type=kind, **fields)  # type: ignore[arg-type]


def choices(*names: str, **extra: tuple[str, ...]) -> tuple[Choice, ...]:
    """Choices named ``names``; ``extra`` gives one extra column value per choice."""
    return tuple(Choice(n, Text.of({"en": n.title()}),
                        tuple((col, vals[i]) for col, vals in extra.items()))
                 for i, n in enumerate(names))


def form(*questions: Question, groups: tuple[Group, ...] = (), languages: tuple[str, ...] = ("en",),
         default_language: str | None = None) -> Form:
    return Form(Settings("t", Text.of({"en": "T"}), "1", default_language), questions, groups, languages)


YN = choices("yes", "no")
S1 = QuestionType.SELECT_ONE
INT = QuestionType.INTEGER
CALC = QuestionType.CALCULATE


def test_relevant__condition_false__question_hidden_and_reads_empty() -> None:
    iv = Interview(form(q("ok", S1, choices=YN), q("why", relevant="${ok} = 'yes'"),
                        q("echo", CALC, calculation="concat('[', ${why}, ']')")))
    assert not iv.is_relevant("why")
    iv.set_answer("ok", "yes")
    assert iv.is_relevant("why")
    iv.set_answer("why", "because")
    assert iv.value("echo") == "[because]"
    iv.set_answer("ok", "no")
    assert not iv.is_relevant("why")
    assert iv.value("echo") == "[]"


def test_relevant__group_false__every_member_hidden() -> None:
    groups = (Group("outer", relevant=parse("${go} = 'yes'")), Group("inner", parent="outer"))
    iv = Interview(form(q("go", S1, choices=YN), q("a", group_path=("outer",)),
                        q("b", group_path=("outer", "inner")), q("c"), groups=groups))
    assert [x.name for x in iv.visible_questions()] == ["go", "c"]
    assert not iv.is_relevant("inner")
    iv.set_answer("go", "yes")
    assert [x.name for x in iv.visible_questions()] == ["go", "a", "b", "c"]
    assert iv.is_relevant("inner")


def test_irrelevant_answer__kept_in_answers__excluded_from_result_and_restored() -> None:
    iv = Interview(form(q("ok", S1, choices=YN), q("why", relevant="${ok} = 'yes'")))
    iv.set_answer("ok", "yes")
    iv.set_answer("why", "because")
    iv.set_answer("ok", "no")
    assert iv.answers["why"] == "because"
    assert iv.result() == {"ok": "no"}
    iv.set_answer("ok", "yes")
    assert iv.result() == {"ok": "yes", "why": "because"}


def test_calculation__chain_declared_out_of_order__recomputed_after_each_change() -> None:
    iv = Interview(form(q("double", CALC, calculation="${base} * 2"),
                        q("quad", CALC, calculation="${double} * 2"),
                        q("age", INT),
                        q("base", CALC, calculation="${age} + 1")))
    iv.set_answer("age", 4)
    assert (iv.value("base"), iv.value("double"), iv.value("quad")) == ("5", "10", "20")
    iv.set_answer("age", 9)
    assert iv.result() == {"double": "20", "quad": "40", "age": 9, "base": "10"}


def test_calculation__not_relevant__empty_and_left_out_of_result() -> None:
    iv = Interview(form(q("age", INT), q("adult", CALC, calculation="'yes'", relevant="${age} >= 18")))
    iv.set_answer("age", 10)
    assert iv.value("adult") is None
    assert "adult" not in iv.result()
    iv.set_answer("age", 30)
    assert iv.result()["adult"] == "yes"


def test_calculation__in_label__filled_in_text() -> None:
    iv = Interview(form(q("name", label="Name"), q("hello", QuestionType.NOTE, label="Hello ${name}!")))
    iv.set_answer("name", "Aigerim")
    assert iv.text(iv.form.question("hello")) == "Hello Aigerim!"


def test_constraint__violated__refused_with_form_message_in_language() -> None:
    age = q("age", INT, constraint=". >= 18 and . <= 100",
            constraint_message={"kk": "Жасы 18-ден 100-ге дейін", "en": "Age 18 to 100"})
    iv = Interview(form(age, languages=("kk", "en"), default_language="kk"))
    verdict = iv.set_answer("age", "17")
    assert (verdict.ok, verdict.code) == (False, "constraint")
    assert verdict.message == InterviewCode.FORM_TEXT.message(text="Жасы 18-ден 100-ге дейін")
    assert iv.value("age") is None
    iv.language = "en"
    assert render(iv.validate("age", 17).message, "en") == "Age 18 to 100"
    assert iv.set_answer("age", "18").ok
    assert iv.value("age") == 18


def test_constraint__no_message__builtin_message_names_rule() -> None:
    iv = Interview(form(q("n", INT, constraint=". > 0")), language="ru")
    verdict = iv.validate("n", 0)
    assert verdict.code == "constraint"
    text = render(verdict.message, "ru")
    assert "не принят" in text and ". > 0" in text


def test_constraint__reads_other_answer__answer_becomes_invalid_when_other_changes() -> None:
    iv = Interview(form(q("adults", INT), q("voters", INT, constraint=". <= ${adults}")))
    iv.set_answer("adults", 3)
    assert iv.set_answer("voters", 2).ok
    assert iv.can_finish()
    iv.set_answer("adults", 1)
    assert iv.invalid_answers()["voters"].code == "constraint"
    assert not iv.can_finish()
    iv.set_answer("adults", 2)
    assert iv.invalid_answers() == {}


def test_required__unanswered__listed_as_missing_and_clearing_reports_it() -> None:
    iv = Interview(form(q("a", required="true()"), q("b", required="${a} = 'x'"), q("c")))
    assert [x.name for x in iv.missing_required()] == ["a"]
    assert not iv.can_finish()
    iv.set_answer("a", "x")
    assert [x.name for x in iv.missing_required()] == ["b"]
    iv.set_answer("b", "y")
    assert iv.can_finish()
    verdict = iv.set_answer("b", None)
    assert (verdict.ok, verdict.code) == (False, "required")
    assert "b" not in iv.answers


def test_required__own_message_else_builtin_in_kazakh() -> None:
    iv = Interview(form(q("a", required="true()"), q("b", required="true()",
                                                      required_message={"en": "Please answer b"}),
                        languages=("kk", "en")), language="kk")
    assert render(iv.validate("a", "").message, "kk") == "Бұл сұраққа жауап беру міндетті. Жауапты енгізіңіз."
    # No Kazakh text for b: the form's default language (first: kk) has none, so any is used.
    assert render(iv.validate("b", None).message, "kk") == "Please answer b"


@pytest.mark.parametrize(("kind", "good", "stored", "bad", "code"), [
    (INT, "12", 12, "1.5", "type.integer"),
    (INT, 12, 12, "abc", "type.integer"),
    (QuestionType.DECIMAL, "2,5", 2.5, "x", "type.decimal"),
    (QuestionType.DATE, "2024-05-01", date(2024, 5, 1), "2024-13-01", "type.date"),
    (QuestionType.ACKNOWLEDGE, "OK", "OK", "no", "type.acknowledge"),
])
def test_set_answer__type_checks__stores_typed_value_or_refuses(
        kind: QuestionType, good: object, stored: object, bad: object, code: str) -> None:
    iv = Interview(form(q("x", kind)))
    assert iv.set_answer("x", bad).code == code
    assert "x" not in iv.answers
    assert iv.set_answer("x", good).ok
    assert iv.value("x") == stored


def test_select_one__unknown_choice__refused() -> None:
    iv = Interview(form(q("s", S1, choices=YN)))
    verdict = iv.set_answer("s", "maybe")
    assert (verdict.code, dict(verdict.message.fields)) == ("choice.unknown", {"value": "maybe"})


def test_select_multiple__text_or_tuple__stored_in_choice_order_unique() -> None:
    iv = Interview(form(q("m", QuestionType.SELECT_MULTIPLE, choices=choices("tv", "radio", "web")),
                        q("n", CALC, calculation="count-selected(${m})")))
    assert iv.set_answer("m", "web tv").ok
    assert iv.value("m") == ("tv", "web")
    assert iv.value("n") == "2"
    assert iv.set_answer("m", ("radio", "radio")).code == "choice.duplicate"
    assert iv.set_answer("m", ["tv", "paper"]).code == "choice.unknown"
    assert iv.value("m") == ("tv", "web")


def test_choice_filter__other_answer__limits_available_choices_and_answers() -> None:
    # ODK's cascading select: the bare name is the choices column, ${region} the question.
    cities = choices("almaty", "kaskelen", "astana", region=("south", "south", "north"))
    iv = Interview(form(q("region", S1, choices=choices("south", "north")),
                        q("city", S1, choices=cities, choice_filter="region = ${region}")))
    iv.set_answer("region", "north")
    assert [c.name for c in iv.available_choices("city")] == ["astana"]
    assert iv.validate("city", "almaty").code == "choice.unknown"
    iv.set_answer("region", "south")
    assert [c.name for c in iv.available_choices("city")] == ["almaty", "kaskelen"]
    assert iv.set_answer("city", "almaty").ok
    # A filter that drops the chosen city keeps the answer but flags it until it is changed.
    iv.set_answer("region", "north")
    assert iv.value("city") == "almaty"
    assert iv.invalid_answers()["city"].code == "choice.unknown"
    assert not iv.can_finish()


def test_choice_filter__bare_column_names__read_from_each_choice() -> None:
    cities = choices("almaty", "kaskelen", "astana", zone=("south", "south", "north"))
    iv = Interview(form(q("region", S1, choices=choices("south", "north")),
                        q("city", S1, choices=cities,
                          choice_filter="zone = ${region} and name != 'kaskelen'")))
    iv.set_answer("region", "south")
    assert [c.name for c in iv.available_choices("city")] == ["almaty"]


def test_choice_filter__bare_column_named_like_a_question__reads_the_column() -> None:
    cities = choices("almaty", "astana", region=("south", "north"))
    iv = Interview(form(q("region", S1, choices=choices("south", "north")),
                        q("area", S1, choices=choices("south", "north")),
                        q("city", S1, choices=cities, choice_filter="region = ${area}")))
    iv.set_answer("region", "south")
    iv.set_answer("area", "north")
    assert [c.name for c in iv.available_choices("city")] == ["astana"]


def test_or_other__other_chosen__text_kept_and_in_result_only_while_chosen() -> None:
    iv = Interview(form(q("src", S1, choices=YN, or_other=True), languages=("kk", "en")), language="kk")
    other = iv.available_choices("src")[-1]
    assert (other.name, iv.choice_text(other)) == ("other", "Басқа")
    assert not iv.is_relevant("src_other")
    iv.set_answer("src", "other")
    assert iv.is_relevant("src_other")
    assert iv.set_answer("src_other", "neighbours").ok
    assert iv.result() == {"src": "other", "src_other": "neighbours"}
    iv.set_answer("src", "yes")
    assert iv.answers["src_other"] == "neighbours"
    assert iv.result() == {"src": "yes"}


def test_read_only__note_calculate_and_read_only_question__refused() -> None:
    iv = Interview(form(q("n", QuestionType.NOTE), q("c", CALC, calculation="1"),
                        q("r", read_only=True, default="fixed")))
    for name in ("n", "c", "r"):
        assert iv.set_answer(name, "x").code == "read_only"
    assert iv.value("r") == "fixed"
    # Their current value is accepted as it is (a GUI re-checking a page sees no problem).
    assert iv.validate("n", None).ok and iv.validate("c", "1").ok and iv.validate("r", "fixed").ok
    assert iv.validate("c", None).code == "read_only"
    assert iv.can_finish()


def test_default__first_relevant__applied_once_and_never_over_an_answer() -> None:
    iv = Interview(form(q("go", S1, choices=YN), q("n", INT, default="3", relevant="${go} = 'yes'"),
                        q("m", INT, default="5")), answers={"m": 7})
    assert "n" not in iv.answers
    assert iv.value("m") == 7
    iv.set_answer("go", "yes")
    assert iv.value("n") == 3
    iv.set_answer("n", None)
    iv.set_answer("go", "no")
    iv.set_answer("go", "yes")
    assert iv.value("n") is None


def test_language__switched__labels_and_messages_follow_nothing_else_changes() -> None:
    question = q("a", label={"kk": "Жасыңыз?", "ru": "Ваш возраст?", "en": "Your age?"},
                 required="true()")
    iv = Interview(form(question, q("b", label={"en": "Only English"}), languages=("kk", "ru", "en"),
                        default_language="kk"))
    assert iv.text(question) == "Жасыңыз?"
    iv.language = "ru"
    assert iv.text(question) == "Ваш возраст?"
    assert iv.validate("a", None).message == InterviewCode.REQUIRED.message()
    assert iv.text(iv.form.question("b")) == "Only English"
    assert iv.missing_required() == [question]


def test_progress__answers_of_relevant_questions__counted() -> None:
    iv = Interview(form(q("ok", S1, choices=YN), q("why", relevant="${ok} = 'yes'"),
                        q("note", QuestionType.NOTE), q("c", CALC, calculation="1")))
    assert iv.progress() == (0, 1)
    iv.set_answer("ok", "yes")
    assert iv.progress() == (1, 2)
    iv.set_answer("why", "x")
    assert iv.progress() == (2, 2)


def test_pages__field_list_group__one_page_of_its_relevant_questions() -> None:
    groups = (Group("block", appearance=frozenset({"field-list"})),)
    iv = Interview(form(q("intro", QuestionType.NOTE), q("a", S1, choices=YN, group_path=("block",)),
                        q("b", relevant="${a} = 'yes'", group_path=("block",)),
                        q("c", CALC, calculation="1", group_path=("block",)), q("d"), groups=groups))
    assert [p.names for p in iv.pages()] == [("intro",), ("a",), ("d",)]
    iv.set_answer("a", "yes")
    pages = iv.pages()
    assert [p.names for p in pages] == [("intro",), ("a", "b"), ("d",)]
    assert pages[1] == Page((iv.form.question("a"), iv.form.question("b")), groups[0])
    assert not pages[0].is_field_list
    assert iv.next_page(pages[1]) == pages[2]
    assert iv.previous_page(pages[2]) == pages[1]
    assert iv.next_page(None) == pages[0] and iv.next_page(pages[2]) is None


def test_pages__current_page_becomes_irrelevant__next_follows_form_order() -> None:
    iv = Interview(form(q("a", S1, choices=YN), q("b", relevant="${a} = 'yes'"), q("c")))
    iv.set_answer("a", "yes")
    page_b = iv.pages()[1]
    iv.set_answer("a", "no")
    assert iv.next_page(page_b).names == ("c",)
    assert iv.previous_page(page_b).names == ("a",)


def test_answers__given_at_start__restored_and_calculations_recomputed() -> None:
    iv = Interview(form(q("age", INT), q("m", QuestionType.SELECT_MULTIPLE, choices=choices("a", "b")),
                        q("c", CALC, calculation="${age} + 1")),
                   answers={"age": 40, "m": ("b", "a"), "c": "stale"})
    assert iv.result() == {"age": 40, "m": ("a", "b"), "c": "41"}


def test_answers__unknown_name_or_bad_type__interview_error() -> None:
    f = form(q("age", INT))
    with pytest.raises(InterviewError, match="nope"):
        Interview(f, answers={"nope": 1})
    with pytest.raises(InterviewError, match="age"):
        Interview(f, answers={"age": "old"})
    with pytest.raises(InterviewError, match="nope"):
        Interview(f).set_answer("nope", 1)


def test_now__given_clock__used_by_today() -> None:
    clock = datetime(2025, 3, 8, 12, 0, tzinfo=UTC)
    iv = Interview(form(q("d", CALC, calculation="today()")), now=lambda: clock)
    assert iv.value("d").startswith("2025-03-08")
