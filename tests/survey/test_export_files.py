"""Bad input gets a clear error and writes nothing; files are private; text is safe to open.

Unknown language, a column the form lacks, a missing or read-only folder, a full disk, an
output that is a FIFO, a device, a symbolic link or a folder; CSV injection; long answers cut
in the formats that must cut them, with a note.
"""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pyreadstat
import pytest
from openpyxl import load_workbook

from desktop.cli import main as kelisim
from reports.exports import ExportOptions, export_survey
from survey.errors import ExportError
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform
from tests.survey.hostile import run_sql

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Twenty interviews of a small form with a comment question."""
    xlsx = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "integer", "name": "n", "label::English (en)": "N", "label::Kazakh (kk)": "Н"},
        {"type": "text", "name": "comment", "label::English (en)": "Comment",
         "label::Kazakh (kk)": "Пікір"}], None,
        {"form_id": "f", "version": "1", "default_language": "en"})
    path = tmp_path / "in" / "f.db"
    with Store.open(path) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        for i in range(20):
            uuid = store.start_interview("f", "1", interviewer="A", device_id="d", language="en")
            store.save_answer(uuid, "n", i)
            store.save_answer(uuid, "comment", ["=1+2", "+7 701 123", "-5", "@SUM(A1)",
                                                "ordinary"][i % 5])
            store.complete(uuid)
    return path


def _run(*args: str) -> int:
    return kelisim(["export", *args])


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_unknown_language__error_and_nothing_written(db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "o" / "x.csv"
    out.parent.mkdir()
    assert _run("--db", str(db), "--format", "csv", "--out", str(out), "--lang", "de") == 1
    assert capsys.readouterr().err.endswith(
        "The questionnaire has no labels in 'de'. Use one of: kk, ru, en. "
        "[export.unknown_language]\n")
    assert _run("--db", str(db), "--format", "csv", "--out", str(out), "--lang", "ru") == 1
    assert "Используйте один из языков: en, kk. [export.unknown_language]" in \
        capsys.readouterr().err  # --lang ru is also the language of the message
    assert _listing(out.parent) == []


def test_column_the_form_lacks__error_and_nothing_written(db: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "o" / "x.sav"
    out.parent.mkdir()
    assert _run("--db", str(db), "--format", "sav", "--out", str(out), "--strata",
                "district", "--lang", "kk") == 1
    assert capsys.readouterr().err.endswith(
        "Сауалнамада «district» бағаны жоқ. Мысалы, мына бағандар бар: n, comment. "
        "[export.unknown_column]\n")
    assert _listing(out.parent) == []


def test_missing_folder__error_and_no_folder_created(db: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "none" / "deeper" / "x.xlsx"
    assert _run("--db", str(db), "--format", "xlsx", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert f"The folder {out.parent} does not exist." in err and "[export.no_folder]" in err
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("kind", ["fifo", "symlink", "folder", "device"])
def test_output_not_a_regular_file__refused_and_left_as_it_is(db: Path, tmp_path: Path,
                                                              kind: str):
    target = tmp_path / "target.csv"
    (tmp_path / "real.csv").write_text("keep me")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(tmp_path / "real.csv")
    elif kind == "folder":
        target.mkdir()
    else:
        target = Path("/dev/null")
    before = os.lstat(target)
    with pytest.raises(ExportError) as caught:
        export_survey(db, target, ExportOptions("csv"))
    assert caught.value.code == "export.not_a_file"
    expected = {"fifo": "export.path.fifo", "symlink": "export.path.link",
                "folder": "export.path.folder", "device": "export.path.device"}[kind]
    assert caught.value.message.fields["kind"].code == expected
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "real.csv").read_text() == "keep me"


def _child(args: list[str], *, fsize: int) -> subprocess.CompletedProcess[str]:
    """``kelisim export`` in a process whose files may not grow beyond ``fsize`` bytes."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "KELISIM_LANG": "en"}
    return subprocess.run([sys.executable, "-m", "desktop.cli", "export", *args],
                          capture_output=True, text=True, preexec_fn=limit, env=env,
                          cwd=ROOT, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "dta"])
def test_full_disk__clear_error__old_file_kept__nothing_partial(db: Path, tmp_path: Path,
                                                                fmt: str):
    out_dir = tmp_path / "o"
    out_dir.mkdir()
    out = out_dir / f"x.{fmt}"
    out.write_bytes(b"the previous export")
    with Store.open(db) as store:  # enough data to pass the limit
        for _ in range(300):
            uuid = store.start_interview("f", "1", interviewer="A", device_id="d",
                                         language="en")
            store.save_answer(uuid, "comment", os.urandom(1000).hex())  # incompressible
            store.complete(uuid)
    run = _child(["--db", str(db), "--format", fmt, "--out", str(out)], fsize=100_000)
    assert run.returncode == 1, run.stderr
    assert run.stderr.strip().endswith("[export.disk_full]"), run.stderr
    assert "Traceback" not in run.stderr
    assert out.read_bytes() == b"the previous export"
    assert _listing(out_dir) == [f"x.{fmt}"]


