"""``kelisim export``: interviews to csv, xlsx, SPSS .sav or Stata .dta.

Errors are printed in the ``--lang`` of the labels, else in ``$KELISIM_LANG``, else English.
"""

from __future__ import annotations

import argparse

from survey.commands import cli_language, message_line, print_error
from survey.errors import SurveyError
from survey.export import FORMATS, export_interviews
from survey.i18n import LANGUAGES
from survey.messages import Location
from survey.sealing import SealingCode
from survey.store.postgres.connection import is_server_url
from survey.store.reader import open_reader
from survey.sync.credentials import terminal_prompt, unlock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True,
                        help="the database file, or a server: postgresql://LOGIN@HOST/DATABASE")
    parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--form", default=None, help="questionnaire id (when the database "
                                                     "holds several)")
    parser.add_argument("--lang", default=None, choices=LANGUAGES,
                        help="language of labels (default: the form's default language)")
    parser.add_argument("--labels", action="store_true",
                        help="choice labels instead of choice names in csv/xlsx")
    parser.add_argument("--include-pii", action="store_true",
                        help="keep questions marked as personal data (left out by default)")
    parser.add_argument("--status", choices=("complete", "draft"), default=None,
                        help="only complete or only draft interviews (default: all)")


def run(args: argparse.Namespace) -> int:
    try:
        if is_server_url(args.db):
            unlock(args.db, terminal_prompt(cli_language(args.lang)))
        out = export_interviews(args.db, args.out, args.fmt, form_id=args.form,
                                language=args.lang, labels=args.labels,
                                include_pii=args.include_pii, status=args.status)
    except SurveyError as error:  # a missing database is the store's store.not_found
        print_error("export", error, cli_language(args.lang))
        return 1
    print(f"wrote {out}")
    _note_sealed(args.db, args.form, cli_language(args.lang))
    return 0


def _note_sealed(location: str, form_id: str | None, language: str) -> None:
    """Say how many interviews were left out because they are still sealed."""
    if is_server_url(location):
        return
    with open_reader(location) as reader:
        count = reader.count_sealed(form_id)
    if count:
        print(message_line(SealingCode.SEALED_LEFT_OUT.message(Location(file=location),
                                                               count=count), language))
