"""``kelisim status --server URL``: fieldwork progress from the server.

Completed interviews per region against the quotas, per interviewer (with drafts and the
last arrival), and per day (the interviewer's local date of completion).
"""

from __future__ import annotations

import argparse

from survey.commands import cli_language, print_error
from survey.errors import StoreError, SurveyError
from survey.i18n import LANGUAGES
from survey.messages import Message, render
from survey.store.postgres.codes import ServerCode
from survey.store.postgres.reader import ServerReader
from survey.sync.credentials import terminal_prompt, unlock


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--server", required=True, help="postgresql://LOGIN@HOST/DATABASE")
    parser.add_argument("--form", default=None,
                        help="questionnaire id (default: the latest published)")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of messages (default: $KELISIM_LANG, else English)")


def run(args: argparse.Namespace) -> int:
    args.lang = cli_language(args.lang)  # --lang, else $KELISIM_LANG, else English
    try:
        address = unlock(args.server, terminal_prompt(args.lang))
        with ServerReader.open(address) as reader:
            forms = sorted(reader.forms(), key=lambda r: r.registered_at)
            form_id = args.form or (forms[-1].form_id if forms else None)
            if form_id is None:
                raise StoreError(ServerCode.NO_FORM, server=address.display)
            work = reader.fieldwork(form_id)
            complete = reader.count_interviews(status="complete", form_id=form_id)
            drafts = reader.count_interviews(status="draft", form_id=form_id)
    except SurveyError as error:
        print_error("status", error, args.lang)
        return 1
    lang = args.lang
    say(ServerCode.STATUS_HEADER.message(server=address.display, form_id=form_id,
                                         complete=complete, drafts=drafts), lang)
    say(ServerCode.STATUS_REGIONS.message(), lang)
    for region, done, target in work.regions:
        say(ServerCode.STATUS_REGION.message(region=region, completed=done, target=target)
            if target else ServerCode.STATUS_REGION_NO_TARGET.message(region=region,
                                                                      completed=done), lang)
    say(ServerCode.STATUS_INTERVIEWERS.message(), lang)
    for name, done, drafts_of, last in work.interviewers:
        say(ServerCode.STATUS_INTERVIEWER.message(
            interviewer=name, completed=done, drafts=drafts_of,
            last="" if last is None else last.strftime("%Y-%m-%d %H:%M UTC")), lang)
    say(ServerCode.STATUS_DAYS.message(), lang)
    for day, done in work.days:
        say(ServerCode.STATUS_DAY.message(day=day.isoformat(), completed=done), lang)
    return 0


def say(message: Message, language: str) -> None:
    print(render(message, language))
