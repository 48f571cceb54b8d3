"""Benchmark: the full report (xlsx + pdf) for 100,000 interviews, beside its targets.

Targets (issue 16): the default report (Kazakh, design weights, the default breakdowns) under
15 s; the heavy one (Russian, raked weights, four breakdowns: region,sex,age_group,settlement)
under 25 s and under 1.5 GB peak memory. Each case runs in a fresh process (no export kept from
the other). Prints the wall and CPU seconds of each phase (export, analysis, document, xlsx,
pdf), the total beside its target, the peak resident memory and the load average: the machine
may be shared, and CPU seconds are what a loaded machine does not inflate. The database is
``bench/out/report_<N>k.db``, generated once with the demo generator (several minutes) unless
``--db`` names one.

    .venv/bin/python bench/bench_report.py [--interviews 100000] [--lang kk] [--db FILE]
    .venv/bin/python bench/bench_report.py --case heavy     # one case only
    .venv/bin/python bench/bench_report.py --case heavy --profile out.prof   # cProfile

Optional: when ``libreoffice`` (or ``soffice``) is installed, ``--libreoffice`` also converts
the workbook headlessly to check that it opens without repair.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reports import api, compute, content, data
from reports.spec import ReportSpec
from survey.demo import DemoOptions, fill_database
from survey.store import Store

OUT = Path(__file__).resolve().parent / "out"
#: case: (default language, weighting, breakdowns or None for the spec's default)
CASES: dict[str, tuple[str, str, tuple[str, ...] | None]] = {
    "default": ("kk", "design", None),
    "heavy": ("ru", "raked", ("region", "sex", "age_group", "settlement")),
}
#: case: (seconds, peak megabytes or None) the report must stay under.
TARGETS: dict[str, tuple[float, float | None]] = {"default": (15.0, None),
                                                  "heavy": (25.0, 1536.0)}


def database(interviews: int) -> Path:
    path = OUT / f"report_{interviews // 1000}k.db"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"generating {interviews:,} demo interviews into {path} (once)...", flush=True)
        started = time.perf_counter()
        with Store.open(path) as store:
            fill_database(store, DemoOptions(interviews=interviews, seed=1, paradata=False))
        print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def timed_phases(db: Path, spec: ReportSpec, folder: Path,
                 cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Run the report phase by phase (the same calls build_report makes) and time each: wall
    seconds returned, CPU seconds of this process put in ``cpu`` when given."""
    from reports.pdf_renderer import write_pdf
    from reports.xlsx_renderer import write_xlsx

    times: dict[str, float] = {}
    spent = cpu if cpu is not None else {}

    def phase(name: str, started: tuple[float, float]) -> None:
        times[name] = time.perf_counter() - started[0]
        spent[name] = time.process_time() - started[1]

    t = time.perf_counter(), time.process_time()
    snapshot = data.load_snapshot(db, spec)
    phase("export + data hash", t)
    t = time.perf_counter(), time.process_time()
    results = compute.compute(snapshot, spec, lambda _what: None)
    phase("analysis", t)
    t = time.perf_counter(), time.process_time()
    document = content.build_document(snapshot, results, spec, generated=api.datetime.now(
        api.UTC), version=api.kelisim_version())
    phase("document", t)
    t = time.perf_counter(), time.process_time()
    write_xlsx(document, folder / "report.xlsx")
    phase("xlsx", t)
    t = time.perf_counter(), time.process_time()
    write_pdf(document, folder / "report.pdf")
    phase("pdf", t)
    return times


def libreoffice_check(xlsx: Path) -> None:
    binary = shutil.which("libreoffice") or shutil.which("soffice")
    if binary is None:
        print("libreoffice: not installed (apt-get install libreoffice-calc); check skipped")
        return
    with tempfile.TemporaryDirectory() as folder:
        run = subprocess.run([binary, "--headless", "--convert-to", "csv", "--outdir", folder,
                              str(xlsx)], capture_output=True, text=True, timeout=300)
        converted = list(Path(folder).glob("*.csv"))
        print(f"libreoffice: exit {run.returncode}, converted: {[p.name for p in converted]}")


def spec_of(case: str, lang: str) -> ReportSpec:
    _default_lang, weighting, breakdowns = CASES[case]
    spec = ReportSpec(language=lang, weighting=weighting)
    return spec if breakdowns is None else spec.with_options(breakdowns=breakdowns)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run_case(db: Path, case: str, spec: ReportSpec, libreoffice: bool,
             profile: str | None = None) -> None:
    """One report, phase by phase, in this process; prints its figures beside the targets."""
    print(f"case {case}: --lang {spec.language} --weighting {spec.weighting} "
          f"--by {','.join(spec.breakdowns)}   (load average before: {_load()})", flush=True)
    cpu: dict[str, float] = {}
    profiler = cProfile.Profile() if profile else None
    with tempfile.TemporaryDirectory() as folder:
        started, cpu_started = time.perf_counter(), time.process_time()
        if profiler is not None:
            profiler.enable()
        times = timed_phases(db, spec, Path(folder), cpu)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
        total, total_cpu = time.perf_counter() - started, time.process_time() - cpu_started
        for name, seconds in times.items():
            print(f"  {name:<20} {seconds:7.1f} s wall {cpu[name]:7.1f} s CPU")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        limit, memory = TARGETS[case]
        print(f"  {'total':<20} {total:7.1f} s wall {total_cpu:7.1f} s CPU   "
              f"(target < {limit:.0f} s)")
        print(f"  {'peak memory':<20} {peak_mb:7.0f} MB"
              + (f"                   (target < {memory:.0f} MB)" if memory else ""))
        print(f"  load average after: {_load()} on {os.cpu_count()} cores")
        pages = subprocess.run(["pdfinfo", str(Path(folder) / "report.pdf")],
                               capture_output=True, text=True).stdout if shutil.which(
            "pdfinfo") else ""
        print("  " + next((line for line in pages.splitlines() if line.startswith("Pages")), ""),
              flush=True)
        if libreoffice:
            libreoffice_check(Path(folder) / "report.xlsx")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="an existing database (default: "
                                                   "bench/out/report_<N>k.db, made once)")
    parser.add_argument("--lang", default=None, help="language of both cases (default: each "
                                                     "case's own, kk for the default case)")
    parser.add_argument("--case", choices=[*CASES, "both"], default="both")
    parser.add_argument("--libreoffice", action="store_true")
    parser.add_argument("--profile", default=None, help="write cProfile statistics of the "
                        "case to this file (with --case; the figures then include its cost)")
    parser.add_argument("--spec-json", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    db = Path(args.db) if args.db else database(args.interviews)
    if args.spec_json is not None:  # one case in this (fresh) process
        case, lang = json.loads(args.spec_json)
        run_case(db, case, spec_of(case, lang), args.libreoffice, args.profile)
        return 0
    for case in CASES if args.case == "both" else (args.case,):
        lang = args.lang or CASES[case][0]
        subprocess.run([sys.executable, __file__, "--db", str(db),
                        "--spec-json", json.dumps([case, lang]),
                        *(["--libreoffice"] if args.libreoffice else []),
                        *(["--profile", args.profile] if args.profile else [])], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
