"""The one door to PostgreSQL: server addresses, connecting, and errors as StoreError.

An address is a libpq URL (``postgresql://login@host:5432/kelisim?sslmode=verify-full``);
every query parameter (``sslmode``, ``sslrootcert``, ``connect_timeout``, ...) passes through
to libpq unchanged. A password in the URL is used but never shown or stored; see
``survey.sync.credentials`` for where passwords come from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from survey.errors import StoreError
from survey.store.postgres.codes import ServerCode

URL_SCHEMES = ("postgresql://", "postgres://")
Conn = psycopg.Connection[tuple[Any, ...]]


def is_server_url(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than a database file."""
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


@dataclass(frozen=True)
class Address:
    """Where a Kelisim server is: libpq parameters without the password, and the password
    given in the URL (if any; kept out of ``repr``)."""

    params: dict[str, str]
    url_password: str | None = field(default=None, repr=False)
    #: The URL as given, without its password (to open the same server again).
    location: str = ""

    @classmethod
    def parse(cls, url: str) -> Address:
        if not is_server_url(url):
            raise StoreError(ServerCode.BAD_URL, url=_hide_password(url))
        try:
            params = {k: str(v) for k, v in conninfo_to_dict(url).items() if v is not None}
        except psycopg.ProgrammingError as error:
            raise StoreError(ServerCode.BAD_URL, url=_hide_password(url)) from error
        password = params.pop("password", None)
        return cls(params, password, _hide_password(url))

    @property
    def user(self) -> str:
        return self.params.get("user", "")

    @property
    def display(self) -> str:
        """``login@host:port/database``: names the server in messages and the keyring."""
        host = self.params.get("host", "localhost")
        port = self.params.get("port", "5432")
        who = f"{self.user}@" if self.user else ""
        return f"{who}{host}:{port}/{self.params.get('dbname', '')}"

    def conninfo(self, password: str | None) -> str:
        extra = {} if password is None else {"password": password}
        return make_conninfo("", **self.params, **extra)


def _hide_password(url: str) -> str:
    scheme, _, rest = url.partition("://")
    if "@" in rest.split("/", 1)[0]:
        credentials, _, host = rest.partition("@")
        rest = f"{credentials.split(':', 1)[0]}@{host}"
    return f"{scheme}://{rest}" if _ else url


#: Passwords given in this process (typed, or from the keyring), by ``Address.display``:
#: kept in memory only, so that every connection of this run (worker threads too) opens
#: without asking again.
_SESSION: dict[str, str] = {}


def use_for_session(address: Address, password: str | None) -> None:
    """Connections to ``address`` in this process use ``password`` when given none."""
    if password is not None:
        _SESSION[address.display] = password


def connect(address: Address, password: str | None, *, autocommit: bool = False) -> Conn:
    """An open connection; StoreError ``server.password_refused`` / ``server.cannot_connect``.

    Without ``password``: the URL's, else the one given for this session, else libpq's own
    sources (``PGPASSWORD``, ``.pgpass``) or none.
    """
    if password is None:
        password = address.url_password or _SESSION.get(address.display)
    try:
        return psycopg.connect(address.conninfo(password), autocommit=autocommit,
                               application_name="kelisim")
    except psycopg.OperationalError as error:
        raise connect_error(address, error) from error


def connect_error(address: Address, error: psycopg.OperationalError) -> StoreError:
    text = str(error)
    if "password authentication failed" in text or "no password supplied" in text:
        return StoreError(ServerCode.PASSWORD_REFUSED, server=address.display,
                          user=address.user)
    return StoreError(ServerCode.CANNOT_CONNECT, server=address.display,
                      detail=_first_line(text))


def password_needed(error: StoreError) -> bool:
    """Whether connecting failed only for want of the right password."""
    return error.code == ServerCode.PASSWORD_REFUSED.code


def translate(error: psycopg.Error, address: Address) -> StoreError:
    """A PostgreSQL error met while working as a StoreError a user can act on."""
    detail = _first_line(str(error))
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return StoreError(ServerCode.NOT_ALLOWED, server=address.display, user=address.user,
                          detail=detail)
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return StoreError(ServerCode.CONNECTION_LOST, server=address.display, detail=detail)
    return StoreError(ServerCode.DATABASE_ERROR, server=address.display, detail=detail)


@contextmanager
def errors_translated(address: Address) -> Iterator[None]:
    """Inside: every psycopg error leaves as a StoreError."""
    try:
        yield
    except psycopg.Error as error:
        raise translate(error, address) from error


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
