"""A question's relevance condition in plain words, for the codebook (kk, ru, en).

The common forms read as sentences with the questions' and choices' own labels:
``${consent} = 'yes'`` → “Do you agree?” is “Yes”; ``selected(${src}, 'tv')`` → “Sources”
includes “TV”; comparisons with numbers keep their sign (“Age” ≥ 18); ``and``, ``or`` and
``not()`` join them. Anything else is shown as written, with ``${name}`` replaced by the
question's label. The conditions of enclosing groups come first.
"""

from __future__ import annotations

from survey.expressions.ast import Binary, Call, Expr, Literal, Ref
from survey.form.model import Form, Question
from survey.i18n import LANGUAGES, Translator, translator

_SIGNS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "=", "!=": "≠"}


def relevance_words(form: Form, question: Question, language: str) -> str:
    """When ``question`` is asked, in words ("" when it is always asked)."""
    _ = translator("export", language if language in LANGUAGES else "en")
    words = _Words(form, language, _)
    parts = []
    for name in question.group_path:
        condition = form.group(name).relevant
        if condition is not None:
            parts.append(words.say(condition.tree, condition.source))
    if question.relevant is not None:
        parts.append(words.say(question.relevant.tree, question.relevant.source))
    return "; ".join(parts)


class _Words:
    def __init__(self, form: Form, language: str, _: Translator) -> None:
        self.form, self.language, self._ = form, language, _
        self.open, self.close = ("“", "”") if language == "en" else ("«", "»")

    def say(self, node: Expr, source: str) -> str:
        text = self._node(node)
        return text if text is not None else self._source(source)

    def _node(self, node: Expr) -> str | None:
        _ = self._
        if isinstance(node, Binary) and node.op in ("and", "or"):
            left, right = self._node(node.left), self._node(node.right)
            if left is None or right is None:
                return None
            template = "{left} and {right}" if node.op == "and" else "{left} or {right}"
            return _(template, left=left, right=right)
        if isinstance(node, Binary) and node.op in _SIGNS:
            return self._comparison(node)
        if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
            question, choice = node.args
            if isinstance(question, Ref) and isinstance(choice, Literal):
                return _("{question} includes {choice}", question=self._question(question),
                         choice=self._choice(question.name, choice.value))
        if isinstance(node, Call) and node.name == "not" and len(node.args) == 1:
            inner = self._node(node.args[0])
            return None if inner is None else _("not ({condition})", condition=inner)
        return None

    def _comparison(self, node: Binary) -> str | None:
        _ = self._
        left, right = node.left, node.right
        if isinstance(right, Ref) and isinstance(left, Literal):
            left, right = right, left
        if not (isinstance(left, Ref) and isinstance(right, Literal)):
            return None
        question = self._question(left)
        if right.value == "" and node.op in ("=", "!="):
            template = "{question} is not answered" if node.op == "=" else \
                "{question} is answered"
            return _(template, question=question)
        if node.op in ("=", "!=") and isinstance(right.value, str) and self._is_choice(
                left.name, right.value):
            template = "{question} is {choice}" if node.op == "=" else \
                "{question} is not {choice}"
            return _(template, question=question, choice=self._choice(left.name, right.value))
        return f"{question} {_SIGNS[node.op]} {_number(right.value)}"

    def _question(self, ref: Ref) -> str:
        try:
            label = self.form.question(ref.name).label.get(self.language) or ref.name
        except KeyError:
            label = ref.name
        return f"{self.open}{label}{self.close}"

    def _is_choice(self, question: str, value: str) -> bool:
        try:
            return self.form.question(question).choice(value) is not None
        except KeyError:
            return False

    def _choice(self, question: str, value: str | float) -> str:
        try:
            choice = self.form.question(question).choice(str(value))
        except KeyError:
            choice = None
        label = choice.label.get(self.language) if choice is not None else None
        return f"{self.open}{label or value}{self.close}"

    def _source(self, source: str) -> str:
        text = source
        for q in self.form.questions:
            token = "${" + q.name + "}"
            if token in text:
                text = text.replace(token, self._question(Ref(q.name, 0)))
        return text


def _number(value: str | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value) if isinstance(value, float) else f"'{value}'"
