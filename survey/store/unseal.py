"""Unsealing into a master: every envelope opened with the private key, checked, imported.

Each envelope is checked before anything of it is written: its stored checksum, the key it
was sealed for, the authenticated decryption (any changed or missing byte fails), and its
content (the rows an interview has, of the right kinds). One interview is imported in one
transaction: a refused envelope is reported and leaves the master as it was; it stays sealed.
Running it again opens nothing twice.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from survey.errors import StoreError
from survey.messages import Message
from survey.sealing import SealingCode, SealingError, open_envelope
from survey.sealing.codes import sealing_error
from survey.store import meta
from survey.store.connection import Connection
from survey.store.sealed import _PARTS, FORMAT, SealedRow, envelopes, identity

_COLUMN_COUNTS = {part: len(columns.split(",")) for part, (_, columns) in _PARTS.items()}
_IGNORE = {"audit": "OR IGNORE ", "paradata": "OR IGNORE "}


@dataclass(frozen=True, slots=True)
class UnsealSummary:
    opened: int
    refused: tuple[Message, ...]
    #: Envelopes still sealed in the store afterwards (refused or sealed for another key).
    still_sealed: int

    def message(self) -> Message:
        return SealingCode.UNSEALED.message(opened=self.opened, refused=len(self.refused),
                                            still_sealed=self.still_sealed)


def unseal_all(conn: Connection, private: rsa.RSAPrivateKey, now: str) -> UnsealSummary:
    opened, refused = 0, list[Message]()
    for row in envelopes(conn):
        try:
            rows = _open(row, private)
            with conn.transaction():
                _import(conn, row.uuid, rows, now)
                meta.bump(conn)
            opened += 1
        except SealingError as error:
            refused.extend(error.messages)
        except StoreError as error:  # rows the schema refuses (e.g. an unknown value type)
            if error.code not in ("store.integrity", "store.sqlite"):
                raise
            refused.append(SealingCode.BAD_CONTENT.message(uuid=row.uuid))
    return UnsealSummary(opened, tuple(refused), len(envelopes(conn)))


def _open(row: SealedRow, private: rsa.RSAPrivateKey) -> dict[str, list[list[Any]]]:
    if not isinstance(row.envelope, bytes) \
            or hashlib.sha256(row.envelope).hexdigest() != row.sha256:
        raise sealing_error(SealingCode.DAMAGED, uuid=row.uuid)
    plaintext = open_envelope(row.envelope, private,
                              identity(row.uuid, row.form_id, row.form_version), row.uuid)
    try:
        payload = json.loads(plaintext.decode("utf-8"))
        return _checked(payload, row.uuid)
    except (ValueError, TypeError, KeyError, binascii.Error) as error:
        raise sealing_error(SealingCode.BAD_CONTENT, uuid=row.uuid) from error


def _checked(payload: Any, uuid: str) -> dict[str, list[list[Any]]]:
    if not isinstance(payload, dict) or payload.get("format") != FORMAT \
            or payload.get("uuid") != uuid:
        raise ValueError("not an interview of this envelope")
    parts: dict[str, list[list[Any]]] = {}
    for part, count in _COLUMN_COUNTS.items():
        rows = payload[part]
        if not isinstance(rows, list):
            raise ValueError(part)
        parts[part] = [_row(r, count) for r in rows]
    for media_row in parts["media"]:
        data = media_row[-1]
        if not isinstance(data, bytes) or hashlib.sha256(data).hexdigest() != media_row[3]:
            raise ValueError("attached file")
    return parts


def _row(row: Any, count: int) -> list[Any]:
    if not isinstance(row, list) or len(row) != count:
        raise ValueError("row")
    return [_value(v) for v in row]


def _value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"b64"}:
        return base64.b64decode(value["b64"], validate=True)
    if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
        return value
    raise ValueError("cell")


def _import(conn: Connection, uuid: str, parts: dict[str, list[list[Any]]], now: str) -> None:
    for part, (table, columns) in _PARTS.items():
        marks = ", ".join("?" * (_COLUMN_COUNTS[part] + 1))
        conn.executemany(f"INSERT {_IGNORE.get(part, '')}INTO {table} (uuid, {columns}) "
                         f"VALUES ({marks})", [(uuid, *r) for r in parts[part]])
    conn.execute("UPDATE sealed SET opened_at = ? WHERE uuid = ?", (now, uuid))
