"""Drafts encrypted with a device key that the interviewer's passphrase unlocks.

The answers of an unfinished interview of a sealed study are stored encrypted, cell by cell,
with the laptop's *device key* (AES-256-GCM, a fresh nonce per write; the associated data is
the interview's UUID and the question's name, so a cell moved to another interview or question
is refused). The device key itself is kept in the database wrapped (AES-256-GCM) by a key
derived from the passphrase with scrypt; its salt and parameters are stored beside it. A wrong
passphrase is found by the authenticated decryption of the wrapped key: no hash of the
passphrase is stored. Losing the passphrase loses the drafts (nothing else can open them).

This module holds the cryptography and no SQL (:mod:`survey.store.drafts` keeps the key).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from survey.sealing.codes import SealingCode, sealing_error
from survey.sealing.keys import check_passphrase

#: Starts the stored text of an encrypted answer (ESC is never part of a typed answer).
MARK = "\x1bkelisim-draft-1:"
#: scrypt's cost (2**15: about 32 MiB and a tenth of a second on a field laptop), r and p.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_FORMAT = 1
_NONCE = 12
_WRAP_AAD = b"kelisim device key 1"


class DraftCipher:
    """The unlocked device key: encrypts and decrypts the answers of drafts."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def __repr__(self) -> str:
        return "DraftCipher(<unlocked>)"

    def encrypt(self, uuid: str, question: str, value_type: str, value_text: str) -> str:
        """The stored text of an answer (its type and ODK text) of ``question``."""
        sealed = self.encrypt_bytes(uuid, question, f"{value_type}\n{value_text}".encode())
        return MARK + base64.b64encode(sealed).decode("ascii")

    def decrypt(self, uuid: str, question: str, stored: str) -> tuple[str, str]:
        """``(value_type, value_text)`` of an encrypted answer; SealingError
        ``sealing.draft_damaged`` for one altered, cut short or moved."""
        try:
            data = base64.b64decode(stored[len(MARK):], validate=True)
            plain = self.decrypt_bytes(uuid, question, data).decode("utf-8")
        except (binascii.Error, ValueError) as error:
            raise sealing_error(SealingCode.DRAFT_DAMAGED, question=question) from error
        value_type, _, text = plain.partition("\n")
        return value_type, text

    def encrypt_bytes(self, uuid: str, question: str, data: bytes, part: str = "answer"
                      ) -> bytes:
        """``data`` of ``question`` (``part``: what it is, e.g. ``file``) as nonce and
        ciphertext."""
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, data, _aad(uuid, question, part))

    def decrypt_bytes(self, uuid: str, question: str, data: bytes, part: str = "answer"
                      ) -> bytes:
        try:
            return self._aead.decrypt(data[:_NONCE], data[_NONCE:], _aad(uuid, question, part))
        except (InvalidTag, ValueError) as error:
            raise sealing_error(SealingCode.DRAFT_DAMAGED, question=question) from error


def is_encrypted(text: object) -> bool:
    """True for the stored text of an encrypted answer."""
    return isinstance(text, str) and text.startswith(MARK)


def create_device_key(passphrase: str, *, cost: int = SCRYPT_N) -> tuple[DraftCipher, str]:
    """A new device key: the cipher and its wrapped form to store (JSON text)."""
    check_passphrase(passphrase)
    key, salt, nonce = AESGCM.generate_key(bit_length=256), os.urandom(16), os.urandom(_NONCE)
    wrapping = _derive(passphrase, salt, cost, SCRYPT_R, SCRYPT_P)
    wrapped = AESGCM(wrapping).encrypt(nonce, key, _WRAP_AAD)
    record = {"format": _FORMAT, "kdf": "scrypt", "n": cost, "r": SCRYPT_R, "p": SCRYPT_P,
              "salt": _b64(salt), "nonce": _b64(nonce), "key": _b64(wrapped)}
    return DraftCipher(key), json.dumps(record, sort_keys=True)


def unlock_device_key(stored: str, passphrase: str) -> DraftCipher:
    """The device key wrapped in ``stored``; ``sealing.drafts_wrong_passphrase`` when the
    passphrase does not open it, ``sealing.draft_key_damaged`` when it is not readable."""
    try:
        record: dict[str, Any] = json.loads(stored)
        salt, nonce, wrapped = (base64.b64decode(record[k], validate=True)
                                for k in ("salt", "nonce", "key"))
        params = int(record["n"]), int(record["r"]), int(record["p"])
        if record.get("format") != _FORMAT or record.get("kdf") != "scrypt":
            raise ValueError("unknown format")
        wrapping = _derive(passphrase, salt, *params)
    except (ValueError, KeyError, TypeError, binascii.Error) as error:
        raise sealing_error(SealingCode.DRAFT_KEY_DAMAGED) from error
    try:
        return DraftCipher(AESGCM(wrapping).decrypt(nonce, wrapped, _WRAP_AAD))
    except (InvalidTag, ValueError) as error:
        raise sealing_error(SealingCode.DRAFTS_WRONG_PASSPHRASE) from error


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(uuid: str, question: str, part: str) -> bytes:
    return f"kelisim draft 1\n{part}\n{uuid}\n{question}".encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
