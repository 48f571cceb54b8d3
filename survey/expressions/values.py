"""XPath values and their conversions, as ODK's engines (Enketo, JavaRosa) apply them.

A value is one of five kinds. ``NODE`` is a ``${name}`` or ``.`` reference: its payload is the
node's text, but it converts like an XPath node-set (``boolean()`` of an existing node is true
even when it is empty). ``DATE`` values come from ``date()``, ``today()`` and ``now()``.

The rules follow Enketo's openrosa-xpath-evaluator (the oracle of the test fixtures), including
its JavaScript number conversions: ``number('0x10')`` is 16, ``number('1e3')`` 1000, and a
string that starts like a date (``2024-01-31``) converts to days since 1970-01-01.

Dates count days in the local calendar (Enketo running in UTC): ``2024-01-31`` is 19753, an
integer, as in JavaRosa. The offset printed after a date-time is that of ``EvalContext.now``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

NODE, STR, NUM, BOOL, DATE, ANY = "node", "string", "number", "boolean", "date", "any"

MS_PER_DAY = 86_400_000.0
MAX_DAYS = 100_000_000.0  # the range of a JavaScript Date: +/- 8.64e15 ms

# JavaScript's String.prototype.trim() whitespace (Python's strip() differs on a few code points).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_DECIMAL = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\Z")
_JS_RADIX = re.compile(r"0(?:[xX]([0-9a-fA-F]+)|[oO]([0-7]+)|[bB]([01]+))\Z")
# Enketo's DATE_STRING: anything that starts like a date, up to a line break.
_DATE_STRING = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[^\n\r\u2028\u2029]*\Z")
_RAW_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_ISO_DATETIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,3})[0-9]*)?)?"
    r"(Z|[+-][0-9]{2}:[0-9]{2})?\Z")


@dataclass(frozen=True, slots=True)
class Node:
    """A reference's text, boxed only where an ``if()`` mixes a node with other kinds."""

    text: str


@dataclass(frozen=True, slots=True)
class XDate:
    """A date or date-time: milliseconds since 1970-01-01 in local wall time (NaN: invalid)."""

    ms: float
    blank: bool = False  # date(''): prints as '' (JavaRosa), converts to NaN
    offset_minutes: int = 0  # east of UTC, printed after a date-time

    @property
    def days(self) -> float:
        return self.ms / MS_PER_DAY


INVALID_DATE = XDate(math.nan)
BLANK_DATE = XDate(math.nan, blank=True)


# ---------------------------------------------------------------- numbers


def js_string_to_number(text: str) -> float:
    """JavaScript ``Number(text)``: decimal, Infinity, 0x/0o/0b; blank is 0; else NaN."""
    text = text.strip(_JS_SPACE)
    if not text:
        return 0.0
    if _JS_DECIMAL.match(text):
        return float(text)
    radix = _JS_RADIX.match(text)
    if radix:
        digits, base = next((g, b) for g, b in zip(radix.groups(), (16, 8, 2), strict=True) if g)
        try:
            return float(int(digits, base))
        except OverflowError:
            return math.inf
    return math.nan


def string_to_number(text: str) -> float:
    """XPath ``number()`` of a string as Enketo does it (blank is NaN, dates are days)."""
    if text.isdigit() and text.isascii():
        return float(text)
    text = text.strip(_JS_SPACE)
    if not text:
        return math.nan
    if _DATE_STRING.match(text):
        return date_string_to_days(text)
    return js_string_to_number(text)


def number_to_string(value: float) -> str:
    """JavaScript ``Number.prototype.toString()``: ``12``, ``0.5``, ``1e+21``, ``NaN``."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    if abs(value) < 9007199254740992.0 and value == int(value):
        return str(int(value))
    sign = "-" if value < 0 else ""
    mantissa, _, exp_text = repr(abs(value)).partition("e")
    whole, _, frac = mantissa.partition(".")
    raw = whole + frac.rstrip("0") if frac != "0" else whole
    stripped = raw.lstrip("0")
    point = len(whole) + int(exp_text or 0) - (len(raw) - len(stripped))
    digits = stripped.rstrip("0") or "0"
    return sign + _place_point(digits, point)


def _place_point(digits: str, point: int) -> str:
    """Format 0.<digits> x 10^point the way JavaScript's Number::toString does."""
    count = len(digits)
    if count <= point <= 21:
        return digits + "0" * (point - count)
    if 0 < point <= 21:
        return digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    sign = "+" if exponent >= 0 else "-"
    head = digits[0] + ("." + digits[1:] if count > 1 else "")
    return f"{head}e{sign}{abs(exponent)}"


def truncate(value: float) -> float:
    """Round toward zero, keeping NaN and infinities (XPath ``int()``)."""
    if value != value or value in (math.inf, -math.inf):
        return value
    return float(math.trunc(value))


def js_round(value: float) -> float:
    """JavaScript ``Math.round``: the nearest integer, halves toward +infinity."""
    if value != value or value in (math.inf, -math.inf):
        return value
    low = math.floor(value)
    return float(low + 1 if value - low >= 0.5 else low)


