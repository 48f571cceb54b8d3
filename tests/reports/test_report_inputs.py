"""``kelisim report`` never changes its database and says what is wrong with it once."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from desktop.cli import main as kelisim


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_command__empty_database_file__stays_empty_exit_1_one_line(tmp_path: Path,
                                                                        capsys):
    db = tmp_path / "empty.db"
    db.touch()
    code = kelisim(["report", "--db", str(db), "--xlsx", str(tmp_path / "r.xlsx"), "--quiet"])
    assert code == 1
    assert db.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [err.strip()]
    assert err.count("[store.not_kelisim]") == 1
    assert err.count(str(db)) == 1


def test_report_command__damaged_database__message_and_code_once(tmp_path: Path, capsys):
    db = tmp_path / "r.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 32)
    before = _sha(db)
    code = kelisim(["report", "--db", str(db), "--xlsx", str(tmp_path / "r.xlsx"), "--quiet"])
    assert code == 1
    assert _sha(db) == before
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.count(str(db)) == 1
    assert err.count("[") == 1 and err.endswith("[store.corrupt]")
    assert not (tmp_path / "r.xlsx").exists()


def test_report_command__real_database__file_bytes_unchanged(demo_db: Path, tmp_path: Path):
    db = tmp_path / "copy.db"
    shutil.copyfile(demo_db, db)
    before = _sha(db)
    code = kelisim(["report", "--db", str(db), "--xlsx", str(tmp_path / "r.xlsx"),
                    "--weighting", "none", "--by", "sex", "--quiet"])
    assert code == 0
    assert _sha(db) == before
