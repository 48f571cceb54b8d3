"""Benchmark: ``kelisim demo`` of N interviews, then export to .sav, .xlsx, .csv and .dta.

Run by hand: ``.venv/bin/python bench/bench_demo_export.py [N] [--reuse]`` (default 100,000).
Each format is measured in processes of its own, so each peak memory is that format's:

* ``write FMT``: the wide table (from the analysis snapshot), the design columns, then the
  data file alone; the wall and CPU seconds of writing it, and the process's peak memory;
* ``kelisim export --format FMT``: the whole export (table, design, data, syntax files,
  codebook), wall and CPU seconds and peak memory.

On a busy machine the CPU seconds are the fairer figure; the load average is printed. The
database is kept under ``bench/out/`` (git-ignored) so the export can be re-timed with
``--reuse``.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
FORMATS = ("sav", "xlsx", "csv", "dta")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _timed(what: str, started: tuple[float, float]) -> float:
    took = time.perf_counter() - started[0]
    cpu = time.process_time() - started[1]
    print(f"{what}: {took:.1f} s wall, {cpu:.1f} s CPU, peak memory {_peak_mb():.0f} MB "
          f"(load average {os.getloadavg()[0]:.1f})", flush=True)
    return took


def _write(db: Path, fmt: str) -> None:
    from analysis.export_design import with_design
    from survey.export import interview_table, write_table
    from survey.store import Store

    started = _now()
    with Store.open_read_only(db) as store:
        table = with_design(interview_table(store, snapshot=True))
    _timed(f"  wide table and design ({len(table.frame)} x {table.frame.shape[1]})", started)
    started = _now()
    path = write_table(table, db.with_suffix(f".{fmt}"), fmt)
    _timed(f"write {fmt} ({path.stat().st_size / 1e6:.0f} MB)", started)


def _export(db: Path, fmt: str) -> None:
    from reports.exports import ExportOptions, export_survey

    started = _now()
    export_survey(db, db.with_name(f"{db.stem}-all.{fmt}"), ExportOptions(fmt))
    _timed(f"kelisim export --format {fmt} (table, design, data, syntax, codebook)", started)


def _demo(db: Path, n: int) -> None:
    from survey.demo import DemoOptions, fill_database
    from survey.store import Store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = _now()
    with Store.open(db) as store:
        fill_database(store, DemoOptions(interviews=n, seed=1))
    took = _timed(f"demo: {n} interviews", started)
    print(f"  {1000 * took / n:.2f} ms each")


def main() -> None:
    if sys.argv[1:2] in (["--write"], ["--export"]):  # one measurement, in its own process
        {"--write": _write, "--export": _export}[sys.argv[1]](Path(sys.argv[2]), sys.argv[3])
        return
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 100_000
    OUT.mkdir(exist_ok=True)
    db = OUT / f"demo-{n}.db"
    if "--reuse" not in sys.argv or not db.exists():
        _demo(db, n)
    for mode in ("--write", "--export"):
        for fmt in FORMATS:
            subprocess.run([sys.executable, __file__, mode, str(db), fmt], check=True)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
