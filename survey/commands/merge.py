"""``kelisim merge --into MASTER.db LAPTOP.db ...``: merge laptop databases into a master."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from survey.errors import StoreError
from survey.store import merge


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--into", required=True, type=Path, metavar="MASTER.db",
                        help="the master database (created when missing)")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="LAPTOP.db",
                        help="laptop databases to merge; they are only read, never changed")


def run(args: argparse.Namespace) -> int:
    """Merge and print one line per input; exit code 1 when any input failed."""
    try:
        summaries = merge(args.into, args.inputs)
    except StoreError as error:
        print(f"kelisim merge: cannot use the master database: {error}", file=sys.stderr)
        return 1
    for summary in summaries:
        print(summary.line(), file=sys.stdout if summary.ok else sys.stderr)
    failed = sum(not s.ok for s in summaries)
    if failed:
        print(f"kelisim merge: {failed} of {len(summaries)} file(s) were not merged; fix them and "
              "run the merge again (merging a file twice changes nothing)", file=sys.stderr)
        return 1
    return 0
