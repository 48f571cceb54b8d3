"""``kelisim validate``: run through the real command dispatcher (and once as a process)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from tests.formbuilder import write_xlsform

ROOT = Path(__file__).resolve().parents[2]
YES_NO = [{"list_name": "yn", "name": "yes", "label::English (en)": "Yes",
           "label::Russian (ru)": "Да"},
          {"list_name": "yn", "name": "no", "label::English (en)": "No",
           "label::Russian (ru)": "Нет"}]


def good_form(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "good.xlsx", [
        {"type": "begin_group", "name": "intro", "label::English (en)": "Intro",
         "label::Russian (ru)": "Вступление"},
        {"type": "select_one yn", "name": "consent", "label::English (en)": "Agree?",
         "label::Russian (ru)": "Согласны?", "required": "yes"},
        {"type": "integer", "name": "age", "label::English (en)": "Age",
         "label::Russian (ru)": "Возраст", "required": "yes"},
        {"type": "end_group"},
        {"type": "select_multiple yn", "name": "many", "label::English (en)": "Many",
         "label::Russian (ru)": "Много"},
        {"type": "calculate", "name": "adult", "calculation": "${age} >= 18"},
    ], YES_NO, {"form_id": "good_form", "version": "7", "form_title::English (en)": "Good form",
                "form_title::Russian (ru)": "Хорошая анкета", "default_language": "en"})


def test_validate__valid_form__summary_and_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = good_form(tmp_path)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Good form" in out and "Хорошая анкета" in out
    assert "form_id: good_form" in out and "version: 7" in out
    assert "English (en), Russian (ru)" in out
    assert "Questions: 4 (2 required)" in out
    for kind in ("select_one", "integer", "select_multiple", "calculate"):
        assert any(line.split() == [kind, "1"] for line in out.splitlines()), kind
    assert "intro Intro: 2 questions" in out


def test_validate__invalid_form__every_problem_one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "text", "name": "x", "label": "X", "relevant": "${agee} > 1"},
        {"type": "geopoint", "name": "gps", "label": "Where"},
    ])
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}: sheet 'survey', row 3, column 'relevant': ")
    assert lines[0].endswith("[form.unknown_reference]")
    assert lines[1].startswith(f"{path}: sheet 'survey', row 4, column 'type': ")
    assert lines[1].endswith("[form.unsupported_type]")


@pytest.mark.parametrize("content", [b"", b"type,name\ntext,q\n", b"\x00\xffrandom bytes" * 20])
def test_validate__unreadable_file__one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert line.startswith(f"{path}: cannot read the questionnaire")
    assert line.endswith("[form.unreadable]")
    assert "Traceback" not in captured.err


def test_validate__missing_file__one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert "nope.xlsx" in line and line.endswith("[form.unreadable]")


def test_validate__as_a_process__prints_problem_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_text("type,name,label\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "validate", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stdout.strip().endswith("[form.unreadable]")
    assert "Traceback" not in result.stderr


def test_validate__as_a_process__valid_form_exits_0(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "validate",
                             str(good_form(tmp_path))],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "form_id: good_form" in result.stdout
