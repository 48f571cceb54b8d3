"""The roster frames of a report: built from the interviews (every interview read and run
through the interview engine) versus read from the analysis snapshot (an unchanged store).

    .venv/bin/python bench/bench_repeat_frames.py bench/out/demo-20000.db

Prints CPU seconds (time.process_time) of each and the machine's load average; the database
is copied first (the snapshot files are written beside the copy).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from survey.export.repeat_snapshot import kept_repeat_tables
from survey.export.repeat_tables import repeat_tables
from survey.store import Store


def _cpu(label: str, run: object) -> None:
    start = time.process_time()
    tables = run()  # type: ignore[operator]
    rows = sum(len(t.frame) for t in tables.values())
    print(f"{label:<44} {time.process_time() - start:7.2f} CPU s  ({rows:,} instances)")


def main(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "survey.db"
        shutil.copyfile(source, db)
        print(f"load average {os.getloadavg()}")
        with Store.open(db) as store:
            _cpu("built from the interviews (before)",
                 lambda: repeat_tables(store, status="complete", language="kk").repeats)
            _cpu("built and kept in the snapshot (first report)",
                 lambda: kept_repeat_tables(store, status="complete", language="kk"))
        with Store.open(db) as store:
            _cpu("read from the snapshot (unchanged store)",
                 lambda: kept_repeat_tables(store, status="complete", language="kk"))
        print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main(sys.argv[1])
