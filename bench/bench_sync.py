"""Many laptops syncing at once into one PostgreSQL server, and a report during a sync.

Run by hand: ``.venv/bin/python bench/bench_sync.py [--laptops 20] [--interviews 2000]``.

A real PostgreSQL 16 (the pgserver wheel, as the tests start it) gets the Kelisim schema, the
bundled questionnaire and one interviewer login per laptop. Laptop files hold the same demo
interviews (the bundled questionnaire, answered through the interview engine, paradata
included) under new ids, their own device and interviewer names (generation not timed);
``--shared`` interviews of each of the first half of the laptops are copied to a laptop of the
second half and edited differently on both, so each must end as one conflict on the server.

Timed: every laptop runs ``kelisim sync`` as its own process, all at once; then all sync again
(nothing to send); then a new laptop syncs while an analyst builds an Excel report from the
server. Printed: wall times, the slowest laptop, rows on the server, conflicts, and whether
every interview is there exactly once, and under each heading the CPU seconds its phase used
(the sync processes, the PostgreSQL server, this process) with the machine's load average.
Target (issue 18): the 20 x 2,000 sync under 60 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.pgcluster starts the server

from questionnaires import archived_form_bytes, bundled_form_bytes
from survey.demo import DemoOptions, fill_database
from survey.form.xlsform import load_form
from survey.store import NewInterview, Store
from survey.store.timestamps import from_text
from tests.pgcluster import Cluster, new_kelisim_server

PASSWORD = "bench-password"


def _template(path: Path, interviews: int) -> list[NewInterview]:
    """Demo interviews (answered through the interview engine, with paradata), generated once."""
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=interviews, seed=1000))
        return [NewInterview(form_id=r.form_id, form_version=r.form_version,
                             interviewer=r.interviewer, device_id=r.device_id,
                             language=r.language, answers=store.answers(r.uuid),
                             started_at=r.started_at, completed_at=r.completed_at,
                             updated_at=r.updated_at,
                             events=tuple((q, e, from_text(at)) for q, e, at in
                                          store.events(r.uuid)))
                for r in store.interviews()]


def _make_laptop(path: Path, number: int, template: list[NewInterview]) -> tuple[Path, set[str], int]:
    """A laptop of the template's interviews under new ids, its own device and interviewers."""
    records = [replace(r, uuid=None, device_id=f"laptop{number:02d}",
                       interviewer=f"L{number:02d}-{r.interviewer}") for r in template]
    with Store.open(path) as store:
        for data in (archived_form_bytes(), bundled_form_bytes()):  # baseline, follow-up
            store.register_form(load_form(data), data)
        store.import_interviews(records)
        return path, {r.interviewer for r in records}, store.count_interviews()


def _share(source: Path, target: Path, count: int) -> list[str]:
    """Copy ``count`` complete interviews of ``source`` to ``target``; edit them on both
    (age 30 on ``source``, 31 on ``target``). Returns their uuids."""
    with Store.open(source) as laptop:
        records = laptop.interviews(status="complete", limit=count)
        copies = [NewInterview(form_id=r.form_id, form_version=r.form_version,
                               interviewer=r.interviewer, device_id=r.device_id,
                               language=r.language, answers=laptop.answers(r.uuid),
                               started_at=r.started_at, completed_at=r.completed_at,
                               updated_at=r.updated_at, uuid=r.uuid) for r in records]
    with Store.open(target) as other:
        other.import_interviews(copies)
    for path, age, hours in ((source, 30, 1), (target, 31, 2)):
        moment = datetime(2026, 6, 1, 9, tzinfo=UTC)

        def clock(hours: int = hours) -> datetime:
            nonlocal moment
            moment += timedelta(seconds=1)
            return moment + timedelta(hours=hours)

        with Store.open(path, clock=clock) as store:
            for record in copies:
                store.reopen(str(record.uuid), who="supervisor", reason="bench correction")
                store.save_answer(str(record.uuid), "age", age)
                store.complete(str(record.uuid))
    return [str(record.uuid) for record in copies]


def _server_cpu(cluster: Cluster) -> float:
    """CPU seconds used so far by the PostgreSQL server (postmaster, live and ended backends)."""
    import psutil

    postmaster = psutil.Process(int((cluster.data / "postmaster.pid").read_text().split()[0]))
    times = postmaster.cpu_times()
    live = 0.0
    for child in postmaster.children():
        with contextlib.suppress(psutil.NoSuchProcess):  # a backend ended while listed
            live += sum(child.cpu_times()[:2])
    return times.user + times.system + times.children_user + times.children_system + live


