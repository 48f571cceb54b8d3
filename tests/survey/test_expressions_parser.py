"""Parsing: precedence, metadata (references, functions, '.'), and every error path."""

from __future__ import annotations

import copy
import pickle

import pytest

from survey.errors import ExpressionError, FormError
from survey.expressions import EvalContext, parse
from survey.expressions.ast import Binary, Call, Literal, Negate, Ref
from survey.expressions.codes import ExpressionCode
from survey.messages import Message, render

CTX = EvalContext(values={"a": "2", "b": "3", "c": "4", "q": "x y"})


def code_of(source: str) -> str:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    return info.value.problems[0].code


@pytest.mark.parametrize(("source", "expected"), [
    ("1 + 2 * 3", 7.0),
    ("(1 + 2) * 3", 9.0),
    ("10 - 4 - 3", 3.0),
    ("2 * 3 div 4", 1.5),
    ("17 mod 5 * 2", 4.0),
    ("8 div 2 div 2", 2.0),
    ("-2 * 3", -6.0),
    ("- - 2", 2.0),
    ("-${a} + 1", -1.0),
    ("${a} * -${b}", -6.0),
    ("${a} + ${b} * ${c}", 14.0),
    ("2+3", 5.0),
    ("${a}-1", 1.0),
    ("7 div 2", 3.5),
])
def test_parse__arithmetic__xpath_precedence_and_left_associativity(source: str,
                                                                    expected: float) -> None:
    assert parse(source).evaluate(CTX) == expected


@pytest.mark.parametrize(("source", "expected"), [
    ("1 = 0 or 1 = 1 and 2 = 3", False),
    ("1 = 1 or 1 = 1 and 2 = 3", True),
    ("1 < 2 = 2 < 3", True),
    ("3 > 2 > 1", False),
    ("1 + 1 = 2 and 2 * 2 = 4", True),
    ("not(1 = 1) or true()", True),
    ("${a} < ${b} and ${b} < ${c}", True),
])
def test_parse__logic__or_below_and_below_equality_below_relational(source: str,
                                                                   expected: bool) -> None:
    assert parse(source).evaluate(CTX) is expected


def test_parse__tree__binary_nodes_carry_operator_and_position() -> None:
    tree = parse("${a} + 2 * 3").tree
    assert isinstance(tree, Binary) and tree.op == "+" and tree.position == 5
    assert isinstance(tree.left, Ref) and tree.left.name == "a"
    assert isinstance(tree.right, Binary) and tree.right.op == "*"
    assert parse("-1").tree == Negate(Literal(1.0, 1), 0)


def test_parse__metadata__references_functions_and_current() -> None:
    expr = parse("if(selected(${q}, 'x'), ${a} + ., concat(${b}, 'a'))")
    assert expr.source == "if(selected(${q}, 'x'), ${a} + ., concat(${b}, 'a'))"
    assert expr.references == frozenset({"q", "a", "b"})
    assert expr.functions == frozenset({"if", "selected", "concat"})
    assert expr.uses_current is True
    assert parse("${a} > 1").uses_current is False
    assert parse("string-length() > 3").uses_current is True
    assert isinstance(parse("today()").tree, Call)


def test_parse__names_with_dots_dashes_unicode__are_references() -> None:
    expr = parse("${q.1} + ${q-2} + ${жас}")
    assert expr.references == frozenset({"q.1", "q-2", "жас"})


def test_parse__bare_names__choice_columns_not_references() -> None:
    expr = parse("in_city = 'yes' or filter = ${region}")
    assert expr.columns == frozenset({"in_city", "filter"})
    assert expr.references == frozenset({"region"})
    ctx = EvalContext(values={"in_city": "no", "filter": "north", "region": "north"})
    assert expr.evaluate(ctx) is True
    # Without the columns (no choice row) the bare names are empty nodes, as in ODK.
    assert expr.evaluate(EvalContext(values={"region": ""})) is True
    assert parse("${a} > 1").columns == frozenset()


def test_parse__strings__either_quote_and_no_escapes() -> None:
    assert parse("\"it's\"").evaluate(CTX) == "it's"
    assert parse("'say \"hi\"'").evaluate(CTX) == 'say "hi"'
    assert parse("'${a}'").references == frozenset()


