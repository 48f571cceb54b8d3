"""Writing one batch of a sync to the server in one transaction.

Rows are copied (COPY) into temporary staging tables, then moved with set-based statements.
The batch is optimistic: an interview is inserted only if the server still lacks it, and
replaced only if the server still holds the version the mirror was filled with (same change
number ``seq``). If another laptop got there first, :class:`Stale` is raised and the whole
batch is rolled back; the sync then starts over from a fresh mirror. Audit entries, paradata
events and conflicts are added unless already there, so a batch sent twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def prepare(pg: Conn) -> None:
    """Create the session's staging tables (once per connection)."""
    with pg.transaction():
        pg.execute(_SETUP)


def send(pg: Conn, batch: Batch, source: str) -> None:
    """Write ``batch`` in one transaction; :class:`Stale` (rolled back) if overtaken."""
    with pg.transaction():
        if batch.forms:
            _copy(pg, "kelisim.forms", _FORMS, batch.forms)
            _copy(pg, "kelisim.form_files", _FORM_FILES, batch.form_files)
        _copy(pg, "s_interviews", _STAGING["s_interviews"], batch.interviews)
        _copy(pg, "s_events", _STAGING["s_events"], batch.events)
        for table, rows in batch.trail.items():
            _copy(pg, f"s_{table}", _STAGING[f"s_{table}"], rows)
        new = sum(1 for row in batch.interviews if row[-1] is None)
        _expect(pg, new, f"INSERT INTO kelisim.interviews ({_WRITTEN}) SELECT {_WRITTEN} "
                         "FROM s_interviews WHERE expected_seq IS NULL ON CONFLICT (uuid) "
                         "DO NOTHING")
        _expect(pg, len(batch.interviews) - new,
                f"UPDATE kelisim.interviews k SET {_ASSIGN} FROM s_interviews s "
                "WHERE k.uuid = s.uuid AND s.expected_seq IS NOT NULL "
                "AND k.seq = s.expected_seq")
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
