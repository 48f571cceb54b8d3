"""Envelopes: one interview's plaintext encrypted for the project's public key.

A fresh AES-256-GCM key per interview encrypts the plaintext; that key is wrapped with
RSA-OAEP (SHA-256). Layout (all lengths fixed or prefixed)::

    MAGIC (8) | key id (32, sha256 of the public key) | wrapped key length (2, big-endian)
    | wrapped key | nonce (12) | ciphertext with its 16-byte tag

The associated data binds the header and the interview's identity (UUID, form, version): an
envelope moved to another interview, cut short or altered in any byte is refused whole.
"""

from __future__ import annotations

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from survey.sealing.codes import SealingCode, sealing_error
from survey.sealing.keys import PublicKey, key_id

MAGIC = b"KLSEAL1\n"
_NONCE = 12
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(),
                     label=None)


def seal(plaintext: bytes, public: PublicKey, identity: str) -> bytes:
    """``plaintext`` sealed for ``public``; ``identity`` names the interview (bound in)."""
    data_key = AESGCM.generate_key(bit_length=256)
    wrapped = public.key.encrypt(data_key, _OAEP)
    nonce = os.urandom(_NONCE)
    header = MAGIC + bytes.fromhex(public.key_id) + struct.pack(">H", len(wrapped)) + wrapped
    body = AESGCM(data_key).encrypt(nonce, plaintext, header + identity.encode("utf-8"))
    return header + nonce + body


def envelope_key_id(envelope: bytes) -> str | None:
    """The id of the key an envelope was sealed for, or None when it is not an envelope."""
    if len(envelope) < len(MAGIC) + 32 or not envelope.startswith(MAGIC):
        return None
    return envelope[len(MAGIC):len(MAGIC) + 32].hex()


def open_envelope(envelope: bytes, private: rsa.RSAPrivateKey, identity: str,
                  uuid: str) -> bytes:
    """The plaintext of ``envelope``; SealingError ``other_key`` or ``damaged``."""
    sealed_for = envelope_key_id(envelope)
    if sealed_for is None:
        raise sealing_error(SealingCode.DAMAGED, uuid=uuid)
    if sealed_for != key_id(private.public_key()):
        raise sealing_error(SealingCode.OTHER_KEY, uuid=uuid)
    start = len(MAGIC) + 32
    try:
        (length,) = struct.unpack(">H", envelope[start:start + 2])
        wrapped = envelope[start + 2:start + 2 + length]
        rest = envelope[start + 2 + length:]
        if len(wrapped) != length or len(rest) < _NONCE + 16:
            raise ValueError("short")
        data_key = private.decrypt(wrapped, _OAEP)
        header = envelope[:start + 2 + length]
        return AESGCM(data_key).decrypt(rest[:_NONCE], rest[_NONCE:],
                                        header + identity.encode("utf-8"))
    except (ValueError, struct.error, InvalidTag) as error:
        raise sealing_error(SealingCode.DAMAGED, uuid=uuid) from error