def test_parse__spaces_inside_braces__same_reference() -> None:
    assert parse("${ a } + 1").references == frozenset({"a"})
    assert parse("${ a } + 1").evaluate(CTX) == 3.0


def test_expression__pickle_and_copy__rebuilt_from_source() -> None:
    expr = parse("${a} * ${b} + string-length('әлем')")
    for clone in (pickle.loads(pickle.dumps(expr)), copy.deepcopy(expr), copy.copy(expr)):
        assert clone == expr
        assert clone.evaluate(CTX) == 10.0


def test_parse__same_text__equal_expressions() -> None:
    assert parse("${a} + 1") == parse("${a} + 1")
    assert parse("${a} + 1") != parse("${a} + 2")


@pytest.mark.parametrize(("source", "position"), [
    ("", 0),
    ("${a} +", 6),
    ("(1 + 2", 0),
    ("1 + 2)", 5),
    ("'open", 0),
    ("${a", 0),
    ("${}", 0),
    ("${1a}", 0),
    ("$a", 0),
    ("1 # 2", 2),
    ("1 2", 2),
    ("/data/a", 0),
    ("../a", 0),
    ("${a} | ${b}", 5),
    ("* 2", 0),
    ("concat('a',)", 11),
    ("concat('a' 'b')", 11),
    ("and", 0),
    ("or = 1", 0),
    ("jr:x + 1", 0),
])
def test_parse__bad_syntax__syntax_error_with_position(source: str, position: int) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    error = info.value
    assert error.problems[0].code == "expression.syntax"
    assert error.position == position
    assert error.source == source
    assert error.message.fields["character"] == position + 1
    assert error.message.fields["expression"] == source
    assert isinstance(error, FormError)


@pytest.mark.parametrize(("source", "reason", "fields"), [
    ("", ExpressionCode.EMPTY, {}),
    ("${a} +", ExpressionCode.ENDS_EARLY, {}),
    ("(1 + 2", ExpressionCode.UNCLOSED_BRACKET, {}),
    ("concat('a'", ExpressionCode.UNCLOSED_CALL, {"function": "concat"}),
    ("1 + 2)", ExpressionCode.UNEXPECTED_TOKEN, {"token": ")"}),
    ("'open", ExpressionCode.UNCLOSED_QUOTE, {"quote": "'"}),
    ('"open', ExpressionCode.UNCLOSED_QUOTE, {"quote": '"'}),
    ("${a", ExpressionCode.UNCLOSED_REFERENCE, {}),
    ("${1a}", ExpressionCode.INVALID_REFERENCE, {"name": "1a"}),
    ("$a", ExpressionCode.BARE_DOLLAR, {}),
    ("1 # 2", ExpressionCode.UNEXPECTED_CHARACTER, {"char": "#"}),
    ("../a", ExpressionCode.PARENT_NODE, {}),
    ("${a} | ${b}", ExpressionCode.UNION, {}),
    ("and", ExpressionCode.NOT_A_VALUE, {"name": "and"}),
])
def test_parse__bad_syntax__reason_is_a_message_with_fields(
        source: str, reason: ExpressionCode, fields: dict[str, str]) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    message = info.value.message
    assert message.kind is ExpressionCode.SYNTAX
    nested = message.fields["reason"]
    assert isinstance(nested, Message)
    assert nested.kind is reason and dict(nested.fields) == fields


def test_expression_error__pickled__keeps_message_position_and_source() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("1 + (2")
    again = pickle.loads(pickle.dumps(info.value))
    assert (again.message, again.position, again.source) == (info.value.message, 4, "1 + (2")
    assert again.problems == [info.value.message]


