"""``kelisim report`` on a real database: files written, spec saved and reused."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from desktop.cli import main as kelisim
from reports.spec import load_spec


def test_report_command__xlsx_and_saved_spec__written(demo_db: Path, tmp_path: Path):
    xlsx, spec = tmp_path / "r.xlsx", tmp_path / "spec.json"
    code = kelisim(["report", "--db", str(demo_db), "--xlsx", str(xlsx), "--lang", "ru",
                    "--weighting", "none", "--by", "sex,age_group", "--save-spec", str(spec),
                    "--quiet"])
    assert code == 0
    assert load_spec(spec).breakdowns == ("sex", "age_group")
    assert "Слышали о медиации" in [c.value for c in openpyxl.load_workbook(xlsx)[
        "Основные выводы"]["A"]]


def test_report_command__spec_file__options_reused(demo_db: Path, tmp_path: Path, capsys):
    spec = tmp_path / "spec.json"
    assert kelisim(["report", "--db", str(demo_db), "--lang", "en", "--by", "settlement",
                    "--save-spec", str(spec)]) == 0
    xlsx = tmp_path / "again.xlsx"
    assert kelisim(["report", "--db", str(demo_db), "--spec", str(spec), "--xlsx", str(xlsx),
                    "--quiet"]) == 0
    assert "Key findings" in openpyxl.load_workbook(xlsx).sheetnames
    assert "data SHA-256" in capsys.readouterr().out


def test_report_command__missing_database__exit_1_with_message(tmp_path: Path, capsys):
    code = kelisim(["report", "--db", str(tmp_path / "none.db"), "--xlsx",
                    str(tmp_path / "r.xlsx")])
    assert code == 1
    assert "report.no_database" in capsys.readouterr().err


def test_report_command__no_output__exit_2(demo_db: Path, capsys):
    assert kelisim(["report", "--db", str(demo_db)]) == 2


def test_report_command__reliability_and_campaign_design__saved_in_the_spec(tmp_path: Path):
    spec = tmp_path / "spec.json"
    code = kelisim(["report", "--db", str(tmp_path / "unused.db"), "--reliability", "flag",
                    "--campaign-design", "randomised", "--save-spec", str(spec), "--quiet"])
    assert code == 0
    saved = load_spec(spec)
    assert (saved.reliability, saved.campaign_design) == ("flag", "randomised")


def test_report_command__unknown_reliability__refused_by_the_parser(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as exit_:
        kelisim(["report", "--db", str(tmp_path / "x.db"), "--reliability", "hide"])
    assert exit_.value.code == 2
    assert "invalid choice: 'hide'" in capsys.readouterr().err
