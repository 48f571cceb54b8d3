"""The rows the export reads, from a database file or from a Kelisim server.

A file's :class:`~survey.store.Store` hands them out as stored (``survey.store.raw``: one row
per interview with its answers joined, never failing on a value). A server reader offers the
ordinary typed records instead; here they are put in the same shape (interview rows numbered
in UUID order, answers in their text form), so the table is built the same way from both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from survey.interview.answers import to_odk
from survey.store.raw import SEPARATOR
from survey.store.reader import Reader
from survey.store.timestamps import to_text

Row = tuple[Any, ...]


def interview_rows(reader: Reader, form_id: str, status: str | None) -> list[Row]:
    """``(row number, uuid, form_id, form_version, interviewer, device_id, language,
    status, started_at, completed_at)`` of every interview, ordered by UUID."""
    raw = getattr(reader, "raw_interviews", None)
    if raw is not None:
        return list(raw(form_id, status))
    records = sorted(reader.interviews(status=status, form_id=form_id), key=lambda r: r.uuid)
    return [(number, r.uuid, r.form_id, r.form_version, r.interviewer, r.device_id, r.language,
             r.status, to_text(r.started_at),
             None if r.completed_at is None else to_text(r.completed_at))
            for number, r in enumerate(records, start=1)]


class AnswerSource:
    """Each interview's answers as ``(row number, questions, answers, count)`` batches."""

    def __init__(self, reader: Reader, form_id: str, status: str | None,
                 rows: list[Row], *, only_these: bool = False) -> None:
        self._reader, self._form_id, self._status = reader, form_id, status
        self._numbers = {row[1]: row[0] for row in rows}
        self._kept: dict[int, list[tuple[str, object]]] = {}
        #: Read the answers of ``rows`` alone (a few interviews of many), not of every one.
        self._rowids = [row[0] for row in rows] if only_these else None

    def batches(self) -> Iterator[list[Row]]:
        groups = getattr(self._reader, "raw_answer_groups", None)
        if groups is not None:
            if self._rowids is not None:
                yield from groups(self._form_id, self._status, rowids=self._rowids)
            else:
                yield from groups(self._form_id, self._status)
            return
        yield from self._from_records()

    def answers_of(self, number: int) -> list[tuple[str, object]]:
        """One interview's ``(question, text)`` (for answers that hold the separator)."""
        of = getattr(self._reader, "raw_answers_of", None)
        return list(of(number)) if of is not None else self._kept.get(number, [])

    def _from_records(self) -> Iterator[list[Row]]:
        current: str | None = None
        answers: list[tuple[str, object]] = []
        batch: list[Row] = []
        for uuid, question, value in self._reader.answer_rows(form_id=self._form_id,
                                                              status=self._status):
            if uuid != current:
                if current is not None and current in self._numbers:
                    batch.append(self._row(current, answers))
                current, answers = uuid, []
            answers.append((question, to_odk(value)))
            if len(batch) >= 20_000:
                yield batch
                batch = []
        if current is not None and current in self._numbers:
            batch.append(self._row(current, answers))
        if batch:
            yield batch

    def _row(self, uuid: str, answers: list[tuple[str, object]]) -> Row:
        number = self._numbers[uuid]
        if any(SEPARATOR in str(text) for _, text in answers):
            self._kept[number] = answers
        return (number, SEPARATOR.join(q for q, _ in answers),
                SEPARATOR.join(str(t) for _, t in answers), len(answers))


def paradata_rows(reader: Reader, form_id: str, status: str | None) -> list[Row]:
    """``(uuid, question, event, at)`` of every paradata event, by interview and time."""
    raw = getattr(reader, "raw_paradata", None)
    if raw is not None:
        return list(raw(form_id, status))
    return [(r.uuid, question, event, at) for r in _records(reader, form_id, status)
            for question, event, at in reader.events(r.uuid)]


def audit_rows(reader: Reader, form_id: str, status: str | None) -> list[Row]:
    """``(uuid, at, who, action, question, old_value, new_value, reason)`` of the audit log."""
    raw = getattr(reader, "raw_audit", None)
    if raw is not None:
        return list(raw(form_id, status))
    return [(e.uuid, to_text(e.at), e.who, e.action, e.question, e.old_value, e.new_value,
             e.reason) for r in _records(reader, form_id, status)
            for e in reader.audit_log(r.uuid)]


def _records(reader: Reader, form_id: str, status: str | None) -> list[Any]:
    return sorted(reader.interviews(status=status, form_id=form_id), key=lambda r: r.uuid)