@pytest.mark.parametrize(("source", "language", "expected"), [
    ("1 + (2", "kk", "«1 + (2» өрнегі, 5-таңба: осы жерде ашылған жақша жабылмаған. "
                     "Жетіспейтін «)» жақшасын қосыңыз."),
    ("1 + (2", "ru", "Выражение «1 + (2», символ 5: открытая здесь скобка не закрыта. "
                     "Добавьте недостающую «)»."),
    ("selected(${q})", "kk", "«selected(${q})» өрнегі, 1-таңба: selected() функциясы 2 аргумент "
                             "қабылдайды, 1 емес. selected() аргументтерін түзетіңіз."),
    ("round()", "ru", "Выражение «round()», символ 1: функция round() принимает аргументов: "
                      "от 1 до 2, а не 0. Исправьте аргументы round()."),
    ("concat()", "kk", "«concat()» өрнегі, 1-таңба: concat() функциясы 1 не одан көп аргумент "
                       "қабылдайды, 0 емес. concat() аргументтерін түзетіңіз."),
    ("format-date(., '%Q')", "ru", "Шаблон format-date() «%Q» недопустим: %Q — неизвестный код "
                                   "формата. Используйте %Y %y %m %n %b %d %e %H %h %M %S %3 %a "
                                   "или %%."),
    ("-" * 50 + "1", "kk", "«" + "-" * 50 + "1» өрнегі, 41-таңба: кірістіру деңгейлері тым көп "
                           "(ең көбі — 40). Өрнекті жеңілдетіңіз немесе оны calculate "
                           "сұрақтарына бөліңіз."),
])
def test_parse_error__rendered_in_kazakh_and_russian(source: str, language: str,
                                                     expected: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert render(info.value.message, language) == expected


@pytest.mark.parametrize("source", [
    "foo(1)", "eval('1')", "__import__('os')", "os.system('x')",
    "exec('x')", "getattr(${a}, 'x')", "indexed_repeat(${a})", "Concat('a')",
])
def test_parse__unknown_function__unknown_function_error(source: str) -> None:
    assert code_of(source) == "expression.unknown_function"


@pytest.mark.parametrize("source", [
    "not()", "not(1, 2)", "true(1)", "selected(${q})", "selected(${q}, 'a', 'b')",
    "count-selected()", "selected-at(${q})", "string-length(1, 2)", "concat()", "if(1, 2)",
    "if(1, 2, 3, 4)", "coalesce(${a})", "regex('a')", "contains('a')", "starts-with('a')",
    "ends-with('a', 'b', 'c')", "substr('a')", "substr('a', 1, 2, 3)", "number(1, 2)", "int()",
    "round()", "round(1, 2, 3)", "today(1)", "now(1)", "date()", "date(1, 2)", "string(1, 2)",
    "boolean()",
])
def test_parse__wrong_argument_count__arity_error(source: str) -> None:
    assert code_of(source) == "expression.arity"


def test_parse__arity_error__message_names_function_and_counts() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("1 + selected(${q})")
    assert info.value.position == 4
    fields = info.value.message.fields
    assert (fields["function"], fields["count"], fields["character"]) == ("selected", 1, 5)
    assert fields["expected"] == ExpressionCode.ARGS_EXACTLY.message(count=2)
    assert "selected() takes 2 argument(s), not 1" in str(info.value)


def test_parse__unknown_function__message_lists_known_functions() -> None:
    with pytest.raises(ExpressionError) as info:
        parse("frobnicate(1)")
    fields = info.value.message.fields
    assert fields["function"] == "frobnicate"
    assert "concat" in fields["known"] and "frobnicate" not in fields["known"]


@pytest.mark.parametrize("source", ["regex(${a}, '(')", "regex(${a}, '[a-')",
                                    "regex(${a}, '*')"])
def test_parse__invalid_literal_pattern__regex_error_at_pattern(source: str) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source)
    assert info.value.problems[0].code == "expression.regex"
    assert info.value.position == 12
    assert info.value.message.fields["pattern"] == source[13:-2]


def test_parse__deep_nesting__too_complex_error_not_recursion_error() -> None:
    assert code_of("(" * 500 + "1" + ")" * 500) == "expression.too_complex"
    assert code_of(" + ".join(["1"] * 500)) == "expression.too_complex"
    assert code_of("-" * 500 + "1") == "expression.too_complex"
    assert parse("(" * 30 + "1" + ")" * 30).evaluate(CTX) == 1.0


def test_parse__not_text__syntax_error() -> None:
    with pytest.raises(ExpressionError):
        parse(None)  # type: ignore[arg-type]
