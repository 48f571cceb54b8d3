"""The ``parameters`` column: ``key=value`` pairs a question type understands.

Read as pyxform reads it (pairs separated by spaces, commas or semicolons; keys in any case;
values lower-cased except ``label`` and ``value``) and checked per type with pyxform's lists of
keys: ``range`` (start, end, step ...), selects (``randomize``, ``seed``), geo and media
questions (accuracy and size hints a laptop does not need), ``audit``. A key the type does not
know is an error, as in pyxform; ``app`` (an external Android app) is refused by name.
"""

from __future__ import annotations

import re

from survey.form.codes import FormCode
from survey.form.model import QuestionType
from survey.messages import Message

_PAIR = re.compile(r"([^\s=,;]+)\s*=\s*([^\s=,;]+)")
_SEPARATORS = re.compile(r"[\s,;]+")
_Q = QuestionType
_GEO = frozenset({"allow-mock-accuracy", "incremental", "reference-geometry"})
_KNOWN: dict[QuestionType, frozenset[str]] = {
    _Q.RANGE: frozenset({"start", "end", "step", "placeholder", "tick_interval",
                         "tick_labelset"}),
    _Q.SELECT_ONE: frozenset({"randomize", "seed"}),
    _Q.SELECT_MULTIPLE: frozenset({"randomize", "seed"}),
    _Q.RANK: frozenset({"randomize", "seed"}),
    _Q.GEOPOINT: frozenset({"allow-mock-accuracy", "capture-accuracy", "reference-geometry",
                            "warning-accuracy"}),
    _Q.GEOTRACE: _GEO, _Q.GEOSHAPE: _GEO,
    _Q.IMAGE: frozenset({"max-pixels", "app"}),
    _Q.AUDIO: frozenset({"quality"}),
    _Q.TEXT: frozenset({"rows"}),
    _Q.AUDIT: frozenset({"identify-user", "location-max-age", "location-min-interval",
                         "location-priority", "track-changes", "track-changes-reasons"}),
}
#: Keys that would hand the question to software Kelisim cannot run.
_UNSUPPORTED = frozenset({"app"})
_CASED = frozenset({"label", "value"})
_FILE_COLUMNS = frozenset({"value", "label"})


def parse_parameters(text: str, qtype: QuestionType, *,
                     from_file: bool = False) -> tuple[dict[str, str], list[Message]]:
    """The pairs of a ``parameters`` cell and the problems found (messages without location).

    A select from a file also takes ``value`` and ``label``: the columns to read."""
    leftover = _SEPARATORS.sub("", _PAIR.sub("", text))
    if leftover:
        return {}, [FormCode.BAD_PARAMETERS.message(text=text)]
    pairs: dict[str, str] = {}
    for key, value in _PAIR.findall(text):
        key = key.lower()
        pairs[key] = value if key in _CASED else value.lower()
    problems: list[Message] = []
    known = _KNOWN.get(qtype, frozenset()) | (_FILE_COLUMNS if from_file else frozenset())
    for key in pairs:
        if key in _UNSUPPORTED:
            problems.append(FormCode.UNSUPPORTED_PARAMETER.message(parameter=key))
        elif key not in known:
            problems.append(FormCode.UNKNOWN_PARAMETER.message(
                parameter=key, type=qtype.value, known=sorted(known) or FormCode.NONE.message()))
    if qtype is _Q.RANGE:
        problems.extend(_range_problems(pairs))
    if qtype.is_select:
        problems.extend(_select_problems(pairs))
    return pairs, problems


def range_numbers(pairs: dict[str, str]) -> tuple[float, float, float]:
    """(start, end, step) of a range question (pyxform's defaults 1, 10, 1)."""
    return (_number(pairs.get("start", "1")), _number(pairs.get("end", "10")),
            _number(pairs.get("step", "1")))


def range_is_decimal(pairs: dict[str, str]) -> bool:
    """A range holds decimals when start, end or step is not a whole number (as pyxform)."""
    return any(not value.is_integer() for value in range_numbers(pairs) if value == value)


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _range_problems(pairs: dict[str, str]) -> list[Message]:
    problems = [FormCode.BAD_PARAMETER.message(parameter=key, value=pairs[key])
                for key in ("start", "end", "step") if key in pairs and _number(pairs[key])
                != _number(pairs[key])]
    if problems:
        return problems
    start, end, step = range_numbers(pairs)
    if step == 0 or (end - start) * step < 0:
        return [FormCode.BAD_PARAMETER.message(parameter="step", value=pairs.get("step", "1"))]
    return []


def _select_problems(pairs: dict[str, str]) -> list[Message]:
    randomize = pairs.get("randomize")
    if randomize is not None and randomize not in ("true", "false"):
        return [FormCode.BAD_PARAMETER.message(parameter="randomize", value=randomize)]
    if "seed" in pairs and randomize != "true":
        return [FormCode.SEED_WITHOUT_RANDOMIZE.message()]
    return []
