"""Respondents' answers are private: databases, their logs, packs and the master are 0600 in
0700 folders, whatever the umask (POSIX)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from survey.private import (
    PRIVATE_FILE_MODE,
    create_private_file,
    make_private_folder,
    open_private,
    private_partial,
)
from survey.store import Store, merge
from survey.store import paths as store_paths
from survey.store.pack import pack

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask():
    """The umask most desktops have (0022: new files 0644, new folders 0755)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_store__file_wal_and_shm_0600_new_folders_0700(tmp_path):
    path = tmp_path / "field" / "team1" / "laptop.db"
    with Store.open(path) as store:
        store.set_quota("f", "almaty", 3)
        logs = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
        assert all(log.exists() for log in logs)
        assert [_mode(p) for p in (path, *logs)] == [0o600] * 3
    assert _mode(tmp_path / "field") == _mode(tmp_path / "field" / "team1") == 0o700


def test_user_data_folder__made_private_even_when_created_open_before(tmp_path, monkeypatch):
    folder = tmp_path / "share" / "Kelisim"
    folder.mkdir(parents=True, mode=0o755)
    monkeypatch.setattr(store_paths, "data_folder", lambda: folder)
    monkeypatch.setattr("survey.store.connection.data_folder", lambda: folder)
    with Store.open(store_paths.default_database_path()):
        pass
    assert _mode(folder) == 0o700
    assert _mode(folder / "kelisim.db") == 0o600


def test_merge_master_and_pack__0600(tmp_path):
    with Store.open(tmp_path / "laptop.db") as store:
        store.set_quota("f", "almaty", 3)
    merge(tmp_path / "out" / "master.db", [tmp_path / "laptop.db"])
    written = pack(tmp_path / "laptop.db", tmp_path / "usb" / "kelisim")
    assert _mode(tmp_path / "out" / "master.db") == _mode(written.path) == 0o600
    assert _mode(tmp_path / "out") == _mode(tmp_path / "usb") == 0o700


def test_existing_file__keeps_its_permissions(tmp_path):
    """A database the user made readable on purpose is not changed behind their back."""
    path = tmp_path / "shared.db"
    with Store.open(path):
        pass
    path.chmod(0o640)
    with Store.open(path):
        pass
    assert _mode(path) == 0o640


def test_helpers__files_0600_from_the_first_byte(tmp_path):
    created = create_private_file(tmp_path / "a")
    with pytest.raises(FileExistsError):
        create_private_file(created)
    with open_private(tmp_path / "b.csv", "w", encoding="utf-8") as out:
        out.write("uuid\n")
        assert _mode(tmp_path / "b.csv") == PRIVATE_FILE_MODE
    folder = make_private_folder(tmp_path / "out")
    partial = private_partial(folder / "export.xlsx")
    assert partial.parent == folder and _mode(folder) == 0o700
    assert partial.name.startswith(".export.xlsx.") and partial.name.endswith(".partial")
    assert [_mode(p) for p in (created, partial)] == [0o600, 0o600]


def _dead_pid() -> int:
    import subprocess

    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_merge_killed__its_copy_of_the_laptop_removed_by_the_next_merge(tmp_path, monkeypatch):
    """A merge killed half-way leaves its scratch folder (a copy of a laptop file) in the
    temporary folder; the next merge removes it. Folders of running processes stay."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    abandoned = tmp_path / "tmp" / f"kelisim-merge-{_dead_pid()}-x1"
    abandoned.mkdir()
    (abandoned / "input.db").write_bytes(b"answers of respondents")
    running = tmp_path / "tmp" / f"kelisim-sync-{os.getppid()}-x2"
    running.mkdir()
    with Store.open(tmp_path / "laptop.db"):
        pass
    (summary,) = merge(tmp_path / "master.db", [tmp_path / "laptop.db"])
    assert summary.ok
    assert not abandoned.exists()
    assert running.exists()
    assert sorted(p.name for p in (tmp_path / "tmp").iterdir()) == [running.name]
