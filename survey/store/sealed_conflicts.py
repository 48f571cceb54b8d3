"""Two envelopes of one interview (sealed twice, e.g. from two copies of one laptop file):
the master keeps one and records every other in ``conflicts``, whole, whatever the order.

The kept envelope is the latest sealed (``sealed_at``, then its SHA-256), unless the master
has already unsealed its own (then that one stays: its rows are in the master). Each other
envelope is one ``conflicts`` row ``(kept, other)`` whose ``other_version`` holds the
envelope itself (base64) with its interview row, so nothing is dropped; an analyst can open
it by hand with the project key. ``kept_sha256`` / ``other_sha256`` are the envelopes'
checksums. Runs on the master connection with the input attached as ``src``.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from survey.store.connection import Connection
from survey.store.versions import COLUMNS

_SEALED = "key_id, envelope, sha256, region, sealed_at, opened_at"
_INTERVIEW = ", ".join(COLUMNS)


def settle_envelopes(master: Connection, uuid: str, *, source: str, now: str) -> str:
    """The input's envelope of ``uuid`` differs from the master's: keep one, record the
    others; returns "updated" (the input's is kept) or "conflicts"/"identical"."""
    mine, theirs = _envelope(master, "main", uuid), _envelope(master, "src", uuid)
    known = {mine["sha256"]: mine, theirs["sha256"]: theirs}
    for other in _recorded(master, uuid):
        known.setdefault(other["sha256"], other)
    kept = mine if mine["opened_at"] is not None else max(
        known.values(), key=lambda e: (str(e["sealed_at"]), str(e["sha256"])))
    if kept is not mine:
        _keep(master, uuid, kept)
    added = _store_rows(master, uuid, kept, [e for e in known.values() if e is not kept],
                        source, now)
    if kept is theirs:
        return "updated"
    return "conflicts" if added else "identical"


def _envelope(master: Connection, schema: str, uuid: str) -> dict[str, Any]:
    row = master.execute(f"SELECT {_SEALED} FROM {schema}.sealed WHERE uuid = ?",
                         (uuid,)).fetchone()
    interview = master.execute(f"SELECT {_INTERVIEW} FROM {schema}.interviews WHERE uuid = ?",
                               (uuid,)).fetchone()
    found = dict(zip(_SEALED.split(", "), row, strict=True))
    found["envelope"] = base64.b64encode(bytes(found["envelope"])).decode("ascii")
    found["interview"] = dict(zip(COLUMNS, interview, strict=True))
    return found


def _recorded(master: Connection, uuid: str) -> list[dict[str, Any]]:
    """Envelopes recorded in the master's conflict rows of ``uuid``."""
    found = []
    for (text,) in master.query("SELECT other_version FROM main.conflicts WHERE uuid = ?",
                                (uuid,)):
        data = json.loads(text)
        if "sealed" in data:
            found.append({**data["sealed"], "interview": data["interview"]})
    return found


def _as_json(envelope: dict[str, Any]) -> str:
    """A conflict row's version: the interview row, no readable answers, the envelope."""
    sealed = {k: v for k, v in envelope.items() if k != "interview"}
    return json.dumps({"interview": envelope["interview"], "answers": {}, "sealed": sealed},
                      ensure_ascii=False, sort_keys=True)


def _store_rows(master: Connection, uuid: str, kept: dict[str, Any],
                others: list[dict[str, Any]], source: str, now: str) -> int:
    """Make the envelope conflict rows of ``uuid`` exactly (kept, other) for each other."""
    stale = [(row_id,) for row_id, text, kept_sha in master.query(
        "SELECT id, other_version, kept_sha256 FROM main.conflicts WHERE uuid = ?", (uuid,))
        if "sealed" in json.loads(text) and kept_sha != kept["sha256"]]
    master.executemany("DELETE FROM main.conflicts WHERE id = ?", stale)
    return sum(master.execute(
        "INSERT OR IGNORE INTO main.conflicts (uuid, detected_at, source, kept_sha256, "
        "other_sha256, kept_version, other_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (uuid, now, source, kept["sha256"], other["sha256"], _as_json(kept), _as_json(other))
    ).rowcount for other in others)


def _keep(master: Connection, uuid: str, kept: dict[str, Any]) -> None:
    """The master's copy of ``uuid`` becomes the envelope ``kept`` (still sealed)."""
    columns = [c for c in COLUMNS if c != "uuid"]
    master.execute(f"UPDATE main.interviews SET {', '.join(f'{c} = ?' for c in columns)} "
                   "WHERE uuid = ?", [*(kept["interview"][c] for c in columns), uuid])
    master.execute("UPDATE main.sealed SET key_id = ?, envelope = ?, sha256 = ?, region = ?, "
                   "sealed_at = ?, opened_at = NULL WHERE uuid = ?",
                   (kept["key_id"], base64.b64decode(kept["envelope"]), kept["sha256"],
                    kept["region"], kept["sealed_at"], uuid))
