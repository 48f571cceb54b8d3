"""Evaluation: ODK semantics per operator and function, the clock, errors, and safety."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.errors import ExpressionError
from survey.expressions import EvalContext, parse
from survey.expressions.codes import ExpressionCode
from survey.messages import Message, render

VALUES = {"age": "25", "empty": "", "sm": "a b c", "d": "2024-01-31", "neg": "-3.7",
          "kz": "Қазақстан", "emoji": "😀", "consent": "yes"}
CTX = EvalContext(values=VALUES, current="7")


def ev(source: str, ctx: EvalContext = CTX) -> str | float | bool:
    return parse(source).evaluate(ctx)


@pytest.mark.parametrize(("source", "expected"), [
    ("${age} = 25", True), ("${age} = '25'", True), ("${age} = '25.0'", False),
    ("${age} = 25.0", True), ("${age} != 25", False), ("${age} > 9", True),
    ("${age} > '9'", True), ("'10' > '9'", True), ("${empty} = ''", True),
    ("${empty} = 0", False), ("${empty} != 0", True), ("${empty} < 1", False),
    ("${empty} >= 0", False), ("${consent} = 'yes'", True), ("${consent} != 'yes'", False),
    ("${empty} = true()", True), ("'' = false()", True), ("${d} = '2024-1-31'", True),
    ("${d} > '2024-01-30'", True), ("${d} = 19753", True), ("0 div 0 = 0 div 0", False),
    ("0 div 0 != 0 div 0", True), ("25 = ${age}", True), ("'yes' = ${consent}", True),
])
def test_evaluate__comparisons__odk_coercions(source: str, expected: bool) -> None:
    assert ev(source) is expected


@pytest.mark.parametrize(("source", "expected"), [
    ("${age} + 1", 26.0), ("${age} - ${neg}", 28.7), ("${age} * 2", 50.0),
    ("${age} div 2", 12.5), ("${age} mod 7", 4.0), ("0 - 7 mod 3", -1.0),
    ("1 div 0", math.inf), ("-1 div 0", -math.inf), ("${d} + 1", 19754.0),
    ("${d} - date('2024-01-01')", 30.0), ("true() + true()", 2.0), ("-${age}", -25.0),
])
def test_evaluate__arithmetic__numbers_and_days(source: str, expected: float) -> None:
    assert ev(source) == pytest.approx(expected)


@pytest.mark.parametrize("source", ["${empty} + 1", "'abc' * 2", "0 div 0", "5 mod 0",
                                    "-${empty}", "number('1,5')", "int(${empty})"])
def test_evaluate__not_a_number__nan(source: str) -> None:
    result = ev(source)
    assert isinstance(result, float) and math.isnan(result)
    assert parse(source).evaluate_string(CTX) == "NaN"
    assert parse(source).evaluate_bool(CTX) is False


@pytest.mark.parametrize(("source", "expected"), [
    ("round(2.5)", 3.0), ("round(-2.5)", -3.0), ("round(1.005, 2)", 1.0),
    ("round(2.675, 2)", 2.68), ("round(1250, -2)", 1300.0), ("round(${neg})", -4.0),
    ("int(2.7)", 2.0), ("int(-2.7)", -2.0), ("int(${neg})", -3.0), ("floor(-2.5)", -3.0),
    ("ceiling(2.1)", 3.0), ("abs(${neg})", 3.7), ("pow(2, 10)", 1024.0),
    ("min(3, ${age}, 2)", 2.0), ("max(3, ${age})", 25.0),
])
def test_evaluate__number_functions__enketo_rounding(source: str, expected: float) -> None:
    assert ev(source) == pytest.approx(expected)


@pytest.mark.parametrize(("source", "expected"), [
    ("string(12.0)", "12"), ("string(1 div 3)", "0.3333333333333333"),
    ("string(1 div 0)", "Infinity"), ("string(0 div 0)", "NaN"), ("string(-0.5)", "-0.5"),
    ("string(1000000 * 1000000 * 1000000 * 1000)", "1e+21"), ("string(0.0000001)", "1e-7"),
    ("string(true())", "true"), ("concat('a', 1, 2.5, true())", "a12.5true"),
    ("concat(${kz}, '!')", "Қазақстан!"), ("substr(${kz}, 0, 3)", "Қаз"),
    ("substr('abcdef', -2)", "ef"), ("selected-at(${sm}, 1)", "b"),
    ("selected-at(${sm}, 5)", ""), ("coalesce(${empty}, 'x')", "x"), ("coalesce(0, 5)", "0"),
    ("if(${age} > 18, 'adult', 'minor')", "adult"), ("translate('abc', 'ab', 'BA')", "BAc"),
    ("normalize-space('  a  b ')", "a b"), ("substring-before('a-b', '-')", "a"),
    ("substring-after('a-b', '-')", "b"), ("string(.)", "7"), ("date('2024-1-5')", "2024-01-05"),
    ("date(${d}) + 0", 19753.0), ("string(date(${d} + 29))", "2024-02-29"),
])
def test_evaluate__string_functions__odk_text(source: str, expected: str | float) -> None:
    assert ev(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("string-length(${kz})", 9.0), ("string-length('әғқңөұүһі')", 9.0),
    ("string-length(${empty})", 0.0), ("string-length(${emoji})", 2.0),
    ("string-length()", 1.0), ("count-selected(${sm})", 3.0),
    ("count-selected(${empty})", 0.0), ("count-selected('a  b')", 2.0),
])
def test_evaluate__lengths__utf16_units_as_odk_engines(source: str, expected: float) -> None:
    assert ev(source) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("selected(${sm}, 'b')", True), ("selected(${sm}, 'd')", False),
    ("selected(${sm}, ' c ')", True), ("selected(${sm}, 'a b')", False),
    ("selected(${empty}, 'a')", False), ("boolean(${empty})", True), ("boolean('')", False),
    ("not(${empty})", False), ("${empty} and true()", True), ("regex(${age}, '^[0-9]+$')", True),
    ("regex(${kz}, '^Қ')", True), ("contains(${kz}, 'зақ')", True),
    ("starts-with(${consent}, 'y')", True), ("ends-with(${consent}, 's')", True),
    ("boolean(date(''))", False), ("boolean(0 div 0)", False), ("boolean(.)", True),
    ("if(${empty}, true(), false())", True), ("if(${empty} != '', true(), false())", False),
])
def test_evaluate__boolean_functions__xpath_rules(source: str, expected: bool) -> None:
    assert ev(source) is expected


def test_evaluate__if_branches_of_different_kinds__value_keeps_its_kind() -> None:
    expr = parse("if(${age} > 18, ${empty}, 0)")
    assert expr.evaluate(CTX) == ""
    assert expr.evaluate_bool(CTX) is True  # an existing (empty) node
    assert parse("if(${age} > 30, ${empty}, 0)").evaluate(CTX) == 0.0
    assert parse("if(${age} > 18, ${age}, 'x') = 25").evaluate(CTX) is True


def test_evaluate__if__only_the_chosen_branch_is_evaluated() -> None:
    expr = parse("if(${age} > 18, 'adult', ${missing})")
    assert expr.evaluate(CTX) == "adult"


def test_evaluate__today_and_now__read_the_context_clock_in_its_time_zone() -> None:
    almaty = timezone(timedelta(hours=5))
    ctx = EvalContext(values={"d": "2026-11-20"},
                      now=datetime(2026, 11, 25, 3, 15, 30, 250000, tzinfo=almaty))
    assert parse("today()").evaluate(ctx) == "2026-11-25"
    assert parse("now()").evaluate(ctx) == "2026-11-25T03:15:30.250+05:00"
    assert parse("today() - date(${d})").evaluate(ctx) == 5.0
    assert parse("today() > ${d}").evaluate(ctx) is True
    assert parse("int(today() - ${d})").evaluate(ctx) == 5.0
    assert parse("now() > today()").evaluate(ctx) is True


def test_evaluate__no_clock__uses_current_utc_time() -> None:
    before = datetime.now(UTC).date()
    result = parse("today()").evaluate(EvalContext(values={}))
    after = datetime.now(UTC).date()
    assert result in (before.isoformat(), after.isoformat())


def test_evaluate__unknown_name__unknown_name_error_with_position() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("${age} + ${nope}").evaluate(CTX)
    assert info.value.problems[0].code == "expression.unknown_name"
    assert info.value.position == 9
    assert info.value.message.fields["reason"] == ExpressionCode.NO_QUESTION.message(name="nope")
    assert render(info.value.message, "ru") == (
        "Выражение «${age} + ${nope}», символ 10: вопроса с именем «nope» нет. Используйте имя "
        "вопроса этой анкеты.")


def test_evaluate__bare_name_without_column__empty_node_as_in_odk() -> None:
    assert parse("region = ''").evaluate_bool(CTX) is True
    assert parse("string-length(region)").evaluate_number(CTX) == 0


def test_evaluate__pattern_from_answer_invalid__regex_error() -> None:
    expr = parse("regex('abc', ${pattern})")
    with pytest.raises(ExpressionError) as info:
        expr.evaluate(EvalContext(values={"pattern": "(unclosed"}))
    assert info.value.problems[0].code == "expression.regex"
    assert info.value.message.fields["pattern"] == "(unclosed"
    reason = info.value.message.fields["reason"]
    assert isinstance(reason, Message) and reason.kind is ExpressionCode.PATTERN_INVALID
    assert expr.evaluate(EvalContext(values={"pattern": "^a"})) is True


def test_evaluate__pattern_from_answer_too_long__regex_error_quotes_an_excerpt() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("regex('abc', ${pattern})").evaluate(EvalContext(values={"pattern": "a" * 1001}))
    message = info.value.message
    assert message.fields["reason"] == ExpressionCode.PATTERN_TOO_LONG.message(limit=1000)
    assert message.fields["pattern"] == "a" * 80 + "…"
    assert info.value.source == "a" * 1001


def test_evaluate__typed_entry_points__convert_the_raw_value() -> None:
    expr = parse("${age} + 0.5")
    assert expr.evaluate_number(CTX) == 25.5
    assert expr.evaluate_string(CTX) == "25.5"
    assert expr.evaluate_bool(CTX) is True
    assert parse("${empty}").evaluate_number(CTX) != parse("${empty}").evaluate_number(CTX)
    assert parse("concat('0', '')").evaluate_bool(CTX) is True


@pytest.mark.parametrize("source", [
    "${__class__}", "${__import__}", "${os.system}", "${__builtins__}",
])
def test_evaluate__python_names__are_only_unknown_questions(source: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source).evaluate(EvalContext(values={"x": "1"}))
    assert info.value.problems[0].code == "expression.unknown_name"


@pytest.mark.parametrize("source", ["os.system", "__class__", "__builtins__"])
def test_evaluate__python_names_bare__only_empty_nodes(source: str) -> None:
    assert parse(source).evaluate(EvalContext(values={"x": "1"})) == ""


@pytest.mark.parametrize("source", [
    "__import__('os')", "os.system('x')", "().__class__", "1 .__class__", "lambda: 1",
    "[1]", "{1}", "a[0]", "${a}.upper()", "open('x')", "print(1)",
])
def test_parse__python_syntax__expression_error(source: str) -> None:
    with pytest.raises(ExpressionError):
        parse(source)


_TOKENS = st.sampled_from([
    "${a}", "${b}", "${s}", ".", "1", "2.5", "0", "'x'", "'2024-01-31'", "''", "(", ")", ",",
    "+", "-", "*", " div ", " mod ", "=", "!=", "<", "<=", ">", ">=", " and ", " or ",
    "not(", "if(", "concat(", "selected(", "round(", "int(", "date(", "number(", "string(",
    "coalesce(", "substr(", "regex(", "count-selected(", "selected-at(", "today()", "now()",
    "string-length(", "boolean(", "true()", "false()", "min(", "pow(", "translate(",
    "format-date(", "'%Y-%m'", "'%'", "once(", "uuid(",
])


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_parse__arbitrary_text__expression_or_expression_error(text: str) -> None:
    try:
        expr = parse(text)
    except ExpressionError as error:
        assert error.problems[0].code.startswith("expression.")
        return
    assert expr.source == text


@settings(max_examples=600, deadline=None)
@given(st.lists(_TOKENS, max_size=25).map("".join),
       st.dictionaries(st.sampled_from(["a", "b", "s"]),
                       st.one_of(st.text(max_size=12), st.from_regex(r"-?[0-9]{1,4}(\.[0-9]+)?",
                                                                     fullmatch=True),
                                 st.sampled_from(["2024-02-30", "1e400", "0x1F", "Infinity",
                                                  "a b", "(", "9" * 40, "-0"])),
                       min_size=3),
       st.text(max_size=8))
@pytest.mark.slow
def test_evaluate__arbitrary_expressions_and_answers__only_expression_errors(
        source: str, values: dict[str, str], current: str) -> None:
    try:
        expr = parse(source)
    except ExpressionError:
        return
    ctx = EvalContext(values=values, current=current,
                      now=datetime(2026, 1, 1, 12, tzinfo=UTC))
    for method in (expr.evaluate, expr.evaluate_bool, expr.evaluate_string, expr.evaluate_number):
        try:
            result = method(ctx)
        except ExpressionError as error:
            assert error.problems[0].code in ("expression.regex", "expression.unknown_name",
                                              "expression.format_date")
            continue
        assert isinstance(result, (str, float, bool))


def test_format_date__escapes__odk_text() -> None:
    ctx = EvalContext(values={"d": "2024-03-05", "empty": "", "fmt": "%Q"})
    assert parse("format-date(${d}, '%e.%n.%Y %b %a %%')").evaluate(ctx) == "5.3.2024 Mar Tue %"
    assert parse("format-date(${empty}, '%Y')").evaluate(ctx) == ""
    with pytest.raises(ExpressionError) as info:
        parse("format-date(${d}, ${fmt})").evaluate(ctx)
    assert info.value.problems[0].code == "expression.format_date"
    assert info.value.message.fields["reason"] == ExpressionCode.UNKNOWN_ESCAPE.message(
        escape="%Q")


@pytest.mark.parametrize("source", ["format-date(${d}, '%Q')", "format-date(${d}, '100%')"])
def test_parse__bad_literal_date_format__format_date_error_at_pattern(source: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert info.value.problems[0].code == "expression.format_date"
    assert info.value.position == 18


def test_once__own_value_set__keeps_it_else_evaluates() -> None:
    expr = parse("once(concat('v', ${age}))")
    assert expr.uses_current is True
    assert expr.evaluate(EvalContext(values=VALUES, current="")) == "v25"
    assert expr.evaluate(EvalContext(values=VALUES, current="old")) == "old"


def test_uuid__no_argument__random_version_4_uuid_or_token_of_length() -> None:
    first, second = parse("uuid()").evaluate(CTX), parse("uuid()").evaluate(CTX)
    assert isinstance(first, str) and len(first) == 36 and first[14] == "4"
    assert first != second
    token = parse("uuid(12)").evaluate(CTX)
    assert isinstance(token, str) and len(token) == 12 and token.isalnum()


@pytest.mark.parametrize(("pattern", "text", "expected"), [
    # Exponential for a backtracking engine (minutes on these answers); linear with RE2.
    (r"^(a|a)*$", "a" * 41 + "b", False), (r"^(a|aa)*$", "a" * 60 + "b", False),
    (r"^(.*,){8}x", "a," * 30, False), (r"^(a{1,30}){1,30}$", "a" * 900 + "b", False),
    (r"(a+)+$", "a" * 50 + "b", False), (r"^(\w+\s?)+$", "word " * 30 + "!", False),
    (r"^(a|a)*$", "a" * 41, True),
])
def test_regex__patterns_that_backtrack_exponentially__answered_at_once(pattern, text, expected):
    from survey.expressions import parse

    expression = parse(f"regex(${{t}}, '{pattern}')")
    assert expression.evaluate_bool(EvalContext(values={"t": text})) is expected


@pytest.mark.parametrize("pattern", [r"[\w-\.]+@[\w-]+\.\w+", r"^[\w\s-\.@]*$"])
def test_regex__java_and_xml_schema_spellings__accepted(pattern):
    from survey.expressions import parse

    ctx = EvalContext(values={"t": "a.b-c@x-y.kz"})
    assert parse(f"regex(${{t}}, '{pattern}')").evaluate_bool(ctx)


@pytest.mark.parametrize("pattern", ["(a", r"(a)\1", "(?=a)b"])
def test_regex__invalid_or_unsupported_syntax__refused_at_parse(pattern):
    from survey.expressions import parse

    with pytest.raises(ExpressionError) as caught:
        parse(f"regex(., '{pattern}')")
    assert caught.value.code == "expression.regex"


@pytest.mark.parametrize("pattern", [r"^(\+7|8)7[0-9]{9}$", r"(ab)+", r"(\d{3}-)+", r"((a|b)c+)?"])
def test_regex__ordinary_patterns__accepted(pattern):
    from survey.expressions import parse

    assert parse(f"regex(., '{pattern}')").functions == frozenset({"regex"})


def test_form__invalid_constraint_pattern__reported_with_location(tmp_path):
    from survey.errors import FormError
    from survey.form.xlsform import load_form
    from tests.formbuilder import write_xlsform

    path = write_xlsform(tmp_path / "f.xlsx", [{"type": "text", "name": "t", "label": "T",
                                                 "constraint": "regex(., '(a+')"}])
    with pytest.raises(FormError) as caught:
        load_form(path)
    problem = caught.value.problems[0]
    assert (problem.location.row, problem.location.column) == (2, "constraint")
    error = problem.fields["error"]
    assert isinstance(error, Message) and error.kind is ExpressionCode.REGEX
    assert error.fields["reason"].kind is ExpressionCode.PATTERN_INVALID
