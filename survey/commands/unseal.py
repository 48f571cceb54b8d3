"""``kelisim unseal --key PRIVATE --into MASTER.db``: open the sealed interviews of a master.

The passphrase of the private key is asked at the terminal, or read from standard input or
``KELISIM_PASSPHRASE`` (never an argument). Every envelope is checked whole before anything
of it is imported; a refused one is reported and stays sealed (exit code 1).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from survey.commands import cli_language, message_line, print_error
from survey.commands.passphrase import read_passphrase
from survey.errors import SurveyError
from survey.messages import Location
from survey.sealing import load_private_key
from survey.store import Store
from survey.store.codes import StoreCode, store_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--key", required=True, help="the project's private key file")
    parser.add_argument("--into", required=True, help="the master database to unseal")


def run(args: argparse.Namespace) -> int:
    language = cli_language()
    master = Path(args.into)
    try:
        if not master.is_file():
            raise store_error(StoreCode.NOT_FOUND, master)
        key = load_private_key(args.key, read_passphrase("Passphrase of the private key: "))
        with Store.open(master) as store:
            summary = store.unseal(key)
    except SurveyError as error:
        print_error("unseal", error, language)
        return 1
    if summary.refused:
        print_error("unseal", summary.refused, language)
    print(message_line(summary.message().at(Location(file=str(master))), language))
    return 1 if summary.refused else 0
