"""GUI-thread work of the desktop app, against the 100 ms budget per operation.

Run by hand: ``.venv/bin/python bench/bench_desktop.py [--interviews 100000]``. Fills a store
with complete interviews of the bundled questionnaire (region answered), then times what the
GUI thread does: opening the Data tab's lazy table model (count + first batch), one more batch
(scrolling), painting 40 rows incl. the region column, the Home quota model, and in the
interview screen: opening a session and answering one question (engine + autosave + relevance).
Then the main window itself over the same store, as a user meets it in a fresh process (no
questionnaire parsed yet): start-up (the window with Home, Data and Reports built), the Home,
Data and Reports tabs shown, opening an interview (first and later) and answering in it.
``--database FILE`` runs the window steps on a copy of an existing store (a demo database)
instead of a filled one. Prints the slowest of ``--repeat`` runs per step and whether it is
under 100 ms, and the load average (other work on the machine slows every figure).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop import background
from desktop.interviews_model import InterviewsTableModel
from desktop.main_window import MainWindow
from desktop.quota_model import QuotaTableModel
from desktop.settings import AppSettings
from desktop.workers import wait_for_jobs
from survey.bundled import ensure_bundled_form
from survey.form import cache
from survey.interview.session import InterviewSession
from survey.store import NewInterview, Store

BUDGET_MS = 100.0
FORM_ID = "kelisim_mediation_kz"
REGIONS = ("abai", "akmola", "almaty", "astana", "shymkent", "turkistan")


def _fill(store: Store, version: str, count: int) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    store.import_interviews(
        NewInterview(form_id=FORM_ID, form_version=version, interviewer=f"I{n % 40:02d}",
                     device_id="laptop", language="kk",
                     answers={"consent": "yes", "region": REGIONS[n % len(REGIONS)],
                              "age": 18 + n % 70},
                     started_at=start + timedelta(minutes=n),
                     completed_at=start + timedelta(minutes=n + 14))
        for n in range(count))


def _slowest(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The slowest of ``repeat`` runs: wall milliseconds and the GUI thread's CPU milliseconds
    (the CPU figure does not grow with other work on the machine; the wall one does)."""
    return max((_timed(step) for _ in range(repeat)), key=lambda t: t[0])


def _timed(step: Callable[[], object]) -> tuple[float, float]:
    began, cpu = time.perf_counter(), time.thread_time()
    step()
    return (time.perf_counter() - began) * 1000, (time.thread_time() - cpu) * 1000


def _report(name: str, timing: tuple[float, float]) -> None:
    wall, cpu = timing
    verdict = "ok" if wall < BUDGET_MS else ("OVER BUDGET" if cpu >= BUDGET_MS
                                             else "over in wall time only (load)")
    print(f"{name:<52} {wall:8.1f} ms  cpu {cpu:7.1f} ms  {verdict}")


def _info(name: str, ms: float) -> None:
    print(f"{name:<52} {ms:8.1f} ms  (off the GUI thread)")


def _arrival(app: QApplication, model: InterviewsTableModel | QuotaTableModel) -> float:
    """Milliseconds until the model's background read has arrived (events processed)."""
    began = time.perf_counter()
    while model.is_loading():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", type=Path, default=None,
                        help="run the window steps on a copy of this store")
    args = parser.parse_args()
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        if args.database is not None:
            copy = Path(folder) / args.database.name
            shutil.copyfile(args.database, copy)
            with Store.open(copy) as store:
                _window_steps(store, Path(folder), args.repeat)
        else:
            _model_steps(Path(folder), args)
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


