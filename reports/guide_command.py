"""``kelisim guide``: the interviewer guide of a questionnaire as a PDF, headless (no Qt).

    kelisim guide --lang kk --out guide-kk.pdf
    kelisim guide --lang ru --out guide-ru.pdf --form my_form.xlsx

Without ``--form`` the guide is that of the bundled questionnaire. Errors are printed as
``kelisim guide: <message> [code]`` in the guide's language.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reports.guide import build_guide
from reports.guide_pdf import write_guide_pdf
from reports.spec import LANGUAGES
from survey.bundled import bundled_form
from survey.commands import print_error
from survey.errors import FormError
from survey.form.model import NO_LANGUAGE, Form
from survey.form.xlsform import load_form
from survey.messages import MessageCode


class GuideCode(MessageCode):
    NO_LANGUAGE = ("guide.no_language", ("language", "languages"))
    #: The form has plain texts only (no ``label::<language>`` columns).
    UNTRANSLATED_FORM = ("guide.no_language.untranslated", ("language",))
    CANNOT_WRITE = ("guide.cannot_write", ("path",))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", required=True, choices=LANGUAGES, help="language of the guide")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="write the PDF here")
    parser.add_argument("--form", default=None, metavar="FORM.xlsx",
                        help="the questionnaire (default: the bundled one)")


def run(args: argparse.Namespace) -> int:
    language = str(args.lang)
    try:
        form = bundled_form()[0] if args.form is None else load_form(args.form, repeats=True)
    except FormError as error:
        print_error("guide", error, language)
        return 1
    if language not in form.languages:
        problem = (GuideCode.UNTRANSLATED_FORM.message(language=language)
                   if form.languages == (NO_LANGUAGE,) else GuideCode.NO_LANGUAGE.message(
                       language=language, languages=list(form.languages)))
        print_error("guide", [problem], language)
        return 1
    return _write(form, language, Path(args.out))


def _write(form: Form, language: str, target: Path) -> int:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_guide_pdf(build_guide(form, language), target)
    except OSError:
        print_error("guide", [GuideCode.CANNOT_WRITE.message(path=str(target))], language)
        return 1
    print(f"wrote {target}")
    return 0
