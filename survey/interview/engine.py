"""The headless interview engine: one respondent's pass through a ``Form``.

It decides which questions are relevant, which pages are shown, whether an answer is valid, what
the calculations are and which answers go into the result, as ODK Collect does:

- a question is relevant iff its own ``relevant`` and those of all enclosing groups hold;
- expressions read a non-relevant question as "" but its answer is kept (it comes back when the
  question becomes relevant again) and left out of ``result()``;
- a ``default`` is applied once, when the question first becomes relevant without an answer.

After a change only what reads the changed value is recomputed (see ``survey.interview.graph``).
The GUI and the demo-data generator drive this class; no such logic lives anywhere else.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from survey.errors import InterviewError
from survey.expressions import EvalContext
from survey.form.files import Lookup
from survey.form.model import Choice, Form, Question, QuestionType
from survey.interview.answers import Answer, is_empty, parse_answer, to_odk
from survey.interview.checks import Checker, Failure
from survey.interview.contexts import Contexts
from survey.interview.expansion import Expansion
from survey.interview.graph import Node, build_graph, other_name
from survey.interview.messages import InterviewCode
from survey.interview.pages import Page, Paginator
from survey.messages import Message

__all__ = ["Interview", "Validation"]

#: Types whose computed value is its text (no typed form to parse it into).
_TEXT_VALUED = frozenset({QuestionType.CALCULATE, QuestionType.NOTE, QuestionType.HIDDEN})
_REFERENCE = re.compile(r"\$\{\s*([^}\s]+)\s*\}")
#: Functions whose value may change with nothing in the interview changing.
_VOLATILE = frozenset({"now", "today", "once", "random", "uuid"})


@dataclass(frozen=True, slots=True)
class Validation:
    """The verdict on one answer: ``ok``, else a stable ``code`` and its :class:`Message`.

    The message is data (rendered at the edge with :func:`survey.messages.render`, in
    :func:`survey.interview.messages.message_language` of the form language): the form's own
    ``required_message`` / ``constraint_message`` in the interview language when it has one,
    else a built-in message.
    """

    ok: bool
    code: str | None = None
    message: Message | None = None


def _local_now() -> datetime:
    # today() is the date on the device's calendar: UTC would give yesterday's date in
    # Kazakhstan (UTC+5) before 05:00 local time.
    return datetime.now().astimezone()


class Interview:
    """Relevance, validation, calculations and pages of one interview over ``form``.

    ``answers`` are Python values (see ``survey.interview.answers``) keyed by question name, the
    free text of an ``or_other`` select under ``<name>_other``; values of calculations in it are
    ignored (they are recomputed). ``now`` returns the current time, aware, in the device's
    zone (for ``now()``/``today()``).
    """

    def __init__(self, form: Form, answers: Mapping[str, object] | None = None,
                 language: str | None = None, now: Callable[[], datetime] | None = None,
                 *, expansion: Expansion | None = None) -> None:
        if expansion is not None:
            form = expansion.form
        self._form = form
        self._graph = build_graph(form, expansion.resolve if expansion is not None else None)
        self._language = language if language is not None else form.default_language()
        self._now = now or _local_now
        self._questions = {q.name: q for q in form.questions}
        self._paginator = Paginator(form)
        #: Questions that may be on screen (notes and those taking input), in form order.
        self._screen_questions = [q for q in form.questions
                                  if q.type.takes_input or q.type is QuestionType.NOTE]
        self._pulldata = Lookup(form.files)
        self._other_of = {other_name(q): q for q in form.questions if q.or_other and q.type.is_select}
        self._answers: dict[str, Answer] = {}
        self._values: dict[str, str] = dict.fromkeys(self._graph.owner, "")
        self._contexts = Contexts(self._values, expansion)
        self._relevant = [False] * len(self._graph.nodes)
        self._pages: list[Page] | None = None
        self._defaulted: set[str] = set()
        self._failures: dict[str, Failure] = {}
        self._checker = Checker(form, self._values, self.is_relevant, self._now,
                                lookups=(self._choice_label, self._pulldata),
                                contexts=self._contexts if expansion is not None else None)
        self._load(answers or {})
        self._propagate(range(len(self._graph.nodes)), set(self._questions) | set(self._other_of))

    def fork(self, now: Callable[[], datetime] | None = None) -> Interview:
        """A new interview in this one's state (answers, values, relevance, pages, checks) with
        its own clock: the work of this one is not done again (e.g. a fresh interview copied
        from a fresh template). Only valid when nothing this interview computed read the clock
        (see :meth:`state_reads_clock`)."""
        twin = object.__new__(Interview)
        twin.__dict__.update(self.__dict__)
        twin._now = now or _local_now
        twin._answers = dict(self._answers)
        twin._values = dict(self._values)
        twin._contexts = self._contexts.over(twin._values)
        twin._relevant = list(self._relevant)
        twin._pages = None if self._pages is None else list(self._pages)
        twin._defaulted = set(self._defaulted)
        twin._failures = dict(self._failures)
        twin._checker = self._checker.fork(twin._values, twin.is_relevant, twin._now,
                                           (twin._choice_label, twin._pulldata),
                                           twin._contexts)
        return twin

    def state_reads_clock(self) -> bool:
        """Whether a relevance, calculation or default of the form calls ``now()``/``today()``
        (or ``once()``): then the state depends on when it was computed."""
        clock = {"now", "today", "once"}
        expressions = [g.relevant for g in self._form.groups] + [
            e for q in self._form.questions
            for e in (q.relevant, q.calculation, q.default_expression)]
        return any(e is not None and bool(e.functions & clock) for e in expressions)

    # -- state -------------------------------------------------------------------------------

    @property
    def form(self) -> Form:
        return self._form

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, language: str) -> None:
        self._language = language

    @property
    def answers(self) -> Mapping[str, Answer]:
        """Everything entered (including answers of questions that are now not relevant)."""
        return MappingProxyType(self._answers)

    def odk_values(self) -> Mapping[str, str]:
        """Every value as expressions read it now (ODK text; '' when not relevant)."""
        return MappingProxyType(self._values)

    def value(self, name: str) -> Answer | None:
        """The answer to ``name`` (kept even when not relevant); a calculation's current value."""
        question = self._known(name)
        if question is not None and question.calculation is not None:
            if not self.is_relevant(name):
                return None
            text = self._values[name]
            if question.type in _TEXT_VALUED:
                return text
            return parse_answer(question, text)[0]
        return self._answers.get(name)

    def is_relevant(self, name: str) -> bool:
        """Whether a question, group or ``<name>_other`` text is relevant now."""
        if name in self._graph.question_node:
            return self._relevant[self._graph.question_node[name]]
        if name in self._graph.group_node:
            return self._relevant[self._graph.group_node[name]]
        if name in self._other_of:
            return self._other_selected(self._other_of[name])
        raise self._unknown(name)

    # -- what is shown -----------------------------------------------------------------------

    def visible_questions(self) -> list[Question]:
        """Relevant questions in form order; calculations, hidden and metadata rows left out,
        notes kept."""
        return [q for q in self._screen_questions if self.is_relevant(q.name)]

    def pages(self) -> list[Page]:
        """Screens in order: a field-list group's relevant questions together, else one each
        (kept until a relevance changes: pages depend on nothing else)."""
        if self._pages is None:
            self._pages = self._paginator.pages(self.visible_questions())
        return list(self._pages)

    def next_page(self, current: Page | None) -> Page | None:
        """The first page after ``current`` in form order (the first page for None)."""
        return self._paginator.after(self.pages(), current)

    def previous_page(self, current: Page | None) -> Page | None:
        """The last page before ``current`` in form order (the last page for None)."""
        return self._paginator.before(self.pages(), current)

    def available_choices(self, name: str) -> tuple[Choice, ...]:
        """The choices of a select question after its ``choice_filter`` (``other`` included)."""
        return self._checker.available_choices(self._select(name))

    # -- answering ---------------------------------------------------------------------------

    def validate(self, name: str, value: object) -> Validation:
        """Check a candidate answer (typed or its text form) without storing it.

        A read-only question (note, calculation, ``read_only``) accepts only its current value.
        """
        question = self._input(name)
        if self._keeps_read_only(question, value):
            return Validation(True)
        return self._verdict(self._checker.examine(question, name, value)[1])

    def set_answer(self, name: str, value: object) -> Validation:
        """Validate and store an answer, then recompute what depends on it.

        An invalid value is not stored. An empty value (None, "", empty selection) always
        clears the answer; the result then says whether the question was required.
        """
        question = self._input(name)
        if self._keeps_read_only(question, value):
            return Validation(True)
        parsed, failure = self._checker.examine(question, name, value)
        if failure is not None and not (failure.code == "required" and is_empty(value)):
            return self._verdict(failure)
        if parsed is None:
            self._answers.pop(name, None)
        else:
            self._answers[name] = parsed
        self._defaulted.add(name)
        # Just examined: its verdict stands unless what its checks read changes on the way
        # (then the propagation checks it again).
        self._failures.pop(name, None)
        if question is not None and self._is_leaf(question):
            index = self._graph.question_node[name]
            self._update_value(question, self._relevant[index], self._now())
        else:
            self._propagate([self._graph.owner[name]], set())
        return self._verdict(failure)

    def fill(self, values: Mapping[str, Answer], *, replace: bool = False) -> list[str]:
        """Give values to rows the laptop fills in (metadata): kept when already there unless
        ``replace``; returns the names changed. Never used for what an interviewer answers."""
        changed = []
        for name, value in values.items():
            question = self._questions[name]
            if question.type.takes_input or (name in self._answers and not replace) \
                    or self._answers.get(name) == value:
                continue
            self._answers[name] = value
            changed.append(name)
        if changed:
            self._propagate([self._graph.owner[name] for name in changed], set(changed))
        return changed

    def missing_required(self) -> list[Question]:
        """Relevant, required questions without an answer, in form order."""
        return [q for q in self._form.questions
                if self._answerable(q) and q.name not in self._answers
                and self.is_relevant(q.name) and self._checker.is_required(q)]

    def invalid_answers(self) -> dict[str, Validation]:
        """Relevant answers that no longer pass their checks (e.g. a constraint on another answer)."""
        return {name: self._verdict(failure) for name, failure in self._failures.items()}

    def can_finish(self) -> bool:
        """Nothing required is missing and every relevant answer is valid."""
        return not self._failures and not self.missing_required()

    def progress(self) -> tuple[int, int]:
        """(answered, relevant questions the interviewer answers)."""
        asked = [q for q in self._form.questions if self._answerable(q) and self.is_relevant(q.name)]
        return sum(q.name in self._answers for q in asked), len(asked)

    def result(self) -> dict[str, Answer]:
        """Relevant answers and calculations in form order (what ODK would submit)."""
        result: dict[str, Answer] = {}
        for question in self._form.questions:
            if not self.is_relevant(question.name):
                continue
            value = self.value(question.name)
            if value is not None:
                result[question.name] = value
            other = other_name(question)
            if other in self._other_of and other in self._answers and self.is_relevant(other):
                result[other] = self._answers[other]
        return result

    # -- text --------------------------------------------------------------------------------

    def text(self, question: Question) -> str:
        """The label in the current language with ``${name}`` references filled in."""
        return self._fill(question.label.get(self._language, self._fallbacks()), question.name)

    def hint(self, question: Question) -> str:
        """The hint in the current language with ``${name}`` references filled in."""
        return self._fill(question.hint.get(self._language, self._fallbacks()), question.name)

    def choice_text(self, choice: Choice) -> str:
        """The label of a choice in the current language."""
        return self._fill(choice.label.get(self._language, self._fallbacks()))

    # -- internals ---------------------------------------------------------------------------

    def _fallbacks(self) -> tuple[str, ...]:
        return (self._form.default_language(),)

    def _fill(self, text: str, name: str = "") -> str:
        if "${" not in text:
            return text
        values = self._contexts.of(name)[0]
        return _REFERENCE.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    def _choice_label(self, question: str, name: str) -> str:
        """``jr:choice-name()``: the label of choice ``name`` of ``question`` ('' if none)."""
        found = self._questions.get(question)
        choice = found.choice(name) if found is not None else None
        return self.choice_text(choice) if choice is not None else ""

    def _verdict(self, failure: Failure | None) -> Validation:
        if failure is None:
            return Validation(True)
        return Validation(False, failure.code, self._checker.message(failure, self._language))

    def _known(self, name: str) -> Question | None:
        if name in self._questions:
            return self._questions[name]
        if name in self._other_of:
            return None
        raise self._unknown(name)

    def _input(self, name: str) -> Question | None:
        self._known(name)
        return self._questions.get(name)

    def _select(self, name: str) -> Question:
        question = self._known(name)
        if question is None or not question.type.is_select:
            raise InterviewError(InterviewCode.NOT_SELECT, form=self._form.form_id, name=name)
        return question

    def _unknown(self, name: str) -> InterviewError:
        return InterviewError(InterviewCode.UNKNOWN_NAME, form=self._form.form_id, name=name)

    def _keeps_read_only(self, question: Question | None, value: object) -> bool:
        """Whether ``value`` leaves a read-only question as it is (nothing to refuse)."""
        if question is None or self._answerable(question):
            return False
        current = self.value(question.name)
        if is_empty(value) or current is None:
            return is_empty(value) and current is None
        return parse_answer(question, value)[0] == current or to_odk(current) == value

    def _is_leaf(self, question: Question) -> bool:
        """Whether an answer to ``question`` changes only its own value: nothing reads it
        (relevance, calculation or check) and its own relevance reads neither ``.`` nor the
        clock, so propagating it would re-evaluate only its unchanged relevance."""
        index = self._graph.question_node[question.name]
        relevant = question.relevant
        return not (self._graph.dependents[index] or self._graph.checkers[index]
                    or question.calculation is not None or question.or_other
                    or (relevant is not None and (relevant.uses_current
                                                  or relevant.functions & _VOLATILE)))

    @staticmethod
    def _answerable(question: Question) -> bool:
        return question.type.takes_input and not question.read_only and question.calculation is None

    def _other_selected(self, question: Question) -> bool:
        if not self._relevant[self._graph.question_node[question.name]]:
            return False
        return "other" in self._values[question.name].split()

    def _load(self, answers: Mapping[str, object]) -> None:
        for name, value in answers.items():
            question = self._known(name)
            if question is not None and question.calculation is not None:
                continue
            parsed, code = (parse_answer(question, value) if question is not None
                            else self._checker.parse_other(value))
            if code is not None:
                kind = question.type.value if question is not None else "text"
                raise InterviewError(InterviewCode.BAD_SAVED_ANSWER, form=self._form.form_id,
                                     name=name, type=kind)
            if parsed is not None:
                self._answers[name] = self._checker.in_choice_order(question, parsed)
            self._defaulted.add(name)

    def _propagate(self, dirty: Iterable[int], checks: set[str]) -> None:
        """Re-evaluate dirty nodes in evaluation order, following changed outputs to readers."""
        heap = sorted(set(dirty))
        done: set[int] = set()
        now = self._now()
        graph = self._graph
        while heap:
            index = heapq.heappop(heap)
            if index in done:
                continue
            done.add(index)
            if self._evaluate(graph.nodes[index], now, checks):
                for reader in graph.dependents[index]:
                    if reader not in done:
                        heapq.heappush(heap, reader)
                checks.update(graph.checkers[index])
                self._checker.forget_choices(graph.checkers[index])
        for name in checks:
            self._recheck(name)

    def _evaluate(self, node: Node, now: datetime, checks: set[str]) -> bool:
        """Recompute one node's relevance and value; whether its output changed."""
        item = node.question or node.group
        assert item is not None
        relevant = node.parent is None or self._relevant[node.parent]
        own = self._values.get(item.name, "") if node.question is not None else ""
        if relevant and item.relevant is not None:
            values, scope = self._contexts.of(item.name)
            relevant = item.relevant.evaluate_bool(EvalContext(
                values=values, current=own, now=now, choice_label=self._choice_label,
                pulldata=self._pulldata, scope=scope))
        changed = relevant != self._relevant[node.index]
        self._relevant[node.index] = relevant
        if changed:
            self._pages = None
        if node.question is None:
            return changed
        if changed:
            checks.add(item.name)
        return self._update_value(node.question, relevant, now)

    def _update_value(self, question: Question, relevant: bool, now: datetime) -> bool:
        name = question.name
        if relevant and name not in self._defaulted:
            self._apply_default(question, now)
        if not relevant:
            text = ""
        elif question.calculation is not None:
            values, scope = self._contexts.of(name)
            context = EvalContext(values=values, current=self._values[name], now=now,
                                  choice_label=self._choice_label, pulldata=self._pulldata,
                                  scope=scope)
            text = question.calculation.evaluate_string(context)
        else:
            text = to_odk(self._answers.get(name))
        changed = text != self._values[name]
        self._values[name] = text
        other = other_name(question)
        if other in self._other_of:
            other_text = str(self._answers.get(other, "")) if "other" in text.split() else ""
            changed |= other_text != self._values[other]
            self._values[other] = other_text
        return changed

    def _apply_default(self, question: Question, now: datetime) -> None:
        self._defaulted.add(question.name)
        default: str | None = question.default
        if question.default_expression is not None:
            values, scope = self._contexts.of(question.name)
            context = EvalContext(values=values, current="", now=now, scope=scope)
            default = question.default_expression.evaluate_string(context)
        if default is None or question.calculation is not None or \
                question.name in self._answers:
            return
        parsed, code = parse_answer(question, default)
        if code is None and parsed is not None:
            self._answers[question.name] = self._checker.in_choice_order(question, parsed)

    def _recheck(self, name: str) -> None:
        question = self._questions.get(name)
        answer = self._answers.get(name)
        if question is None or answer is None or not self._answerable(question) or \
                not self.is_relevant(name):
            self._failures.pop(name, None)
            return
        failure = self._checker.examine(question, name, answer)[1]
        if failure is None:
            self._failures.pop(name, None)
        else:
            self._failures[name] = failure
