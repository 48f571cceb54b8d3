"""Opening store files: creation, pragmas, and refusing files the store cannot use."""

import hashlib
import sqlite3
from pathlib import Path

import platformdirs
import pytest

from survey.errors import StoreError
from survey.messages import Location
from survey.store import Store, default_database_path
from survey.store.codes import StoreCode
from survey.store.schema import APPLICATION_ID, SCHEMA_VERSION


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_open__new_path__creates_versioned_wal_store(tmp_path):
    path = tmp_path / "sub" / "laptop.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"forms", "interviews", "answers", "audit_log", "paradata", "quotas", "conflicts",
            "meta"} <= tables


def test_open__store_connection__has_foreign_keys_full_sync_and_busy_timeout(tmp_path):
    with Store.open(tmp_path / "a.db") as store:
        conn = store._conn
        assert conn.scalar("PRAGMA foreign_keys") == 1
        assert conn.scalar("PRAGMA synchronous") == 2  # FULL
        assert conn.scalar("PRAGMA busy_timeout") >= 1000


def test_open__reopened__keeps_device_id(tmp_path):
    with Store.open(tmp_path / "a.db") as store:
        device = store.device_id
    with Store.open(tmp_path / "a.db") as store:
        assert store.device_id == device
    assert len(device) == 32


def test_open__empty_file__becomes_store(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store.open(path) as store:
        assert store.count_interviews() == 0


def test_open__text_file__corrupt_error_and_file_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids\n" * 100)
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.corrupt"
    assert caught.value.message.location == Location(file=str(path))
    assert caught.value.message.fields["detail"] == StoreCode.NOT_SQLITE.message()
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_open__other_sqlite_database__not_kelisim_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.execute("INSERT INTO people VALUES ('Aigerim')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.not_kelisim"
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_open__newer_schema__refused_and_untouched(tmp_path):
    path = tmp_path / "future.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.newer_schema"
    assert dict(caught.value.message.fields) == {"version": SCHEMA_VERSION + 1,
                                                 "known": SCHEMA_VERSION}
    assert _digest(path) == before


def test_open__truncated_store__corrupt_error(tmp_path):
    path = tmp_path / "cut.db"
    with Store.open(path) as store:
        store.set_quota("f", "almaty", 10)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.corrupt"


def test_open__kelisim_tables_missing__corrupt_error(tmp_path):
    path = tmp_path / "half.db"
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE quotas")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert caught.value.code == "store.corrupt"
    assert caught.value.message.fields["detail"] == StoreCode.MISSING_TABLES.message(
        tables=["quotas"])


def test_default_database_path__is_kelisim_db_in_user_data_folder():
    expected = Path(platformdirs.user_data_dir("Kelisim", appauthor=False)) / "kelisim.db"
    assert default_database_path() == expected


def test_open__kelisim_file_at_older_schema__migrated_forward(tmp_path):
    path = tmp_path / "old.db"  # marked as a store, killed before its first migration ran
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        store.set_quota("f", "almaty", 5)
        assert store.quotas("f") == {"almaty": 5}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_open__version_1_file_with_interviews__gains_the_listing_index_and_keeps_data(tmp_path):
    from survey.store.schema import MIGRATIONS

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.executescript(MIGRATIONS[0])
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO forms (form_id, version, title, languages, default_language, "
                 "xlsform, sha256, registered_at) VALUES ('f', '1', '{}', '[]', '', x'00', 'h', "
                 "'2026-01-01T00:00:00Z')")
    conn.execute("INSERT INTO interviews (uuid, form_id, form_version, interviewer, device_id, "
                 "language, status, started_at, updated_at, tz_offset, last_device_id) VALUES "
                 "('u1', 'f', '1', 'A', 'd', 'kk', 'draft', '2026-01-01T00:00:00Z', "
                 "'2026-01-01T00:00:00Z', '+05:00', 'd')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert [r.uuid for r in store.interviews(limit=10)] == ["u1"]
    conn = sqlite3.connect(path)
    indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"interviews_by_update", "interviews_by_status_update"} <= indexes
    plan = " ".join(str(r) for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT uuid FROM interviews ORDER BY updated_at DESC, uuid LIMIT 5"))
    assert "interviews_by_update" in plan
