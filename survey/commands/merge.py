"""``kelisim merge --into MASTER.db LAPTOP.db ...``: merge laptop databases into a master.

One line per input, followed by its notes (a ``-wal`` beside it that was not read, values set
aside in the quarantine table). Lines are printed in ``$KELISIM_LANG`` (kk, ru or en; English
by default).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from survey.commands import cli_language, message_line, print_error
from survey.errors import StoreError
from survey.messages import render
from survey.store import merge
from survey.store.codes import StoreCode


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--into", required=True, type=Path, metavar="MASTER.db",
                        help="the master database (created when missing)")
    parser.add_argument("inputs", nargs="+", type=Path, metavar="LAPTOP.db",
                        help="laptop databases to merge; they are only read, never changed")


def run(args: argparse.Namespace) -> int:
    """Merge and print one line per input; exit code 1 when any input failed."""
    language = cli_language()
    try:
        summaries = merge(args.into, args.inputs)
    except StoreError as error:
        master = StoreCode.MERGE_MASTER.message(error=list(error.messages))
        print(f"kelisim merge: {render(master, language)} [{error.code}]", file=sys.stderr)
        return 1
    for summary in summaries:
        line = render(summary.message(), language)
        if summary.ok:
            print(line)
            for note in summary.notes:  # its log left out, values set aside
                print(f"  {summary.source.name}: {message_line(note, language)}")
        else:
            print(f"{line} [{summary.error_code}]", file=sys.stderr)
    failed = sum(not s.ok for s in summaries)
    if failed:
        print_error("merge", [StoreCode.MERGE_NOT_ALL.message(failed=failed,
                                                              total=len(summaries))], language)
        return 1
    return 0
