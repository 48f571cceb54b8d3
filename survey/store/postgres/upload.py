"""Writing one batch of a sync to the server in one transaction.

Rows are copied (COPY) into temporary staging tables, then moved with set-based statements.
The batch is optimistic: an interview is inserted only if the server still lacks it, and
replaced only if the server still holds the version the mirror was filled with (same change
number ``seq``). If another laptop got there first (or added the same form version, or its
batch and this one wait for each other's rows), :class:`Stale` is raised and the whole batch is
rolled back; the sync then starts over from a fresh mirror. Conflict rows merge deleted in the
mirror (their other version superseded) are deleted in the same transaction. Audit entries,
paradata events and conflicts are added unless already there, so a batch sent twice adds
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from psycopg import errors as pg_errors

from survey.store import media
from survey.store.postgres.connection import Conn
from survey.store.postgres.mirror import _FORM_FILES, _FORMS, _INTERVIEWS, SEALED, TRAIL, Batch

_STAGING = {
    "s_interviews": f"{_INTERVIEWS}, answers, fingerprint, expected_seq",
    "s_events": "uuid, events",
    "s_audit_log": TRAIL["audit_log"],
    "s_conflicts": TRAIL["conflicts"],
    "s_media": media.COLUMNS,
    "s_sealed": SEALED,
    "s_gone": "uuid, kept_sha256, other_sha256",
}
_TYPES = {"answers": "jsonb", "expected_seq": "bigint", "size": "bigint", "data": "bytea",
          "envelope": "bytea"}
_SEALED_ASSIGN = ", ".join(f"{c} = excluded.{c}" for c in SEALED.split(", ")[1:])
_MEDIA_ASSIGN = ", ".join(f"{c} = excluded.{c}" for c in media.COLUMNS.split(", ")[2:])
_WRITTEN = f"{_INTERVIEWS}, answers, fingerprint"
_ASSIGN = ", ".join(f"{c} = s.{c}" for c in _WRITTEN.split(", ") if c != "uuid")
_UNION = ("ARRAY(SELECT e FROM unnest(kelisim.paradata.events || excluded.events) e GROUP BY e "
          'ORDER BY e COLLATE "C")')


def _staging_table(name: str, columns: str) -> str:
    typed = ", ".join(f"{c} {_TYPES.get(c, 'text')}" for c in columns.split(", "))
    return (f"CREATE TEMP TABLE IF NOT EXISTS {name} (sid bigint GENERATED ALWAYS AS IDENTITY, "
            f"{typed}) ON COMMIT DELETE ROWS;")


_SETUP = "\n".join(_staging_table(name, columns) for name, columns in _STAGING.items())


class Stale(Exception):
    """The server changed since the mirror was filled; nothing of the batch was written."""


#: Errors of a batch overtaken by another writer's commit: a form version or interview it
#: adds was just added (unique keys), or two batches wait for each other's rows (deadlock).
_OVERTAKEN = (pg_errors.UniqueViolation, pg_errors.DeadlockDetected,
              pg_errors.SerializationFailure)


def prepare(pg: Conn) -> None:
    """Create the session's staging tables (once per connection)."""
    with pg.transaction():
        pg.execute(_SETUP)


def send(pg: Conn, batch: Batch, source: str, written: Callable[[], None] | None = None) -> None:
    """Write ``batch`` in one transaction; :class:`Stale` (rolled back) if overtaken.
    ``written``: called when every row is written, before the commit."""
    try:
        _write(pg, batch, source, written)
    except _OVERTAKEN as error:
        raise Stale() from error


def _write(pg: Conn, batch: Batch, source: str, written: Callable[[], None] | None) -> None:
    with pg.transaction():
        _write_interviews(pg, batch)
        _write_attached(pg, batch, source)
        if written is not None:
            written()


def _write_interviews(pg: Conn, batch: Batch) -> None:
    """Forms, then the interviews written whole: inserted only if still missing, replaced
    only if still at the change number the batch was planned against (else Stale)."""
    if batch.forms:
        _copy(pg, "kelisim.forms", _FORMS, batch.forms)
        _copy(pg, "kelisim.form_files", _FORM_FILES, batch.form_files)
    _copy(pg, "s_interviews", _STAGING["s_interviews"], batch.interviews)
    _copy(pg, "s_events", _STAGING["s_events"], batch.events)
    for table, rows in batch.trail.items():
        _copy(pg, f"s_{table}", _STAGING[f"s_{table}"], rows)
    new = sum(1 for row in batch.interviews if row[-1] is None)
    _expect(pg, new, f"INSERT INTO kelisim.interviews ({_WRITTEN}) SELECT {_WRITTEN} "
                     "FROM s_interviews WHERE expected_seq IS NULL ORDER BY uuid "
                     "ON CONFLICT (uuid) DO NOTHING")
    _expect(pg, len(batch.interviews) - new,
            f"UPDATE kelisim.interviews k SET {_ASSIGN} FROM s_interviews s "
            "WHERE k.uuid = s.uuid AND s.expected_seq IS NOT NULL "
            "AND k.seq = s.expected_seq")


def _write_attached(pg: Conn, batch: Batch, source: str) -> None:
    """What belongs to the batch's interviews: conflicts settled, files, envelopes,
    paradata, audit entries and new conflict rows (each added once)."""
    if batch.gone:  # conflict rows of superseded versions, as merge deletes them
        _copy(pg, "s_gone", _STAGING["s_gone"], batch.gone)
        pg.execute("DELETE FROM kelisim.conflicts c USING s_gone g WHERE c.uuid = g.uuid "
                   "AND c.kept_sha256 = g.kept_sha256 AND c.other_sha256 = g.other_sha256")
    if batch.media:
        _copy(pg, "s_media", _STAGING["s_media"], batch.media)
        pg.execute(f"INSERT INTO kelisim.media ({media.COLUMNS}) SELECT {media.COLUMNS} "
                   "FROM s_media ON CONFLICT (uuid, question) DO UPDATE SET "
                   f"{_MEDIA_ASSIGN} WHERE kelisim.media.name <> excluded.name")
    if batch.sealed:  # an envelope, or the one merge kept instead of the server's
        _copy(pg, "s_sealed", _STAGING["s_sealed"], batch.sealed)
        pg.execute(f"INSERT INTO kelisim.sealed ({SEALED}) SELECT {SEALED} FROM s_sealed "
                   f"ON CONFLICT (uuid) DO UPDATE SET {_SEALED_ASSIGN} "
                   "WHERE kelisim.sealed.sha256 <> excluded.sha256")
    if batch.events:
        pg.execute("INSERT INTO kelisim.paradata (uuid, events) SELECT uuid, "
                   "string_to_array(events, E'\\n') FROM s_events "
                   f"ON CONFLICT (uuid) DO UPDATE SET events = {_UNION} "
                   "WHERE NOT excluded.events <@ kelisim.paradata.events")
    if batch.trail.get("conflicts"):
        pg.execute("UPDATE s_conflicts SET source = %s", (source,))
    for table, columns in TRAIL.items():
        if table != "paradata" and batch.trail.get(table):
            pg.execute(f"INSERT INTO kelisim.{table} ({columns}) SELECT {columns} "
                       f"FROM s_{table} ORDER BY sid ON CONFLICT DO NOTHING")


def _copy(pg: Conn, table: str, columns: str, rows: Sequence[Sequence[object]]) -> None:
    if not rows:
        return
    with pg.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _expect(pg: Conn, count: int, statement: str) -> None:
    if count and pg.execute(statement).rowcount != count:
        raise Stale()
