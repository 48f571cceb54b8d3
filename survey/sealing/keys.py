"""Project key pairs: RSA keys whose private half is encrypted with a passphrase.

The public key is written as ODK writes it on a form's settings sheet (``public_key``): the
base64 text of its DER ``SubjectPublicKeyInfo``, on one line. The private key is a standard
PKCS#8 PEM file encrypted with the passphrase (readable by OpenSSL too). Both files are
created 0600 and never overwritten.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from survey.private import make_private_folder, open_private
from survey.sealing.codes import SealingCode, sealing_error

KEY_BITS = 3072
#: Keys shorter than this are refused (ODK's own tools make 2048-bit keys).
MIN_KEY_BITS = 2048
MIN_PASSPHRASE = 10
PRIVATE_NAME = "kelisim-private-key.pem"
PUBLIC_NAME = "kelisim-public-key.txt"


@dataclass(frozen=True)
class PublicKey:
    """A project's public key and its identity (sha256 of its DER form, hex)."""

    key: rsa.RSAPublicKey
    key_id: str


@dataclass(frozen=True)
class KeyPair:
    private_path: Path
    public_path: Path
    public_text: str


def create_key_pair(folder: Path | str, passphrase: str) -> KeyPair:
    """Write a new key pair into ``folder`` (created 0700 when missing)."""
    check_passphrase(passphrase)
    folder = make_private_folder(folder)
    private_path, public_path = folder / PRIVATE_NAME, folder / PUBLIC_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise sealing_error(SealingCode.KEY_EXISTS, str(path))
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    text = public_key_text(key.public_key())
    _write_new(private_path, pem)
    _write_new(public_path, (text + "\n").encode("ascii"))
    return KeyPair(private_path, public_path, text)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise sealing_error(SealingCode.SHORT_PASSPHRASE, minimum=MIN_PASSPHRASE)


def public_key_text(key: rsa.RSAPublicKey) -> str:
    """The key as a form's ``public_key`` setting holds it (base64 DER, one line)."""
    der = key.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(der).decode("ascii")


def parse_public_key(text: str) -> PublicKey:
    """A public key from a settings cell or a file: base64 DER (as ODK) or PEM."""
    cleaned = text.strip()
    try:
        if cleaned.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(cleaned.encode("ascii"))
        else:
            der = base64.b64decode("".join(cleaned.split()), validate=True)
            key = serialization.load_der_public_key(der)
    except (ValueError, binascii.Error, UnicodeEncodeError, UnsupportedAlgorithm) as error:
        raise sealing_error(SealingCode.BAD_PUBLIC_KEY) from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise sealing_error(SealingCode.BAD_PUBLIC_KEY)
    if key.key_size < MIN_KEY_BITS:
        raise sealing_error(SealingCode.WEAK_PUBLIC_KEY, bits=key.key_size,
                            minimum=MIN_KEY_BITS)
    return PublicKey(key, key_id(key))


def key_id(key: rsa.RSAPublicKey) -> str:
    der = key.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def load_private_key(path: Path | str, passphrase: str) -> rsa.RSAPrivateKey:
    """The private key in ``path``; ``sealing.wrong_passphrase`` or ``bad_private_key``."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise sealing_error(SealingCode.BAD_PRIVATE_KEY, str(path)) from error
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode("utf-8"))
    except TypeError as error:  # an unencrypted file, or a passphrase for none
        raise sealing_error(SealingCode.BAD_PRIVATE_KEY, str(path)) from error
    except (ValueError, UnsupportedAlgorithm) as error:
        encrypted = b"ENCRYPTED PRIVATE KEY" in data
        code = SealingCode.WRONG_PASSPHRASE if encrypted else SealingCode.BAD_PRIVATE_KEY
        raise sealing_error(code, str(path)) from error
    if not isinstance(key, rsa.RSAPrivateKey):
        raise sealing_error(SealingCode.BAD_PRIVATE_KEY, str(path))
    return key


def _write_new(path: Path, data: bytes) -> None:
    try:
        with open_private(path, "xb") as handle:
            handle.write(data)
    except OSError as error:
        raise sealing_error(SealingCode.CANNOT_WRITE_KEY, str(path),
                            detail=str(error)) from error
