"""A real PostgreSQL 16 server for tests and benchmarks, from the ``pgserver`` wheel.

``pgserver`` ships PostgreSQL's binaries inside a pip-installable wheel; this module runs them
directly (``initdb``, ``pg_ctl``) so that a test controls everything a real deployment has:
TCP on 127.0.0.1 with password (SCRAM) authentication for every role but the superuser's local
socket, several roles, and stopping and starting the server in the middle of a test.

PostgreSQL refuses to run as root. When the tests run as root the server runs as the
unprivileged ``nobody`` user (present on every Debian/Ubuntu system; ``KELISIM_PG_USER``
names another one): its data folder is created for that user in a fresh ``/tmp`` folder.

    cluster = Cluster.start()
    url = cluster.create_database("t1")        # postgresql://postgres:…@127.0.0.1:port/t1
    cluster.stop(); cluster.start_again()
    cluster.destroy()
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

SUPERUSER = "postgres"


def _binaries() -> Path:
    """PostgreSQL's programs inside the installed ``pgserver`` wheel (the package itself is not
    imported: it would set up its own server machinery)."""
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pgserver is not installed: pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _reachable_by_others(path: Path) -> bool:
    """Whether every folder above ``path`` lets other users through (o+x)."""
    return all(parent.stat().st_mode & 0o001 for parent in path.parents)


def _binaries_for(user: str | None) -> Path:
    """The programs, where ``user`` can run them: under a root-only folder (a checkout in
    /root, say) they are copied once to a world-readable temporary folder."""
    binaries = _binaries()
    if user is None or _reachable_by_others(binaries):
        return binaries
    site = binaries.parents[2]  # holds pgserver/pginstall and pgserver.libs (the rpath)
    copy = Path(tempfile.gettempdir()) / f"kelisim-pgbin-{os.stat(binaries).st_ino}"
    if not (copy / "pgserver" / "pginstall" / "bin" / "postgres").exists():
        staging = Path(tempfile.mkdtemp(prefix="kelisim-pgbin-"))
        staging.chmod(0o755)
        shutil.copytree(binaries.parent, staging / "pgserver" / "pginstall", symlinks=True)
        shutil.copytree(site / "pgserver.libs", staging / "pgserver.libs", symlinks=True)
        staging.rename(copy)
    return copy / "pgserver" / "pginstall" / "bin"


def _run_as() -> str | None:
    """The system user the server runs as (None: this process's own user)."""
    if os.geteuid() != 0:
        return None
    return os.environ.get("KELISIM_PG_USER", "nobody")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    """One running PostgreSQL server in a temporary folder."""

    folder: Path
    port: int
    password: str
    user: str | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @classmethod
    def start(cls) -> Cluster:
        folder = Path(tempfile.mkdtemp(prefix="kelisim-pg-"))
        folder.chmod(0o755)
        cluster = cls(folder, _free_port(), secrets.token_hex(12), _run_as())
        cluster.data.mkdir()
        secret = folder / "superuser-password"
        secret.write_text(cluster.password + "\n")
        cluster._give_to_server_user(cluster.data, secret)
        cluster._command("initdb", "-D", str(cluster.data), "-U", SUPERUSER, "-E", "UTF8",
                         "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                         f"--pwfile={secret}", "--no-sync")
        secret.unlink()
        # No fsync: tests simulate PostgreSQL crashes, not machine crashes; commits stay
        # synchronous (WAL written before COMMIT returns), so an immediate stop loses nothing
        # that was committed.
        with (cluster.data / "postgresql.conf").open("a") as conf:
            conf.write("\nfsync = off\nfull_page_writes = off\n"
                       "max_connections = 200\nshared_buffers = 128MB\n")
        cluster.start_again()
        return cluster

    def _give_to_server_user(self, *paths: Path) -> None:
        if self.user is None:
            return
        entry = pwd.getpwnam(self.user)
        for path in paths:
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def _command(self, name: str, *args: str) -> None:
        subprocess.run([str(_binaries_for(self.user) / name), *args], check=True, capture_output=True,
                       text=True, cwd=self.folder, user=self.user)

    def start_again(self) -> None:
        """Start the (stopped) server; returns when it accepts connections."""
        self._command("pg_ctl", "-D", str(self.data), "-w", "-t", "60",
                      "-l", str(self.data / "server.log"),
                      "-o", f"-h 127.0.0.1 -p {self.port} -k {self.data}", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``immediate`` is a crash: no shutdown checkpoint)."""
        self._command("pg_ctl", "-D", str(self.data), "-w", "-m", mode, "stop")

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER,
            password: str | None = None, **options: str) -> str:
        secret = self.password if user == SUPERUSER and password is None else password
        who = user if secret is None else f"{user}:{secret}"
        query = "&".join(f"{k}={v}" for k, v in options.items())
        return f"postgresql://{who}@127.0.0.1:{self.port}/{database}" + (f"?{query}" if query
                                                                          else "")

    def admin(self, database: str = "postgres") -> psycopg.Connection[Any]:
        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, name: str) -> str:
        """A new empty database; returns the superuser's URL of it."""
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return self.url(name)

    def create_login(self, name: str, password: str) -> None:
        """A plain login role (no Kelisim rights), e.g. the organisation's administrator."""
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)))


@dataclass
class KelisimServer:
    """A fresh database of the test cluster with the Kelisim schema (``kelisim server
    init``), and helpers to add accounts and forms as an administrator would."""

    cluster: Cluster
    database: str

    @property
    def url(self) -> str:
        """The owner's URL (the administrator who ran init)."""
        return self.cluster.url(self.database)

    def address(self, login: str | None = None, password: str | None = None) -> Any:
        from survey.store.postgres.connection import Address

        if login is None:
            return Address.parse(self.url)
        return Address.parse(self.cluster.url(self.database, login, password))

    def admin(self) -> psycopg.Connection[Any]:
        return self.cluster.admin(self.database)

    def add_user(self, login: str, role: str = "interviewer", interviewers: tuple[str, ...] = (),
                 password: str = "secret-pw") -> Any:
        """A login (unique per database: the name is prefixed) and its address."""
        from survey.store.postgres.admin import add_account

        name = f"{self.database}_{login}"
        with self.admin() as conn:
            add_account(conn, self.address(), name, role, password, interviewers)
        return self.address(name, password)

    def publish(self, form: Any, data: bytes) -> None:
        from survey.store.postgres.admin import publish_form

        with self.admin() as conn:
            publish_form(conn, self.address(), form, data)

    def count(self, sql_text: str, *params: Any) -> int:
        with self.admin() as conn:
            row = conn.execute(sql_text.encode(), params).fetchone()
        return int(row[0]) if row else 0


def new_kelisim_server(cluster: Cluster) -> KelisimServer:
    from survey.store.postgres.admin import migrate
    from survey.store.postgres.connection import Address

    name = f"k{secrets.token_hex(5)}"
    url = cluster.create_database(name)
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn, Address.parse(url))
    return KelisimServer(cluster, name)
