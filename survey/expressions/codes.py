"""Message codes of the expression engine (templates: ``locale/<lang>/messages/expressions.po``).

The codes an :class:`~survey.errors.ExpressionError` carries are the first group
(``expression.syntax`` ... ``expression.format_date``); tests and callers rely on them. What
exactly is wrong is a nested message in the ``reason`` field (``expression.reason.*``), so one
code keeps one sentence frame and each variant is a whole clause of its own in every language.
``character`` is the 1-based position shown to people; the error keeps the 0-based
``position`` and the ``source`` for excerpts.
"""

from __future__ import annotations

from survey.messages import MessageCode

_AT = ("expression", "character")


class ExpressionCode(MessageCode):
    """Codes of expression errors (at parse time and during an interview)."""

    SYNTAX = ("expression.syntax", (*_AT, "reason"))
    UNKNOWN_FUNCTION = ("expression.unknown_function", (*_AT, "function", "known"))
    ARITY = ("expression.arity", (*_AT, "function", "expected", "count"))
    TOO_COMPLEX = ("expression.too_complex", (*_AT, "reason"))
    UNKNOWN_NAME = ("expression.unknown_name", (*_AT, "reason"))
    REGEX = ("expression.regex", ("pattern", "reason"))
    FORMAT_DATE = ("expression.format_date", ("pattern", "reason"))

    # Reasons of expression.syntax.
    UNCLOSED_QUOTE = ("expression.reason.unclosed_quote", ("quote",))
    PARENT_NODE = ("expression.reason.parent_node", ())
    INDEXED_REPEAT = ("expression.reason.indexed_repeat", ())
    POSITION = ("expression.reason.position", ())
    BARE_DOLLAR = ("expression.reason.bare_dollar", ())
    UNCLOSED_REFERENCE = ("expression.reason.unclosed_reference", ())
    INVALID_REFERENCE = ("expression.reason.invalid_reference", ("name",))
    UNION = ("expression.reason.union", ())
    UNEXPECTED_CHARACTER = ("expression.reason.unexpected_character", ("char",))
    NOT_A_VALUE = ("expression.reason.not_a_value", ("name",))
    UNCLOSED_BRACKET = ("expression.reason.unclosed_bracket", ())
    UNCLOSED_CALL = ("expression.reason.unclosed_call", ("function",))
    ENDS_EARLY = ("expression.reason.ends_early", ())
    UNEXPECTED_TOKEN = ("expression.reason.unexpected_token", ("token",))
    EMPTY = ("expression.reason.empty", ())
    NOT_TEXT = ("expression.reason.not_text", ("kind",))

    # Reasons of expression.too_complex.
    NESTING = ("expression.reason.nesting", ("limit",))
    DEPTH = ("expression.reason.depth", ("limit",))

    # Reasons of expression.unknown_name.
    NO_QUESTION = ("expression.reason.no_question", ("name",))

    # Reasons of expression.regex.
    PATTERN_TOO_LONG = ("expression.reason.pattern_too_long", ("limit",))
    PATTERN_INVALID = ("expression.reason.pattern_invalid", ("detail",))

    # Reasons of expression.format_date.
    LONE_PERCENT = ("expression.reason.lone_percent", ())
    UNKNOWN_ESCAPE = ("expression.reason.unknown_escape", ("escape",))

    # The ``expected`` number of arguments of expression.arity.
    ARGS_EXACTLY = ("expression.args.exactly", ("count",))
    ARGS_AT_LEAST = ("expression.args.at_least", ("count",))
    ARGS_BETWEEN = ("expression.args.between", ("low", "high"))
