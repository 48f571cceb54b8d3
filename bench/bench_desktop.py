"""GUI-thread work of the desktop app, against the 100 ms budget per operation.

Run by hand: ``.venv/bin/python bench/bench_desktop.py [--interviews 100000]``. Fills a store
with complete interviews of the bundled questionnaire (region answered), then times what the
GUI thread does: opening the Data tab's lazy table model (count + first batch), one more batch
(scrolling), painting 40 rows incl. the region column, the Home quota model, and in the
interview screen: opening a session and answering one question (engine + autosave + relevance).
Prints the slowest of ``--repeat`` runs per step and whether it is under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desktop.interviews_model import InterviewsTableModel
from desktop.quota_model import QuotaTableModel
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


def _slowest(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        step()
        times.append((time.perf_counter() - began) * 1000)
    return max(times)


def _report(name: str, ms: float) -> None:
    verdict = "ok" if ms < BUDGET_MS else "OVER BUDGET"
    print(f"{name:<52} {ms:8.1f} ms  {verdict}")


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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:
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
        form = store.load_form(FORM_ID, version)
        quotas: list[QuotaTableModel] = []
        _report("Home: quota model (GUI thread: targets, ask counts)",
                _slowest(lambda: quotas.append(QuotaTableModel(store, form)), args.repeat))
        _info("Home: completed counts per region arrive (worker)", _arrival(app, quotas[-1]))
        _arrival(app, quotas[-1])
        while any(m.is_loading() for m in models):
            app.processEvents()
        uuid = store.start_interview(FORM_ID, version, interviewer="bench", language="kk")
        cache.clear()
        began = time.perf_counter()
        InterviewSession(store, uuid)
        _report("Interview: open session, version not parsed yet",
                (time.perf_counter() - began) * 1000)
        print("  (the first interview of a version in the process; Home has parsed it in the app)")
        _report("Interview: open session (form cached by Home)",
                _slowest(lambda: InterviewSession(store, uuid), args.repeat))
        session = InterviewSession(store, uuid)
        answers = iter(["yes", "no"] * args.repeat)
        _report("Interview: answer consent (engine + autosave + pages)",
                _slowest(lambda: (session.answer("consent", next(answers)), session.pages()),
                         args.repeat))


if __name__ == "__main__":
    main()
