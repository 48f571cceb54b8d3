"""Recursive-descent parser of the ODK XPath subset, with XPath 1.0 precedence.

``or`` < ``and`` < ``= !=`` < ``< <= > >=`` < ``+ -`` < ``* div mod`` < unary ``-``; binary
operators associate to the left. Function names and arities are checked here, so a form with a
misspelt function fails when it is loaded, not during an interview.
"""

from __future__ import annotations

from survey.errors import ExpressionError
from survey.expressions import lexer
from survey.expressions.ast import (
    Binary,
    Call,
    Column,
    Current,
    Expr,
    Literal,
    Negate,
    Parent,
    Ref,
    height,
)
from survey.expressions.codes import ExpressionCode
from survey.expressions.functions import FUNCTIONS
from survey.expressions.lexer import Token, positioned, syntax_error
from survey.messages import Message

MAX_NESTING = 40
MAX_HEIGHT = 120

_LEVELS: tuple[tuple[str, ...], ...] = (
    ("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod"))
_WORD_OPERATORS = frozenset({"or", "and", "div", "mod"})


class Parser:
    """Parses one expression; use :func:`parse_tree`."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = lexer.tokenize(source)
        self.index = 0
        self.nesting = 0
        self.in_position = False  # '..' is read only as the argument of position()

    def peek(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def operator_at(self, level: int) -> str | None:
        token = self.peek()
        is_operator = token.kind == lexer.OP or (
            token.kind == lexer.NAME and token.text in _WORD_OPERATORS)
        return token.text if is_operator and token.text in _LEVELS[level] else None

    def binary(self, level: int) -> Expr:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while (op := self.operator_at(level)) is not None:
            position = self.advance().position
            right = self.binary(level + 1)
            left = Binary(op, left, right, position)
        return left

    def unary(self) -> Expr:
        token = self.peek()
        if token.kind == lexer.OP and token.text == "-":
            self.advance()
            self.enter(token)
            operand = self.unary()
            self.nesting -= 1
            return Negate(operand, token.position)
        return self.primary()

    def enter(self, token: Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise positioned(ExpressionCode.TOO_COMPLEX, self.source, token.position,
                             reason=ExpressionCode.NESTING.message(limit=MAX_NESTING))

    def primary(self) -> Expr:
        token = self.advance()
        if token.kind == lexer.NUMBER:
            return Literal(float(token.text), token.position)
        if token.kind == lexer.STRING:
            return Literal(token.text, token.position)
        if token.kind == lexer.REF:
            return Ref(token.text, token.position)
        if token.kind == lexer.DOT:
            return Current(token.position)
        if token.kind == lexer.PARENT and self.in_position:
            return Parent(token.position)
        if token.kind == lexer.PARENT:
            raise syntax_error(self.source, token.position,
                               ExpressionCode.PARENT_NODE.message())
        if token.kind == lexer.LPAREN:
            self.enter(token)
            inner = self.binary(0)
            self.expect(lexer.RPAREN, ExpressionCode.UNCLOSED_BRACKET.message(), token)
            self.nesting -= 1
            return inner
        if token.kind == lexer.NAME:
            return self.call(token)
        raise self.unexpected(token)

    def call(self, token: Token) -> Expr:
        if self.peek().kind != lexer.LPAREN:
            if token.text not in _WORD_OPERATORS and ":" not in token.text:
                return Column(token.text, token.position)
            raise syntax_error(self.source, token.position,
                               ExpressionCode.NOT_A_VALUE.message(name=token.text))
        self.enter(self.advance())
        args: list[Expr] = []
        self.in_position = token.text == "position"
        if self.peek().kind != lexer.RPAREN:
            args.append(self.binary(0))
            while self.peek().kind == lexer.COMMA:
                self.advance()
                args.append(self.binary(0))
        self.in_position = False
        self.expect(lexer.RPAREN, ExpressionCode.UNCLOSED_CALL.message(function=token.text),
                    token)
        self.nesting -= 1
        check_call(self.source, token, len(args))
        if token.text == "position" and not isinstance(args[0], Parent):
            raise syntax_error(self.source, token.position, ExpressionCode.POSITION.message())
        if token.text == "jr:choice-name" and isinstance(args[1], Literal):
            args[1] = _quoted_reference(args[1])
        return Call(token.text, tuple(args), token.position)

    def expect(self, kind: str, unclosed: Message, opener: Token) -> None:
        token = self.peek()
        if token.kind != kind:
            if token.kind == lexer.END:
                raise syntax_error(self.source, opener.position, unclosed)
            raise self.unexpected(token)
        self.advance()

    def unexpected(self, token: Token) -> ExpressionError:
        if token.kind == lexer.END:
            return syntax_error(self.source, token.position, ExpressionCode.ENDS_EARLY.message())
        return syntax_error(self.source, token.position,
                            ExpressionCode.UNEXPECTED_TOKEN.message(token=token.text))


def _quoted_reference(literal: Literal) -> Expr:
    """``'${q}'`` (the question of ``jr:choice-name``, quoted as pyxform wants it) as ``${q}``."""
    text = str(literal.value).strip()
    if text.startswith("${") and text.endswith("}"):
        return Ref(text[2:-1].strip(), literal.position)
    return literal


def check_call(source: str, token: Token, count: int) -> None:
    """Raise when the function is unknown or called with a wrong number of arguments."""
    spec = FUNCTIONS.get(token.text)
    if spec is None:
        raise positioned(ExpressionCode.UNKNOWN_FUNCTION, source, token.position,
                         function=token.text, known=sorted(FUNCTIONS))
    if not spec.min_args <= count <= spec.max_args:
        raise positioned(ExpressionCode.ARITY, source, token.position, function=token.text,
                         expected=_expected(spec.min_args, spec.max_args), count=count)


def _expected(low: int, high: int) -> Message:
    if low == high:
        return ExpressionCode.ARGS_EXACTLY.message(count=low)
    if high > 99:
        return ExpressionCode.ARGS_AT_LEAST.message(count=low)
    return ExpressionCode.ARGS_BETWEEN.message(low=low, high=high)


def parse_tree(source: str) -> Expr:
    """Parse an expression into its tree; raises ExpressionError with a code and position."""
    if not isinstance(source, str):
        raise syntax_error(str(source), 0,
                           ExpressionCode.NOT_TEXT.message(kind=type(source).__name__))
    parser = Parser(source)
    if parser.peek().kind == lexer.END:
        raise syntax_error(source, 0, ExpressionCode.EMPTY.message())
    tree = parser.binary(0)
    token = parser.peek()
    if token.kind != lexer.END:
        raise parser.unexpected(token)
    if height(tree) > MAX_HEIGHT:
        raise positioned(ExpressionCode.TOO_COMPLEX, source, 0,
                         reason=ExpressionCode.DEPTH.message(limit=MAX_HEIGHT))
    return tree
