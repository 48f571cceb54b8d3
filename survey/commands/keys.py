"""``kelisim keys``: the project's key pair for sealed interviews.

``kelisim keys create --out DIR`` writes a new key pair (the private key encrypted with a
passphrase, asked at the terminal, read from standard input or ``KELISIM_PASSPHRASE``).
``kelisim keys use PUBLIC_KEY_FILE --db DB`` makes it the study's key of a laptop database
(for questionnaires without a ``public_key`` setting, such as the bundled one): completed
interviews are sealed at once, and every later one on completion.
``kelisim keys drafts --db DB`` sets the passphrase of the laptop's drafts (asked twice; the
answers of unfinished interviews of sealed studies are encrypted with a device key it unlocks)
or checks it, encrypting drafts still stored readable (written before a key was set).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from survey.commands import cli_language, message_line, print_error
from survey.commands.passphrase import read_passphrase
from survey.errors import SurveyError
from survey.messages import Location
from survey.sealing import SealingCode, create_key_pair
from survey.sealing.codes import sealing_error
from survey.store import Store, default_database_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a new project key pair")
    create.add_argument("--out", required=True, help="folder for the two key files")
    use = actions.add_parser("use", help="seal this database's interviews with a public key")
    use.add_argument("public_key", help="the public key file (from 'kelisim keys create')")
    use.add_argument("--db", default=None, help="database file (default: the user-data one)")
    drafts = actions.add_parser("drafts", help="set or check the passphrase of drafts")
    drafts.add_argument("--db", default=None, help="database file (default: the user-data one)")


def run(args: argparse.Namespace) -> int:
    language = cli_language()
    try:
        if args.action == "create":
            passphrase = read_passphrase("Passphrase for the new private key: ", confirm=True)
            pair = create_key_pair(Path(args.out), passphrase)
            print(message_line(SealingCode.KEYS_WRITTEN.message(
                private=str(pair.private_path), public=str(pair.public_path)), language))
            return 0
        if args.action == "drafts":
            return _drafts(args.db or default_database_path(), language)
        return _use(Path(args.public_key), args.db or default_database_path(), language)
    except SurveyError as error:
        print_error("keys", error, language)
        return 1


def _use(key_file: Path, database: Path | str, language: str) -> int:
    try:
        text = key_file.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise sealing_error(SealingCode.BAD_PUBLIC_KEY, str(key_file)) from error
    with Store.open(database) as store:
        count = store.set_study_public_key(text)
    print(message_line(SealingCode.SEALED_NOW.message(Location(file=str(database)),
                                                      count=count), language))
    return 0


def _drafts(database: Path | str, language: str) -> int:
    with Store.open(database) as store:
        first = not store.drafts.is_set()
        passphrase = read_passphrase("Passphrase of this laptop's drafts: ", confirm=first)
        if store.unlock_drafts(passphrase):
            print(message_line(SealingCode.DRAFTS_PASSPHRASE_SET.message(
                Location(file=str(database))), language))
    return 0
