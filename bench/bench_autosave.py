"""Autosave speed: one ``Store.save_answer`` including its commit (synchronous=FULL, WAL).

Run by hand: ``.venv/bin/python bench/bench_autosave.py [--saves 2000] [--existing 20000]``.
Prints the median and 95th percentile. Target (issue 3): p95 under 20 ms. The store is first
filled with ``--existing`` complete interviews, as on a laptop after weeks of fieldwork.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from survey.form.model import Form, Settings, Text
from survey.store import NewInterview, Store

TARGET_P95_MS = 20.0


def _fill(store: Store, count: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    store.import_interviews(
        NewInterview(form_id="bench", form_version="1", interviewer="int", device_id="lap",
                     language="ru", answers={f"q{i}": i for i in range(60)},
                     started_at=start + timedelta(minutes=n),
                     completed_at=start + timedelta(minutes=n + 20))
        for n in range(count))


def _answer(number: int) -> object:
    kinds = (number, f"answer {number}", ("tv", "radio"), number / 7)
    return kinds[number % len(kinds)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=2000)
    parser.add_argument("--existing", type=int, default=20_000)
    args = parser.parse_args()
    with (tempfile.TemporaryDirectory(prefix="kelisim-bench-") as folder,
          Store.open(Path(folder) / "laptop.db") as store):
        form = Form(settings=Settings(form_id="bench", title=Text.of({"en": "Bench"}),
                                      version="1"), questions=())
        store.register_form(form, b"bench form")
        _fill(store, args.existing)
        uuid = store.start_interview("bench", "1", interviewer="int", language="ru")
        timings = []
        for number in range(args.saves):
            began = time.perf_counter()
            store.save_answer(uuid, f"q{number % 80}", _answer(number))
            timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(f"save_answer with commit: {args.saves} saves on a store of {args.existing} interviews")
    print(f"  median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
          f"max {timings[-1]:.2f} ms (target p95 < {TARGET_P95_MS:.0f} ms: "
          f"{'met' if p95 < TARGET_P95_MS else 'NOT met'})")


if __name__ == "__main__":
    main()