def _model_steps(folder: Path, args: argparse.Namespace) -> None:
    with Store.open(folder / "b.db") as store:
        ensure_bundled_form(store)
        version = next(r.version for r in store.forms() if r.form_id == FORM_ID)
        began = time.perf_counter()
        _fill(store, version, args.interviews)
        print(f"filled {args.interviews} interviews in {time.perf_counter() - began:.1f} s")
        app = QApplication.instance() or QApplication([])
        models: list[InterviewsTableModel] = []
        _report("Data tab: open model (GUI thread: count, ask batch)",
                _slowest(lambda: models.append(InterviewsTableModel(store, batch=500)),
                         args.repeat))
        model = models[-1]
        _info("Data tab: first 500 rows arrive (worker)", _arrival(app, model))
        _report("Data tab: fetchMore (GUI thread: ask next batch)",
                _slowest(lambda: model.fetchMore(QModelIndex()), 1))
        _info("Data tab: next 500 rows arrive (worker)", _arrival(app, model))

        def paint() -> None:
            for row in range(40):
                for column in range(model.columnCount()):
                    model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)

        _report("Data tab: paint 40 rows (region answers)", _slowest(paint, args.repeat))
        form = store.load_form(FORM_ID, version, repeats=True)
        quotas: list[QuotaTableModel] = []
        _report("Home: quota model (GUI thread: targets, ask counts)",
                _slowest(lambda: quotas.append(QuotaTableModel(store, form)), args.repeat))
        _info("Home: completed counts per region arrive (worker)", _arrival(app, quotas[-1]))
        _arrival(app, quotas[-1])
        while any(m.is_loading() for m in models):
            app.processEvents()
        uuid = store.start_interview(FORM_ID, version, interviewer="bench", language="kk")
        cache.clear()
        _report("Interview: open session, version not parsed yet",
                _timed(lambda: InterviewSession(store, uuid)))
        print("  (the first interview of a version in the process; Home has parsed it in the app)")
        _report("Interview: open session (form cached by Home)",
                _slowest(lambda: InterviewSession(store, uuid), args.repeat))
        session = InterviewSession(store, uuid)
        answers = iter(["yes", "no"] * args.repeat)
        _report("Interview: answer consent (engine + autosave + pages)",
                _slowest(lambda: (session.answer("consent", next(answers)), session.pages()),
                         args.repeat))
        _window_steps(store, folder, args.repeat)


def _settle(app: QApplication, window: MainWindow) -> tuple[float, tuple[float, float]]:
    """Milliseconds until the window's background work (reads, parsing) has arrived, and the
    longest turn of the event loop meanwhile (the GUI thread handling what arrived)."""
    began = time.perf_counter()
    longest = (0.0, 0.0)
    while wait_for_jobs(0) is False or window.is_loading():
        longest = max(longest, _timed(app.processEvents))
        time.sleep(0.002)
    longest = max(longest, _timed(app.processEvents))
    return (time.perf_counter() - began) * 1000, longest


def _window_steps(store: Store, folder: Path, repeat: int) -> None:
    """The main window over ``store`` in a process that has parsed no questionnaire yet."""
    app = QApplication.instance() or QApplication([])
    settings = AppSettings(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    settings.interviewer = "bench"
    record = max((r for r in store.forms() if r.form_id == FORM_ID),
                 key=lambda r: r.version_order)
    uuid = store.start_interview(FORM_ID, record.version, interviewer="bench", language="kk")
    cache.clear()
    background.forget_forms()
    windows: list[MainWindow] = []
    _report("App: start-up (main window, Home built)",
            _timed(lambda: windows.append(MainWindow(store, settings))))
    window = windows[0]
    window.show()
    arrived, turn = _settle(app, window)
    _info("App: start-up work arrives (worker)", arrived)
    _report("App: start-up, longest event-loop turn meanwhile", turn)
    _report("App: Data tab shown", _timed(lambda: window.tabs.setCurrentIndex(2)))
    arrived, turn = _settle(app, window)
    _info("App: Data tab rows arrive (worker)", arrived)
    _report("App: Data tab, longest event-loop turn meanwhile", turn)
    _report("App: Reports tab shown", _timed(lambda: window.tabs.setCurrentIndex(3)))
    _report("App: Home tab shown (refresh)", _timed(lambda: window.tabs.setCurrentIndex(0)))
    _settle(app, window)
    _report("App: open an interview (first)", _timed(lambda: window.open_interview(uuid)))
    _report("App: open an interview (later)",
            _slowest(lambda: window.open_interview(uuid), repeat))
    session = window.session
    assert session is not None
    answers = iter(["yes", "no"] * repeat)
    _report("App: answer consent (session + screen)",
            _slowest(lambda: (session.answer("consent", next(answers)), app.processEvents()),
                     repeat))
    window.close()


if __name__ == "__main__":
    main()
