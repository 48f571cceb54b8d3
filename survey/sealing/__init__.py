"""Sealed interviews: a completed interview encrypted with the project's public key.

Only the holder of the project's private key (kept by the analysts, protected by a
passphrase) can read a sealed interview; the laptop that sealed it cannot. This package holds
the cryptography (through the ``cryptography`` package, nothing hand-made) and no SQL: the
store (:mod:`survey.store.sealed`) keeps the envelopes.
"""

from survey.sealing.codes import SealingCode, SealingError
from survey.sealing.envelope import open_envelope, seal
from survey.sealing.keys import (
    KeyPair,
    PublicKey,
    create_key_pair,
    load_private_key,
    parse_public_key,
)

__all__ = ["KeyPair", "PublicKey", "SealingCode", "SealingError", "create_key_pair",
           "load_private_key", "open_envelope", "parse_public_key", "seal"]
