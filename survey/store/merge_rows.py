"""Row copying for merge: new interviews, differing versions, audit log and paradata.

Runs on the master connection with the input attached as ``src`` and the temp tables
``merge_new`` / ``merge_common`` filled by ``survey.store.merge``.
"""

from __future__ import annotations

from survey.store.connection import Connection
from survey.store.versions import COLUMNS, Version, load

_INTERVIEW_COLUMNS = ", ".join(COLUMNS)
_ANSWER_COLUMNS = "uuid, question, value_type, value_text, value_num, updated_at"
_AUDIT_COLUMNS = "entry_id, uuid, at, who, action, question, old_value, new_value, reason"
_PARADATA_COLUMNS = "uuid, question, event, at"
_MEDIA_COLUMNS = "uuid, question, name, original_name, sha256, size, data"


def copy_new(master: Connection) -> int:
    """Copy interviews the master lacks, with their answers; returns how many."""
    added = master.execute(
        f"INSERT INTO main.interviews ({_INTERVIEW_COLUMNS}) SELECT {_INTERVIEW_COLUMNS} "
        "FROM src.interviews WHERE uuid IN (SELECT uuid FROM temp.merge_new)").rowcount
    master.execute(
        f"INSERT INTO main.answers ({_ANSWER_COLUMNS}) SELECT {_ANSWER_COLUMNS} "
        "FROM src.answers WHERE uuid IN (SELECT uuid FROM temp.merge_new) ORDER BY uuid, question")
    master.execute(
        f"INSERT INTO main.media ({_MEDIA_COLUMNS}) SELECT {_MEDIA_COLUMNS} "
        "FROM src.media WHERE uuid IN (SELECT uuid FROM temp.merge_new)")
    return added


def copy_trail(master: Connection) -> int:
    """Add the input's audit entries and paradata events the master lacks; returns how many."""
    audit = master.execute(f"INSERT OR IGNORE INTO main.audit_log ({_AUDIT_COLUMNS}) "
                           f"SELECT {_AUDIT_COLUMNS} FROM src.audit_log ORDER BY id").rowcount
    events = master.execute(f"INSERT OR IGNORE INTO main.paradata ({_PARADATA_COLUMNS}) "
                            f"SELECT {_PARADATA_COLUMNS} FROM src.paradata ORDER BY id").rowcount
    return audit + events


def reconcile(master: Connection, *, source: str, now: str) -> dict[str, int]:
    """Compare interviews both databases hold; keep the latest, record conflicts."""
    counts = {"identical": 0, "updated": 0, "conflicts": 0, "outdated": 0}
    if master.scalar("SELECT count(*) FROM temp.merge_common") == 0:
        return counts
    ours, theirs = load(master, "main", "merge_common"), load(master, "src", "merge_common")
    for uuid, mine in ours.items():
        counts[_settle(master, uuid, mine, theirs[uuid], source, now)] += 1
    return counts


def _settle(master: Connection, uuid: str, mine: Version, other: Version, source: str,
            now: str) -> str:
    if mine.fingerprint == other.fingerprint:
        return "identical"
    input_wins = (other.updated_at, other.fingerprint) > (mine.updated_at, mine.fingerprint)
    winner, loser = (other, mine) if input_wins else (mine, other)
    if mine.last_device_id == other.last_device_id and _continues(winner, loser):
        if input_wins:
            _replace(master, uuid)
            return "updated"
        return "outdated"
    recorded = master.execute(
        "INSERT OR IGNORE INTO main.conflicts (uuid, detected_at, source, kept_sha256, "
        "other_sha256, kept_version, other_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (uuid, now, source, winner.fingerprint, loser.fingerprint, winner.as_json(),
         loser.as_json())).rowcount
    if not recorded:
        return "identical"
    if input_wins:
        _replace(master, uuid)
    return "conflicts"


def _continues(newer: Version, older: Version) -> bool:
    """Whether ``newer`` is ``older`` edited further: it keeps every answer of ``older``,
    changed only by a later save. Two laptops cloned from one image share a device id; their
    diverging edits fail this test and are kept as a conflict instead of being overwritten."""
    for question, before in older.answers.items():
        after = newer.answers.get(question)
        if after is None:
            return False
        same = (after["type"], after["text"]) == (before["type"], before["text"])
        if not same and str(after["updated_at"]) <= str(before["updated_at"]):
            return False
    return True


def _replace(master: Connection, uuid: str) -> None:
    """The master's copy of ``uuid`` becomes the input's."""
    master.execute("DELETE FROM main.media WHERE uuid = ?", (uuid,))
    master.execute(f"INSERT INTO main.media ({_MEDIA_COLUMNS}) SELECT {_MEDIA_COLUMNS} "
                   "FROM src.media WHERE uuid = ?", (uuid,))
    master.execute("DELETE FROM main.answers WHERE uuid = ?", (uuid,))
    master.execute(f"INSERT INTO main.answers ({_ANSWER_COLUMNS}) SELECT {_ANSWER_COLUMNS} "
                   "FROM src.answers WHERE uuid = ?", (uuid,))
    master.execute(f"UPDATE main.interviews SET ({_INTERVIEW_COLUMNS}) = (SELECT "
                   f"{_INTERVIEW_COLUMNS} FROM src.interviews WHERE uuid = ?) WHERE uuid = ?",
                   (uuid, uuid))
