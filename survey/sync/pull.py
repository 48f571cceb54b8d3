"""``kelisim server pull URL --into MASTER.db``: the server's interviews into a SQLite master.

The server's rows (every interview the login may read, with answers, audit entries,
paradata, conflicts, attached files, envelopes of sealed interviews, and every questionnaire)
are copied from one snapshot into a private scratch store, which is then merged into the
master with merge's rules (nothing dropped, any order, merging again changes nothing). The
master is where sealed interviews are opened: ``kelisim unseal --key K --into MASTER.db``.
The server is only read.
"""

from __future__ import annotations

from pathlib import Path

from survey.private import scratch_folder
from survey.store import merge
from survey.store.postgres import mirror
from survey.store.postgres.connection import Address
from survey.store.postgres.remote import Server
from survey.store.records import MergeSummary


def pull(address: Address, password: str | None, into: Path | str) -> MergeSummary:
    """Merge a copy of the server into the store at ``into`` (created when missing)."""
    with Server.open(address, password) as server, scratch_folder("pull") as folder:
        workspace = mirror.Workspace(folder, None)
        try:
            server.copy_all(workspace)
        finally:
            workspace.close()
        source = folder / "kelisim-server.db"  # the name merge records as the source
        workspace.path.rename(source)
        (summary,) = merge(into, [source])
    return summary
