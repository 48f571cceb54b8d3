"""Server passwords: never written in plain text by Kelisim.

A password comes from the server URL as typed (used once, never stored), from the system
keyring (``keyring``: Windows Credential Locker, macOS Keychain, Secret Service on Linux) when
the user asked to remember it, or from a prompt. Without any of them libpq's own sources apply
(``PGPASSWORD``, the user's ``.pgpass``, or trust/certificate authentication). A machine with
no keyring simply asks every time.
"""

from __future__ import annotations

import contextlib
import getpass
import sys
from collections.abc import Callable

import keyring
from keyring.errors import KeyringError

from survey.errors import StoreError
from survey.messages import render
from survey.store.postgres.codes import ServerCode
from survey.store.postgres.connection import (
    Address,
    connect,
    password_needed,
    use_for_session,
)

#: The keyring service name; the user name is the server's ``login@host:port/database``.
SERVICE = "kelisim"

Prompt = Callable[[Address], "str | None"]


def stored_password(address: Address) -> str | None:
    try:
        return keyring.get_password(SERVICE, address.display)
    except KeyringError:
        return None


def remember_password(address: Address, password: str) -> bool:
    """Keep ``password`` in the system keyring; False when this computer has none."""
    try:
        keyring.set_password(SERVICE, address.display, password)
    except KeyringError:
        return False
    return True


def forget_password(address: Address) -> None:
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, address.display)


def resolve_password(address: Address, prompt: Prompt | None = None, *,
                     remember: bool = False) -> str | None:
    """A password that opens ``address`` (None: libpq needs none), checked by connecting.

    Tries the URL's password, then the keyring's; when the server refuses, asks ``prompt``
    (None or a None answer: the refusal is raised). A prompted password that works is put in
    the keyring when ``remember``; a stored one that no longer works is forgotten.
    """
    password = address.url_password
    from_keyring = False
    if password is None:
        password = stored_password(address)
        from_keyring = password is not None
    try:
        connect(address, password).close()
        return password
    except StoreError as error:
        if not password_needed(error):
            raise
        if from_keyring:
            forget_password(address)
        typed = prompt(address) if prompt is not None else None
        if typed is None:
            raise
    connect(address, typed).close()
    if remember:
        remember_password(address, typed)
    return typed


def unlock(url: str, prompt: Prompt | None = None, *, remember: bool = False) -> Address:
    """Parse ``url``, find its password (see :func:`resolve_password`) and let every
    connection of this process use it; returns the address."""
    address = Address.parse(url)
    use_for_session(address, resolve_password(address, prompt, remember=remember))
    return address


def terminal_prompt(language: str = "en") -> Prompt:
    """A prompt on the terminal (answering None when there is none, e.g. a scheduled task)."""

    def ask(address: Address) -> str | None:
        if not sys.stdin.isatty():
            return None
        text = render(ServerCode.PASSWORD_PROMPT.message(server=address.display), language)
        return getpass.getpass(f"{text} ")

    return ask