def _client_cpu() -> float:
    """CPU seconds of this process's ended and waited-for children (the sync processes: each
    is waited for by ``communicate`` before the figure is read again)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _sync_all(server, laptops: list[Path], logins: list[str]) -> tuple[float, list[float], str]:
    """All laptops' syncs at once: wall time, each one's, and a line of CPU figures to print
    under the caller's heading (measured from before the first start to after the last end)."""
    cpu = (_client_cpu(), _server_cpu(server.cluster), time.process_time())
    began = time.perf_counter()
    processes = []
    for laptop, login in zip(laptops, logins, strict=True):
        url = server.cluster.url(server.database, login, PASSWORD)
        processes.append((time.perf_counter(), subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "sync", "--db", str(laptop), "--server", url,
             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    each = []
    for started, process in processes:
        out, err = process.communicate()
        if process.returncode != 0:
            raise SystemExit(f"a sync failed: {err or out}")
        each.append(time.perf_counter() - started)
    wall = time.perf_counter() - began
    cpu_line = (f"  CPU: {len(laptops)} sync process{'es' if len(laptops) > 1 else ''} "
                f"{_client_cpu() - cpu[0]:.1f} s, PostgreSQL "
                f"{_server_cpu(server.cluster) - cpu[1]:.1f} s, this process (threads) "
                f"{time.process_time() - cpu[2]:.1f} s; machine load average "
                f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return wall, each, cpu_line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--laptops", type=int, default=20)
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--shared", type=int, default=25,
                        help="interviews per laptop pair edited on both (conflicts)")
    args = parser.parse_args()
    cluster = Cluster.start()
    try:
        with tempfile.TemporaryDirectory(prefix="kelisim-sync-bench-") as temp:
            _run(cluster, Path(temp), args)
    finally:
        cluster.destroy()


def _run(cluster: Cluster, folder: Path, args: argparse.Namespace) -> None:
    server = new_kelisim_server(cluster)
    for data in (archived_form_bytes(), bundled_form_bytes()):
        server.publish(load_form(data), data)
    began = time.perf_counter()
    template = _template(folder / "template.db", args.interviews)
    made = [_make_laptop(folder / f"laptop{n:02d}.db", n, template)
            for n in range(args.laptops + 1)]
    half = args.laptops // 2
    shared = [uuid for n in range(half)
              for uuid in _share(made[n][0], made[n + half][0], args.shared)]
    print(f"generated {len(made)} laptop files in {time.perf_counter() - began:.1f} s")
    logins = []
    for n, (_path, names, _count) in enumerate(made):
        names = names | (made[n - half][1] if n >= half else set())
        logins.append(server.add_user(f"laptop{n}", interviewers=tuple(sorted(names)),
                                      password=PASSWORD).user)
    laptops = [path for path, _names, _count in made]
    expected = sum(count for _p, _n, count in made[:-1])
    wall, each, cpu = _sync_all(server, laptops[:-1], logins[:-1])
    stored = server.count("SELECT count(*) FROM kelisim.interviews")
    distinct = server.count("SELECT count(DISTINCT uuid) FROM kelisim.interviews")
    conflicts = server.count("SELECT count(*) FROM kelisim.conflicts")
    print(f"{args.laptops} laptops x {args.interviews} interviews synced at once: "
          f"wall {wall:.1f} s (target < 60 s: {'met' if wall < 60 else 'NOT met'}), "
          f"slowest laptop {max(each):.1f} s, fastest {min(each):.1f} s")
    print(cpu)
    print(f"  server: {stored} interviews ({distinct} distinct; expected {expected}: "
          f"{'each once' if stored == distinct == expected else 'MISMATCH'}), "
          f"{server.count('SELECT count(*) FROM kelisim.answers')} answers, "
          f"{server.count('SELECT sum(cardinality(events)) FROM kelisim.paradata')} paradata "
          f"events, {conflicts} conflicts (expected {half * args.shared})")
    _check_shared(server, shared)
    again, _each, cpu = _sync_all(server, laptops[:-1], logins[:-1])
    print(f"  all {args.laptops} again (nothing new): wall {again:.1f} s; interviews still "
          f"{server.count('SELECT count(*) FROM kelisim.interviews')}")
    print(cpu)
    _check_shared(server, shared)  # what the first round missed, the second must bring
    _report_during_sync(server, laptops[-1], logins[-1], folder)


def _check_shared(server, shared: list[str]) -> None:
    """Each interview edited on two laptops: one conflict, both edits (age 30 and 31) kept."""
    with server.admin() as conn:
        rows = conn.execute(
            "SELECT i.uuid, i.answers -> 'age' ->> 1, count(c.id), "
            "string_agg(c.other_version::jsonb -> 'answers' -> 'age' ->> 'text', ',') "
            "FROM kelisim.interviews i LEFT JOIN kelisim.conflicts c ON c.uuid = i.uuid "
            "WHERE i.uuid = ANY(%s) GROUP BY i.uuid, i.answers", (shared,)).fetchall()
    found = {row[0] for row in rows}
    wrong = [row for row in rows
             if row[2] != 1 or {row[1], row[3]} != {"30", "31"}]
    print(f"  edited on two laptops: {len(shared)}; on the server {len(found)}; with one "
          f"conflict keeping both edits {len(rows) - len(wrong)}"
          + ("" if not wrong else f"; NOT: {wrong[:5]}"))


def _report_during_sync(server, laptop: Path, login: str, folder: Path) -> None:
    from reports.api import build_report
    from reports.spec import ReportSpec

    result: dict[str, float] = {}

    def report() -> None:
        began = time.perf_counter()
        built = build_report(server.url, spec=ReportSpec(weighting="none", wave="all"),
                             xlsx=folder / "report.xlsx")
        result["report"] = time.perf_counter() - began
        result["rows"] = float(built.snapshot.counts["exported"])

    began = time.process_time()
    thread = threading.Thread(target=report)
    thread.start()
    wall, _each, cpu = _sync_all(server, [laptop], [login])
    thread.join()
    print(f"  one more laptop synced in {wall:.1f} s while an Excel report on "
          f"{result['rows']:.0f} interviews was built from the server in {result['report']:.1f} s")
    print(f"{cpu} (while the sync ran); the report: {time.process_time() - began:.1f} s CPU in "
          "this process")


if __name__ == "__main__":
    main()
