"""Interviews edited differently on several laptops, settled the same whatever the merge order.

For each interview the master knows a set of versions: its own and those recorded in the
``conflicts`` table. A version *supersedes* another when it comes from the same laptop, is
later, and keeps every answer of the other, changed only by later saves (it is the other edited
further). The versions nobody supersedes are the *heads*; the master keeps the latest head (by
``updated_at``, then fingerprint) and the ``conflicts`` table holds exactly one row per other
head: ``(kept, other)``. A version that arrives is added to the set, superseded versions
leave it (their rows go), and the master's copy becomes the new latest head.

So the heads, the kept version and the rows (apart from ``source``, ``detected_at`` and ``id``,
which say when and from where a row was first seen) depend only on which versions were merged,
never on the order of the files: nothing entered is lost, since every version that differs
and is not contained in a later one from its own laptop stays recorded.
"""

from __future__ import annotations

import json
from typing import Any

from survey.store import media
from survey.store.connection import Connection
from survey.store.versions import COLUMNS, Version, fingerprint

_ANSWER_COLUMNS = "uuid, question, value_type, value_text, value_num, updated_at"


def settle(master: Connection, uuid: str, mine: Version, other: Version, *, source: str,
           now: str) -> str:
    """Add ``other`` (from the input) to what the master knows of ``uuid``; returns
    "identical", "updated", "outdated" or "conflicts" for the merge summary."""
    if other.fingerprint == mine.fingerprint:
        return "identical"
    rows = _recorded(master, uuid)
    known = {mine.fingerprint: mine}
    for kept, lost in rows.values():
        known.setdefault(kept.fingerprint, kept)
        known.setdefault(lost.fingerprint, lost)
    if other.fingerprint in known:
        return "identical"
    known[other.fingerprint] = other
    heads = [v for v in known.values()
             if not any(supersedes(w, v) for w in known.values() if w is not v)]
    kept = max(heads, key=_rank)
    added = _store_rows(master, uuid, kept, heads, rows, source, now)
    if kept.fingerprint != mine.fingerprint:
        _write(master, uuid, kept)
    if other not in heads:
        return "outdated"
    if kept is other and supersedes(other, mine):
        return "updated"
    return "conflicts" if added else "identical"


def supersedes(newer: Version, older: Version) -> bool:
    """Whether ``newer`` is ``older`` edited further on the same laptop."""
    return (newer.last_device_id == older.last_device_id and _rank(newer) > _rank(older)
            and _continues(newer, older))


def _continues(newer: Version, older: Version) -> bool:
    """Whether ``newer`` keeps every answer of ``older``, changed only by a later save. Two
    laptops cloned from one image share a device id; their diverging edits fail this test and
    are kept as a conflict instead of being overwritten."""
    for question, before in older.answers.items():
        after = newer.answers.get(question)
        if after is None:
            return False
        same = (after["type"], after["text"]) == (before["type"], before["text"])
        if not same and str(after["updated_at"]) <= str(before["updated_at"]):
            return False
    return True


def _rank(version: Version) -> tuple[str, str]:
    return version.updated_at, version.fingerprint


Rows = dict[int, tuple[Version, Version]]


def _recorded(master: Connection, uuid: str) -> Rows:
    """The master's conflict rows of ``uuid``: id -> (kept version, other version)."""
    found = master.query("SELECT id, kept_version, other_version FROM main.conflicts "
                         "WHERE uuid = ?", (uuid,))
    return {int(row_id): (_version(kept), _version(lost)) for row_id, kept, lost in found}


def _version(text: str) -> Version:
    data = json.loads(text)
    interview: dict[str, Any] = data["interview"]
    answers: dict[str, dict[str, Any]] = data["answers"]
    return Version(interview, answers, fingerprint(interview, answers))


def _store_rows(master: Connection, uuid: str, kept: Version, heads: list[Version],
                rows: Rows, source: str, now: str) -> int:
    """Make the conflict rows of ``uuid`` exactly (kept, h) for every other head ``h``;
    returns how many rows were added."""
    wanted = {(kept.fingerprint, h.fingerprint): h for h in heads if h is not kept}
    have = {(k.fingerprint, o.fingerprint): row_id for row_id, (k, o) in rows.items()}
    stale = [(row_id,) for pair, row_id in have.items() if pair not in wanted]
    master.executemany("DELETE FROM main.conflicts WHERE id = ?", stale)
    new = [(uuid, now, source, kept.fingerprint, h.fingerprint, kept.as_json(), h.as_json())
           for pair, h in wanted.items() if pair not in have]
    master.executemany(
        "INSERT INTO main.conflicts (uuid, detected_at, source, kept_sha256, other_sha256, "
        "kept_version, other_version) VALUES (?, ?, ?, ?, ?, ?, ?)", new)
    return len(new)


def _write(master: Connection, uuid: str, version: Version) -> None:
    """The master's copy of ``uuid`` becomes ``version``."""
    master.execute("DELETE FROM main.answers WHERE uuid = ?", (uuid,))
    master.executemany(
        f"INSERT INTO main.answers ({_ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        [(uuid, question, a["type"], a["text"], a["num"], a["updated_at"])
         for question, a in sorted(version.answers.items())])
    columns = [c for c in COLUMNS if c != "uuid"]
    assignments = ", ".join(f"{c} = ?" for c in columns)
    master.execute(f"UPDATE main.interviews SET {assignments} WHERE uuid = ?",
                   [*(version.interview[c] for c in columns), uuid])
    _take_media(master, uuid)


def _take_media(master: Connection, uuid: str) -> None:
    """Attached files the kept answers name and only the input holds replace the master's
    file of that question (one file per question, as when an answer is changed)."""
    master.execute(
        f"INSERT OR REPLACE INTO main.media ({media.COLUMNS}) SELECT {media.COLUMNS} "
        "FROM src.media s WHERE s.uuid = ? AND EXISTS (SELECT 1 FROM main.answers a WHERE "
        "a.uuid = s.uuid AND a.question = s.question AND a.value_text = s.name) AND NOT "
        "EXISTS (SELECT 1 FROM main.media m WHERE m.uuid = s.uuid AND m.question = s.question "
        "AND m.name = s.name)", (uuid,))
