"""``kelisim validate FORM.xlsx [--lang kk|ru|en]``: check a questionnaire and describe it.

Prints every problem as ``FILE: sheet 'survey', row 12, column 'relevant': text [code]`` in the
chosen language (``--lang``; else the ``KELISIM_LANG`` environment variable when it names a
supported language; else English) and returns 1, or prints a one-screen summary of the form
and returns 0.
"""

from __future__ import annotations

import argparse
import os
import sys

from survey.errors import FormError, Location
from survey.form.xlsform import form_summary, load_form
from survey.i18n import DEFAULT_LANGUAGE, LANGUAGES
from survey.messages import Message, MessageCode, render, render_location

#: Environment variable giving the default language of the command's messages.
LANGUAGE_VARIABLE = "KELISIM_LANG"


class ValidateCode(MessageCode):
    """Lines of ``kelisim validate`` around the problems (templates in ``messages/form.po``)."""

    ONE_PROBLEM = ("validate.one_problem", ("file",))
    PROBLEMS = ("validate.problems", ("file", "count"))
    NO_PROBLEMS = ("validate.no_problems", ("file",))
    UNEXPECTED = ("validate.unexpected", ("file", "error", "detail"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("form", metavar="FORM.xlsx", help="the XLSForm workbook to check")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=f"language of the messages (default: ${LANGUAGE_VARIABLE} when it "
                             "is kk, ru or en, else en)")


def default_language() -> str:
    """``KELISIM_LANG`` when it names a supported language, else English."""
    chosen = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def run(args: argparse.Namespace) -> int:
    """Validate ``args.form``; 0 when it loads, 1 when it has problems or cannot be read."""
    path = str(args.form)
    language = args.lang or default_language()
    try:
        form = load_form(path, repeats=True)
    except FormError as error:
        for problem in error.problems:
            print(format_problem(path, problem, language))
        count = len(error.problems)
        summary = (ValidateCode.ONE_PROBLEM.message(file=path) if count == 1
                   else ValidateCode.PROBLEMS.message(file=path, count=count))
        print(render(summary, language), file=sys.stderr)
        return 1
    except Exception as exc:  # last resort: the command must never end in a traceback
        failure = ValidateCode.UNEXPECTED.message(file=path, error=type(exc).__name__,
                                                  detail=str(exc))
        print(render(failure, language))
        return 1
    print(render(ValidateCode.NO_PROBLEMS.message(file=path), language))
    print(form_summary(form))
    return 0


def format_problem(path: str, problem: Message, language: str = DEFAULT_LANGUAGE) -> str:
    """``FILE: sheet 's', row r, column 'c': text [code]`` in ``language`` (unknown parts left out).

    ``path`` stands for the file as the user gave it.
    """
    where = Location(None, problem.location.sheet, problem.location.row,
                     problem.location.column)
    prefix = f"{path}: {render_location(where, language)}" if where else path
    return f"{prefix}: {render(problem, language, with_location=False)} [{problem.code}]"
