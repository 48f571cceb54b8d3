"""``kelisim guide``: the interviewer guide of a questionnaire as a PDF, headless (no Qt).

    kelisim guide --lang kk --out guide-kk.pdf
    kelisim guide --lang ru --out guide-ru.pdf --form my_form.xlsx

Without ``--form`` the guide is that of the bundled questionnaire. Errors are printed in the
guide's language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reports.guide import build_guide
from reports.guide_pdf import write_guide_pdf
from reports.spec import LANGUAGES
from survey.errors import FormError
from survey.form.model import Form
from survey.form.xlsform import load_form
from survey.messages import MessageCode, render, render_all


class GuideCode(MessageCode):
    NO_LANGUAGE = ("guide.no_language", ("language", "languages"))
    CANNOT_WRITE = ("guide.cannot_write", ("path",))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", required=True, choices=LANGUAGES, help="language of the guide")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="write the PDF here")
    parser.add_argument("--form", default=None, metavar="FORM.xlsx",
                        help="the questionnaire (default: the bundled one)")


def run(args: argparse.Namespace) -> int:
    language = str(args.lang)
    try:
        form = _form(args.form)
    except FormError as error:
        print(render_all(error.messages, language) if error.messages else str(error),
              file=sys.stderr)
        return 1
    if language not in form.languages:
        message = GuideCode.NO_LANGUAGE.message(language=language,
                                                languages=list(form.languages))
        print(render(message, language), file=sys.stderr)
        return 1
    target = Path(args.out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_guide_pdf(build_guide(form, language), target)
    except OSError:
        print(render(GuideCode.CANNOT_WRITE.message(path=str(target)), language),
              file=sys.stderr)
        return 1
    print(f"wrote {target}")
    return 0


def _form(path: str | None) -> Form:
    if path is None:
        from questionnaires import BUNDLED_FORM_NAME, bundled_form_bytes

        return load_form(bundled_form_bytes(), filename=BUNDLED_FORM_NAME)
    return load_form(path)
