"""``kelisim validate``: run through the real command dispatcher (and once as a process)."""

from __future__ import annotations

import os
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


def test_validate__form_with_repeats__accepted_with_repeats_in_the_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsform(tmp_path / "roster.xlsx", [
        {"type": "integer", "name": "hh_size", "label": "Household size"},
        {"type": "begin_repeat", "name": "members", "label": "Member",
         "repeat_count": "${hh_size}"},
        {"type": "text", "name": "member_name", "label": "Name"},
        {"type": "begin_repeat", "name": "visits", "label": "Visit"},
        {"type": "date", "name": "visit_date", "label": "Date"},
        {"type": "end_repeat"},
        {"type": "end_repeat"},
        {"type": "calculate", "name": "n", "calculation": "count(${members})"},
    ])
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Groups: 0    repeats: 2" in out
    assert "  members Member (repeat, ${hh_size}): 2 questions" in out
    assert "    visits Visit (repeat, open-ended): 1 questions" in out


def bad_form(tmp_path: Path) -> Path:
    return write_xlsform(tmp_path / "bad.xlsx", [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "text", "name": "x", "label": "X", "relevant": "${agee} > 1"},
        {"type": "begin_repeat", "name": "people", "label": "People"},
    ])


@pytest.mark.parametrize(("argv", "environment", "expected"), [
    (["--lang", "kk"], None, [
        "«survey» парағы, 3-жол, «relevant» бағаны: «${agee}» бұл сауалнаманың сұрағын атамайды. "
        "«age» деп жазғыңыз келді ме? Атауды түзетіңіз немесе сұрақты қосыңыз. "
        "[form.unknown_reference]",
        "«survey» парағы, 4-жол, «type» бағаны: «people» қайталанатын тобы жабылмаған. Оның "
        "соңғы сұрағынан кейін «end_repeat» жолын қосыңыз. [repeats.unclosed]"]),
    ([], "ru", [
        "лист «survey», строка 3, столбец «relevant»: «${agee}» не называет вопрос этой анкеты. "
        "Возможно, вы имели в виду «age»? Исправьте имя или добавьте вопрос. "
        "[form.unknown_reference]",
        "лист «survey», строка 4, столбец «type»: Повторяющаяся группа «people» не закрыта. "
        "Добавьте строку «end_repeat» после её последнего вопроса. [repeats.unclosed]"]),
    (["--lang", "en"], "kk", [
        "sheet 'survey', row 3, column 'relevant': '${agee}' does not name a question of this "
        "form. Did you mean 'age'? Fix the name or add the question. [form.unknown_reference]",
        "sheet 'survey', row 4, column 'type': The repeat 'people' is never closed. Add an "
        "'end_repeat' row after its last question. [repeats.unclosed]"]),
])
def test_validate__language_from_option_or_environment__problems_in_that_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        argv: list[str], environment: str | None, expected: list[str]) -> None:
    if environment is None:
        monkeypatch.delenv("KELISIM_LANG", raising=False)
    else:
        monkeypatch.setenv("KELISIM_LANG", environment)
    path = bad_form(tmp_path)
    assert main(["validate", str(path), *argv]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [f"{path}: {line}" for line in expected]
    counts = {"--lang kk": "2 мәселе табылды.", "ru": "найдено проблем: 2.",
              "--lang en": "2 problems found."}
    assert captured.err.strip() == f"{path}: {counts[' '.join(argv) or environment or '']}"


@pytest.mark.parametrize("environment", ["fr", "", "KK_kz"])
def test_validate__unsupported_environment_language__english(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        environment: str) -> None:
    monkeypatch.setenv("KELISIM_LANG", environment)
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == (f"{path}: Cannot read the questionnaire: the file is empty. "
                                    "Save the form as an .xlsx workbook. [form.unreadable]")
    assert captured.err.strip() == f"{path}: 1 problem found."


def test_validate__unknown_language_option__usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate", str(bad_form(tmp_path)), "--lang", "de"])
    assert caught.value.code == 2
    assert "--lang" in capsys.readouterr().err


def test_validate__invalid_form__every_problem_one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_xlsform(tmp_path / "bad.xlsx", [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "text", "name": "x", "label": "X", "relevant": "${agee} > 1"},
        {"type": "begin_repeat", "name": "people", "label": "People"},
    ])
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}: sheet 'survey', row 3, column 'relevant': ")
    assert lines[0].endswith("[form.unknown_reference]")
    assert lines[1].startswith(f"{path}: sheet 'survey', row 4, column 'type': ")
    assert lines[1].endswith("[repeats.unclosed]")


@pytest.mark.parametrize("content", [b"", b"type,name\ntext,q\n", b"\x00\xffrandom bytes" * 20])
def test_validate__unreadable_file__one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    [line] = captured.out.splitlines()
    assert line.startswith(f"{path}: Cannot read the questionnaire: ")
    assert line.endswith("[form.unreadable]")
    assert "Traceback" not in captured.err


def test_validate__missing_file__one_line_and_exit_1(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert "nope.xlsx" in line and line.endswith("[form.unreadable]")


@pytest.mark.slow
def test_validate__as_a_process__prints_problem_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_text("type,name,label\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "validate", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert result.stdout.strip().endswith("[form.unreadable]")
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_validate__as_a_process__kazakh_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "validate", str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "KELISIM_LANG": "kk"})
    assert result.returncode == 1
    assert result.stdout.strip() == (f"{path}: Сауалнаманы оқу мүмкін емес: файл бос. "
                                     "Сауалнаманы .xlsx жұмыс кітабы ретінде сақтаңыз. "
                                     "[form.unreadable]")
    assert result.stderr.strip() == f"{path}: 1 мәселе табылды."


@pytest.mark.slow
def test_validate__as_a_process__valid_form_exits_0(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "validate",
                             str(good_form(tmp_path))],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "form_id: good_form" in result.stdout
