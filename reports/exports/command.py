"""``kelisim export``: interviews (or paradata, or the audit trail) to csv, xlsx, sav or dta.

Beside the data it writes syntax files (.sps, .do, .R) and a codebook (xlsx and PDF), unless
asked not to. Errors are printed in ``--lang``, else in ``$KELISIM_LANG``, else English; notes
(what could not be read, was cut or left out) likewise, after the list of files written.
"""

from __future__ import annotations

import argparse
import sys

from reports.exports.api import ExportOptions, export_survey
from reports.exports.levels import REPEAT_LAYOUTS
from survey.commands import cli_language, message_line, print_error
from survey.errors import SurveyError
from survey.export.paradata import TABLES
from survey.export.writers import FORMATS
from survey.store.postgres.connection import is_server_url
from survey.sync.credentials import terminal_prompt, unlock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True,
                        help="the database file, or a server: postgresql://LOGIN@HOST/DATABASE")
    parser.add_argument("--format", required=True, choices=FORMATS, dest="fmt")
    parser.add_argument("--out", required=True, help="the file to write")
    parser.add_argument("--table", choices=TABLES, default="interviews",
                        help="interviews (one row each, the default), paradata (one row per "
                             "question shown or answered) or audit (the audit trail)")
    parser.add_argument("--form", default=None, help="questionnaire id (when the database "
                                                     "holds several)")
    parser.add_argument("--lang", default=None,
                        help="language of labels, codebook and messages: kk, ru or en "
                             "(default: the form's default language)")
    parser.add_argument("--labels", action="store_true",
                        help="choice labels instead of choice names in csv/xlsx")
    parser.add_argument("--include-pii", action="store_true",
                        help="keep questions marked as personal data (left out by default)")
    parser.add_argument("--status", choices=("complete", "draft"), default=None,
                        help="only complete or only draft interviews (default: all)")
    parser.add_argument("--no-design", action="store_true",
                        help="leave out the design columns (weights, stratum, PSU, fpc)")
    parser.add_argument("--strata", default=None, help="the stratum column (default region)")
    parser.add_argument("--psu", default=None,
                        help="the primary sampling unit column (default sampling_point)")
    parser.add_argument("--no-syntax", action="store_true",
                        help="do not write the .sps, .do and .R files")
    parser.add_argument("--no-codebook", action="store_true",
                        help="do not write the codebook (xlsx and PDF)")
    parser.add_argument("--no-missing-codes", action="store_true",
                        help="csv/xlsx: leave empty cells empty instead of -99 ... -96")
    parser.add_argument("--repeats", choices=REPEAT_LAYOUTS, default="long",
                        help="a form with repeats: long (one table per repeat, linked by "
                             "_parent_uuid: a zip of csv files, xlsx sheets, or .sav/.dta "
                             "files beside the main one; the default) or wide (columns "
                             "members_1_age, ... for small fixed repeats)")
    parser.add_argument("--raw-text", action="store_true",
                        help="csv: write text starting with = + - @ as typed (by default it "
                             "gets a leading apostrophe, so spreadsheets do not run it)")


def run(args: argparse.Namespace) -> int:
    language = cli_language(args.lang)
    options = ExportOptions(
        args.fmt, table=args.table, form_id=args.form, language=args.lang, labels=args.labels,
        include_pii=args.include_pii, status=args.status, design=not args.no_design,
        syntax=not args.no_syntax, codebook=not args.no_codebook,
        missing_codes=not args.no_missing_codes, raw_text=args.raw_text, strata=args.strata,
        psu=args.psu, repeats=args.repeats)
    try:
        if is_server_url(args.db):
            unlock(args.db, terminal_prompt(language))
        result = export_survey(args.db, args.out, options)
    except SurveyError as error:  # a missing database is the store's store.not_found
        print_error("export", error, language)
        return 1
    for path in result.files:
        print(f"wrote {path}")
    for note in result.notes:
        print(f"kelisim export: {message_line(note, language)}", file=sys.stderr)
    return 0
