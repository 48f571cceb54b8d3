"""``kelisim demo``: fill a database with synthetic interviews of the bundled questionnaire.

By default the interviews go into the demo database (``demo_database_path()``), never into the
laptop's real one; a database that holds real interviews is refused unless
``--into-real-database`` is given. The database is marked as holding demo data.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from survey.demo import DemoOptions, fill_database
from survey.demo.target import INTO_REAL_OPTION, demo_target_problem
from survey.errors import SurveyError
from survey.i18n import LANGUAGES
from survey.messages import render
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
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    parser.add_argument("--if-empty", action="store_true",
                        help="do nothing when the database already holds interviews")
    parser.add_argument(INTO_REAL_OPTION, action="store_true",
                        help="add demo interviews even to a database holding real interviews "
                             "(or to the laptop's real database); it is then marked as holding "
                             "demo data")


def _language() -> str:
    """The language of the command's messages: $KELISIM_LANG (kk, ru or en), else English."""
    code = os.environ.get("KELISIM_LANG", "")
    return code if code in LANGUAGES else "en"


def run(args: argparse.Namespace) -> int:
    if args.interviews < 0:
        print("kelisim demo: --interviews must be 0 or more", file=sys.stderr)
        return 2
    path = args.db or demo_database_path()
    options = DemoOptions(interviews=args.interviews, seed=args.seed,
                          draft_share=args.drafts, paradata=not args.no_paradata)

    def progress(done: int, total: int) -> None:
        if not args.quiet:
            print(f"\r{done}/{total} interviews", end="", file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        if args.if_empty and _holds_interviews(path):
            print(f"{path} already holds interviews; no demo data added")
            return 0
        problem = None if args.into_real_database else demo_target_problem(path)
        if problem is not None:
            print(f"kelisim demo: {render(problem, _language())}", file=sys.stderr)
            return 1
        with Store.open(path) as store:
            uuids = fill_database(store, options, progress=progress)
    except SurveyError as error:
        if error.code == "store.integrity":  # the same seed gives the same interview ids
            print(f"\nkelisim demo: {path} already holds the demo interviews of seed "
                  f"{args.seed}; nothing was added. Use another --seed, or --if-empty.",
                  file=sys.stderr)
        else:
            print(f"\nkelisim demo: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    print(f"{len(uuids)} synthetic interviews written to {path} "
          f"in {time.perf_counter() - started:.1f} s (seed {args.seed})")
    return 0


def _holds_interviews(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    with Store.open_read_only(path) as store:
        return store.count_interviews() > 0
