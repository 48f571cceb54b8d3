"""Median time to load the bundled questionnaire with ``load_form`` (run by hand).

    .venv/bin/python bench/bench_form_load.py [--repeat 30] [FORM.xlsx]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from survey.errors import FormError  # noqa: E402
from survey.form import load_form  # noqa: E402

BUNDLED = ROOT / "questionnaires" / "mediation_awareness.xlsx"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("form", nargs="?", type=Path, default=BUNDLED)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    data = args.form.read_bytes()
    timings: list[float] = []
    outcome = "loaded"
    for _ in range(args.repeat):
        start = time.perf_counter()
        try:
            form = load_form(data, filename=args.form.name)
            outcome = f"loaded: {len(form.questions)} questions, {len(form.groups)} groups"
        except FormError as error:
            outcome = f"rejected with {len(error.problems)} problem(s)"
        timings.append(time.perf_counter() - start)
    print(f"{args.form.name} ({len(data) / 1024:.0f} KiB), {outcome}")
    print(f"load_form median {statistics.median(timings) * 1000:.1f} ms, "
          f"min {min(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms "
          f"over {args.repeat} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
