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
    Ref,
    height,
)
from survey.expressions.functions import FUNCTIONS
from survey.expressions.lexer import Token, syntax_error

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
            raise ExpressionError(
                f"Expression '{self.source}', at character {token.position + 1}: more than "
                f"{MAX_NESTING} levels of nesting. Simplify the expression or split it into "
                "calculate questions.", code="expression.too_complex", position=token.position,
                source=self.source)

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
        if token.kind == lexer.LPAREN:
            self.enter(token)
            inner = self.binary(0)
            self.expect(lexer.RPAREN, "the bracket opened here is never closed", token)
            self.nesting -= 1
            return inner
        if token.kind == lexer.NAME:
            return self.call(token)
        raise self.unexpected(token)

    def call(self, token: Token) -> Expr:
        if self.peek().kind != lexer.LPAREN:
            if token.text not in _WORD_OPERATORS and ":" not in token.text:
                return Column(token.text, token.position)
            raise syntax_error(self.source, token.position, f"'{token.text}' is not a value",
                               f"Refer to a question as ${{{token.text}}}, put text in quotes "
                               f"('{token.text}'), or call a function with brackets.")
        self.enter(self.advance())
        args: list[Expr] = []
        if self.peek().kind != lexer.RPAREN:
            args.append(self.binary(0))
            while self.peek().kind == lexer.COMMA:
                self.advance()
                args.append(self.binary(0))
        self.expect(lexer.RPAREN, f"the call of {token.text}() is never closed", token)
        self.nesting -= 1
        check_call(self.source, token, len(args))
        return Call(token.text, tuple(args), token.position)

    def expect(self, kind: str, what: str, opener: Token) -> None:
        token = self.peek()
        if token.kind != kind:
            if token.kind == lexer.END:
                raise syntax_error(self.source, opener.position, what, "Add the missing ')'.")
            raise self.unexpected(token)
        self.advance()

    def unexpected(self, token: Token) -> ExpressionError:
        if token.kind == lexer.END:
            return syntax_error(self.source, token.position, "the expression ends too early",
                                "Complete it: a value is missing after the last operator.")
        return syntax_error(self.source, token.position, f"unexpected '{token.text}'",
                            "Check the operators and brackets around it.")


def check_call(source: str, token: Token, count: int) -> None:
    """Raise when the function is unknown or called with a wrong number of arguments."""
    spec = FUNCTIONS.get(token.text)
    if spec is None:
        raise ExpressionError(
            f"Expression '{source}', at character {token.position + 1}: unknown function "
            f"{token.text}(). Use one of: {', '.join(sorted(FUNCTIONS))}.",
            code="expression.unknown_function", position=token.position, source=source)
    if not spec.min_args <= count <= spec.max_args:
        expected = (str(spec.min_args) if spec.min_args == spec.max_args else
                    f"{spec.min_args} or more" if spec.max_args > 99 else
                    f"{spec.min_args} to {spec.max_args}")
        raise ExpressionError(
            f"Expression '{source}', at character {token.position + 1}: {token.text}() takes "
            f"{expected} argument(s), not {count}. Fix the arguments of {token.text}().",
            code="expression.arity", position=token.position, source=source)


def parse_tree(source: str) -> Expr:
    """Parse an expression into its tree; raises ExpressionError with a code and position."""
    if not isinstance(source, str):
        raise ExpressionError(f"An expression must be text, not {type(source).__name__}.",
                              code="expression.syntax", position=0, source=str(source))
    parser = Parser(source)
    if parser.peek().kind == lexer.END:
        raise syntax_error(source, 0, "the expression is empty", "Write an expression.")
    tree = parser.binary(0)
    token = parser.peek()
    if token.kind != lexer.END:
        raise parser.unexpected(token)
    if height(tree) > MAX_HEIGHT:
        raise ExpressionError(
            f"Expression '{source}': more than {MAX_HEIGHT} operations deep. Split it into "
            "calculate questions.", code="expression.too_complex", position=0, source=source)
    return tree
