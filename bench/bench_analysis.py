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

    .venv/bin/python bench/bench_analysis.py [--interviews 20000] [--skip-reports] [--reuse]

Databases are generated into ``bench/out/`` (git-ignored) and kept for later runs;
``--reuse`` measures an existing ``bench/out/analysis_<n>k.db`` again instead of generating it
(the demo row is then left out). Every row shows wall seconds and the CPU seconds of its
process (a shared machine inflates wall time: the load average is printed before and after).
"""

from __future__ import annotations

import argparse
import json
import os
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
    cpu, started = _cpu(), time.perf_counter()
    import survey.export as export

    imports, import_cpu = time.perf_counter() - started, _cpu() - cpu
    cpu, started = _cpu(), time.perf_counter()
    frame = export.read_interviews(db)
    first = time.perf_counter() - started
    out = {"seconds": first, "cpu": _cpu() - cpu, "rows": float(len(frame)),
           "peak_mb": _peak_mb(), "import_seconds": imports, "import_cpu": import_cpu}
    if twice == "yes":
        cpu, started = _cpu(), time.perf_counter()
        export.read_interviews(db)
        out["warm_seconds"] = time.perf_counter() - started
        out["warm_cpu"] = _cpu() - cpu
    return out


def task_write_parquet(db: str, path: str) -> dict[str, float]:
    """The wide table written as Parquet (needs pyarrow): the limit the load is compared to."""
    import survey.export as export

    export.read_interviews(db).to_parquet(path, compression="zstd")
    return {"bytes": float(Path(path).stat().st_size)}


def task_parquet(path: str) -> dict[str, float]:
    import pandas  # noqa: F401  (imported before the clock, as the load task's imports are)
    import pyarrow.parquet as pq

    cpu, started = _cpu(), time.perf_counter()
    frame = pq.read_table(path).to_pandas()
    return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu,
            "rows": float(len(frame)), "peak_mb": _peak_mb()}


def task_merge(db: str, laptop: str) -> dict[str, float]:
    from survey.store import merge

    cpu, started = _cpu(), time.perf_counter()
    (summary,) = merge(db, [laptop])
    return {"seconds": time.perf_counter() - started, "cpu": _cpu() - cpu,
            "added": float(summary.added), "peak_mb": _peak_mb()}


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
    print(f"| {work:<46} | {now:<36} | {target:<22} | {limit:<34} |", flush=True)


def _timed(figures: dict[str, float], prefix: str = "") -> str:
    """Wall and CPU seconds and peak memory of a task's figures."""
    out = f"{figures[prefix + 'seconds']:.2f} s (CPU {figures[prefix + 'cpu']:.2f} s)"
    return out + (f", {figures['peak_mb']:.0f} MB" if not prefix else "")


def _load_average() -> str:
    return ", ".join(f"{v:.1f}" for v in os.getloadavg())


def _fresh_db(path: Path, interviews: int, seed: int = 1) -> dict[str, float]:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    return _child("demo", str(path), str(interviews), str(seed))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=20_000)
    parser.add_argument("--skip-reports", action="store_true")
    parser.add_argument("--reuse", action="store_true",
                        help="measure an existing database again instead of generating it")
    parser.add_argument("--task", default=None, help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.task is not None:
        print(json.dumps(TASKS[options.task](*options.args)))
        return 0
    n = options.interviews
    OUT.mkdir(exist_ok=True)
    db, laptop = OUT / f"analysis_{n // 1000}k.db", OUT / "analysis_laptop_2k.db"
    print(f"{n:,} demo interviews with paradata; every figure from a fresh process; "
          f"load average {_load_average()}\n")
    _row("work", "now: wall (CPU), peak memory", "target", "limit beside it")
    _row("-" * 46, "-" * 36, "-" * 22, "-" * 34)
    if not (options.reuse and db.exists()):
        demo = _fresh_db(db, n)
        per_100k = demo["cpu"] * 100_000 / n
        _row(f"kelisim demo --interviews {n:,}", f"{demo['seconds']:.0f} s (CPU "
             f"{demo['cpu']:.0f} s), {demo['peak_mb']:.0f} MB", "< 90 s per 100,000",
             f"CPU per 100,000: {per_100k:.0f} s")
    merged_before = options.reuse and laptop.exists()
    if not merged_before:
        _fresh_db(laptop, 2000, seed=2)  # other interviews than the store's
    for kept in db.parent.glob(f"{db.name}.analysis-*.parquet"):
        kept.unlink()  # the load below builds the snapshot
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
    kept_bytes = sum(f.stat().st_size for f in db.parent.glob(f"{db.name}.analysis-*.parquet"))
    _row("load wide table, no snapshot yet (built)", _timed(built), "-",
         f"snapshot files {kept_bytes / 1e6:.1f} MB")
    _row("load wide table, fresh process (cold)", _timed(cold), "< 1 s",
         f"Parquet read {_timed(parquet)}")
    print(f"|   before it, in the same fresh process: import survey.export "
          f"{cold['import_seconds']:.2f} s (CPU {cold['import_cpu']:.2f} s)")
    _row("load wide table, same process (warm)", _timed(cold, "warm_"), "< 0.3 s", "-")
    if merged_before:
        print("|   (--reuse: a laptop merged in an earlier run adds no interviews again)")
    merged = _child("merge", str(db), str(laptop))
    after = _child("load", str(db), "no")
    _row(f"merge {merged['added']:,.0f} new interviews, then load",
         f"merge {_timed(merged, '')}; load {_timed(after, '')}", "load: no full rebuild",
         f"full build {built['seconds']:.1f} s")
    if not options.skip_reports:
        for case, target in (("default", "< 15 s (100k)"), ("heavy", "< 25 s, < 1.5 GB (100k)")):
            report = _child("report", str(db), case)
            phases = ", ".join(f"{k} {v:.1f}" for k, v in report.items()
                               if k not in ("seconds", "peak_mb", "cpu"))
            _row(f"full report, {case}", _timed(report), target, "-")
            print(f"|   phases (s): {phases}; CPU {report['cpu']:.1f} s")
    if shutil.which("Rscript"):
        run = subprocess.run([sys.executable, str(Path(__file__).parent / "bench_svyby.py")],
                             capture_output=True, text=True)
        for line in run.stdout.splitlines():
            if line.startswith(("ours", "R ", "ratio")):
                print(f"|   svyby: {line}")
        print("|   svyby target: ratio <= 0.35")
    print(f"\nload average at the end: {_load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
