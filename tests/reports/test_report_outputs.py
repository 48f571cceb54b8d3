"""Report outputs: never over the database or each other."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from desktop.cli import main as kelisim


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): _sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "field.db"
    shutil.copyfile(demo_db, copy)
    return copy


@pytest.mark.parametrize("option,suffix", [("--xlsx", ""), ("--pdf", ""), ("--pdf", "-wal"),
                                           ("--xlsx", "-shm")])
def test_report_command__output_is_the_database__refused_database_unchanged(
        db: Path, tmp_path: Path, capsys, option: str, suffix: str):
    before = _listing(tmp_path)
    code = kelisim(["report", "--db", str(db), option, f"{db}{suffix}", "--quiet"])
    assert code == 1
    assert capsys.readouterr().err.strip().endswith("[report.same_as_input]")
    assert _listing(tmp_path) == before


def test_report_command__same_file_for_xlsx_and_pdf__refused_nothing_written(
        db: Path, tmp_path: Path, capsys):
    before = _listing(tmp_path)
    out = tmp_path / "report.out"
    code = kelisim(["report", "--db", str(db), "--xlsx", str(out), "--pdf",
                    str(tmp_path / "." / "report.out"), "--quiet"])
    assert code == 1
    assert capsys.readouterr().err.strip().endswith("[report.same_output]")
    assert _listing(tmp_path) == before
