"""Merging laptops: 50 laptop files of 2,000 complete interviews (~60 answers) into one master.

Run by hand: ``.venv/bin/python bench/bench_merge.py [--laptops 50] [--interviews 2000]``.
Laptop files are generated with ``Store.import_interviews`` in worker processes (not timed);
the merge runs in this process. Prints the merge's wall time and this process's peak memory
(``resource.getrusage`` maxrss). Targets (issue 3): under 60 s and under 1 GB.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from survey.form.model import Form, Settings, Text
from survey.store import NewInterview, Store, merge

FORM = Form(settings=Settings(form_id="bench", title=Text.of({"en": "Bench"}), version="1"),
            questions=())
REGIONS = ("almaty", "astana", "shymkent", "abai", "jetisu", "turkistan", "pavlodar")


def _answers(rng: random.Random, questions: int) -> dict[str, object]:
    answers: dict[str, object] = {"region": rng.choice(REGIONS), "age": rng.randint(18, 90),
                                  "sex": rng.choice(("male", "female")),
                                  "info_sources": tuple(sorted(rng.sample(
                                      ("tv", "radio", "web", "friends", "press"), 2)))}
    for number in range(questions - len(answers)):
        answers[f"q{number}"] = str(rng.randint(1, 5)) if number % 3 else rng.randint(0, 99)
    return answers


def _records(laptop: int, interviews: int, questions: int) -> Iterator[NewInterview]:
    rng = random.Random(laptop)
    start = datetime(2026, 3, 1, 4, tzinfo=UTC)
    for number in range(interviews):
        began = start + timedelta(minutes=30 * number + laptop)
        yield NewInterview(form_id="bench", form_version="1", interviewer=f"int{laptop}",
                           device_id=f"laptop{laptop}", language="kk",
                           answers=_answers(rng, questions), started_at=began,
                           completed_at=began + timedelta(minutes=25))


def _make_laptop(job: tuple[Path, int, int, int]) -> Path:
    path, laptop, interviews, questions = job
    with Store.open(path) as store:
        store.register_form(FORM, b"bench questionnaire")
        store.import_interviews(_records(laptop, interviews, questions))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--laptops", type=int, default=50)
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=60)
    parser.add_argument("--folder", type=Path, default=None,
                        help="keep the files here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kelisim-merge-bench-") as temp:
        folder = args.folder or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        jobs = [(folder / f"laptop{n:02d}.db", n, args.interviews, args.answers)
                for n in range(args.laptops)]
        began = time.perf_counter()
        with ProcessPoolExecutor() as pool:
            laptops = list(pool.map(_make_laptop, jobs))
        print(f"generated {len(laptops)} laptop files in {time.perf_counter() - began:.1f} s")
        master = folder / "master.db"
        master.unlink(missing_ok=True)
        began = time.perf_counter()
        summaries = merge(master, laptops, progress=_progress)
        elapsed = time.perf_counter() - began
        _report(summaries, elapsed, master, args)


def _progress(done: int, total: int, path: Path) -> None:
    if done % 10 == 0 or done == total:
        print(f"  merged {done}/{total}", file=sys.stderr)


def _report(summaries: list, elapsed: float, master: Path, args: argparse.Namespace) -> None:
    failed = [s for s in summaries if not s.ok]
    added = sum(s.added for s in summaries)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with Store.open(master) as store:
        total = store.count_interviews()
    print(f"merged {len(summaries)} files x {args.interviews} interviews x ~{args.answers} "
          f"answers: {added} added ({total} in master, {len(failed)} failed)")
    print(f"  wall time {elapsed:.1f} s (target < 60 s: {'met' if elapsed < 60 else 'NOT met'})")
    print(f"  peak memory {peak_mb:.0f} MB (target < 1024 MB: "
          f"{'met' if peak_mb < 1024 else 'NOT met'})")
    print(f"  master size {master.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
