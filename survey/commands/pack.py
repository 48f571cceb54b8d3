"""``kelisim pack --to FOLDER [--db FILE]``: this laptop's database as one file for the supervisor.

The pack is a single checked file with everything in it (no ``-wal`` beside it), named after the
laptop and the moment and carrying its checksum (see :mod:`survey.store.pack`); merging it
checks that checksum. The database is only read, also while Kelisim has it open. Lines are
printed in ``--lang``, else ``$KELISIM_LANG``, else English.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from survey.commands import cli_language, print_error
from survey.errors import SurveyError
from survey.i18n import LANGUAGES
from survey.messages import render
from survey.store import default_database_path
from survey.store.pack import pack


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, type=Path, metavar="FOLDER",
                        help="folder to write the pack into (e.g. on a USB stick)")
    parser.add_argument("--db", type=Path, default=None,
                        help="database file (default: the user-data database)")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the messages (default: $KELISIM_LANG, else en)")


def run(args: argparse.Namespace) -> int:
    """Write the pack and print where; 1 when the database cannot be packed."""
    language = cli_language(args.lang)
    try:
        written = pack(args.db or default_database_path(), args.to)
    except SurveyError as error:
        print_error("pack", error, language)
        return 1
    print(render(written.message(), language))
    return 0
