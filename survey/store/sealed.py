"""Sealed interviews in the store: sealing on completion, reading back only with the key.

Sealing runs inside the transaction that completes the interview: the interview's answers,
audit entries, paradata and attached files become one envelope (:mod:`survey.sealing`) and
their rows are deleted, so a crash leaves either the draft or the sealed interview, never
half. Connections write with ``secure_delete`` (deleted content is overwritten with zeros)
and the log is truncated after sealing (:func:`wipe`), so the plaintext leaves the file.

What stays readable: the interview row (UUID, form, interviewer, device, times, status) and
the answer to the quota question (``region``) in ``sealed.region``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from survey.errors import StoreError
from survey.sealing import PublicKey, SealingCode, seal
from survey.sealing.codes import sealing_error
from survey.sealing.drafts import DraftCipher, is_encrypted
from survey.sealing.keys import public_key_text
from survey.store.connection import Connection
from survey.store.drafts import plain_answer_rows, readable_file
from survey.store.media import MediaFile

#: The question whose answer stays readable for quota counts.
QUOTA_QUESTION = "region"
FORMAT = 1
#: The ``meta`` key of the study's public key (for forms without a ``public_key`` setting).
STUDY_KEY = "study_public_key"
#: The ``meta`` key set once the file has been rewritten after its first sealing.
WIPED = "sealing_vacuumed"

_PARTS: dict[str, tuple[str, str]] = {
    "answers": ("answers", "question, value_type, value_text, value_num, updated_at"),
    "audit": ("audit_log", "entry_id, at, who, action, question, old_value, new_value, reason"),
    "paradata": ("paradata", "question, event, at"),
    "media": ("media", "question, name, original_name, sha256, size, data"),
}
_ORDER = {"answers": "question", "audit": "id", "paradata": "at, question, event",
          "media": "question"}


@dataclass(frozen=True, slots=True)
class SealedRow:
    uuid: str
    form_id: str
    form_version: str
    key_id: str
    envelope: bytes
    sha256: str


def identity(uuid: str, form_id: str, form_version: str) -> str:
    """What an envelope is bound to: the interview and its questionnaire version."""
    return f"{uuid}\n{form_id}\n{form_version}"


def is_sealed(conn: Connection, uuid: str) -> bool:
    """True for an interview kept only as an envelope (not unsealed in this store)."""
    return conn.scalar("SELECT 1 FROM sealed WHERE uuid = ? AND opened_at IS NULL",
                       (uuid,)) is not None


def require_readable(conn: Connection, uuid: str) -> None:
    if is_sealed(conn, uuid):
        raise sealing_error(SealingCode.SEALED, uuid=uuid)


def count_sealed(conn: Connection, form_id: str | None = None) -> int:
    sql = ("SELECT count(*) FROM sealed s JOIN interviews i ON i.uuid = s.uuid "
           "WHERE s.opened_at IS NULL")
    if form_id is None:
        return int(conn.scalar(sql))
    return int(conn.scalar(sql + " AND i.form_id = ?", (form_id,)))


def sealed_uuids(conn: Connection) -> set[str]:
    return {r[0] for r in conn.query("SELECT uuid FROM sealed WHERE opened_at IS NULL")}


def seal_interview(conn: Connection, uuid: str, public: PublicKey, now: str,
                   cipher: DraftCipher | None = None) -> None:
    """Replace the interview's rows by its envelope (inside the caller's transaction).

    Answers stored encrypted as a draft are decrypted in memory with ``cipher`` (SealingError
    ``sealing.drafts_locked`` without it: nothing is sealed)."""
    form_id, version = conn.execute("SELECT form_id, form_version FROM interviews "
                                    "WHERE uuid = ?", (uuid,)).fetchone()
    payload = _payload(conn, uuid)
    answers = plain_answer_rows(conn, cipher, uuid)
    payload["answers"] = [[_cell(v) for v in row] for row in answers]
    payload["media"] = [_plain_file(cipher, uuid, row) for row in payload["media"]]
    plaintext = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    envelope = seal(plaintext, public, identity(uuid, form_id, version))
    region = next((row[2] for row in answers if row[0] == QUOTA_QUESTION), None)
    conn.execute("INSERT INTO sealed (uuid, key_id, envelope, sha256, region, sealed_at) "
                 "VALUES (?, ?, ?, ?, ?, ?)",
                 (uuid, public.key_id, envelope, hashlib.sha256(envelope).hexdigest(), region,
                  now))
    for table, _ in _PARTS.values():
        conn.execute(f"DELETE FROM {table} WHERE uuid = ?", (uuid,))


def unsealed_completed(conn: Connection) -> list[str]:
    """Completed interviews not sealed yet."""
    return [r[0] for r in conn.query("SELECT uuid FROM interviews WHERE status = 'complete' "
                                     "AND uuid NOT IN (SELECT uuid FROM sealed) ORDER BY uuid")]


def region_counts(conn: Connection, form_id: str) -> dict[str, int]:
    """Sealed interviews of ``form_id`` by their quota region."""
    rows = conn.query("SELECT s.region, count(*) FROM sealed s JOIN interviews i "
                      "ON i.uuid = s.uuid WHERE s.opened_at IS NULL AND i.form_id = ? "
                      "AND s.region IS NOT NULL GROUP BY 1", (form_id,))
    return {str(r): int(n) for r, n in rows}


def region(conn: Connection, uuid: str) -> str | None:
    value = conn.scalar("SELECT region FROM sealed WHERE uuid = ?", (uuid,))
    return None if value is None else str(value)


def study_key(conn: Connection) -> str:
    return str(conn.scalar("SELECT value FROM meta WHERE key = ?", (STUDY_KEY,)) or "")


def set_study_key(conn: Connection, key: PublicKey) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                 "DO UPDATE SET value = excluded.value", (STUDY_KEY, public_key_text(key.key)))


def wipe(conn: Connection) -> None:
    """After sealing: leave no plaintext in the file or its log.

    The first time in a store, ``VACUUM`` rewrites the file, so free space left by writes made
    before ``secure_delete`` was on holds nothing either; then the log is copied into the file
    and truncated. Busy readers postpone either (the store's closing truncates the log).
    """
    if conn.scalar("SELECT value FROM meta WHERE key = ?", (WIPED,)) is None:
        try:
            conn.execute("VACUUM")
            with conn.transaction():
                conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, '1')", (WIPED,))
        except StoreError:
            pass
    with contextlib.suppress(StoreError):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _payload(conn: Connection, uuid: str) -> dict[str, Any]:
    payload: dict[str, Any] = {"format": FORMAT, "uuid": uuid}
    for part, (table, columns) in _PARTS.items():
        rows = conn.query(f"SELECT {columns} FROM {table} WHERE uuid = ? "
                          f"ORDER BY {_ORDER[part]}", (uuid,))
        payload[part] = [[_cell(v) for v in row] for row in rows]
    return payload


def _plain_file(cipher: DraftCipher | None, uuid: str, row: list[Any]) -> list[Any]:
    """A ``media`` row of the payload (question, name, original, sha256, size, data),
    decrypted when it was encrypted as a draft's file."""
    question, name, original, digest, size, data = row
    if not is_encrypted(name):
        return row
    file = readable_file(cipher, uuid, question,
                         MediaFile(name, original, digest, size,
                                   base64.b64decode(data["b64"])))
    return [question, file.name, file.original_name, file.sha256, file.size,
            _cell(file.data)]


def _cell(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"b64": base64.b64encode(value).decode("ascii")}
    return value


def envelopes(conn: Connection) -> list[SealedRow]:
    """Every envelope not yet unsealed in this store, oldest interview first."""
    rows = conn.query("SELECT s.uuid, i.form_id, i.form_version, s.key_id, s.envelope, s.sha256 "
                      "FROM sealed s JOIN interviews i ON i.uuid = s.uuid "
                      "WHERE s.opened_at IS NULL ORDER BY i.started_at, s.uuid")
    return [SealedRow(*row) for row in rows]
