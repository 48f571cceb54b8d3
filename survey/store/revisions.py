"""What tells a copy of the store's data (the analysis snapshot) whether it is still current.

``interview_edits`` gives each interview a revision that grows with every change of its row or
its answers, whoever writes (triggers, see :mod:`survey.store.schema_lean`). The change state
(the change counter, and how many revisions and their sum) changes with every such write, so a
copy keyed by it is never trusted after an edit made behind its back.
"""

from __future__ import annotations

from survey.store import meta
from survey.store.connection import Connection
from survey.store.interviews import filters

ChangeState = tuple[int, int, int]


def change_state(conn: Connection) -> ChangeState:
    """(change counter, interviews with revisions, sum of their revisions)."""
    count, total = conn.execute(
        "SELECT count(*), coalesce(sum(revision), 0) FROM interview_edits").fetchone()
    return meta.change_counter(conn), int(count), int(total)


def revisions(conn: Connection, status: str | None, form_id: str | None) -> dict[str, int]:
    """The revision of every interview selected by status and form (0: never changed)."""
    where, params = filters(status, form_id, "i.")
    return {uuid: int(revision) for uuid, revision in conn.query(
        "SELECT i.uuid, coalesce(e.revision, 0) FROM interviews i LEFT JOIN interview_keys k "
        f"ON k.uuid = i.uuid LEFT JOIN interview_edits e ON e.interview = k.id{where}", params)}
