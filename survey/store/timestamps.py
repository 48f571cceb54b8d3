"""Time stamps as the store writes them: UTC ISO 8601 text, plus the device's offset.

Every stored time has the fixed form ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` so that text order is time
order (merge compares ``updated_at`` values as text). The device's offset from UTC at that
moment is kept separately (``+05:00``) so interfaces can show local time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

Clock = Callable[[], datetime]

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def local_now() -> datetime:
    """The current time, aware, in the computer's local zone."""
    return datetime.now().astimezone()


def to_text(moment: datetime) -> str:
    """``moment`` (aware; naive is taken as UTC) as stored UTC text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_FORMAT)


def to_micros(moment: datetime) -> int | str:
    """``moment`` as the store keeps times in its compact tables: microseconds since
    1970-01-01T00:00:00Z (the text when earlier; see ``survey.store.schema_lean``)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    micros = (moment - _EPOCH) // _MICROSECOND
    return micros if micros >= 0 else to_text(moment)


def micros_of_text(text: str) -> int | str:
    """Stored time text as microseconds since 1970 (UTC); the text itself when it is not a
    time of the fixed form from 1970 on, as the store's views expect."""
    if len(text) != 27 or text[10] != "T" or text[19] != "." or not text.endswith("Z") \
            or text < "1970":
        return text
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    micros = (moment - _EPOCH) // _MICROSECOND
    return micros if text_of_micros(micros) == text else text


def text_of_micros(micros: int) -> str:
    """Microseconds since 1970 (UTC) as the stored time text."""
    return (_EPOCH + timedelta(microseconds=micros)).strftime(_FORMAT)


def offset_text(moment: datetime) -> str:
    """The UTC offset of ``moment`` as ``+HH:MM`` (``+00:00`` when naive)."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def from_text(text: str) -> datetime:
    """Stored UTC text back to an aware ``datetime`` in UTC."""
    return datetime.fromisoformat(text).astimezone(UTC)


def parse_offset(text: str) -> timezone:
    """``+05:00`` to a ``timezone``."""
    sign = -1 if text.startswith("-") else 1
    hours, minutes = text.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
