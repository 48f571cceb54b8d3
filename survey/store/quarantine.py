"""Values a merge input holds that Kelisim cannot read are set aside, never merged nor dropped.

Before an input's rows are copied, :func:`survey.store.sweep.sweep` checks every interview,
answer, paradata event and audit entry of the input's private copy (the checks are
:mod:`survey.store.cells`) and takes out what fails. Here those rows are written, in the
merge's own transaction, to the master's ``quarantine`` table: the whole row as stored (text
that is not UTF-8 and BLOBs as hex) with the reason's message code; an interview whose own row
fails is set aside whole, with its answers, paradata and audit entries. So one bad laptop can
never make every export and report of the master fail, and nothing it holds is lost.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from survey.messages import Message
from survey.store.codes import StoreCode
from survey.store.connection import Connection


@dataclass(frozen=True, slots=True)
class SetAside:
    """One row set aside: which part of the file, the interview and question, why, the row."""

    part: str
    uuid: str | None
    question: str | None
    reason: Message
    row: str

    def note_key(self) -> tuple[str, str | None, str, str]:
        """Rows of one part, question and reason share a line of the merge summary."""
        return self.part, self.question, self.reason.code, repr(sorted(self.reason.fields.items()))


@dataclass(frozen=True, slots=True)
class Sweep:
    """What the sweep took out of a copy: the rows, and the audit ids left in it (the
    audit log refuses deletes) that merge must not copy."""

    rows: tuple[SetAside, ...]
    skipped_audit_ids: tuple[int, ...]


def record(master: Connection, found: Sweep, *, source: str, now: str) -> int:
    """Write the rows set aside into the master's ``quarantine`` table (each row once);
    returns how many were new there."""
    return master.executemany(
        "INSERT OR IGNORE INTO main.quarantine (detected_at, source, part, uuid, question, "
        "reason, row, row_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(now, source, r.part, r.uuid, r.question, r.reason.code, r.row,
          hashlib.sha256(r.row.encode("utf-8")).hexdigest()) for r in found.rows])


def notes(found: Sweep) -> tuple[Message, ...]:
    """One line per part, question and reason: how many rows were set aside."""
    counts = Counter(r.note_key() for r in found.rows)
    first = {r.note_key(): r for r in reversed(found.rows)}
    return tuple(StoreCode.MERGE_SET_ASIDE.message(count=n, part=_part(key[0], key[1]),
                                                   reason=first[key].reason)
                 for key, n in counts.items())


def _part(part: str, question: str | None) -> Message:
    if part == "answer":
        return StoreCode.PART_ANSWER.message(question=question or "?")
    if part == "interview":
        return StoreCode.PART_INTERVIEW.message(column=question or "?")
    return StoreCode.PART_PARADATA.message() if part == "paradata" else \
        StoreCode.PART_AUDIT.message()
