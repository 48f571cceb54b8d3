"""Typed values of the question types ODK forms bring: times, locations, files, ranges.

Each parser turns a typed value or its text into the ODK instance text Kelisim keeps (see
``survey.interview.answers``) or a validation code:

* time ``HH:MM[:SS[.sss]][±HH:MM|Z]`` → ``10:30:00.000+05:00`` (a ``datetime.time`` too);
* datetime ``YYYY-MM-DDTHH:MM[:SS[.sss]][zone]`` (or a space for ``T``) →
  ``2024-01-31T10:30:00.000+05:00`` (a ``datetime.datetime`` too); without a zone, none;
* geopoint ``latitude longitude [altitude [accuracy]]`` in decimal degrees (commas between the
  numbers accepted) → four numbers, as Collect writes them (altitude and accuracy 0 when not
  given); latitude within ±90, longitude within ±180, accuracy not negative;
* geotrace: two points or more joined by ``;``; geoshape: three distinct points or more, closed
  (the first point is repeated at the end when it is not);
* a file name (media questions): the name of the attached file, without folders;
* range: a number between start and end on the steps of the question's parameters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from survey.form.model import Question
from survey.form.parameters import range_numbers

Parsed = tuple[Any, str | None]

_ZONE = r"(Z|[+-]\d{2}:?\d{2})?"
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?" + _ZONE)
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](.+)")
_BAD_NAME = re.compile(r"[\\/\x00-\x1f]")


def _zone_text(zone: str | None) -> str:
    if not zone:
        return ""
    if zone == "Z":
        return "+00:00"
    digits = zone[1:].replace(":", "")
    return f"{zone[0]}{digits[:2]}:{digits[2:]}"


def _clock(text: str) -> str | None:
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hour, minute, second, fraction, zone = match.groups()
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        return None
    millis = (fraction or "0")[:3].ljust(3, "0")
    zone_text = _zone_text(zone)
    if zone_text and (int(zone_text[1:3]) > 14 or int(zone_text[4:]) > 59):
        return None
    return f"{int(hour):02d}:{minute}:{second or '00'}.{millis}{zone_text}"


def _offset(moment: datetime | time) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def parse_time(value: object) -> Parsed:
    if isinstance(value, time):
        return f"{value.strftime('%H:%M:%S')}.{value.microsecond // 1000:03d}{_offset(value)}", None
    text = _clock(value) if isinstance(value, str) else None
    return (text, None) if text else (None, "type.time")


def parse_datetime(value: object) -> Parsed:
    if isinstance(value, datetime):
        clock = parse_time(value.timetz())[0]
        return f"{value.date().isoformat()}T{clock}", None
    match = _DATETIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if match:
        try:
            day = datetime.strptime(match.group(1), "%Y-%m-%d").date()
        except ValueError:
            day = None
        clock = _clock(match.group(2))
        if day is not None and clock is not None:
            return f"{day.isoformat()}T{clock}", None
    return None, "type.datetime"


def _number_text(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _point(text: str) -> str | None:
    parts = text.replace(",", " ").split()
    if not 2 <= len(parts) <= 4:
        return None
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return None
    numbers += [0.0] * (4 - len(numbers))
    lat, lon, _alt, acc = numbers
    if not all(math.isfinite(n) for n in numbers) or abs(lat) > 90 or abs(lon) > 180 or acc < 0:
        return None
    return " ".join(_number_text(n) for n in numbers)


def parse_geopoint(value: object) -> Parsed:
    point = _point(value) if isinstance(value, str) else None
    return (point, None) if point else (None, "type.geopoint")


def _points(value: object) -> list[str] | None:
    if not isinstance(value, str):
        return None
    points = [_point(part) for part in value.split(";") if part.strip()]
    if any(p is None for p in points):
        return None
    return [p for p in points if p is not None]


def parse_geotrace(value: object) -> Parsed:
    points = _points(value)
    if points is None or len(points) < 2:
        return None, "type.geotrace"
    return ";".join(points), None


def _position(point: str) -> tuple[str, str]:
    lat, lon, *_ = point.split()
    return lat, lon


def parse_geoshape(value: object) -> Parsed:
    points = _points(value)
    if points and _position(points[0]) != _position(points[-1]):
        points.append(points[0])
    if points is None or len({_position(p) for p in points}) < 3:
        return None, "type.geoshape"
    return ";".join(points), None


def parse_file_name(value: object) -> Parsed:
    if isinstance(value, str) and value.strip() and not _BAD_NAME.search(value) \
            and value.strip() not in (".", ".."):
        return value.strip(), None
    return None, "type.file"


def parse_range(question: Question, value: object, integer: Callable[[object], Parsed],
                decimal: Callable[[object], Parsed]) -> Parsed:
    """A number within the range of ``question`` on one of its steps."""
    pairs = dict(question.parameters)
    start, end, step = range_numbers(pairs)
    whole = all(float(n).is_integer() for n in (start, end, step))
    number, code = (integer if whole else decimal)(value)
    if code is not None or number is None:
        return None, code
    low, high = min(start, end), max(start, end)
    steps = (float(number) - start) / step
    if not low <= float(number) <= high or abs(steps - round(steps)) > 1e-9:
        return None, "range"
    return number, None
