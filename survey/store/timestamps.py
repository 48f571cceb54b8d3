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


def local_now() -> datetime:
    """The current time, aware, in the computer's local zone."""
    return datetime.now().astimezone()


def to_text(moment: datetime) -> str:
    """``moment`` (aware; naive is taken as UTC) as stored UTC text."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_FORMAT)


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
