"""An open connection to a Kelisim server, with what sync and the readers ask of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from survey.store.postgres import mirror, upload
from survey.store.postgres.admin import require_current
from survey.store.postgres.connection import Address, Conn, connect, errors_translated

_STATES = """
SELECT i.uuid, i.seq, i.fingerprint, i.updated_at, i.last_device_id,
    (SELECT encode(sha256(convert_to(string_agg(a.entry_id, E'\\n' ORDER BY a.entry_id
        COLLATE "C"), 'UTF8')), 'hex') FROM kelisim.audit_log a WHERE a.uuid = i.uuid),
    (SELECT encode(sha256(convert_to(array_to_string(p.events, E'\\n'), 'UTF8')), 'hex')
        FROM kelisim.paradata p WHERE p.uuid = i.uuid)
FROM kelisim.interviews i WHERE i.uuid = ANY(%s)
"""


@dataclass(frozen=True)
class Rights:
    """What the connected login may send: every interview (the owner) or only those of
    ``interviewers`` (an interviewer account); ``publish``: it may add forms."""

    everything: bool
    interviewers: frozenset[str]
    publish: bool

    def may_send(self, interviewer: str) -> bool:
        return self.everything or interviewer in self.interviewers


class Server:
    """A Kelisim server whose schema this program knows (checked when opening)."""

    def __init__(self, conn: Conn, address: Address) -> None:
        self.conn = conn
        self.address = address

    @classmethod
    def open(cls, address: Address, password: str | None) -> Server:
        conn = connect(address, password, autocommit=True)
        try:
            with errors_translated(address):
                require_current(conn, address)
        except BaseException:
            conn.close()
            raise
        return cls(conn, address)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    # -- sending -----------------------------------------------------------------------------

    def rights(self) -> Rights:
        with errors_translated(self.address):
            owner, interviewer = self.conn.execute(
                "SELECT pg_has_role(current_user, t.tableowner, 'MEMBER'), "
                "pg_has_role(current_user, 'kelisim_interviewer', 'MEMBER') "
                "FROM pg_tables t WHERE t.schemaname = 'kelisim' "
                "AND t.tablename = 'interviews'").fetchone() or (False, False)
            names = [] if owner or not interviewer else [row[0] for row in self.conn.execute(
                "SELECT interviewer FROM kelisim.accounts WHERE login = current_user")]
        return Rights(bool(owner), frozenset(names), bool(owner))

    def copy_all(self, workspace: mirror.Workspace) -> mirror.Baseline:
        """Every interview this login reads (and every form) into ``workspace``'s store,
        from one snapshot (``survey.sync.pull``)."""
        with errors_translated(self.address), self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            uuids = [row[0] for row in self.conn.execute(
                "SELECT uuid FROM kelisim.interviews ORDER BY uuid")]
            return workspace.fill(self.conn, uuids)

    def versions(self, uuids: list[str], *, others: bool
                 ) -> tuple[dict[str, tuple[int, mirror.State, mirror.Digests]], set[str]]:
        """From one snapshot: for each of ``uuids`` the server holds and this login sees, its
        change number, version state and trail digests (comparable with
        ``Workspace.laptop``); with ``others``, which of the rest the server holds for other
        interviewers (``kelisim.existing``: the ids only).

        One snapshot, so an interview another laptop commits meanwhile is in neither answer:
        sending it as new then finds it there and is :class:`upload.Stale`, and the next pass
        sees it. (Read apart, it could be missing from the first and present in the second,
        and be taken for someone else's: its edits and conflict never sent.)"""
        found: dict[str, tuple[int, mirror.State, mirror.Digests]] = {}
        with errors_translated(self.address), self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            for chunk in mirror.chunks(uuids, 5000):
                for uuid, seq, fp, updated, device, audit, events in self.conn.execute(
                        _STATES, (chunk,)):
                    found[uuid] = (int(seq), (fp, updated, device), (audit, events))
            unseen = [u for u in uuids if u not in found] if others else []
            taken = {row[0] for row in self.conn.execute(
                "SELECT * FROM kelisim.existing(%s)", (unseen,))} if unseen else set()
        return found, taken

    def fill_mirror(self, workspace: mirror.Workspace, uuids: list[str]) -> mirror.Baseline:
        """The server's rows of ``uuids`` into the mirror, from one snapshot."""
        with errors_translated(self.address), self.conn.transaction():
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return workspace.fill(self.conn, uuids)

    def prepare_upload(self) -> None:
        with errors_translated(self.address):
            upload.prepare(self.conn)

    def send(self, batch: mirror.Batch, source: str,
             written: Callable[[], None] | None = None) -> None:
        """One batch in one transaction; ``upload.Stale`` when overtaken (nothing written).
        ``written`` is called before the commit."""
        with errors_translated(self.address):
            upload.send(self.conn, batch, source, written)

    # -- receiving ---------------------------------------------------------------------------

    def forms_except(self, known: set[tuple[str, str]]
                     ) -> list[tuple[str, str, bytes, dict[str, bytes]]]:
        """(form_id, version, XLSForm bytes, files that come with it by name) of the forms
        not in ``known``, oldest first."""
        with errors_translated(self.address):
            rows = self.conn.execute("SELECT form_id, version, xlsform FROM kelisim.forms "
                                     "ORDER BY registered_at, form_id, version").fetchall()
            wanted = [(f, v, bytes(data)) for f, v, data in rows if (f, v) not in known]
            return [(f, v, data, self.form_files(f, v)) for f, v, data in wanted]

    def form_files(self, form_id: str, version: str) -> dict[str, bytes]:
        """The files that come with a form version, by name."""
        with errors_translated(self.address):
            return {name: bytes(data) for name, data in self.conn.execute(
                "SELECT name, data FROM kelisim.form_files WHERE form_id = %s AND version = %s "
                "ORDER BY name", (form_id, version))}

    def form_digests(self) -> dict[tuple[str, str], str]:
        """SHA-256 of each form version's file on the server."""
        with errors_translated(self.address):
            return {(f, v): sha for f, v, sha in self.conn.execute(
                "SELECT form_id, version, sha256 FROM kelisim.forms")}

    def all_quotas(self) -> dict[tuple[str, str], int]:
        with errors_translated(self.address):
            return {(f, r): int(t) for f, r, t in self.conn.execute(
                "SELECT form_id, region, target FROM kelisim.quotas")}
