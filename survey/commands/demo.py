"""``kelisim demo``: fill a database with synthetic interviews of the bundled questionnaire.

By default the interviews go into the demo database (``demo_database_path()``), never into the
laptop's real one; a database that holds real interviews is refused unless
``--into-real-database`` is given. The database is marked as holding demo data. Running the same
command again completes an interrupted run (the same seed gives the same interviews). Messages
are printed in ``$KELISIM_LANG`` (kk, ru or en; English by default).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from survey.commands import cli_language, message_line, print_error
from survey.demo import DemoOptions, fill_database
from survey.demo.codes import DemoCode
from survey.demo.target import INTO_REAL_OPTION, demo_target_problem
from survey.errors import SurveyError
from survey.messages import Location
from survey.sealing import SealingCode, parse_public_key
from survey.sealing.codes import sealing_error
from survey.store import Store, demo_database_path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, type=Path,
                        help="database file (default: the demo database in the user-data folder, "
                             "kept apart from the real one)")
    parser.add_argument("--interviews", type=int, default=2000, help="how many (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--drafts", type=float, default=0.02,
                        help="share of interrupted drafts (default 0.02)")
    parser.add_argument("--no-paradata", action="store_true",
                        help="skip the question shown/answered events")
    parser.add_argument("--one-version", action="store_true",
                        help="record both waves on the current questionnaire version (default: "
                             "the baseline on the previous version)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument("--if-empty", action="store_true",
                        help="do nothing when the database already holds interviews")
    parser.add_argument("--public-key", default=None, metavar="FILE",
                        help="seal the completed interviews with this public key (from "
                             "'kelisim keys create'), as a laptop of a sealed study does")
    parser.add_argument(INTO_REAL_OPTION, action="store_true",
                        help="add demo interviews even to a database holding real interviews "
                             "(or to the laptop's real database); it is then marked as holding "
                             "demo data")


def run(args: argparse.Namespace) -> int:
    language = cli_language()
    if args.interviews < 0:
        print_error("demo", [DemoCode.NEGATIVE_COUNT.message(count=args.interviews)], language)
        return 2
    path = args.db or demo_database_path()
    options = DemoOptions(interviews=args.interviews, seed=args.seed,
                          draft_share=args.drafts, paradata=not args.no_paradata,
                          previous_baseline=not args.one_version)

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"\r{done}/{total} interviews", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        if args.if_empty and _holds_interviews(path):
            print(message_line(DemoCode.NOT_EMPTY.message(Location(file=str(path))), language))
            return 0
        problem = None if args.into_real_database else demo_target_problem(path)
        if problem is not None:
            print_error("demo", [problem], language)
            return 1
        with Store.open(path) as store:
            public_key = _public_key(args.public_key)
            uuids = fill_database(store, options, progress=progress)
            if public_key is not None:
                sealed = store.set_study_public_key(public_key)
    except SurveyError as error:
        if not args.quiet:
            print(file=sys.stderr)  # end the progress line
        print_error("demo", error, language)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    existing = args.interviews - len(uuids)
    where = Location(file=str(path))
    if existing and not uuids:
        print(message_line(DemoCode.SEED_TAKEN.message(where, seed=args.seed,
                                                       count=existing), language))
        return 0
    if existing:
        print(message_line(DemoCode.RESUMED.message(where, seed=args.seed, existing=existing),
                           language))
    print(f"{len(uuids)} synthetic interviews written to {path} "
          f"in {time.perf_counter() - started:.1f} s (seed {args.seed})")
    if public_key is not None:
        print(message_line(SealingCode.SEALED_NOW.message(where, count=sealed), language))
    return 0


def _public_key(file: str | None) -> str | None:
    """The text of the public key file (checked before any interview is written)."""
    if file is None:
        return None
    try:
        text = Path(file).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as error:
        raise sealing_error(SealingCode.BAD_PUBLIC_KEY, file) from error
    parse_public_key(text)
    return text


def _holds_interviews(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with Store.open_read_only(path) as store:
        return store.count_interviews() > 0
