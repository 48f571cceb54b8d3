"""Report outputs: never over the database or each other, folders created, written whole."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main as kelisim
from reports.api import build_report
from reports.errors import ReportCancelled
from reports.repeat_frames import stored_repeat_frames
from reports.spec import ReportSpec
from survey.export import read_interviews

QUICK = ReportSpec(language="en", weighting="none", breakdowns=("sex",))


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


def test_report_command__missing_output_folders__created(db: Path, tmp_path: Path):
    xlsx = tmp_path / "new" / "dir" / "q.xlsx"
    code = kelisim(["report", "--db", str(db), "--xlsx", str(xlsx), "--lang", "en",
                    "--weighting", "none", "--by", "sex", "--quiet"])
    assert code == 0
    assert "Key findings" in openpyxl.load_workbook(xlsx).sheetnames
    assert sorted(p.name for p in xlsx.parent.iterdir()) == ["q.xlsx"]


def test_report_command__output_folder_is_a_file__coded_error_no_traceback(
        db: Path, tmp_path: Path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    read_interviews(db)  # the analysis snapshot beside the database (a cache, not an output)
    stored_repeat_frames(db, ReportSpec(weighting="none", breakdowns=("sex",)), None)  # roster's
    before = _listing(tmp_path)
    code = kelisim(["report", "--db", str(db), "--xlsx", str(blocker / "q.xlsx"),
                    "--weighting", "none", "--by", "sex", "--quiet"])
    assert code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().endswith("[report.cannot_write]")
    assert len(err.strip().splitlines()) == 1
    assert _listing(tmp_path) == before


def test_build_report__cancelled_while_writing__existing_outputs_untouched_no_leftovers(
        db: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.xlsx").write_bytes(b"last wave's workbook")
    (out / "report.pdf").write_bytes(b"last wave's pdf")
    before = _listing(out)

    def cancel() -> bool:  # cancel as soon as anything new appears in the output folder
        return _listing(out).keys() != before.keys()

    with pytest.raises(ReportCancelled):
        build_report(db, spec=QUICK, xlsx=out / "report.xlsx", pdf=out / "report.pdf",
                     cancel=cancel)
    assert _listing(out) == before
