"""Repeat-level indicators of a report spec: a question asked for every instance of a repeat.

    "repeat_indicators": [
        {"level": "disputes", "question": "mediator", "category": "yes"},
        {"level": "disputes", "question": "parties", "category": "family"},
        {"level": "disputes", "question": "satisfaction", "statistic": "mean"},
        {"level": "disputes", "statistic": "per_interview"}
    ]

* ``proportion`` (the default ``statistic``): the share of the instances of the repeat
  ``level`` answering ``question`` with ``category`` (default ``yes``); for a select_multiple
  question, the share of the instances that chose ``category`` among those that answered.
* ``mean``: the mean of an integer or decimal ``question`` over the instances answering it.
* ``per_interview``: instances per interview (the number of disputes per household), or with
  a ``question`` the interview's sum of its answers, averaged over every interview of the
  design (interviews without an instance count 0).

Every estimate is taken over the instances with the design of their interviews
(:mod:`analysis.repeat_level`). A bad entry is an error naming the entry's key
(``repeat_indicators[2].statistic``); the spec file is the error's location.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reports.codes import SpecCode
from reports.errors import SpecError
from survey.messages import Message, MessageCode

OPTION = "repeat_indicators"
KEYS = ("level", "question", "category", "statistic")
STATISTICS = ("proportion", "mean", "per_interview")


class RepeatSpecCode(MessageCode):
    """What is wrong with an entry of ``repeat_indicators``."""

    BAD_ENTRY = ("report.spec.bad_value.repeat_indicator", ("entry",))
    UNKNOWN_KEY = ("report.spec.bad_value.repeat_indicator_key", ("key", "known"))
    MISSING_KEY = ("report.spec.bad_value.repeat_indicator_missing", ("key", "statistic"))
    NOT_TEXT = ("report.spec.bad_value.repeat_indicator_text", ("key", "value"))
    BAD_STATISTIC = ("report.spec.bad_value.repeat_indicator_statistic",
                     ("key", "value", "allowed"))
    NO_CATEGORY = ("report.spec.bad_value.repeat_indicator_category", ("key", "statistic"))


@dataclass(frozen=True, slots=True)
class RepeatIndicator:
    """An estimate over the instances of the repeat ``level`` (see the module docstring)."""

    level: str
    question: str = ""
    category: str = "yes"
    statistic: str = "proportion"

    @property
    def key(self) -> str:
        if self.statistic == "proportion":
            return f"{self.level}/{self.question}"
        return f"{self.level}/{self.question or 'count'}/{self.statistic}"

    @property
    def is_proportion(self) -> bool:
        return self.statistic == "proportion"

    def to_dict(self) -> dict[str, str]:
        out = {"level": self.level}
        if self.question:
            out["question"] = self.question
        if self.is_proportion:
            out["category"] = self.category
        else:
            out["statistic"] = self.statistic
        return out


def read_repeat_indicators(values: Any) -> tuple[RepeatIndicator, ...]:
    """The indicators of a spec's list (objects as in the module docstring, or indicators)."""
    if not isinstance(values, list | tuple):
        raise SpecError(SpecCode.BAD_VALUE, problem=SpecCode.NOT_A_LIST.message(option=OPTION))
    return tuple(_one(index, value) for index, value in enumerate(values))


def _one(index: int, value: Any) -> RepeatIndicator:
    if isinstance(value, RepeatIndicator):
        value = value.to_dict()
    if not isinstance(value, dict):
        entry = json.dumps(value, ensure_ascii=False, default=str)
        raise _bad(RepeatSpecCode.BAD_ENTRY.message(entry=entry))
    problem = _problem(index, value)
    if problem is not None:
        raise _bad(problem)
    return RepeatIndicator(**value)


def _problem(index: int, value: dict[str, Any]) -> Message | None:
    """What is wrong with the entry ``value`` at ``index`` of the list, if anything."""
    def key(name: str) -> str:
        return f"{OPTION}[{index}].{name}"

    for name, item in value.items():
        if name not in KEYS:
            return RepeatSpecCode.UNKNOWN_KEY.message(key=key(str(name)), known=list(KEYS))
        if not isinstance(item, str) or not item:
            return RepeatSpecCode.NOT_TEXT.message(
                key=key(name), value=json.dumps(item, ensure_ascii=False, default=str))
    statistic = value.get("statistic", "proportion")
    if statistic not in STATISTICS:
        return RepeatSpecCode.BAD_STATISTIC.message(key=key("statistic"), value=statistic,
                                                    allowed=list(STATISTICS))
    needed = ("level",) if statistic == "per_interview" else ("level", "question")
    for name in needed:
        if name not in value:
            return RepeatSpecCode.MISSING_KEY.message(key=key(name), statistic=statistic)
    if "category" in value and statistic != "proportion":
        return RepeatSpecCode.NO_CATEGORY.message(key=key("category"), statistic=statistic)
    return None


def _bad(problem: Message) -> SpecError:
    return SpecError(SpecCode.BAD_VALUE, problem=problem)
