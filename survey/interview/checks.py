"""Checks of one answer for the interview engine: type, choices, required, constraint.

``Checker`` reads the engine's live table of ODK values (the same dict object, updated in
place) and keeps the filtered choice lists until the engine says a value they read changed.
"""

from __future__ import annotations

import random
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from survey.expressions import EvalContext
from survey.expressions.nodesets import Scope
from survey.form.model import OTHER_CHOICE, Choice, Form, Question, QuestionType, Text
from survey.interview.answers import Answer, Parsed, is_empty, parse_answer, shown, to_odk
from survey.interview.contexts import Contexts
from survey.interview.filters import ChoiceFilter, shuffled
from survey.interview.limits import over_limit, value_kind
from survey.interview.messages import InterviewCode, builtin_message, other_label
from survey.messages import Message


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an answer was refused: a validation code, the question, the value as shown."""

    code: str
    question: str
    value: str = ""
    #: The limit a ``too_long`` answer went beyond.
    limit: int = 0


def _within_limit(name: str, parsed: Answer | None) -> tuple[Answer | None, Failure | None]:
    """``parsed``, refused with ``too_long`` beyond the limits of ``survey.interview.limits``."""
    kind = None if parsed is None else value_kind(parsed)
    limit = None if kind is None else over_limit(kind, to_odk(parsed))
    if limit is None:
        return parsed, None
    return None, Failure("too_long", name, limit=limit)


class Checker:
    """Validates answers against a form, reading the current values of the interview."""

    def __init__(self, form: Form, values: dict[str, str], is_relevant: Callable[[str], bool],
                 now: Callable[[], datetime], *,
                 lookups: tuple[Callable[[str, str], str] | None,
                                Callable[[str, str, str, str], str] | None] = (None, None),
                 contexts: Contexts | None = None) -> None:
        #: jr:choice-name() and pulldata() for required and constraint expressions.
        self._choice_label, self._pulldata = lookups
        self._form = form
        self._values = values
        #: In a form with repeats, expressions read the values from the question's instance.
        self._contexts = contexts
        self._is_relevant = is_relevant
        self._now = now
        self._questions = {q.name: q for q in form.questions}
        self._choices: dict[str, tuple[Choice, ...]] = {}
        self._filters = {q.name: ChoiceFilter(q.choice_filter) for q in form.questions
                         if q.choice_filter is not None}
        self._own_seed = float(random.SystemRandom().randrange(1, 2**31 - 1))
        self._other = Choice(OTHER_CHOICE, Text.of({lang: other_label(lang) for lang in form.languages}))

    def fork(self, values: dict[str, str], is_relevant: Callable[[str], bool],
             now: Callable[[], datetime],
             lookups: tuple[Callable[[str, str], str] | None,
                            Callable[[str, str, str, str], str] | None],
             contexts: Contexts | None) -> Checker:
        """A checker of the same form over another interview's ``values`` (equal to this one's
        now: the filtered choice lists are kept) with its own seed for randomized choices."""
        twin = object.__new__(Checker)
        twin.__dict__.update(self.__dict__)
        twin._values, twin._is_relevant, twin._now = values, is_relevant, now
        twin._choice_label, twin._pulldata = lookups
        twin._contexts = contexts if self._contexts is not None else None
        twin._choices = dict(self._choices)
        twin._own_seed = float(random.SystemRandom().randrange(1, 2**31 - 1))
        return twin

    # -- choices -----------------------------------------------------------------------------

    def available_choices(self, question: Question) -> tuple[Choice, ...]:
        """The choices after the question's filter, plus ``other`` for ``or_other`` selects."""
        cached = self._choices.get(question.name)
        if cached is None:
            cached = (tuple(c for c in question.choices if self._passes_filter(question, c))
                      if question.name in self._filters else tuple(question.choices))
            if question.parameter("randomize") == "true":
                cached = shuffled(cached, self._seed(question))
            if question.or_other and question.choice(OTHER_CHOICE) is None:
                cached = (*cached, self._other)
            self._choices[question.name] = cached
        return cached

    def _seed(self, question: Question) -> float:
        """The ``seed`` parameter (a number or ``${name}``), else this interview's own seed."""
        text = question.parameter("seed")
        if text.startswith("${"):
            text = self._values.get(text[2:-1].strip(), "")
        try:
            return float(text)
        except ValueError:
            return self._own_seed

    def forget_choices(self, names: Iterable[str]) -> None:
        """Drop cached choice lists of these questions (a value their filter reads changed)."""
        for name in names:
            self._choices.pop(name, None)

    def in_choice_order(self, question: Question | None, value: Answer) -> Answer:
        """A select_multiple answer sorted in the order of the choice list."""
        if question is None or question.type is not QuestionType.SELECT_MULTIPLE or \
                not isinstance(value, tuple):
            return value
        rank = {c.name: i for i, c in enumerate(question.choices)}
        rank.setdefault(OTHER_CHOICE, len(rank))
        return tuple(sorted(value, key=lambda name: rank.get(name, len(rank))))

    def _passes_filter(self, question: Question, choice: Choice) -> bool:
        test = self._filters.get(question.name)
        if test is None:
            return True
        current = self._values.get(question.name, "")
        if self._contexts is None:
            return test.passes(choice, self._values, current, self._now())
        contexts, name = self._contexts, question.name
        return test.passes(choice, self._values, current, self._now(),
                           lambda overlay: contexts.of(name, overlay))

    # -- answers -----------------------------------------------------------------------------

    def examine(self, question: Question | None, name: str, value: object) -> tuple[
            Answer | None, Failure | None]:
        """The parsed answer and the first failed check (None when the value is acceptable).

        ``question`` is None for the free text of an ``or_other`` select.
        """
        if question is None:
            parsed, code = self.parse_other(value)
            if code is None:
                return _within_limit(name, parsed)
            return parsed, Failure(code, name, shown(value))
        if not question.type.takes_input or question.read_only or question.calculation is not None:
            return None, Failure("read_only", name)
        parsed, code = parse_answer(question, value)
        if code is not None:
            return None, Failure(code, name, shown(value))
        parsed, failure = _within_limit(name, parsed)
        if failure is not None:
            return None, failure
        if parsed is None:
            return None, Failure("required", name) if self.is_required(question) else None
        if question.type.is_select:
            parsed, failure = self._check_choices(question, parsed)
            if failure is not None:
                return None, failure
        if question.type is QuestionType.RANK and isinstance(parsed, tuple) and \
                len(parsed) != len(self.available_choices(question)):
            return None, Failure("rank.incomplete", name, shown(parsed))
        if question.constraint is not None and not self._constraint_holds(question, parsed):
            return parsed, Failure("constraint", name, to_odk(parsed))
        return parsed, None

    def is_required(self, question: Question) -> bool:
        """Whether the question's ``required`` holds now (never for a non-relevant question)."""
        if question.required is None or not self._is_relevant(question.name):
            return False
        values, scope = self._read(question.name)
        context = EvalContext(values=values, current=self._values.get(question.name, ""),
                              now=self._now(), choice_label=self._choice_label,
                              pulldata=self._pulldata, scope=scope)
        return question.required.evaluate_bool(context)

    def _read(self, name: str, overlay: dict[str, str] | None = None,
              ) -> tuple[Mapping[str, str], Scope | None]:
        if self._contexts is None:
            return (ChainMap(overlay, self._values) if overlay else self._values), None
        return self._contexts.of(name, overlay)

    @staticmethod
    def parse_other(value: object) -> Parsed:
        """The free text of an ``or_other`` select."""
        if is_empty(value):
            return None, None
        return (value, None) if isinstance(value, str) else (None, "type.text")

    def _check_choices(self, question: Question, parsed: Answer) -> tuple[Answer, Failure | None]:
        available = {c.name for c in self.available_choices(question)}
        names = parsed if isinstance(parsed, tuple) else (str(parsed),)
        seen: set[str] = set()
        for choice in names:
            if choice not in available:
                return parsed, Failure("choice.unknown", question.name, choice)
            if choice in seen:
                return parsed, Failure("choice.duplicate", question.name, choice)
            seen.add(choice)
        return self.in_choice_order(question, parsed), None

    def _constraint_holds(self, question: Question, parsed: Answer) -> bool:
        assert question.constraint is not None
        candidate = to_odk(parsed)
        # While a constraint is checked the candidate is the question's value (as in ODK).
        values, scope = self._read(question.name, {question.name: candidate})
        context = EvalContext(values=values, current=candidate, now=self._now(),
                              choice_label=self._choice_label, pulldata=self._pulldata,
                              scope=scope)
        return question.constraint.evaluate_bool(context)

    # -- messages ----------------------------------------------------------------------------

    def message(self, failure: Failure, language: str) -> Message:
        """The message for a failure: the form's own text in ``language`` if any, else built-in."""
        question = self._questions.get(failure.question)
        if question is not None and failure.code in ("required", "constraint"):
            own_text = (question.required_message if failure.code == "required"
                        else question.constraint_message)
            own = own_text.get(language, (self._form.default_language(),))
            if own:
                return InterviewCode.FORM_TEXT.message(text=own)
        rule = question.constraint.source if question is not None and question.constraint else ""
        return builtin_message(failure.code, value=failure.value, rule=rule, limit=failure.limit)
