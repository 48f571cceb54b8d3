"""Planted SQL: a store's schema must be exactly Kelisim's for its version, or it is refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main as kelisim
from survey.errors import StoreError
from survey.messages import render
from survey.store import Store, merge
from survey.store.codes import StoreCode
from survey.store.schema import SCHEMA_VERSION
from survey.store.schema_check import expected_schema
from tests.survey.hostile import count, field_form, laptop, run_sql, store_at_version

#: Each planted object (as an attacker writes it into a copied file) and its kind and name.
PLANTED = [
    ("CREATE TRIGGER wipe AFTER INSERT ON answer_rows BEGIN "
     "DELETE FROM answer_rows WHERE interview != NEW.interview; END", "store.kind.trigger",
     "wipe"),
    ("CREATE TRIGGER wipe_paradata BEFORE INSERT ON interviews BEGIN "
     "DELETE FROM paradata; END", "store.kind.trigger", "wipe_paradata"),
    ("CREATE VIEW everything AS SELECT * FROM answers", "store.kind.view", "everything"),
    ("CREATE INDEX answers_by_text ON answer_rows (value_text)", "store.kind.index",
     "answers_by_text"),
    ("CREATE TABLE extra (x)", "store.kind.table", "extra"),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def field(tmp_path: Path) -> bytes:
    return field_form(tmp_path / "field.xlsx")


@pytest.mark.parametrize(("sql", "kind", "name"), PLANTED)
def test_open__planted_object__refused_file_unchanged(tmp_path, field, sql, kind, name):
    path = tmp_path / "laptop.db"
    uuids = laptop(path, field, 3)
    run_sql(path, sql)
    before = _digest(path)
    for opening in (Store.open, Store.open_read_only):
        with pytest.raises(StoreError) as caught:
            opening(path)
        assert caught.value.code == "store.foreign_schema"
        (found,) = caught.value.message.fields["objects"]
        assert found.code == "store.schema.unexpected"
        assert (found.fields["kind"].code, found.fields["name"]) == (kind, name)
    assert _digest(path) == before
    assert count(path, "answers") == 6 * len(uuids)


def test_open__planted_delete_trigger__one_save_cannot_empty_the_answers(tmp_path, field):
    """The reported case: one autosave deleted every answer but its own."""
    path = tmp_path / "laptop.db"
    uuids = laptop(path, field, 20)
    run_sql(path, PLANTED[0][0])
    with pytest.raises(StoreError) as caught:
        Store.open(path).save_answer(uuids[0], "comment", "new")
    assert caught.value.code == "store.foreign_schema"
    assert count(path, "answers") == 120
    text = render(caught.value.message, "en")
    assert "unknown trigger 'wipe'" in text and "was neither opened nor changed" in text
    assert "бөгде триггер: «wipe»" in render(caught.value.message, "kk")


def test_open__changed_table_or_removed_trigger__refused(tmp_path, field):
    path = tmp_path / "laptop.db"
    laptop(path, field, 1)
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_delete")  # the audit log could then be emptied
    conn.execute("PRAGMA writable_schema = ON")  # a CHECK removed by editing the schema text
    conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'CHECK (target >= 0)', '') "
                 "WHERE name = 'quotas'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    found = [(m.code, m.fields["name"]) for m in caught.value.message.fields["objects"]]
    assert found == [("store.schema.missing", "audit_log_no_delete"),
                     ("store.schema.changed", "quotas")]


@pytest.mark.slow
def test_merge__input_with_planted_trigger__refused_master_and_input_unchanged(tmp_path, field):
    laptop(tmp_path / "good.db", field, 2)
    laptop(tmp_path / "bad.db", field, 2)
    run_sql(tmp_path / "bad.db", PLANTED[0][0])
    before = _digest(tmp_path / "bad.db")
    bad, good = merge(tmp_path / "master.db", [tmp_path / "bad.db", tmp_path / "good.db"])
    assert bad.error_code == "store.foreign_schema" and good.added == 2
    assert _digest(tmp_path / "bad.db") == before
    with Store.open(tmp_path / "master.db") as master:
        assert master.count_interviews() == 2


def test_demo__planted_trigger_on_interviews__refused_paradata_kept(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert kelisim(["demo", "--db", str(path), "--interviews", "5", "--seed", "1",
                    "--quiet"]) == 0
    events = count(path, "paradata")
    run_sql(path, PLANTED[1][0])
    assert kelisim(["demo", "--db", str(path), "--interviews", "5", "--seed", "2",
                    "--quiet"]) == 1
    assert "[store.foreign_schema]" in capsys.readouterr().err
    assert count(path, "paradata") == events > 0


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_open__store_of_every_older_version__accepted_and_migrated(tmp_path, version):
    path = tmp_path / f"v{version}.db"
    store_at_version(path, version)
    with Store.open(path) as store:
        store.set_quota("f", "almaty", 3)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_open__version_zero_file_with_a_table__refused(tmp_path):
    """An application id and version 0 is a store killed while being created: it has no
    tables; any table in it is not ours."""
    path = tmp_path / "v0.db"
    store_at_version(path, 0)
    run_sql(path, "CREATE TABLE answers (uuid, question)")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.foreign_schema"


def test_open__claims_an_older_version_than_its_schema__refused(tmp_path):
    path = tmp_path / "claims.db"
    with Store.open(path):
        pass
    run_sql(path, "PRAGMA user_version = 1")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.foreign_schema"


def test_expected_schema__built_from_the_migrations__has_every_table_of_the_store(tmp_path):
    with Store.open(tmp_path / "a.db"):
        pass
    conn = sqlite3.connect(tmp_path / "a.db")
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {entry[1] for entry in expected_schema(SCHEMA_VERSION)} == names
    assert {"quarantine", "audit_log_no_update"} <= names


def test_foreign_schema__kinds_rendered_in_every_language():
    objects = [StoreCode.SCHEMA_UNEXPECTED.message(kind=StoreCode.KIND_VIEW.message(),
                                                   name="v")]
    message = StoreCode.FOREIGN_SCHEMA.message(objects=objects)
    assert "посторонний объект (представление) «v»" in render(message, "ru")
    assert "unknown view 'v'" in render(message, "en")
