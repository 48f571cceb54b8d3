"""Sealed interviews in a merge: envelopes travel as they are, never opened.

Runs on the master connection with the input attached as ``src`` and the temp tables
``merge_new`` / ``merge_common`` filled (see :mod:`survey.store.merge`), before the versions of
common interviews are compared. A sealed interview is complete and can no longer change, so:

- new to the master: its envelope is copied with it;
- sealed in the master, not in the input: the input holds an earlier state (a draft packed
  before completion), which is outdated;
- sealed in the input only (a draft or a readable earlier version in the master): the sealed
  interview replaces it (its answers, audit entries, paradata and files leave the master),
  since the envelope holds the interview as it was completed last;
- sealed on both sides: the same envelope is identical, except that an input where it was
  unsealed gives the master what it read (so an unsealed copy and the laptop's pack give the
  same master in either order); another envelope (the same interview sealed twice from copies
  of one file) is settled by :mod:`survey.store.sealed_conflicts`: the latest sealed is kept
  and every other is recorded whole in ``conflicts``.

Every interview settled here is taken out of ``merge_common``, so merging the same inputs
twice or in any order gives the same master.
"""

from __future__ import annotations

from collections import Counter

from survey.store import media
from survey.store.connection import Connection
from survey.store.sealed_conflicts import settle_envelopes
from survey.store.versions import COLUMNS

_SEALED_COLUMNS = "uuid, key_id, envelope, sha256, region, sealed_at, opened_at"
_REMOVED = ("answers", "media", "paradata", "audit_log")
#: What an unsealed copy holds of a sealed interview (the rows of its envelope).
_OPENED = {"answers": "uuid, question, value_type, value_text, value_num, updated_at",
           "audit_log": "entry_id, uuid, at, who, action, question, old_value, new_value, reason",
           "paradata": "uuid, question, event, at", "media": media.COLUMNS}


def copy_sealed(master: Connection, *, source: str, now: str) -> Counter[str]:
    """Copy envelopes and settle interviews sealed on either side; counts for the summary."""
    master.execute(f"INSERT INTO main.sealed ({_SEALED_COLUMNS}) SELECT {_SEALED_COLUMNS} "
                   "FROM src.sealed WHERE uuid IN (SELECT uuid FROM temp.merge_new)")
    rows = master.query(
        "SELECT c.uuid, s.sha256, s.opened_at, m.sha256, m.opened_at FROM temp.merge_common c "
        "LEFT JOIN src.sealed s ON s.uuid = c.uuid LEFT JOIN main.sealed m ON m.uuid = c.uuid "
        "WHERE s.uuid IS NOT NULL OR m.uuid IS NOT NULL")
    counts: Counter[str] = Counter()
    for uuid, theirs, their_opened, mine, my_opened in rows:
        if theirs is not None and their_opened is not None and mine is None:
            _copy_envelope(master, uuid)  # an unsealed copy: compared as any interview
            continue
        counts[_settle(master, uuid, (theirs, their_opened), (mine, my_opened),
                       source=source, now=now)] += 1
        master.execute("DELETE FROM temp.merge_common WHERE uuid = ?", (uuid,))
    return counts


def _settle(master: Connection, uuid: str, theirs: tuple[str | None, str | None],
            mine: tuple[str | None, str | None], *, source: str, now: str) -> str:
    """What becomes of one common interview sealed on either side (see the module notes)."""
    if mine[0] is None:  # sealed in the input only: the envelope is the final version
        _replace_with_sealed(master, uuid)
        return "updated"
    if theirs[0] is None:  # the input holds an earlier, readable state
        return "outdated"
    if theirs[0] != mine[0]:
        return settle_envelopes(master, uuid, source=source, now=now)
    if theirs[1] is not None and mine[1] is None:  # unsealed in the input: take what it read
        _take_unsealed(master, uuid)
        return "updated"
    return "identical"


def _copy_envelope(master: Connection, uuid: str) -> None:
    master.execute(f"INSERT INTO main.sealed ({_SEALED_COLUMNS}) SELECT {_SEALED_COLUMNS} "
                   "FROM src.sealed WHERE uuid = ?", (uuid,))


def _take_unsealed(master: Connection, uuid: str) -> None:
    for table, columns in _OPENED.items():
        master.execute(f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} "
                       f"FROM src.{table} WHERE uuid = ?", (uuid,))
    master.execute("UPDATE main.sealed SET opened_at = (SELECT opened_at FROM src.sealed "
                   "WHERE uuid = ?) WHERE uuid = ?", (uuid, uuid))


def _replace_with_sealed(master: Connection, uuid: str) -> None:
    """The master's version becomes the input's sealed interview (envelope first: the audit
    log lets only a sealed interview's entries go)."""
    _copy_envelope(master, uuid)
    for table in _REMOVED:
        master.execute(f"DELETE FROM main.{table} WHERE uuid = ?", (uuid,))
    columns = ", ".join(c for c in COLUMNS if c != "uuid")
    master.execute(f"UPDATE main.interviews SET ({columns}) = (SELECT {columns} "
                   "FROM src.interviews WHERE uuid = ?) WHERE uuid = ?", (uuid, uuid))
