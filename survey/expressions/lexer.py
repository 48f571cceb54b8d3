"""Tokenizer of the ODK XPath subset: ``${name}``, ``.``, numbers, strings, operators, names."""

from __future__ import annotations

from dataclasses import dataclass

from survey.errors import ExpressionError
from survey.expressions.codes import ExpressionCode
from survey.messages import Field, Message

NUMBER, STRING, REF, DOT, NAME, OP, LPAREN, RPAREN, COMMA, END, PARENT = (
    "number", "string", "reference", "dot", "name", "operator", "(", ")", ",", "end", "..")

_SINGLE = {"(": LPAREN, ")": RPAREN, ",": COMMA}
_OPERATORS = ("!=", "<=", ">=", "=", "<", ">", "+", "-", "*", "|")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, its text (or name, or string value) and its character position."""

    kind: str
    text: str
    position: int


def is_name_start(char: str) -> bool:
    return char == "_" or char.isalpha()


def is_name_char(char: str) -> bool:
    return char in "_-." or char.isalnum()


def syntax_error(source: str, position: int, reason: Message) -> ExpressionError:
    """``expression.syntax`` at ``position`` (0-based); ``reason`` says what and how to fix."""
    return positioned(ExpressionCode.SYNTAX, source, position, reason=reason)


def positioned(code: ExpressionCode, source: str, position: int,
               **fields: Field) -> ExpressionError:
    """An error of ``code`` in ``source`` at ``position``, with the expression and character."""
    message = code.message(expression=source, character=position + 1, **fields)
    return ExpressionError(message, position=position, source=source)


#: ``current()/..``: the node around the question being answered, as ``..`` is in
#: ``position(..)`` (in a choice filter only this spelling reaches the question's instance).
_CURRENT_PARENT = "current()/.."


def tokenize(source: str) -> list[Token]:
    """Split an expression into tokens; raises ExpressionError (``expression.syntax``)."""
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char in " \t\r\n":
            i += 1
        elif (char.isascii() and char.isdigit()) or (char == "." and source[i + 1:i + 2].isdigit()
                                                    and source[i + 1].isascii()):
            i = _number(source, i, tokens)
        elif char in "'\"":
            end = source.find(char, i + 1)
            if end < 0:
                raise syntax_error(source, i, ExpressionCode.UNCLOSED_QUOTE.message(quote=char))
            tokens.append(Token(STRING, source[i + 1:end], i))
            i = end + 1
        elif char == "$":
            i = _reference(source, i, tokens)
        elif char == ".":
            if source[i + 1:i + 3] == "./":
                raise syntax_error(source, i, ExpressionCode.PARENT_NODE.message())
            if source[i + 1:i + 2] == "." and source[i + 2:i + 3] != "/":
                tokens.append(Token(PARENT, "..", i))  # only position(..) takes it
                i += 2
                continue
            tokens.append(Token(DOT, ".", i))
            i += 1
        elif char in _SINGLE:
            tokens.append(Token(_SINGLE[char], char, i))
            i += 1
        elif source.startswith(_CURRENT_PARENT, i) \
                and source[i + len(_CURRENT_PARENT):i + len(_CURRENT_PARENT) + 1] not in ("/", "."):
            tokens.append(Token(PARENT, "..", i))  # position(current()/..) is position(..)
            i += len(_CURRENT_PARENT)
        elif is_name_start(char):
            start = i
            while i < n and (is_name_char(source[i]) or source[i] == ":"):
                i += 1
            tokens.append(Token(NAME, source[start:i], start))
        else:
            i = _operator(source, i, tokens)
    tokens.append(Token(END, "", n))
    return tokens


def _number(source: str, i: int, tokens: list[Token]) -> int:
    start = i
    while i < len(source) and source[i].isascii() and source[i].isdigit():
        i += 1
    if i < len(source) and source[i] == ".":
        i += 1
        while i < len(source) and source[i].isascii() and source[i].isdigit():
            i += 1
    tokens.append(Token(NUMBER, source[start:i], start))
    return i


def _reference(source: str, i: int, tokens: list[Token]) -> int:
    if source[i + 1:i + 2] != "{":
        raise syntax_error(source, i, ExpressionCode.BARE_DOLLAR.message())
    end = source.find("}", i + 2)
    if end < 0:
        raise syntax_error(source, i, ExpressionCode.UNCLOSED_REFERENCE.message())
    name = source[i + 2:end].strip()  # pyxform accepts ${ name }
    if not name or not is_name_start(name[0]) or not all(is_name_char(c) for c in name):
        raise syntax_error(source, i, ExpressionCode.INVALID_REFERENCE.message(name=name))
    tokens.append(Token(REF, name, i))
    return end + 1


def _operator(source: str, i: int, tokens: list[Token]) -> int:
    for op in _OPERATORS:
        if source.startswith(op, i):
            if op == "|":
                raise syntax_error(source, i, ExpressionCode.UNION.message())
            tokens.append(Token(OP, op, i))
            return i + len(op)
    raise syntax_error(source, i, ExpressionCode.UNEXPECTED_CHARACTER.message(char=source[i]))
