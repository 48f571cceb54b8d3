"""Plain records the store hands out and takes in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from survey.form.model import Text
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
    """What merging one input file did. ``error`` is set (and nothing changed) when it failed.

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
    error: str | None = None
    error_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        """One line for people: ``laptop3.db: 120 added, 4 identical, 1 updated, 0 conflicts``."""
        if self.error is not None:
            return f"{self.source.name}: FAILED, nothing merged: {self.error}"
        text = (f"{self.source.name}: {self.added} added, {self.identical} identical, "
                f"{self.updated} updated, {self.conflicts} conflicts")
        if self.outdated:
            text += f", {self.outdated} older than the master's copy (kept the master's)"
        if self.forms_added:
            text += f"; {self.forms_added} new form version(s)"
        return text
