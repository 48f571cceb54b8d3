"""Metadata questions (start, end, today, deviceid, username ...) filled in by the laptop.

ODK Collect fills these rows itself; on a laptop Kelisim does the same from what it knows:

* ``start`` — when the interview was started, ``today`` — that day (device's calendar);
* ``end`` — when it is finished (stamped again if it is reopened and finished once more);
* ``deviceid`` (also ``imei``) — the laptop's device id, ``username`` — the interviewer;
* ``phonenumber``, ``email``, ``simserial``, ``subscriberid``, ``start-geopoint`` — a laptop has
  no SIM card or phone account, and a location only with a GPS receiver: left empty, as
  Collect leaves them on a device without them;
* ``audit`` — ODK's audit log of the interview: Kelisim's paradata (what was shown and answered
  when, ``Store.events``) is that log; the row holds no value.

Values are written once and kept with the answers, so reading an interview later (export,
reports) never changes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from survey.form.model import Form, QuestionType
from survey.form.typed import parse_datetime
from survey.interview.answers import Answer


@dataclass(frozen=True, slots=True)
class Device:
    """What the laptop knows for metadata rows: its id and who is interviewing."""

    device_id: str = ""
    username: str = ""


def stamp(moment: datetime) -> str:
    """A moment as ODK's datetime text (``2024-01-31T10:30:00.000+05:00``)."""
    return str(parse_datetime(moment)[0])


def start_values(form: Form, device: Device, started: datetime) -> dict[str, Answer]:
    """Values of the metadata rows known when an interview starts (``started`` is aware)."""
    local = started.astimezone()
    known: dict[QuestionType, Answer] = {
        QuestionType.START: stamp(local),
        QuestionType.TODAY: local.date(),
        QuestionType.DEVICEID: device.device_id,
        QuestionType.USERNAME: device.username,
    }
    return {q.name: known[q.type] for q in form.questions
            if q.type in known and known[q.type] != ""}


def end_names(form: Form) -> list[str]:
    """The ``end`` rows, stamped when the interview is finished."""
    return [q.name for q in form.questions if q.type is QuestionType.END]
