"""Benchmark: analysis at the speed of the data, each figure beside its target and its limit.

Rows (each timed in a fresh process, with its peak resident memory):

* demo generation of ``--interviews`` interviews with paradata (target: 100,000 in 90 s);
* database file: bytes per interview with paradata, and the file of a laptop's 2,000
  interviews (targets: under 5 KB per interview, under 10 MB); limit: the wide table as Parquet;
* loading the wide table for analysis (``read_interviews``): built when there is no analysis
  snapshot yet, then from the snapshot in a new process (cold) and again in the same process
  (warm); limit: reading the same table from Parquet;
* a merge of 2,000 other interviews into the store, then the load (the snapshot brought up to
  date: the new interviews built, the others kept);
* the full report, default spec (kk, design weights) and heavy (ru, raked,
  ``--by region,sex,age_group,settlement``), phase by phase (``bench_report.timed_phases``);
* ``bench_svyby.py`` (ours vs R ``svyby``) when Rscript is installed.

    .venv/bin/python bench/bench_analysis.py [--interviews 20000] [--skip-reports]

Databases are generated into ``bench/out/`` (git-ignored) and kept for later runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

OUT = Path(__file__).resolve().parent / "out"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child(task: str, *args: str) -> dict[str, float]:
    """Run one task of this script in a fresh process; its figures as a dict."""
    run = subprocess.run([sys.executable, __file__, "--task", task, *args], check=True,
                         capture_output=True, text=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


# -- tasks (each in its own process) -------------------------------------------------------------

def task_demo(db: str, interviews: str, seed: str = "1") -> dict[str, float]:
    from survey.demo import DemoOptions, fill_database
    from survey.store import Store

    started = time.perf_counter()
    with Store.open(db) as store:
        fill_database(store, DemoOptions(interviews=int(interviews), seed=int(seed)))
    return {"seconds": time.perf_counter() - started, "peak_mb": _peak_mb(), "cpu": _cpu()}


def task_load(db: str, twice: str) -> dict[str, float]:
    import survey.export as export

    started = time.perf_counter()
    frame = export.read_interviews(db)
    first = time.perf_counter() - started
    out = {"seconds": first, "rows": float(len(frame)), "peak_mb": _peak_mb()}
    if twice == "yes":
        started = time.perf_counter()
        export.read_interviews(db)
        out["warm_seconds"] = time.perf_counter() - started
    return out


def task_write_parquet(db: str, path: str) -> dict[str, float]:
    """The wide table written as Parquet (needs pyarrow): the limit the load is compared to."""
    import survey.export as export

    export.read_interviews(db).to_parquet(path, compression="zstd")
    return {"bytes": float(Path(path).stat().st_size)}


def task_parquet(path: str) -> dict[str, float]:
    import pandas  # noqa: F401  (imported before the clock, as the load task's imports are)
    import pyarrow.parquet as pq

    started = time.perf_counter()
    frame = pq.read_table(path).to_pandas()
    return {"seconds": time.perf_counter() - started, "rows": float(len(frame)),
            "peak_mb": _peak_mb()}


def task_merge(db: str, laptop: str) -> dict[str, float]:
    from survey.store import merge

    started = time.perf_counter()
    (summary,) = merge(db, [laptop])
    return {"seconds": time.perf_counter() - started, "added": float(summary.added),
            "peak_mb": _peak_mb()}


def task_report(db: str, case: str) -> dict[str, float]:
    import tempfile

    from bench_report import spec_of, timed_phases

    lang = {"default": "kk", "heavy": "ru"}[case]
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        times = timed_phases(Path(db), spec_of(case, lang), Path(folder))
        total = time.perf_counter() - started
    return {**times, "seconds": total, "peak_mb": _peak_mb(), "cpu": _cpu()}


TASKS = {"demo": task_demo, "load": task_load, "parquet": task_parquet, "merge": task_merge,
         "report": task_report, "write_parquet": task_write_parquet}


# -- the run -------------------------------------------------------------------------------------

def _sizes(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name "
                                 "ORDER BY 2 DESC").fetchall())
    finally:
        conn.close()


def _row(work: str, now: str, target: str, limit: str) -> None:
    print(f"| {work:<46} | {now:<24} | {target:<22} | {limit:<26} |", flush=True)


def _fresh_db(path: Path, interviews: int, seed: int = 1) -> dict[str, float]:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    return _child("demo", str(path), str(interviews), str(seed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=20_000)
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--task", default=None, help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.task is not None:
        print(json.dumps(TASKS[options.task](*options.args)))
        return 0
    n = options.interviews
    OUT.mkdir(exist_ok=True)
    db, laptop = OUT / f"analysis_{n // 1000}k.db", OUT / "analysis_laptop_2k.db"
    print(f"{n:,} demo interviews with paradata; every figure from a fresh process\n")
    _row("work", "now", "target", "limit beside it")
    _row("-" * 46, "-" * 24, "-" * 22, "-" * 26)
    demo = _fresh_db(db, n)
    per_100k = demo["seconds"] * 100_000 / n
    _row(f"kelisim demo --interviews {n:,}", f"{demo['seconds']:.0f} s ({per_100k:.0f} s/100k), "
         f"{demo['peak_mb']:.0f} MB", "< 90 s per 100,000", "-")
    print(f"|   CPU time of the process: {demo['cpu']:.0f} s (a shared machine: wall time is "
          "inflated by other processes)")
    _fresh_db(laptop, 2000, seed=2)  # other interviews than the store's
    sizes = _sizes(db)
    per = db.stat().st_size / n
    built = _child("load", str(db), "no")  # no analysis snapshot yet: built, then written
    snapshot = OUT / f"{db.name}.parquet"
    _child("write_parquet", str(db), str(snapshot))
    _row("database file", f"{per / 1024:.1f} KB/interview; 2,000: "
         f"{laptop.stat().st_size / 1e6:.1f} MB", "< 5 KB; 2,000 < 10 MB",
         f"Parquet: {snapshot.stat().st_size / n:.0f} B/interview")
    big = ", ".join(f"{k} {v / n:.0f} B" for k, v in list(sizes.items())[:4])
    print(f"|   largest objects per interview: {big}")
    cold = _child("load", str(db), "yes")
    parquet = _child("parquet", str(snapshot))
    kept = sum(f.stat().st_size for f in db.parent.glob(f"{db.name}.analysis-*.parquet"))
    _row("load wide table, no snapshot yet (built)", f"{built['seconds']:.2f} s, "
         f"{built['peak_mb']:.0f} MB", "-", f"snapshot files {kept / 1e6:.1f} MB")
    _row("load wide table, fresh process (cold)", f"{cold['seconds']:.2f} s, "
         f"{cold['peak_mb']:.0f} MB", "< 1 s", f"Parquet read {parquet['seconds']:.2f} s, "
         f"{parquet['peak_mb']:.0f} MB")
    _row("load wide table, same process (warm)", f"{cold['warm_seconds']:.3f} s", "< 0.3 s",
         "-")
    merged = _child("merge", str(db), str(laptop))
    after = _child("load", str(db), "no")
    _row(f"merge {merged['added']:,.0f} new interviews, then load", f"merge "
         f"{merged['seconds']:.1f} s, load "
         f"{after['seconds']:.2f} s", "load: no full rebuild", f"full build "
         f"{built['seconds']:.1f} s")
    if not options.skip_reports:
        for case, target in (("default", "< 15 s (100k)"), ("heavy", "< 25 s, < 1.5 GB (100k)")):
            report = _child("report", str(db), case)
            phases = ", ".join(f"{k} {v:.1f}" for k, v in report.items()
                               if k not in ("seconds", "peak_mb", "cpu"))
            _row(f"full report, {case}", f"{report['seconds']:.1f} s, "
                 f"{report['peak_mb']:.0f} MB", target, "-")
            print(f"|   phases (s): {phases}; CPU {report['cpu']:.1f} s")
    if shutil.which("Rscript"):
        run = subprocess.run([sys.executable, str(Path(__file__).parent / "bench_svyby.py")],
                             capture_output=True, text=True)
        for line in run.stdout.splitlines():
            if line.startswith(("ours", "R ", "ratio")):
                print(f"|   svyby: {line}")
        print("|   svyby target: ratio <= 0.35")
    return 0


if __name__ == "__main__":
    sys.exit(main())
