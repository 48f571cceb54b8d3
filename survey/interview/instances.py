"""Interviews of forms with repeats: instances as first-class parts of the interview.

``RepeatInterview`` keeps every answer under its instance path (``members[3]/age``,
``members[3]/visits[2]/date``; questions outside repeats under their names) and runs the
engine (``Interview``) on the form laid out for the current instances
(``survey.interview.expansion``). An answer changes only what reads it (the engine's
dependency graph over instance names); adding, removing or moving an instance, or an answer
that changes a ``repeat_count``, lays the form out again. Answers of instances a smaller count
leaves out are kept aside, never dropped, and come back when the count grows again (as a
non-relevant answer does). Removing an instance of an open-ended repeat returns its answers, so
the caller can audit them.

An instance added to an open-ended repeat is marked among the answers by its own path
(``members[3]``, ``members[2]/visits[1]``, value ``INSTANCE_MARK``), so the store holds it as
soon as it is added, answered or not: a resume counts instances from the marks and the answers'
paths alike, and a removal or a move renumbers the marks with the answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime

from survey.errors import InterviewError
from survey.expressions import EvalContext
from survey.expressions.nodesets import InstanceData, InstancePath, Scope, instance_key
from survey.form.model import Form, Group
from survey.form.repeat_codes import RepeatCode
from survey.form.repeats import repeats
from survey.interview.engine import Interview, Validation
from survey.interview.expansion import Expansion, expand, layout_of
from survey.messages import Message

#: The most instances one repeat may have in one parent instance, and all repeats of one
#: interview together (a count bomb of nested repeats stops here).
MAX_INSTANCES = 1000
MAX_TOTAL_INSTANCES = 2000
#: The value of an added instance's mark (kept under the instance path, ``members[3]``).
INSTANCE_MARK = "added"


class RepeatInterview:
    """One interview over a form with repeats; ``engine`` is the ``Interview`` of the current
    instances (pages, progress, checks, results keyed by instance paths)."""

    def __init__(self, form: Form, answers: Mapping[str, object] | None = None,
                 language: str | None = None, now: Callable[[], datetime] | None = None,
                 counts: Mapping[str, int] | None = None) -> None:
        self._form = form
        self._repeats = {g.name: g for g in repeats(form)}
        self._layout = layout_of(form)
        self._options = (language, now)
        self._held: dict[str, object] = dict(answers or {})
        self._counts = dict(counts) if counts is not None else _counts_of(self._held,
                                                                         self._repeats)
        self._expansion = expand(form, self._counts)
        self._engine = self._new_engine()
        self._follow_counts()

    def fork(self, now: Callable[[], datetime] | None = None) -> RepeatInterview:
        """A new interview in this one's state (instances, answers, engine) with its own clock
        (see ``Interview.fork``: only when nothing computed so far read the clock)."""
        twin = object.__new__(RepeatInterview)
        twin.__dict__.update(self.__dict__)
        twin._options = (self._options[0], now)
        twin._held = dict(self._held)
        twin._counts = dict(self._counts)
        twin._engine = self._engine.fork(now)
        return twin

    # -- state -------------------------------------------------------------------------------

    @property
    def form(self) -> Form:
        return self._form

    @property
    def engine(self) -> Interview:
        return self._engine

    @property
    def expansion(self) -> Expansion:
        return self._expansion

    def answers(self) -> dict[str, object]:
        """Every answer by instance path, those of instances left out by a count included,
        and the mark of every added instance (``members[3]``: ``INSTANCE_MARK``)."""
        return {**self._held, **self._engine.answers}

    def marks(self) -> dict[str, str]:
        """The marks of the added instances laid out now and relevant: with ``result()`` of
        the engine, what a finished interview keeps (an instance stays, answered or not, as
        in an ODK submission)."""
        return {k: INSTANCE_MARK for k in self._held if _is_mark(k, self._repeats)
                and k in self._expansion.here and self._engine.is_relevant(k)}

    def count(self, repeat: str, parent: InstancePath = ()) -> int:
        """The number of instances of ``repeat`` in the ``parent`` instance."""
        self._repeat(repeat)
        return self._counts.get(instance_key(parent, repeat), 0)

    def is_asked(self, repeat: str, parent: InstancePath = ()) -> bool:
        """Whether ``repeat`` is asked in the ``parent`` instance now: the groups around it
        relevant, and its own ``relevant`` true when read from the parent instance (as ODK
        reads it before any instance exists)."""
        group = self._repeat(repeat)
        for name in self._around(group, parent):
            if name in self._expansion.here and not self._engine.is_relevant(name):
                return False
        if group.relevant is None:
            return True
        data = InstanceData(self._engine.odk_values(), self._counts)
        scope = Scope(self._layout, data, parent, None)
        return group.relevant.evaluate_bool(EvalContext(values=scope.values, scope=scope))

    def _around(self, group: Group, parent: InstancePath) -> list[str]:
        """The laid-out names of the groups and instances around ``group``, outermost first."""
        chain: list[Group] = []
        while group.parent is not None:
            group = self._form.group(group.parent)
            chain.insert(0, group)
        names: list[str] = []
        depth = 0
        for around in chain:
            if around.repeat:
                depth += 1
                inside = parent[:depth]
                names.append(instance_key(inside[:-1], f"{around.name}[{inside[-1][1]}]"))
            else:
                names.append(instance_key(parent[:depth], around.name))
        return names

    # -- answering ---------------------------------------------------------------------------

    def set_answer(self, name: str, value: object) -> Validation:
        """Answer ``name`` (an instance path); a count that changes lays the form out again."""
        verdict = self._engine.set_answer(name, value)
        if verdict.ok or verdict.code == "required":
            self._follow_counts()
        return verdict

    # -- instances ---------------------------------------------------------------------------

    def add_instance(self, repeat: str, parent: InstancePath = ()) -> InstancePath:
        """A new last instance of an open-ended ``repeat``; returns its instance path."""
        refusal = self.add_refusal(repeat, parent)
        if refusal is not None:
            raise InterviewError(refusal)
        key = instance_key(parent, repeat)
        number = self._counts.get(key, 0) + 1
        self._counts[key] = number
        self._held[instance_key(parent, f"{repeat}[{number}]")] = INSTANCE_MARK
        self._relayout()
        return (*parent, (repeat, number))

    def add_refusal(self, repeat: str, parent: InstancePath = ()) -> Message | None:
        """Why an open-ended ``repeat`` can take no more instances in ``parent`` (``repeats.
        too_many``: ``MAX_INSTANCES`` there; ``repeats.too_many.total``:
        ``MAX_TOTAL_INSTANCES`` in the interview), None while it can."""
        key = self._open_ended(repeat, parent)
        if self._counts.get(key, 0) >= MAX_INSTANCES:
            return RepeatCode.TOO_MANY.message(name=repeat, limit=MAX_INSTANCES)
        if self._live_total(self._counts) >= MAX_TOTAL_INSTANCES:
            return RepeatCode.TOO_MANY_IN_ALL.message(limit=MAX_TOTAL_INSTANCES)
        return None

    def remove_instance(self, repeat: str, index: int,
                        parent: InstancePath = ()) -> dict[str, object]:
        """Remove instance ``index``; the later ones move up. Returns the removed answers."""
        key = self._open_ended(repeat, parent)
        count = self._existing(repeat, key, index)
        order: dict[int, int | None] = {i: (i if i < index else i - 1)
                                        for i in range(1, count + 1)}
        order[index] = None
        removed = self._renumber(key, order)
        self._counts[key] = count - 1
        self._relayout(renumbered=True)
        return removed

    def move_instance(self, repeat: str, index: int, to: int, parent: InstancePath = ()) -> None:
        """Move instance ``index`` to place ``to`` (the others keep their order)."""
        key = self._open_ended(repeat, parent)
        count = self._existing(repeat, key, index)
        self._existing(repeat, key, to)
        numbers = [i for i in range(1, count + 1) if i != index]
        numbers.insert(to - 1, index)
        self._renumber(key, {old: new for new, old in enumerate(numbers, start=1)})
        self._relayout(renumbered=True)

    # -- internals ---------------------------------------------------------------------------

    def _repeat(self, name: str) -> Group:
        found = self._repeats.get(name)
        if found is None:
            raise InterviewError(RepeatCode.NOT_A_REPEAT, name=name)
        return found

    def _open_ended(self, repeat: str, parent: InstancePath) -> str:
        if self._repeat(repeat).repeat_count is not None:
            raise InterviewError(RepeatCode.FIXED_COUNT, name=repeat)
        return instance_key(parent, repeat)

    def _existing(self, repeat: str, key: str, index: int) -> int:
        count = self._counts.get(key, 0)
        if not 1 <= index <= count:
            raise InterviewError(RepeatCode.NO_INSTANCE, name=repeat, index=index)
        return count

    def _renumber(self, key: str, order: Mapping[int, int | None]) -> dict[str, object]:
        answers = self.answers()
        gone = {number for number, new in order.items() if new is None}
        removed = {k: v for k, v in answers.items() if _number_in(k, key) in gone}
        self._held = {_moved(k, key, order): v for k, v in answers.items() if k not in removed}
        self._counts = {_moved(k, key, order): v for k, v in self._counts.items()
                        if _number_in(k, key) not in gone}
        return {k: v for k, v in removed.items() if not _is_mark(k, self._repeats)}

    def _new_engine(self) -> Interview:
        names = set(self._expansion.base)
        kept = {k: v for k, v in self._held.items()
                if k in names and not _is_mark(k, self._repeats)}
        self._held = {k: v for k, v in self._held.items() if k not in kept}
        language, now = self._options
        if hasattr(self, "_engine"):  # a new layout keeps the language switched to
            language = self._engine.language
        return Interview(self._form, kept, language, now, expansion=self._expansion)

    def _relayout(self, renumbered: bool = False) -> None:
        if not renumbered:  # else _renumber has put every answer, renumbered, in _held
            self._held = self.answers()
        self._expansion = expand(self._form, self._counts)
        self._engine = self._new_engine()
        self._follow_counts()

    def _follow_counts(self) -> None:
        """Lay the form out again for what every ``repeat_count`` says now.

        A count may read its own instances (``sum(${add_more}) + 1``), so it is computed once
        per answer, as Collect computes it when the interviewer moves on; counts of nested
        repeats in instances the new layout adds are computed in turn.
        """
        done: set[str] = set()
        while True:
            wanted = {k: n for k, n in self._counted().items() if k not in done}
            done.update(wanted)
            if all(self._counts.get(k, 0) == n for k, n in wanted.items()):
                return
            self._within_total(wanted)
            self._counts.update(wanted)
            self._held = self.answers()
            self._expansion = expand(self._form, self._counts)
            self._engine = self._new_engine()

    def _counted(self) -> dict[str, int]:
        """The instances each counted repeat should have now, per parent instance."""
        values = self._engine.odk_values()
        data = InstanceData(values, self._counts)
        wanted: dict[str, int] = {}
        for repeat in self._repeats.values():
            if repeat.repeat_count is None:
                continue
            for parent in self._parents(repeat):
                scope = Scope(self._layout, data, parent, None)
                number = repeat.repeat_count.evaluate_number(EvalContext(
                    values=scope.values, scope=scope))
                wanted[instance_key(parent, repeat.name)] = _whole(number)
        return wanted

    def _within_total(self, wanted: dict[str, int]) -> None:
        """Cut the last counts so the interview holds at most ``MAX_TOTAL_INSTANCES``."""
        excess = self._live_total({**self._counts, **wanted}) - MAX_TOTAL_INSTANCES
        for key in reversed(list(wanted)):
            if excess <= 0:
                return
            cut = min(excess, wanted[key] - min(wanted[key], self._counts.get(key, 0)))
            wanted[key] -= cut
            excess -= cut

    def _live_total(self, counts: Mapping[str, int]) -> int:
        """Instances laid out with ``counts`` (counts kept for instances now gone left out)."""
        return sum(counts.get(instance_key(parent, repeat.name), 0)
                   for repeat in self._repeats.values()
                   for parent in self._parents(repeat, counts))

    def _parents(self, repeat: Group,
                 counts: Mapping[str, int] | None = None) -> Iterable[InstancePath]:
        counts = self._counts if counts is None else counts
        around = self._layout.repeat_paths[repeat.name][:-1]
        paths: list[InstancePath] = [()]
        for name in around:
            paths = [(*p, (name, i)) for p in paths
                     for i in range(1, counts.get(instance_key(p, name), 0) + 1)]
        return paths


def _whole(number: float) -> int:
    if math.isnan(number) or number < 0:
        return 0
    return int(min(number, MAX_INSTANCES))


def _number_in(name: str, key: str) -> int | None:
    """``3`` for ``members[3]/age`` and ``members[3]`` under key ``members``, else None."""
    if not name.startswith(key + "["):
        return None
    close = name.find("]", len(key))
    rest = name[close + 1:]
    digits = name[len(key) + 1:close]
    if close < 0 or not digits.isdigit() or (rest and not rest.startswith("/")):
        return None
    return int(digits)


def _moved(name: str, key: str, order: Mapping[int, int | None]) -> str:
    number = _number_in(name, key)
    if number is None or order.get(number) is None:
        return name
    close = name.find("]", len(key))
    return f"{key}[{order[number]}]{name[close + 1:]}"


def _is_mark(name: str, repeats: Mapping[str, Group]) -> bool:
    """Whether ``name`` is an instance's mark: its path, ending ``repeat[number]``."""
    repeat, _, rest = name.rpartition("/")[2].partition("[")
    return repeat in repeats and rest[:-1].isdigit() and rest.endswith("]")


def _counts_of(answers: Mapping[str, object], repeats: Mapping[str, Group]) -> dict[str, int]:
    """Instances the saved answers and marks show (the highest instance number under each
    repeat)."""
    counts: dict[str, int] = {}
    for name in answers:
        prefix = ""
        parts = name.split("/")
        for part in parts if _is_mark(name, repeats) else parts[:-1]:
            repeat, _, rest = part.partition("[")
            if repeat not in repeats or not rest[:-1].isdigit():
                break
            key = f"{prefix}{repeat}"
            counts[key] = max(counts.get(key, 0), int(rest[:-1]))
            prefix = f"{prefix}{part}/"
    return counts


__all__ = ["INSTANCE_MARK", "MAX_INSTANCES", "MAX_TOTAL_INSTANCES", "RepeatInterview"]
