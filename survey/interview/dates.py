"""Dates as interviewers type them, read without ever becoming another date.

:func:`read_date` takes what was typed and the interviewer's language:

- day first with dots, in every language: ``30.11.2026`` (also ``30.11.2026.``);
- year first, in every language: ``2026-11-30``, ``2026.11.30``, ``2026/11/30``,
  ``2026 11 30``, ``20261130``;
- with slashes, dashes or spaces and the year last: day first in Kazakh and Russian
  (``30/11/2026``), month first in English (``11/30/2026``); eight digits likewise
  (``30112026``).

The year has four digits (``30.11.26`` asks for them) and lies in 1900..2100. A date that does
not exist (``31.02.2026``) is refused with a message, never moved to a neighbouring day. The
form shown back is :func:`format_date` (``30.11.2026``), the first format above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from survey.interview.messages import InterviewCode
from survey.messages import Message

_PARTS = re.compile(r"^\s*(\d{1,4})\s*([./\- ])\s*(\d{1,2})\s*\2\s*(\d{1,4})\s*\.?\s*$")
_DIGITS = re.compile(r"^\s*(\d{8})\s*$")
YEARS = (1900, 2100)
#: Languages whose slashes (and dashes, spaces) put the day first when the year is last.
DAY_FIRST = ("kk", "ru")


@dataclass(frozen=True, slots=True)
class DateReading:
    """What typed text means: a date, nothing (empty), or a problem to show."""

    value: date | None = None
    problem: Message | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def format_date(value: date) -> str:
    """The form dates are shown in and examples use: ``30.11.2026``."""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"


def read_date(text: str, language: str, *, today: date | None = None) -> DateReading:
    """The date ``text`` means for an interviewer working in ``language`` (kk, ru, en)."""
    typed = text.strip()
    if not typed:
        return DateReading()
    example = format_date(today or date.today())
    parts = _split(typed, language)
    if parts is None:
        return DateReading(problem=InterviewCode.DATE_FORMAT.message(value=typed, example=example))
    year, month, day, year_text = parts
    if len(year_text) != 4:
        return DateReading(problem=InterviewCode.DATE_YEAR.message(value=typed, example=example))
    if not YEARS[0] <= year <= YEARS[1]:
        return DateReading(problem=InterviewCode.DATE_YEAR.message(value=typed, example=example))
    try:
        return DateReading(value=date(year, month, day))
    except ValueError:
        return DateReading(problem=InterviewCode.DATE_NOT_REAL.message(value=typed))


def _split(typed: str, language: str) -> tuple[int, int, int, str] | None:
    """(year, month, day, year as typed) in the order the text uses, None if unreadable."""
    digits = _DIGITS.match(typed)
    if digits:
        run = digits.group(1)
        if run[:2] in ("19", "20") and _valid(int(run[:4]), int(run[4:6]), int(run[6:])):
            return int(run[:4]), int(run[4:6]), int(run[6:]), run[:4]
        return _year_last(int(run[:2]), int(run[2:4]), run[4:], "", language)
    match = _PARTS.match(typed)
    if not match:
        return None
    head, separator, middle, last = match.groups()
    if len(head) == 4:
        return int(head), int(middle), int(last), head
    if len(head) > 2:
        return None
    return _year_last(int(head), int(middle), last, separator, language)


def _year_last(first: int, second: int, year: str, separator: str,
               language: str) -> tuple[int, int, int, str]:
    if separator == "." or language in DAY_FIRST:
        return int(year), second, first, year
    return int(year), first, second, year


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
