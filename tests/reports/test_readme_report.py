"""The README's report section names every option of ``kelisim report``, each with its values."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from reports.commands import add_arguments

README = Path(__file__).resolve().parents[2] / "README.md"


def _report_rows() -> dict[str, str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Reports\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `(--[a-z-]+)", line)
        if match and line.count(" | ") == 1:  # the option, then one line on what it does
            rows[match.group(1)] = line
    return rows


def test_readme_report_section__every_option__one_row_with_its_choices() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    options = [a for a in parser._actions if a.option_strings and a.dest != "help"]
    rows = _report_rows()
    assert sorted(rows) == sorted(a.option_strings[0] for a in options)
    for action in options:
        row = rows[action.option_strings[0]]
        for choice in action.choices or ():
            assert f"`{choice}`" in row or f"{choice}\\|" in row or f"\\|{choice}" in row, \
                (action.option_strings[0], choice)
    assert "postgresql://" in rows["--db"]
