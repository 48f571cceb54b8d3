"""Repeat-level indicators of a report spec: a question asked for every instance of a repeat.

    "repeat_indicators": [{"level": "disputes", "question": "mediator", "category": "yes"}]

is the share of the household's disputes (the instances of the repeat ``disputes``) whose
answer to ``mediator`` is ``yes``, estimated over the instances with the design of their
interviews (:mod:`analysis.repeat_level`). ``category`` defaults to ``yes``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reports.codes import SpecCode
from reports.errors import SpecError
from survey.messages import MessageCode

OPTION = "repeat_indicators"
KEYS = ("level", "question", "category")


class RepeatSpecCode(MessageCode):
    """What is wrong with an entry of ``repeat_indicators``."""

    BAD_ENTRY = ("report.spec.bad_value.repeat_indicator", ("entry",))


@dataclass(frozen=True, slots=True)
class RepeatIndicator:
    """The share of the instances of the repeat ``level`` answering ``question`` with
    ``category``."""

    level: str
    question: str
    category: str = "yes"

    @property
    def key(self) -> str:
        return f"{self.level}/{self.question}"

    def to_dict(self) -> dict[str, str]:
        return {"level": self.level, "question": self.question, "category": self.category}


def read_repeat_indicators(values: Any) -> tuple[RepeatIndicator, ...]:
    """The indicators of a spec's list (objects as in the module docstring, or indicators)."""
    if not isinstance(values, list | tuple):
        raise SpecError(SpecCode.BAD_VALUE, problem=SpecCode.NOT_A_LIST.message(option=OPTION))
    return tuple(_one(value) for value in values)


def _one(value: Any) -> RepeatIndicator:
    if isinstance(value, RepeatIndicator):
        return value
    if (isinstance(value, dict) and set(value) <= set(KEYS) and {"level", "question"} <= set(value)
            and all(isinstance(v, str) and v for v in value.values())):
        return RepeatIndicator(**value)
    entry = json.dumps(value, ensure_ascii=False, default=str)
    raise SpecError(SpecCode.BAD_VALUE, problem=RepeatSpecCode.BAD_ENTRY.message(entry=entry))
