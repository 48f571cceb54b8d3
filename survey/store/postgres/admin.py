"""Setting up a server: the schema and its migrations, accounts, forms and quotas.

Run by the organisation's administrator, as the login that owns the Kelisim schema (the one
that ran ``kelisim server init``; creating accounts also needs the CREATEROLE right).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

from psycopg import sql

from survey.errors import StoreError
from survey.form.model import Form
from survey.store.forms import different_content
from survey.store.postgres.codes import ServerCode
from survey.store.postgres.connection import Address, Conn, errors_translated
from survey.store.postgres.schema import MIGRATION_LOCK, MIGRATIONS, ROLES, SCHEMA_VERSION
from survey.store.timestamps import local_now, to_text

#: Login names Kelisim creates: plain lowercase names PostgreSQL needs no quoting for.
LOGIN_PATTERN = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def schema_version(conn: Conn) -> int:
    """The Kelisim schema version of the connected database (0: none yet)."""
    if conn.execute("SELECT to_regclass('kelisim.meta')").fetchone() == (None,):
        return 0
    row = conn.execute("SELECT value FROM kelisim.meta WHERE key = 'schema_version'").fetchone()
    return 0 if row is None else int(row[0])


def require_current(conn: Conn, address: Address) -> None:
    """StoreError unless the server's schema is the one this program knows."""
    version = schema_version(conn)
    if version == 0:
        raise StoreError(ServerCode.NOT_INITIALISED, server=address.display)
    if version > SCHEMA_VERSION:
        raise StoreError(ServerCode.NEWER_SCHEMA, server=address.display, version=version,
                         known=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        raise StoreError(ServerCode.OLDER_SCHEMA, server=address.display, version=version,
                         known=SCHEMA_VERSION)


def migrate(conn: Conn, address: Address) -> int:
    """Create or upgrade the Kelisim schema; returns the version reached.

    Each migration runs in its own transaction with the migration lock held, so a crash
    leaves the schema at a whole version and two runs at once migrate once.
    """
    with errors_translated(address):
        while True:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                version = schema_version(conn)
                if version > SCHEMA_VERSION:
                    raise StoreError(ServerCode.NEWER_SCHEMA, server=address.display,
                                     version=version, known=SCHEMA_VERSION)
                if version == SCHEMA_VERSION:
                    return version
                conn.execute(MIGRATIONS[version].encode("utf-8"))
                conn.execute("INSERT INTO kelisim.meta (key, value) VALUES ('schema_version', "
                             "%s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (str(version + 1),))


def add_account(conn: Conn, address: Address, login: str, role: str, password: str,
                interviewers: Sequence[str] = ()) -> None:
    """Create (or update) login ``login`` with ``role`` ("interviewer" or "supervisor").

    An interviewer account may send only interviews whose interviewer name is one of
    ``interviewers`` (at least one). The password is sent to the server already hashed
    (SCRAM-SHA-256), so it appears in no server log.
    """
    if not LOGIN_PATTERN.match(login):
        raise StoreError(ServerCode.BAD_LOGIN, login=login)
    if role not in ROLES:
        raise StoreError(ServerCode.UNKNOWN_ROLE, role=role, roles=sorted(ROLES))
    names = [n.strip() for n in interviewers if n.strip()]
    if role == "interviewer" and not names:
        raise StoreError(ServerCode.INTERVIEWER_REQUIRED, login=login)
    with errors_translated(address), conn.transaction():
        require_current(conn, address)
        verifier = conn.pgconn.encrypt_password(password.encode(), login.encode(),
                                                b"scram-sha-256").decode()
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone()
        verb = "ALTER" if exists else "CREATE"
        conn.execute(sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(
            sql.Identifier(login), sql.Literal(verifier)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(ROLES[role]),
                                                      sql.Identifier(login)))
        for name in names:
            conn.execute("INSERT INTO kelisim.accounts (login, interviewer) VALUES (%s, %s) "
                         "ON CONFLICT DO NOTHING", (login, name))


def publish_form(conn: Conn, address: Address, form: Form, xlsform: bytes) -> bool:
    """Put a questionnaire version, with the files that come with it, on the server (laptops
    receive it at their next sync); False when it is there already. Same id and version with other bytes: form_conflict."""
    digest = hashlib.sha256(xlsform).hexdigest()
    with errors_translated(address), conn.transaction():
        require_current(conn, address)
        row = conn.execute("SELECT sha256 FROM kelisim.forms WHERE form_id = %s AND "
                           "version = %s", (form.form_id, form.version)).fetchone()
        if row is not None and row[0] == digest:
            return False
        if row is not None:
            raise different_content(form.form_id, form.version)
        conn.execute(
            "INSERT INTO kelisim.forms (form_id, version, title, languages, default_language, "
            "xlsform, sha256, registered_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            (form.form_id, form.version,
             json.dumps(dict(form.settings.title.values), ensure_ascii=False),
             json.dumps(list(form.languages)), form.settings.default_language, xlsform,
             digest, to_text(local_now())))
        for file in form.files:
            conn.execute("INSERT INTO kelisim.form_files (form_id, version, name, sha256, data) "
                         "VALUES (%s, %s, %s, %s, %s)",
                         (form.form_id, form.version, file.name, file.sha256, file.data))
    return True


def set_quota(conn: Conn, address: Address, form_id: str, region: str, target: int) -> None:
    """The target number of completed interviews of ``form_id`` in ``region``."""
    with errors_translated(address), conn.transaction():
        require_current(conn, address)
        conn.execute("INSERT INTO kelisim.quotas (form_id, region, target) VALUES (%s, %s, %s) "
                     "ON CONFLICT (form_id, region) DO UPDATE SET target = excluded.target",
                     (form_id, region, target))
