"""Benchmark: ``kelisim demo`` of N interviews, then export to .sav and .xlsx.

Run by hand: ``.venv/bin/python bench/bench_demo_export.py [N] [--reuse]`` (default 100,000).
Prints the wall time of each step (the wide table, the design columns, each data file, and a
whole ``kelisim export`` with syntax files and codebook) and the peak memory of the process.
The database is kept under ``bench/out/`` (git-ignored) so the export can be re-timed with
``--reuse``.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from analysis.export_design import with_design
from reports.exports import ExportOptions, export_survey
from survey.demo import DemoOptions, fill_database
from survey.export import interview_table, write_table
from survey.store import Store

OUT = Path(__file__).resolve().parent / "out"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(what: str, started: tuple[float, float]) -> float:
    """Print wall and CPU seconds since ``started`` (from :func:`_now`); on a busy machine the
    CPU time is the fairer figure."""
    took = time.perf_counter() - started[0]
    cpu = time.process_time() - started[1]
    print(f"{what}: {took:.1f} s wall, {cpu:.1f} s CPU (peak memory so far "
          f"{_peak_mb():.0f} MB)", flush=True)
    return took


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    OUT.mkdir(exist_ok=True)
    db = OUT / f"demo-{n}.db"
    if "--reuse" not in sys.argv or not db.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        started = _now()
        with Store.open(db) as store:
            fill_database(store, DemoOptions(interviews=n, seed=1))
        took = _timed(f"demo: {n} interviews", started)
        print(f"  {1000 * took / n:.2f} ms each")
    started = _now()
    with Store.open_read_only(db) as store:
        table = interview_table(store)
    _timed(f"wide table ({len(table.frame)} rows x {table.frame.shape[1]} columns)", started)
    started = _now()
    table = with_design(table)
    _timed("design columns", started)
    for fmt in ("sav", "xlsx"):
        started = _now()
        path = write_table(table, OUT / f"demo-{n}.{fmt}", fmt)
        _timed(f"write {fmt} ({path.stat().st_size / 1e6:.0f} MB)", started)
    for fmt in ("sav", "xlsx"):
        started = _now()
        export_survey(db, OUT / f"demo-{n}-all.{fmt}", ExportOptions(fmt))
        _timed(f"kelisim export --format {fmt} (table, design, data, syntax, codebook)",
               started)
    print(f"peak memory: {_peak_mb():.0f} MB; machine load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
