"""Encrypted drafts in the store: the wrapped device key and the answer cells.

The device key lives in ``meta`` (key :data:`KEY`), wrapped by the passphrase (see
:mod:`survey.sealing.drafts`); the open store holds it unlocked in memory only. An encrypted
answer is an ordinary ``answers`` row of type ``text`` whose ``value_text`` is the ciphertext
(:data:`~survey.sealing.drafts.MARK` first) and ``value_num`` NULL, so autosave, pack, merge,
conflicts and sync carry it as any answer, as ciphertext. Readers of many answers (export,
counts) leave such cells out: only the laptop whose passphrase unlocks them can read them.
"""

from __future__ import annotations

import base64
import binascii
import json

from survey.sealing import SealingCode
from survey.sealing.codes import sealing_error
from survey.sealing.drafts import (
    MARK,
    DraftCipher,
    create_device_key,
    is_encrypted,
    unlock_device_key,
)
from survey.store.connection import Connection
from survey.store.media import MediaFile
from survey.store.values import TEXT, Encoded, decode

#: The ``meta`` key of the wrapped device key.
KEY = "draft_device_key"


def plain(column: str) -> str:
    """An SQL condition true when ``column`` holds readable (not encrypted) text."""
    return f"substr({column}, 1, {len(MARK)}) != char(27) || '{MARK[1:]}'"


#: An SQL condition true for a readable (not encrypted) answer of the table alias ``a``.
PLAIN = plain("a.value_text")

Row = tuple[str, str, str, float | int | None, str]


class DraftKeys:
    """The device key of an open store: unset, locked, or unlocked (held in memory)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.cipher: DraftCipher | None = None

    def is_set(self) -> bool:
        return self._stored() is not None

    def set_passphrase(self, passphrase: str, *, cost: int | None = None) -> None:
        """Create the device key, keep it wrapped by ``passphrase`` and unlock it."""
        if self.is_set():
            raise sealing_error(SealingCode.DRAFTS_PASSPHRASE_EXISTS)
        cipher, wrapped = (create_device_key(passphrase) if cost is None
                           else create_device_key(passphrase, cost=cost))
        with self._conn.transaction():
            self._conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (KEY, wrapped))
        self.cipher = cipher

    def unlock(self, passphrase: str) -> None:
        stored = self._stored()
        if stored is None:
            raise sealing_error(SealingCode.DRAFTS_NO_PASSPHRASE)
        self.cipher = unlock_device_key(stored, passphrase)

    def lock(self) -> None:
        self.cipher = None

    def require(self) -> DraftCipher:
        """The unlocked cipher; SealingError when there is none yet or it is locked."""
        if self.cipher is not None:
            return self.cipher
        code = SealingCode.DRAFTS_LOCKED if self.is_set() else SealingCode.DRAFTS_NO_PASSPHRASE
        raise sealing_error(code)

    def _stored(self) -> str | None:
        value = self._conn.scalar("SELECT value FROM meta WHERE key = ?", (KEY,))
        return None if value is None else str(value)


def stored(cipher: DraftCipher | None, uuid: str, question: str, new: Encoded) -> Encoded:
    """The row values to write for an answer: encrypted when there is a cipher."""
    if cipher is None:
        return new
    return TEXT, cipher.encrypt(uuid, question, new[0], new[1]), None


def readable(cipher: DraftCipher | None, uuid: str, question: str, value_type: str,
             text: str) -> Encoded:
    """``(value_type, value_text, value_num)`` of a stored cell, decrypted when encrypted;
    SealingError ``sealing.drafts_locked`` when it is and there is no cipher."""
    if not is_encrypted(text):
        return value_type, text, None
    if cipher is None:
        raise sealing_error(SealingCode.DRAFTS_LOCKED)
    plain_type, plain = cipher.decrypt(uuid, question, text)
    value = decode(plain_type, plain, None)
    return plain_type, plain, value if isinstance(value, int | float) else None


def plain_answer_rows(conn: Connection, cipher: DraftCipher | None, uuid: str) -> list[Row]:
    """``(question, value_type, value_text, value_num, updated_at)`` of an interview, the
    encrypted ones decrypted (what its envelope holds)."""
    found = []
    for question, value_type, text, number, updated in conn.query(
            "SELECT question, value_type, value_text, value_num, updated_at FROM answers "
            "WHERE uuid = ? ORDER BY question", (uuid,)):
        if is_encrypted(text):
            value_type, text, number = readable(cipher, uuid, question, value_type, text)
        found.append((question, value_type, text, number, updated))
    return found


def plain_cells(conn: Connection, uuids: list[str]) -> list[tuple[str, str, str, str]]:
    """``(uuid, question, value_type, value_text)`` of the readable answers of the drafts
    ``uuids`` (written before the device key was set or unlocked)."""
    return [(uuid, *row) for uuid in uuids for row in conn.query(
        f"SELECT question, value_type, value_text FROM answers a WHERE uuid = ? AND {PLAIN}",
        (uuid,))]


def encrypt_cells(conn: Connection, cipher: DraftCipher,
                  cells: list[tuple[str, str, str, str]]) -> None:
    """Store ``cells`` (from :func:`plain_cells`) encrypted, inside the caller's
    transaction."""
    conn.executemany("UPDATE answers SET value_type = ?, value_text = ?, value_num = NULL "
                     "WHERE uuid = ? AND question = ?",
                     [(TEXT, cipher.encrypt(uuid, question, value_type, text), uuid, question)
                      for uuid, question, value_type, text in cells])


def stored_file(cipher: DraftCipher | None, uuid: str, question: str,
                file: MediaFile) -> MediaFile:
    """The ``media`` row of a file attached to a draft: encrypted when there is a cipher
    (its names and digest in ``name``, its bytes in ``data``; only the size stays)."""
    if cipher is None:
        return file
    about = json.dumps([file.name, file.original_name, file.sha256]).encode("utf-8")
    name = MARK + base64.b64encode(cipher.encrypt_bytes(uuid, question, about, "file name")
                                   ).decode("ascii")
    return MediaFile(name, "", "", file.size,
                     cipher.encrypt_bytes(uuid, question, file.data, "file"))


def readable_file(cipher: DraftCipher | None, uuid: str, question: str,
                  file: MediaFile) -> MediaFile:
    """A ``media`` row as attached, decrypted when it is encrypted (SealingError
    ``sealing.drafts_locked`` without a cipher)."""
    if not is_encrypted(file.name):
        return file
    if cipher is None:
        raise sealing_error(SealingCode.DRAFTS_LOCKED)
    try:
        about = base64.b64decode(file.name[len(MARK):], validate=True)
        name, original, digest = json.loads(cipher.decrypt_bytes(uuid, question, about,
                                                                 "file name"))
    except (binascii.Error, ValueError) as error:
        raise sealing_error(SealingCode.DRAFT_DAMAGED, question=question) from error
    return MediaFile(name, original, digest, file.size,
                     cipher.decrypt_bytes(uuid, question, file.data, "file"))
