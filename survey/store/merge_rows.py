"""Row copying for merge: new interviews, differing versions, audit log and paradata.

Runs on the master connection with the input attached as ``src`` and the temp tables
``merge_new`` / ``merge_common`` filled by ``survey.store.merge``.
"""

from __future__ import annotations

from survey.store import media
from survey.store.conflicts import settle
from survey.store.connection import Connection
from survey.store.versions import COLUMNS, load

_INTERVIEW_COLUMNS = ", ".join(COLUMNS)
_AUDIT_COLUMNS = "entry_id, uuid, at, who, action, question, old_value, new_value, reason"
#: The trail of an interview sealed in the master is inside its envelope: an input's earlier
#: (draft) entries are not added beside it.
_NOT_SEALED = "uuid NOT IN (SELECT uuid FROM main.sealed WHERE opened_at IS NULL)"


def copy_new(master: Connection) -> int:
    """Copy interviews the master lacks, with their answers; returns how many."""
    added = master.execute(
        f"INSERT INTO main.interviews ({_INTERVIEW_COLUMNS}) SELECT {_INTERVIEW_COLUMNS} "
        "FROM src.interviews WHERE uuid IN (SELECT uuid FROM temp.merge_new)").rowcount
    _copy_keys(master)
    master.execute(
        "INSERT INTO main.answer_rows (interview, question, value_type, value_text, value_num, "
        "updated_at) SELECT mk.id, mq.id, a.value_type, a.value_text, a.value_num, a.updated_at "
        f"FROM {_SOURCE_KEYS} JOIN src.answer_rows a ON a.interview = sk.id "
        "JOIN src.question_names sq ON sq.id = a.question "
        "JOIN main.question_names mq ON mq.name = sq.name "
        "WHERE sk.uuid IN (SELECT uuid FROM temp.merge_new) ORDER BY mk.id, mq.id")
    master.execute(
        f"INSERT INTO main.media ({media.COLUMNS}) SELECT {media.COLUMNS} "
        "FROM src.media WHERE uuid IN (SELECT uuid FROM temp.merge_new)")
    return added


def copy_trail(master: Connection, skipped_audit: tuple[int, ...] = ()) -> int:
    """Add the input's audit entries and paradata events the master lacks (not of interviews
    sealed in the master); returns how many.

    ``skipped_audit``: ids of input audit entries set aside (the audit log refuses deletes, so
    they are still in the input's copy).
    """
    master.execute("CREATE TEMP TABLE IF NOT EXISTS merge_skipped (id INTEGER PRIMARY KEY)")
    master.execute("DELETE FROM temp.merge_skipped")
    master.executemany("INSERT INTO temp.merge_skipped (id) VALUES (?)",
                       [(i,) for i in skipped_audit])
    audit = master.execute(f"INSERT OR IGNORE INTO main.audit_log ({_AUDIT_COLUMNS}) "
                           f"SELECT {_AUDIT_COLUMNS} FROM src.audit_log WHERE id NOT IN "
                           f"(SELECT id FROM temp.merge_skipped) AND {_NOT_SEALED} "
                           "ORDER BY id").rowcount
    _copy_keys(master)
    events = master.execute(
        "INSERT OR IGNORE INTO main.paradata_rows (interview, at, question, event) "
        f"SELECT mk.id, p.at, mq.id, p.event FROM {_SOURCE_KEYS} "
        "JOIN src.paradata_rows p ON p.interview = sk.id "
        "JOIN src.question_names sq ON sq.id = p.question "
        "JOIN main.question_names mq ON mq.name = sq.name "
        f"WHERE sk.uuid IN (SELECT uuid FROM main.interviews) AND sk.{_NOT_SEALED} "
        "ORDER BY mk.id, p.at").rowcount
    return audit + events


#: The input's interview keys joined to the master's (``sk``, ``mk``).
_SOURCE_KEYS = "src.interview_keys sk JOIN main.interview_keys mk ON mk.uuid = sk.uuid"


def _copy_keys(master: Connection) -> None:
    """Master keys for the input's interviews and the question names of its rows."""
    master.execute(
        "INSERT INTO main.interview_keys (uuid) SELECT s.uuid FROM src.interviews s "
        "WHERE s.uuid NOT IN (SELECT uuid FROM main.interview_keys) ORDER BY s.rowid")
    master.execute(
        "INSERT INTO main.question_names (name) SELECT s.name FROM src.question_names s "
        "WHERE s.name NOT IN (SELECT name FROM main.question_names) AND (s.id IN "
        "(SELECT question FROM src.answer_rows) OR s.id IN (SELECT question FROM "
        "src.paradata_rows)) ORDER BY s.id")


def reconcile(master: Connection, *, source: str, now: str) -> dict[str, int]:
    """Compare interviews both databases hold; keep the latest, record conflicts
    (:mod:`survey.store.conflicts`)."""
    counts = {"identical": 0, "updated": 0, "conflicts": 0, "outdated": 0}
    if master.scalar("SELECT count(*) FROM temp.merge_common") == 0:
        return counts
    ours, theirs = load(master, "main", "merge_common"), load(master, "src", "merge_common")
    for uuid, mine in ours.items():
        counts[settle(master, uuid, mine, theirs[uuid], source=source, now=now)] += 1
    return counts
