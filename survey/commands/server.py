"""``kelisim server``: set up a central PostgreSQL server for many laptops.

    kelisim server init postgresql://admin@db.example.org/kelisim
    kelisim server add-user URL aigerim --role interviewer --interviewer "Aigerim S."
    kelisim server add-user URL analyst1 --role supervisor
    kelisim server publish URL questionnaire.xlsx
    kelisim server quota URL --form kelisim_mediation_kz almaty=120 astana=100
    kelisim server pull URL --into master.db      # then: kelisim unseal --into master.db
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from survey.commands import cli_language, print_error
from survey.errors import StoreError, SurveyError
from survey.i18n import LANGUAGES
from survey.messages import Message, render
from survey.store.postgres import admin
from survey.store.postgres.codes import ServerCode
from survey.store.postgres.connection import connect
from survey.store.postgres.schema import ROLES
from survey.sync.credentials import terminal_prompt, unlock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages (default: $KELISIM_LANG, else English)")
    verbs = parser.add_subparsers(dest="action", required=True)
    init = verbs.add_parser("init", help="create or upgrade the Kelisim schema")
    init.add_argument("url", help="postgresql://LOGIN@HOST/DATABASE (an existing database)")
    user = verbs.add_parser("add-user", help="create a login for an interviewer or supervisor")
    user.add_argument("url")
    user.add_argument("login", help="the new login (lowercase letters, digits, _)")
    user.add_argument("--role", choices=sorted(ROLES), required=True)
    user.add_argument("--interviewer", action="append", default=[], metavar="NAME",
                      help="interviewer name this login sends (as typed in the app; repeat "
                           "for several)")
    user.add_argument("--password-stdin", action="store_true",
                      help="read the new login's password from standard input")
    publish = verbs.add_parser("publish", help="put a questionnaire on the server")
    publish.add_argument("url")
    publish.add_argument("form", type=Path, metavar="FORM.xlsx")
    quota = verbs.add_parser("quota", help="set regional targets")
    quota.add_argument("url")
    quota.add_argument("--form", required=True, help="questionnaire id")
    quota.add_argument("targets", nargs="+", metavar="REGION=N")
    pull = verbs.add_parser("pull", help="merge the server's interviews (and envelopes) into "
                                         "a master database file")
    pull.add_argument("url")
    pull.add_argument("--into", required=True, help="the master database (created if missing)")


def run(args: argparse.Namespace) -> int:
    args.lang = cli_language(args.lang)  # --lang, else $KELISIM_LANG, else English
    try:
        address = unlock(args.url, terminal_prompt(args.lang))
        if args.action == "pull":
            return _pull(address, Path(args.into), args.lang)
        with connect(address, None, autocommit=True) as conn:
            if args.action == "init":
                version = admin.migrate(conn, address)
                say(ServerCode.INIT_DONE.message(server=address.display, version=version),
                    args.lang)
            elif args.action == "add-user":
                password = _new_password(args)
                admin.add_account(conn, address, args.login, args.role, password,
                                  args.interviewer)
                say(ServerCode.USER_ADDED.message(login=args.login, role=args.role), args.lang)
            elif args.action == "publish":
                _publish(conn, address, args)
            else:
                for region, target in _targets(args.targets):
                    admin.set_quota(conn, address, args.form, region, target)
                    say(ServerCode.QUOTA_SET.message(form_id=args.form, region=region,
                                                     target=target), args.lang)
    except SurveyError as error:
        print_error(f"server {args.action}", error, args.lang)
        return 1
    return 0


def _pull(address: admin.Address, into: Path, language: str) -> int:
    from survey.sync.pull import pull

    summary = pull(address, None, into)
    if summary.failure:
        print_error("server pull", list(summary.failure), language)
        return 1
    say(summary.message(), language)
    return 0


def _publish(conn: admin.Conn, address: admin.Address, args: argparse.Namespace) -> None:
    from survey.form.xlsform import load_form

    data = args.form.read_bytes()
    form = load_form(data, filename=args.form.name, repeats=True)
    admin.publish_form(conn, address, form, data)
    say(ServerCode.FORM_PUBLISHED.message(form_id=form.form_id, version=form.version),
        args.lang)


def _new_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    ask = render(ServerCode.NEW_PASSWORD_PROMPT.message(login=args.login), args.lang)
    first, second = getpass.getpass(f"{ask} "), getpass.getpass(f"{ask} ")
    if first != second:
        raise StoreError(ServerCode.PASSWORDS_DIFFER)
    return first


def _targets(items: list[str]) -> list[tuple[str, int]]:
    targets = []
    for item in items:
        region, _, number = item.partition("=")
        if not region or not number.isdigit():
            raise StoreError(ServerCode.BAD_QUOTA, text=item)
        targets.append((region, int(number)))
    return targets


def say(message: Message, language: str) -> None:
    print(render(message, language))
