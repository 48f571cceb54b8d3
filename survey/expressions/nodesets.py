"""Answers of repeat instances as XPath node-sets, with ODK's rules for ``${name}``.

An answer inside a repeat is keyed by its *instance path*: ``members[3]/age``, or
``members[3]/visits[2]/date`` in a nested repeat (1-based, groups left out since names are
unique). ``InstanceData`` holds those answers and how many instances each repeat has
(``counts``: ``members`` -> 3, ``members[3]/visits`` -> 2). A ``Scope`` is the view from one
place of the form (``here``, the instances around the question being evaluated):

* ``${x}`` means the nodes of ``x`` reached from the nearest common repeat ancestor of here and
  ``x`` (as pyxform's relative paths and JavaRosa do): inside ``members[2]``, ``${age}`` is
  that member's age; outside the repeat it is the node-set of every member's age;
* where one value is needed, a node-set gives its first node (XPath's ``string()``), empty
  when there is none; ``count()``, ``sum()``, ``min()``, ``max()``, ``join()`` and
  ``count-non-empty()`` take the whole set (``survey.expressions.evaluator``);
* ``position(..)`` is the instance number of the repeat holding the question directly;
  ``indexed-repeat(${x}, ${repeat}, n, ...)`` the value of ``x`` in the n-th instance.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

#: Where a question is: the repeats around it with the instance numbers, outermost first.
InstancePath = tuple[tuple[str, int], ...]


def instance_key(path: InstancePath, name: str) -> str:
    """``(("members", 3),), "age"`` -> ``members[3]/age`` (``age`` outside every repeat)."""
    return "/".join([*(f"{repeat}[{index}]" for repeat, index in path), name])


@dataclass(frozen=True, slots=True)
class RepeatLayout:
    """Which repeats hold each name of the form (a repeat's own path ends with itself), and
    the block each question sits in directly (for ``position(..)``)."""

    repeat_paths: Mapping[str, tuple[str, ...]]
    parents: Mapping[str, str | None] = field(default_factory=dict)

    def is_repeat(self, name: str) -> bool:
        path = self.repeat_paths.get(name, ())
        return bool(path) and path[-1] == name


@dataclass(frozen=True, slots=True)
class InstanceData:
    """Answers keyed by instance path and the number of instances of every repeat."""

    answers: Mapping[str, str]
    counts: Mapping[str, int]


class Scope:
    """The answers as seen from ``here`` while evaluating the expression of ``current``."""

    __slots__ = ("current", "data", "here", "layout", "values")

    def __init__(self, layout: RepeatLayout, data: InstanceData, here: InstancePath = (),
                 current: str | None = None) -> None:
        self.layout = layout
        self.data = data
        self.here = here
        self.current = current
        self.values: Mapping[str, str] = ScopedValues(self)

    def instance_paths(self, name: str) -> list[InstancePath]:
        """The instances holding the nodes of ``name`` seen from here, in document order."""
        repeats = self.layout.repeat_paths.get(name, ())
        shared = 0
        while shared < min(len(repeats), len(self.here)) \
                and self.here[shared][0] == repeats[shared]:
            shared += 1
        if self.layout.is_repeat(name) and shared == len(repeats):
            shared -= 1  # ${members} inside a member: every instance of members
        paths: list[InstancePath] = [self.here[:max(shared, 0)]]
        for repeat in repeats[max(shared, 0):]:
            paths = [(*path, (repeat, index)) for path in paths
                     for index in range(1, self.count(path, repeat) + 1)]
        return paths

    def count(self, path: InstancePath, repeat: str) -> int:
        return self.data.counts.get(instance_key(path, repeat), 0)

    def nodes(self, name: str) -> list[str]:
        """The text of every node ``${name}`` means here (a repeat instance's text is '')."""
        if name not in self.layout.repeat_paths:
            return [self.data.answers[name]]
        paths = self.instance_paths(name)
        if self.layout.is_repeat(name):
            return ["" for _ in paths]
        answers = self.data.answers
        return [answers.get(instance_key(path, name), "") for path in paths]

    def position(self) -> float:
        """``position(..)``: the instance number when the question sits directly in a repeat."""
        parent = self.layout.parents.get(self.current or "")
        for repeat, index in reversed(self.here):
            if repeat == parent:
                return float(index)
        return 1.0

    def indexed(self, name: str, steps: Sequence[tuple[str, float]]) -> str:
        """``indexed-repeat()``: ``name`` in the given instance of each named repeat (others
        as here, else the first)."""
        chosen = dict(steps)
        here = dict(self.here)
        path: list[tuple[str, int]] = []
        for repeat in self.layout.repeat_paths.get(name, ()):
            number = chosen.get(repeat, here.get(repeat, 1))
            if number != number or number != int(number):
                return ""
            index = int(number)
            if not 1 <= index <= self.count(tuple(path), repeat):
                return ""
            path.append((repeat, index))
        return self.data.answers.get(instance_key(tuple(path), name), "")


class ScopedValues(Mapping[str, str]):
    """``EvalContext.values`` of a scope: a name's first node here ('' for none)."""

    __slots__ = ("_scope",)

    def __init__(self, scope: Scope) -> None:
        self._scope = scope

    def __getitem__(self, name: str) -> str:
        nodes = self._scope.nodes(name)
        return nodes[0] if nodes else ""

    def __iter__(self) -> Iterator[str]:
        return iter(self._scope.layout.repeat_paths)

    def __len__(self) -> int:
        return len(self._scope.layout.repeat_paths)
