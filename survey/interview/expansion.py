"""A form with repeats laid out for a number of instances: one flat ``Form`` the engine runs.

Every question inside a repeat appears once per instance, named by its instance path
(``members[2]/age``, ``members[2]/visits[1]/date``); every repeat instance is a group of its
own (``members[2]``, carrying the repeat's label, relevance and appearance), and groups inside
a repeat are per instance too (``members[2]/details``). Expressions stay as written: the
engine evaluates them in the scope of the instance (``survey.expressions.nodesets``), so
``${age}`` inside ``members[2]`` is that member's age and ``count(${age})`` outside counts
every member. Questions outside repeats keep their names.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from survey.expressions.nodesets import (
    InstanceData,
    InstancePath,
    RepeatLayout,
    Scope,
    instance_key,
)
from survey.form.model import Form, Group, Question
from survey.form.repeats import repeat_names, repeat_path
from survey.interview.graph import other_name


@dataclass(frozen=True, slots=True)
class Expansion:
    """The flat form of some instance counts, and where each of its names sits."""

    form: Form
    layout: RepeatLayout
    #: Instances per repeat, keyed by ``instance_key(parent instance path, repeat)``.
    counts: Mapping[str, int]
    #: Expanded name (question, ``_other`` text, group) -> its instance path.
    here: Mapping[str, InstancePath]
    #: Expanded name -> the name in the form as written.
    base: Mapping[str, str]

    def scope(self, name: str, answers: Mapping[str, str]) -> Scope:
        """The view of ``answers`` (keyed by expanded names) from the place of ``name``."""
        return Scope(self.layout, InstanceData(answers, self.counts), self.here.get(name, ()),
                     self.base.get(name, name))

    def resolve(self, reader: str, name: str) -> list[str]:
        """The expanded names ``${name}`` means for the expression of ``reader``."""
        if name not in self.layout.repeat_paths:
            return [name]
        if self.layout.is_repeat(name):
            return []  # instances only change by a new expansion
        scope = Scope(self.layout, InstanceData({}, self.counts), self.here.get(reader, ()),
                      self.base.get(reader, reader))
        return [instance_key(path, name) for path in scope.instance_paths(name)]


def layout_of(form: Form) -> RepeatLayout:
    """Which repeats hold each name of ``form`` and the block each question sits in."""
    paths: dict[str, tuple[str, ...]] = {}
    for group in form.groups:
        if group.repeat:
            paths[group.name] = repeat_path(form, group)
    for question in form.questions:
        around = repeat_path(form, question)
        if around:
            paths[question.name] = around
            paths[other_name(question)] = around
    parents = {q.name: q.group for q in form.questions}
    return RepeatLayout(paths, parents)


def expand(form: Form, counts: Mapping[str, int]) -> Expansion:
    """Lay ``form`` out for ``counts`` instances (a repeat missing from counts has none)."""
    builder = _Builder(form, counts)
    questions = builder.block(list(form.questions), ())
    flat = dataclasses.replace(form, questions=tuple(questions),
                               groups=tuple(builder.groups.values()))
    return Expansion(flat, layout_of(form), dict(counts), builder.here, builder.base)


class _Builder:
    def __init__(self, form: Form, counts: Mapping[str, int]) -> None:
        self.form = form
        self.counts = counts
        self.repeats = repeat_names(form)
        self.paths = {q.name: repeat_path(form, q) for q in form.questions}
        self.groups: dict[str, Group] = {}
        self.here: dict[str, InstancePath] = {}
        self.base: dict[str, str] = {}

    def block(self, questions: list[Question], here: InstancePath) -> list[Question]:
        """The questions of one instance (or of the form), nested repeats laid out in turn."""
        out: list[Question] = []
        level, start = len(here), 0
        while start < len(questions):
            question = questions[start]
            path = self.paths[question.name]
            if len(path) == level:
                out.append(self.question(question, here))
                start += 1
                continue
            end = start
            while end < len(questions) and len(self.paths[questions[end].name]) > level \
                    and self.paths[questions[end].name][level] == path[level]:
                end += 1
            repeat = path[level]
            for index in range(1, self.counts.get(instance_key(here, repeat), 0) + 1):
                out.extend(self.block(questions[start:end], (*here, (repeat, index))))
            start = end
        return out

    def question(self, question: Question, here: InstancePath) -> Question:
        name = instance_key(here, question.name)
        for key in (name, instance_key(here, other_name(question))):
            self.here[key] = here
        self.base[name] = question.name
        self.base[instance_key(here, other_name(question))] = other_name(question)
        group_path = self.group_path(question.group_path, here)
        if not here:
            return question
        return dataclasses.replace(question, name=name, group_path=group_path)

    def group_path(self, path: tuple[str, ...], here: InstancePath) -> tuple[str, ...]:
        out: list[str] = []
        depth = 0
        for name in path:
            if name in self.repeats:
                depth += 1
            inside = here[:depth]
            expanded = (instance_key(inside[:-1], f"{name}[{inside[-1][1]}]")
                        if name in self.repeats else instance_key(inside, name))
            if expanded not in self.groups:
                group = self.form.group(name)
                self.groups[expanded] = dataclasses.replace(
                    group, name=expanded, parent=out[-1] if out else None, repeat_count=None)
                self.here[expanded] = inside
                self.base[expanded] = name
            out.append(expanded)
        return tuple(out)