# ---------------------------------------------------------------- dates


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a proleptic Gregorian date (month 1-12; day may overflow)."""
    y = year - (month <= 2)
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    mp = (month + 9) % 12
    doy = (153 * mp + 2) // 5
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468 + day - 1


def _make_day(year: float, month: float, day: float) -> float:
    """JavaScript ``new Date(y, m, d)`` in days, months and days overflowing as JS does."""
    if any(v != v or v in (math.inf, -math.inf) for v in (year, month, day)):
        return math.nan
    year, month, day = math.trunc(year), math.trunc(month), math.trunc(day)
    if 0 <= year <= 99:
        year += 1900  # JavaScript's two-digit year rule
    year += month // 12
    days = days_from_civil(year, month % 12 + 1, 1) + day - 1
    return float(days) if abs(days) <= MAX_DAYS else math.nan


def is_date_string(text: str) -> bool:
    """Whether Enketo treats the text as a date in numeric context."""
    return len(text) >= 8 and text[4:5] == "-" and _DATE_STRING.match(text) is not None


def date_string_to_days(text: str) -> float:
    """Enketo's ``dateStringToDays``: ``2024-01-31`` → 19753; date-times → fractional days."""
    if text.find("T") > 0:
        return _iso_datetime_ms(text) / MS_PER_DAY
    parts = text.split("-")
    return _make_day(js_string_to_number(parts[0]), js_string_to_number(parts[1]) - 1,
                     js_string_to_number(parts[2]))


def _iso_datetime_ms(text: str) -> float:
    """Milliseconds of an ISO date-time (``Z``/offset: that instant; none: wall time)."""
    match = _ISO_DATETIME.match(text)
    if not match:
        return math.nan
    year, month, day, hour, minute, second, milli, zone = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31 and int(hour) <= 24
            and int(minute) < 60 and int(second or 0) < 60):
        return math.nan
    days = _make_day(int(year), int(month) - 1, int(day))
    ms = ((int(hour) * 60 + int(minute)) * 60 + int(second or 0)) * 1000 + int((milli or "0").ljust(3, "0"))
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        ms -= sign * (int(zone[1:3]) * 60 + int(zone[4:6])) * 60_000
    return days * MS_PER_DAY + ms


def string_to_date(text: str) -> XDate:
    """Enketo's ``asDate`` of a string: ``''`` blank, ``'19753'`` days, ISO dates, else invalid."""
    if not text:
        return BLANK_DATE
    if _RAW_NUMBER.match(text):
        return days_to_date(float(math.trunc(float(text))))
    if is_date_string(text):
        date_part, _, time_part = text.partition("T")
        pieces = date_part.split("-")
        if len(pieces) == 3 and _valid_ymd(pieces):
            year, month, day = (int(p) for p in pieces)
            if time_part:
                return XDate(_iso_datetime_ms(f"{year:04d}-{month:02d}-{day:02d}T{time_part}"))
            return days_to_date(float(days_from_civil(year, month, day)))
        match = _ISO_DATE.match(text)
        if match and 1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31:
            # V8 reads 2023-02-29 as 2023-03-01.
            return days_to_date(_make_day(int(match[1]), int(match[2]) - 1, int(match[3])))
    return INVALID_DATE


def _valid_ymd(pieces: list[str]) -> bool:
    if not all(p.isascii() and p.isdigit() for p in pieces):
        return False
    year, month, day = (int(p) for p in pieces)
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    limit = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return day <= limit


def days_to_date(days: float, offset_minutes: int = 0) -> XDate:
    """A date ``days`` after 1970-01-01 (whole milliseconds, as a JavaScript Date keeps)."""
    if days != days or abs(days) > MAX_DAYS:
        return INVALID_DATE
    return XDate(float(math.trunc(days * MS_PER_DAY)), offset_minutes=offset_minutes)


def datetime_to_date(moment: datetime, *, midnight: bool) -> XDate:
    """``now()`` / ``today()`` from a datetime, in that datetime's own time zone."""
    offset = moment.utcoffset() or timedelta(0)
    wall = moment.replace(tzinfo=None)
    epoch = datetime(1970, 1, 1)
    if midnight:
        wall = wall.replace(hour=0, minute=0, second=0, microsecond=0)
    ms = (wall - epoch) // timedelta(milliseconds=1)
    return XDate(float(ms), offset_minutes=int(offset.total_seconds() // 60))


def date_to_string(value: XDate) -> str:
    """Enketo's text of a date: ``2024-01-31``, or ``2024-01-31T10:30:00.000+05:00``."""
    if value.blank:
        return ""
    if value.ms != value.ms:
        return "Invalid Date"
    try:
        wall = datetime(1970, 1, 1) + timedelta(milliseconds=value.ms)
    except OverflowError:
        return "Invalid Date"
    text = f"{wall.year:04d}-{wall.month:02d}-{wall.day:02d}"
    if wall.hour == wall.minute == wall.second == wall.microsecond == 0:
        return text
    # Enketo writes a zero offset as '-00:00' (its sign test is 'offset < 0 ? + : -').
    sign = "+" if value.offset_minutes > 0 else "-"
    hours, minutes = divmod(abs(value.offset_minutes), 60)
    return (f"{text}T{wall.hour:02d}:{wall.minute:02d}:{wall.second:02d}."
            f"{wall.microsecond // 1000:03d}{sign}{hours:02d}:{minutes:02d}")


def utc_now() -> datetime:
    return datetime.now(UTC)
