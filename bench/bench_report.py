"""Benchmark: the full report (xlsx + pdf) for 100,000 interviews.

Targets: under 60 s and under 2 GB peak memory. The database is generated once with the demo
generator (it takes several minutes) and cached in bench/out/ (git-ignored). Runs two cases, each
in a fresh process (no export kept from the other): the default report (design weights, the
default breakdowns) and the heavy one (Russian, raked weights, four breakdowns:
region,sex,age_group,settlement). Prints the time of each phase (export, analysis, document,
xlsx, pdf), the total and the peak resident memory of each.

    .venv/bin/python bench/bench_report.py [--interviews 100000] [--lang kk]
    .venv/bin/python bench/bench_report.py --case heavy     # one case only

Optional: when ``libreoffice`` (or ``soffice``) is installed, ``--libreoffice`` also converts
the workbook headlessly to check that it opens without repair.
"""

from __future__ import annotations

import argparse
import json
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


def timed_phases(db: Path, spec: ReportSpec, folder: Path) -> dict[str, float]:
    """Run the report phase by phase (the same calls build_report makes) and time each."""
    from reports.pdf_renderer import write_pdf
    from reports.xlsx_renderer import write_xlsx

    times: dict[str, float] = {}
    t = time.perf_counter()
    snapshot = data.load_snapshot(db, spec)
    times["export + data hash"] = time.perf_counter() - t
    t = time.perf_counter()
    results = compute.compute(snapshot, spec, lambda _what: None)
    times["analysis"] = time.perf_counter() - t
    t = time.perf_counter()
    document = content.build_document(snapshot, results, spec, generated=api.datetime.now(
        api.UTC), version=api.kelisim_version())
    times["document"] = time.perf_counter() - t
    t = time.perf_counter()
    write_xlsx(document, folder / "report.xlsx")
    times["xlsx"] = time.perf_counter() - t
    t = time.perf_counter()
    write_pdf(document, folder / "report.pdf")
    times["pdf"] = time.perf_counter() - t
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


def run_case(db: Path, spec: ReportSpec, libreoffice: bool) -> None:
    """One report, phase by phase, in this process; prints its figures."""
    print(f"case: --lang {spec.language} --weighting {spec.weighting} "
          f"--by {','.join(spec.breakdowns)}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        times = timed_phases(db, spec, Path(folder))
        total = time.perf_counter() - started
        for name, seconds in times.items():
            print(f"  {name:<20} {seconds:7.1f} s")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  {'total':<20} {total:7.1f} s   (target < 60 s)")
        print(f"  {'peak memory':<20} {peak_mb:7.0f} MB (target < 2048 MB)")
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
    parser.add_argument("--lang", default=None, help="language of both cases (default: each "
                                                     "case's own, kk for the default case)")
    parser.add_argument("--case", choices=[*CASES, "both"], default="both")
    parser.add_argument("--libreoffice", action="store_true")
    parser.add_argument("--spec-json", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    db = database(args.interviews)
    if args.spec_json is not None:  # one case in this (fresh) process
        case, lang = json.loads(args.spec_json)
        run_case(db, spec_of(case, lang), args.libreoffice)
        return 0
    for case in CASES if args.case == "both" else (args.case,):
        lang = args.lang or CASES[case][0]
        subprocess.run([sys.executable, __file__, "--interviews", str(args.interviews),
                        "--spec-json", json.dumps([case, lang]),
                        *(["--libreoffice"] if args.libreoffice else [])], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
