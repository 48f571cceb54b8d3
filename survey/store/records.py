"""Plain records the store hands out and takes in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from survey.form.model import Text
from survey.messages import Location, Message
from survey.store.codes import StoreCode
from survey.store.timestamps import parse_offset
from survey.store.values import Answer

DRAFT = "draft"
COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class FormRecord:
    """A registered questionnaire version (the XLSForm bytes stay in the database)."""

    form_id: str
    version: str
    title: Text
    languages: tuple[str, ...]
    default_language: str | None
    sha256: str
    registered_at: datetime

    @property
    def version_order(self) -> tuple[tuple[int, int, str], ...]:
        """Sort key of the version: the newest version sorts last, whenever it arrived."""
        return version_order(self.version)


def version_order(version: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key for version texts: runs of digits compare as numbers (``2`` < ``10``,
    ``2024051501`` < ``2024060101``), the rest as text."""
    return tuple((0, int(part), "") if part[0] in _DIGITS else (1, 0, part)
                 for part in _RUNS.findall(version))


_DIGITS = "0123456789"
_RUNS = re.compile(r"[0-9]+|[^0-9]+")


@dataclass(frozen=True, slots=True)
class InterviewRecord:
    """One interview's metadata. Times are aware datetimes in UTC."""

    uuid: str
    form_id: str
    form_version: str
    interviewer: str
    device_id: str
    language: str | None
    status: str
    started_at: datetime
    completed_at: datetime | None
    updated_at: datetime
    #: The device's offset from UTC when the interview started, e.g. "+05:00".
    tz_offset: str

    @property
    def is_complete(self) -> bool:
        return self.status == COMPLETE

    def local(self, moment: datetime) -> datetime:
        """``moment`` shown in the device's time zone (for display)."""
        return moment.astimezone(parse_offset(self.tz_offset))


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the append-only audit log. Values are in their text (ODK) form."""

    uuid: str
    at: datetime
    who: str
    action: str
    question: str | None
    old_value: str | None
    new_value: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class NewInterview:
    """A whole interview written at once by ``Store.import_interviews`` (demo data, imports).

    ``status`` is "complete" when ``completed_at`` is given, else "draft"; ``updated_at``
    defaults to ``completed_at`` or ``started_at``. ``events`` are paradata rows
    ``(question, "shown" | "answered", at)``.
    """

    form_id: str
    form_version: str
    interviewer: str
    device_id: str
    language: str | None
    answers: Mapping[str, Answer]
    started_at: datetime
    completed_at: datetime | None = None
    updated_at: datetime | None = None
    uuid: str | None = None
    events: tuple[tuple[str, str, datetime], ...] = ()


@dataclass(frozen=True, slots=True)
class MergeSummary:
    """What merging one input file did. ``failure`` is set (and nothing changed) when it failed.

    ``identical``: already in the master as it is (or a version already recorded as a
    conflict); ``updated``: the input had a later version from the same laptop, which replaced
    the master's; ``conflicts``: edited differently elsewhere: the later version is kept and both
    are recorded in the ``conflicts`` table; ``outdated``: the master already had a later version
    from the same laptop.
    """

    source: Path
    forms_added: int = 0
    added: int = 0
    identical: int = 0
    updated: int = 0
    conflicts: int = 0
    outdated: int = 0
    #: Rows set aside in the master's ``quarantine`` table (values Kelisim cannot read).
    set_aside: int = 0
    #: Lines to show under the summary line: the input's log left out, rows set aside.
    notes: tuple[Message, ...] = ()
    #: The messages of the error that stopped this input (empty when it was merged).
    failure: tuple[Message, ...] = ()
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.error_code is None

    def message(self) -> Message:
        """One line for people, e.g. ``laptop3.db: 120 added, 4 identical, 1 updated, 0
        conflicts`` (rendered at the edge in the interface language)."""
        file = self.source.name
        if not self.ok:
            here = str(self.source)
            error = [m.at(Location()) if m.location == Location(file=here) else m
                     for m in self.failure]
            return StoreCode.MERGE_FAILED.message(file=file, error=error)
        outdated = StoreCode.MERGE_OUTDATED.message(count=self.outdated) if self.outdated \
            else None
        forms = StoreCode.MERGE_FORMS.message(count=self.forms_added) if self.forms_added \
            else None
        return StoreCode.MERGED.message(file=file, added=self.added, identical=self.identical,
                                        updated=self.updated, conflicts=self.conflicts,
                                        outdated=outdated, forms=forms)
