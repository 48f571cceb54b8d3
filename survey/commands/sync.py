"""``kelisim sync --db LAPTOP.db --server URL``: send interviews, receive forms and quotas.

Safe to interrupt and to repeat (see :mod:`survey.sync.run`). The password comes from the URL,
the system keyring (``--remember-password`` puts it there after it worked) or a prompt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from survey.commands import cli_language, print_error
from survey.errors import SurveyError
from survey.i18n import LANGUAGES
from survey.messages import Message, render
from survey.store import default_database_path
from survey.sync import sync
from survey.sync.credentials import terminal_prompt, unlock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None,
                        help="the laptop database (default: the user-data database)")
    parser.add_argument("--server", required=True,
                        help="postgresql://LOGIN@HOST:PORT/DATABASE[?sslmode=verify-full]")
    parser.add_argument("--remember-password", action="store_true",
                        help="keep the password in the system keyring once it worked")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages (default: $KELISIM_LANG, else English)")
    parser.add_argument("--quiet", action="store_true", help="no progress")


def run(args: argparse.Namespace) -> int:
    args.lang = cli_language(args.lang)  # --lang, else $KELISIM_LANG, else English
    laptop = args.db or default_database_path()

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        address = unlock(args.server, terminal_prompt(args.lang),
                         remember=args.remember_password)
        summary = sync(laptop, address, None, progress=progress)
    except SurveyError as error:
        if not args.quiet:
            print(file=sys.stderr)
        print_error("sync", error, args.lang)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    for message in summary.messages():
        say(message, args.lang)
    return 0


def say(message: Message, language: str) -> None:
    print(render(message, language))
