"""Sealed interviews in a merge: envelopes travel as they are, never opened.

Runs on the master connection with the input attached as ``src`` and the temp tables
``merge_new`` / ``merge_common`` filled (see :mod:`survey.store.merge`), before the versions of
common interviews are compared. A sealed interview is complete and can no longer change, so:

- new to the master: its envelope is copied with it;
- sealed in the master, not in the input: the input holds an earlier state (a draft packed
  before completion), which is outdated;
- sealed in the input, a draft in the master: the sealed interview replaces the draft (its
  answers, audit entries, paradata and files leave the master);
- sealed in the input, complete and readable in the master: the master keeps what it has and
  the envelope, marked as opened;
- sealed on both sides: the same envelope is identical; another one (the same interview
  sealed twice from copies of one file) leaves the master's, counted as outdated.

Every interview settled here is taken out of ``merge_common``, so merging the same inputs
twice or in any order gives the same master.
"""

from __future__ import annotations

from collections import Counter

from survey.store.connection import Connection
from survey.store.versions import COLUMNS

_SEALED_COLUMNS = "uuid, key_id, envelope, sha256, region, sealed_at, opened_at"
_REMOVED = ("answers", "media", "paradata", "audit_log")


def copy_sealed(master: Connection, now: str) -> Counter[str]:
    """Copy envelopes and settle interviews sealed on either side; counts for the summary."""
    master.execute(f"INSERT INTO main.sealed ({_SEALED_COLUMNS}) SELECT {_SEALED_COLUMNS} "
                   "FROM src.sealed WHERE uuid IN (SELECT uuid FROM temp.merge_new)")
    rows = master.query(
        "SELECT c.uuid, s.sha256, s.opened_at, m.sha256, i.status FROM temp.merge_common c "
        "JOIN main.interviews i ON i.uuid = c.uuid "
        "LEFT JOIN src.sealed s ON s.uuid = c.uuid LEFT JOIN main.sealed m ON m.uuid = c.uuid "
        "WHERE s.uuid IS NOT NULL OR m.uuid IS NOT NULL")
    counts: Counter[str] = Counter()
    for uuid, theirs, their_opened, mine, status in rows:
        if theirs is not None and their_opened is not None and mine is None:
            _copy_envelope(master, uuid)  # an unsealed copy: compared as any interview
            continue
        if theirs is None or mine is not None:
            counts["identical" if theirs == mine else "outdated"] += 1
        elif status == "complete":
            _copy_envelope(master, uuid, opened_at=now)
            counts["identical"] += 1
        else:
            _replace_draft(master, uuid)
            counts["updated"] += 1
        master.execute("DELETE FROM temp.merge_common WHERE uuid = ?", (uuid,))
    return counts


def _copy_envelope(master: Connection, uuid: str, opened_at: str | None = None) -> None:
    master.execute(f"INSERT INTO main.sealed ({_SEALED_COLUMNS}) SELECT uuid, key_id, envelope, "
                   "sha256, region, sealed_at, coalesce(?, opened_at) FROM src.sealed "
                   "WHERE uuid = ?", (opened_at, uuid))


def _replace_draft(master: Connection, uuid: str) -> None:
    """The master's draft becomes the input's sealed interview (envelope first: the audit log
    lets only a sealed interview's entries go)."""
    _copy_envelope(master, uuid)
    for table in _REMOVED:
        master.execute(f"DELETE FROM main.{table} WHERE uuid = ?", (uuid,))
    columns = ", ".join(c for c in COLUMNS if c != "uuid")
    master.execute(f"UPDATE main.interviews SET ({columns}) = (SELECT {columns} "
                   "FROM src.interviews WHERE uuid = ?) WHERE uuid = ?", (uuid, uuid))
