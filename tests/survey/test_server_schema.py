"""``kelisim server init`` and the rights PostgreSQL itself enforces (grants, row-level
security), checked with plain SQL as each login, against a real PostgreSQL server."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import errors

from desktop.cli import main
from survey.errors import StoreError
from survey.form.model import Form, Settings, Text
from survey.store.postgres.admin import add_account, migrate, schema_version
from survey.store.postgres.connection import Address, connect
from survey.store.postgres.remote import Server
from survey.store.postgres.schema import SCHEMA_VERSION

FORM = Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}), version="1"),
            questions=())
ROW = ("'{uuid}', 'f', '1', '{who}', 'dev', 'ru', 'complete', '2026-03-01T08:00:00.000000Z', "
       "'2026-03-01T08:10:00.000000Z', '2026-03-01T08:10:00.000000Z', '+05:00', 'dev'")
COLUMNS = ("uuid, form_id, form_version, interviewer, device_id, language, status, started_at, "
           "completed_at, updated_at, tz_offset, last_device_id")


def _insert(conn: psycopg.Connection, uuid: str, who: str) -> None:
    conn.execute(f"INSERT INTO kelisim.interviews ({COLUMNS}) VALUES "
                 f"({ROW.format(uuid=uuid, who=who)})".encode())


def _login(server, address: Address) -> psycopg.Connection:
    return psycopg.connect(address.conninfo(address.url_password), autocommit=True)


@pytest.fixture
def populated(kelisim_server):
    """A server with a form, one interview each of Aigerim and Bolat, and three logins."""
    kelisim_server.publish(FORM, b"form v1")
    with kelisim_server.admin() as conn:
        _insert(conn, "a1", "Aigerim")
        _insert(conn, "b1", "Bolat")
    return (kelisim_server, kelisim_server.add_user("aigerim", interviewers=("Aigerim",)),
            kelisim_server.add_user("analyst", "supervisor"))


def test_init__new_database__schema_at_current_version_twice_is_noop(pg_cluster):
    url = pg_cluster.create_database("init_twice")
    assert main(["server", "init", url]) == 0
    address = Address.parse(url)
    with connect(address, None, autocommit=True) as conn:
        assert schema_version(conn) == SCHEMA_VERSION
        tables = {r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'kelisim'")}
        assert {"forms", "interviews", "audit_log", "paradata", "conflicts", "quotas",
                "accounts", "meta"} <= tables
        assert migrate(conn, address) == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM kelisim.meta").fetchone() == (1,)


def test_open__database_without_kelisim__not_initialised(pg_cluster):
    url = pg_cluster.create_database("empty_db")
    with pytest.raises(StoreError) as caught:
        Server.open(Address.parse(url), None)
    assert caught.value.code == "server.not_initialised"


def test_open__server_of_a_newer_kelisim__refused_and_unchanged(kelisim_server):
    with kelisim_server.admin() as conn:
        conn.execute("UPDATE kelisim.meta SET value = %s WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError) as caught:
        Server.open(kelisim_server.address(), None)
    assert caught.value.code == "server.newer_schema"
    with connect(kelisim_server.address(), None, autocommit=True) as conn, \
            pytest.raises(StoreError) as again:
        migrate(conn, kelisim_server.address())
    assert again.value.code == "server.newer_schema"


def test_interviewer__sees_and_sends_only_own_interviews(populated):
    _server, aigerim, _analyst = populated
    with _login(_server, aigerim) as conn:
        assert conn.execute("SELECT uuid FROM kelisim.interviews").fetchall() == [("a1",)]
        _insert(conn, "a2", "Aigerim")
        with pytest.raises(errors.InsufficientPrivilege):
            _insert(conn, "b2", "Bolat")
        assert conn.execute("UPDATE kelisim.interviews SET language = 'kk' "
                            "WHERE uuid = 'b1'").rowcount == 0
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("UPDATE kelisim.interviews SET interviewer = 'Bolat' "
                         "WHERE uuid = 'a1'")
    assert _server.count("SELECT count(*) FROM kelisim.interviews WHERE interviewer = "
                         "'Bolat' AND language = 'ru'") == 1


@pytest.mark.parametrize("statement", [
    "DELETE FROM kelisim.interviews WHERE uuid = 'a1'",
    "INSERT INTO kelisim.forms VALUES ('g', '1', '{}', '[]', NULL, '\\x00', 'x', 'now')",
    "INSERT INTO kelisim.quotas VALUES ('f', 'almaty', 5)",
    "INSERT INTO kelisim.accounts VALUES (current_user, 'Bolat')",
    "INSERT INTO kelisim.audit_log (entry_id, uuid, at, who, action) "
    "VALUES ('e1', 'b1', 'now', 'x', 'change')",
    "INSERT INTO kelisim.paradata VALUES ('b1', '{x}')",
    "UPDATE kelisim.interviews SET seq = 0",
])
def test_interviewer__forbidden_writes__refused_by_postgresql(populated, statement):
    _server, aigerim, _analyst = populated
    with _login(_server, aigerim) as conn, pytest.raises(errors.InsufficientPrivilege):
        conn.execute(statement.encode())


def test_audit_log__append_only_even_for_the_owner(populated):
    server, _aigerim, _analyst = populated
    with server.admin() as conn:
        conn.execute("INSERT INTO kelisim.audit_log (entry_id, uuid, at, who, action) "
                     "VALUES ('e1', 'a1', 'now', 'x', 'complete')")
        with pytest.raises(errors.RaiseException):
            conn.execute("DELETE FROM kelisim.audit_log")


def test_supervisor__reads_everything_writes_nothing(populated):
    _server, _aigerim, analyst = populated
    with _login(_server, analyst) as conn:
        assert conn.execute("SELECT count(*) FROM kelisim.interviews").fetchone() == (2,)
        with pytest.raises(errors.InsufficientPrivilege):
            _insert(conn, "c1", "Bolat")
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute("UPDATE kelisim.interviews SET language = 'kk'")


def test_interviews__stamped_with_sender_and_change_number(populated):
    server, aigerim, _analyst = populated
    with _login(server, aigerim) as conn:
        _insert(conn, "a2", "Aigerim")
        conn.execute("UPDATE kelisim.interviews SET language = 'kk' WHERE uuid = 'a1'")
    with server.admin() as conn:
        rows = dict(conn.execute("SELECT uuid, sent_by FROM kelisim.interviews").fetchall())
        seqs = dict(conn.execute("SELECT uuid, seq FROM kelisim.interviews").fetchall())
    assert rows["a2"] == rows["a1"] == aigerim.user
    assert rows["b1"] == "postgres"
    assert seqs["a1"] > seqs["a2"] > seqs["b1"]


@pytest.mark.parametrize(("login", "role", "names", "code"), [
    ("Bad Name", "interviewer", ["X"], "server.bad_login"),
    ("ok_name", "boss", ["X"], "server.unknown_role"),
    ("ok_name", "interviewer", [], "server.interviewer_required"),
])
def test_add_account__bad_request__refused(kelisim_server, login, role, names, code):
    with kelisim_server.admin() as conn, pytest.raises(StoreError) as caught:
        add_account(conn, kelisim_server.address(), login, role, "pw", names)
    assert caught.value.code == code


def test_add_account__password_sent_hashed_and_login_works(kelisim_server):
    address = kelisim_server.add_user("nurlan", interviewers=("Nurlan",), password="s3cret")
    with kelisim_server.admin() as conn:
        stored = conn.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                              (address.user,)).fetchone()[0]
    assert stored.startswith("SCRAM-SHA-256$") and "s3cret" not in stored
    Server.open(address, "s3cret").close()
    with pytest.raises(StoreError) as caught:
        Server.open(address, "wrong")
    assert caught.value.code == "server.password_refused"


def test_cli_add_user__password_from_stdin(kelisim_server, monkeypatch, capsys):
    import io

    login = f"{kelisim_server.database}_cli"
    monkeypatch.setattr("sys.stdin", io.StringIO("from-stdin\n"))
    code = main(["server", "add-user", kelisim_server.url, login, "--role", "interviewer",
                 "--interviewer", "Dana", "--password-stdin"])
    assert code == 0
    assert f"login '{login}' is ready as interviewer" in capsys.readouterr().out
    Server.open(kelisim_server.address(login, "from-stdin"), None).close()
    with kelisim_server.admin() as conn:
        assert conn.execute("SELECT interviewer FROM kelisim.accounts WHERE login = %s",
                            (login,)).fetchall() == [("Dana",)]


def test_cli_publish_and_quota__on_the_server(kelisim_server, tmp_path, capsys):
    from questionnaires import bundled_form_bytes

    (tmp_path / "form.xlsx").write_bytes(bundled_form_bytes())
    assert main(["server", "publish", kelisim_server.url, str(tmp_path / "form.xlsx")]) == 0
    assert main(["server", "--lang", "ru", "quota", kelisim_server.url, "--form",
                 "kelisim_mediation_kz", "almaty=120", "astana=80"]) == 0
    out = capsys.readouterr().out
    assert "laptops receive it at their next sync" in out and "цель для astana — 80" in out
    with kelisim_server.admin() as conn:
        assert conn.execute("SELECT region, target FROM kelisim.quotas ORDER BY 1").fetchall() \
            == [("almaty", 120), ("astana", 80)]
        assert conn.execute("SELECT count(*) FROM kelisim.forms").fetchone() == (1,)
    assert main(["server", "quota", kelisim_server.url, "--form", "x", "almaty=lots"]) == 1
    assert "[server.bad_quota]" in capsys.readouterr().err