def test_folder_that_cannot_be_written__clear_error_and_nothing_written(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    if os.geteuid() == 0:  # root writes into any folder a mode forbids: use sysfs instead
        folder = Path("/sys")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
    out = folder / "kelisim-export.csv"
    assert _run("--db", str(db), "--format", "csv", "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert f"The folder {folder} cannot be written to" in err
    assert err.strip().endswith("[export.folder_not_writable]") and "Traceback" not in err
    assert not out.exists() and not list(folder.glob("*kelisim-export*"))


def test_every_file__private_0600(db: Path, tmp_path: Path):
    out = tmp_path / "p" / "x.sav"
    out.parent.mkdir()
    result = export_survey(db, out, ExportOptions("sav"))
    assert len(result.files) == 6
    for path in result.files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert _listing(out.parent) == sorted(p.name for p in result.files)


def test_csv__formula_like_text__defused_by_default__raw_on_request(db: Path, tmp_path: Path):
    out = export_survey(db, tmp_path / "s.csv", ExportOptions("csv", codebook=False,
                                                              syntax=False)).files[0]
    text = out.read_text(encoding="utf-8-sig")
    for cell in ("'=1+2", "'+7 701 123", "'-5", "'@SUM(A1)", ",ordinary"):
        assert cell in text
    raw = export_survey(db, tmp_path / "r.csv", ExportOptions("csv", codebook=False,
                                                              syntax=False, raw_text=True))
    text = raw.files[0].read_text(encoding="utf-8-sig")
    assert ",=1+2" in text and ",+7 701 123" in text and "'" not in text


def test_long_answer__cut_where_the_format_must__with_notes__small_sav(db: Path,
                                                                       tmp_path: Path):
    long_text = "Ұзақ пікір. " * 17_000  # 204,000 characters, 2 bytes a letter
    with Store.open(db) as store:
        uuid = store.start_interview("f", "1", interviewer="A", device_id="d", language="en")
        store.save_answer(uuid, "comment", "short")
        store.complete(uuid)
    # The store keeps at most 10,000 characters an answer now; a file written before that
    # limit (or by another tool) may still hold more, and exports must cope with it.
    run_sql(db, "UPDATE answers SET value_text = ? WHERE uuid = ? AND question = 'comment'",
            params=(long_text, uuid))
    options = {"codebook": False, "syntax": False}
    xlsx = export_survey(db, tmp_path / "l.xlsx", ExportOptions("xlsx", **options))
    cells = [r[11] for r in load_workbook(xlsx.files[0], read_only=True)["data"].iter_rows(
        min_row=2, values_only=True)]
    assert max(len(c or "") for c in cells) == 32767
    cut = [(n.code, n.fields["count"]) for n in xlsx.notes if n.code.startswith("export.text")]
    assert cut == [("export.text_cut.characters", 1)]
    sav = export_survey(db, tmp_path / "l.sav", ExportOptions("sav", **options))
    frame, _ = pyreadstat.read_sav(str(sav.files[0]))
    assert max(len(c.encode()) for c in frame["comment"]) <= 32767
    assert [n.code for n in sav.notes] == ["export.no_design", "export.text_cut.bytes"]
    assert sav.files[0].stat().st_size < 2_000_000  # not 21 rows x 400 KB
    dta = export_survey(db, tmp_path / "l.dta", ExportOptions("dta", **options))
    frame, _ = pyreadstat.read_dta(str(dta.files[0]))
    assert long_text in set(frame["comment"])
    assert [n.code for n in dta.notes] == ["export.no_design"]  # nothing cut
    csv_file = export_survey(db, tmp_path / "l.csv", ExportOptions("csv", **options))
    assert long_text in csv_file.files[0].read_text(encoding="utf-8-sig")


def test_language_of_form_without_language_columns__says_so_not_an_empty_list(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = write_xlsform(tmp_path / "plain.xlsx", [{"type": "integer", "name": "n",
                                                   "label": "N"}], None, {"form_id": "plain"})
    path = tmp_path / "plain.db"
    with Store.open(path) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
    out = tmp_path / "o" / "x.csv"
    out.parent.mkdir()
    assert _run("--db", str(path), "--format", "csv", "--out", str(out), "--lang", "kk") == 1
    err = capsys.readouterr().err
    assert err.endswith("[export.unknown_language.untranslated]\n")
    assert "label::<тіл>" in err and "«kk» тілінде" in err and ": ." not in err
    assert _listing(out.parent) == []


def test_form_without_language_columns__exported_with_its_codebook(tmp_path: Path) -> None:
    xlsx = write_xlsform(tmp_path / "plain.xlsx", [{"type": "decimal", "name": "a",
                                                   "label": "Weight of the harvest"}],
                         None, {"form_id": "plain"})
    path = tmp_path / "plain.db"
    with Store.open(path) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        uuid = store.start_interview("plain", "", interviewer="A")
        store.save_answer(uuid, "a", 2.5)
        store.complete(uuid)
    out = tmp_path / "o" / "plain.csv"
    out.parent.mkdir()
    assert _run("--db", str(path), "--format", "csv", "--out", str(out)) == 0
    book = load_workbook(out.parent / "plain_codebook.xlsx")
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "Weight of the harvest" in cells
    assert (out.parent / "plain_codebook.pdf").stat().st_size > 0
