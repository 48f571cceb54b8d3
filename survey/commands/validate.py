"""``kelisim validate FORM.xlsx``: check a questionnaire and describe it.

Prints every problem as ``FILE: sheet 'survey', row 12, column 'relevant': message [code]``
and returns 1, or prints a one-screen summary of the form and returns 0.
"""

from __future__ import annotations

import argparse
import sys

from survey.errors import FormError, Location, Problem, problem_text
from survey.form.xlsform import form_summary, load_form
from survey.messages import Message


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("form", metavar="FORM.xlsx", help="the XLSForm workbook to check")


def run(args: argparse.Namespace) -> int:
    """Validate ``args.form``; 0 when it loads, 1 when it has problems or cannot be read."""
    path = str(args.form)
    try:
        form = load_form(path)
    except FormError as error:
        for problem in error.problems:
            print(format_problem(path, problem))
        count = len(error.problems)
        print(f"{path}: {count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    except Exception as exc:  # last resort: the command must never end in a traceback
        print(f"{path}: cannot check the questionnaire: unexpected {type(exc).__name__}: {exc}")
        return 1
    print(f"{path}: no problems found.")
    print(form_summary(form))
    return 0


def format_problem(path: str, problem: Problem | Message) -> str:
    """``FILE: sheet 's', row r, column 'c': message [code]`` (parts that are unknown left out)."""
    where = str(Location(None, problem.location.sheet, problem.location.row,
                         problem.location.column))
    prefix = f"{path}: {where}" if where else path
    return f"{prefix}: {problem_text(problem)} [{problem.code}]"
