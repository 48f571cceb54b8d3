"""Repeats in the questionnaire model: which blocks repeat, and which repeats hold a question.

A repeat is a ``Group`` with ``repeat`` set (read from ``begin_repeat`` … ``end_repeat``); its
questions, groups and nested repeats are asked once per instance. Groups and repeats nest
freely: a question's ``group_path`` names every block around it, outermost first, and its
*repeat path* is the repeats among them (``("members", "visits")`` for a visit of a member).
"""

from __future__ import annotations

from survey.expressions import Expression
from survey.expressions.ast import Literal, Negate
from survey.expressions.values import string_to_number
from survey.form.model import Form, Group, Question
from survey.form.repeat_codes import RepeatCode
from survey.messages import Message


def repeats(form: Form) -> tuple[Group, ...]:
    """The form's repeats in sheet order."""
    return tuple(g for g in form.groups if g.repeat)


def repeat_names(form: Form) -> frozenset[str]:
    return frozenset(g.name for g in form.groups if g.repeat)


def repeat_path(form: Form, item: Question | Group) -> tuple[str, ...]:
    """The repeats around ``item`` (a repeat counts itself), outermost first."""
    names = repeat_names(form)
    path = item.group_path if isinstance(item, Question) else (*_ancestors(form, item),
                                                                item.name)
    return tuple(name for name in path if name in names)


def _ancestors(form: Form, group: Group) -> tuple[str, ...]:
    chain: list[str] = []
    parent = group.parent
    while parent is not None:
        chain.append(parent)
        parent = form.group(parent).parent
    return tuple(reversed(chain))


def count_problem(count: Expression) -> Message | None:
    """``repeats.bad_count`` when a ``repeat_count`` written as a number is not a whole number
    of zero or more (an expression is checked when it is computed)."""
    tree = count.tree
    if isinstance(tree, Negate) and isinstance(tree.operand, Literal):
        return RepeatCode.BAD_COUNT.message(value=count.source)
    if not isinstance(tree, Literal):
        return None
    value = string_to_number(tree.value) if isinstance(tree.value, str) else tree.value
    if value != value or value < 0 or value != int(value):
        return RepeatCode.BAD_COUNT.message(value=count.source)
    return None
