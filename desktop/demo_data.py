"""Trying Kelisim with demo data, kept out of real work.

"Try with demo data" opens the demo database (``survey.store.demo_database_path()``), filling
it first in a worker when it is new (``make run`` prepares it with 3,000 interviews); "Back to
my database" returns to the last real database. The real database never receives demo
interviews from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.job_dialog import JobDialog
from desktop.jobs import demo_job
from desktop.settings import AppSettings
from desktop.workers import Job
from survey.errors import SurveyError
from survey.store import Store, default_database_path, demo_database_path

#: How many synthetic interviews the application writes when the demo database is new.
INTERVIEWS = 1000


def ready_demo_database(path: Path) -> bool:
    """Whether ``path`` is a demo database that already holds interviews."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        with Store.open_read_only(path) as store:
            return store.is_demo() and store.count_interviews() > 0
    except SurveyError:
        return False


class DemoData:
    """The demo-data actions of one main window: ``switch(path)`` opens a database there."""

    def __init__(self, window: QWidget, settings: AppSettings,
                 switch: Callable[[Path], None]) -> None:
        self.window = window
        self.settings = settings
        self.switch = switch
        self.job_dialog: JobDialog | None = None

    def open(self, path: Path | None = None) -> JobDialog | None:
        """Switch to the demo database; prepare it first (progress dialog) when needed."""
        target = path or demo_database_path()
        if ready_demo_database(target):
            self.switch(target)
            return None
        job = Job(demo_job(target, INTERVIEWS))

        def summary(result: Any) -> str:
            return _("{count} synthetic interviews written to {path}.", count=result,
                     path=str(target))

        job.signals.succeeded.connect(lambda _result: self.switch(target))
        self.job_dialog = JobDialog(_("Preparing demo data"), job, summary, self.window)
        self.job_dialog.setObjectName("demo_job")
        self.job_dialog.open()
        job.start()
        return self.job_dialog

    def leave(self) -> None:
        """Back to the last real database (the default one when none was opened)."""
        remembered = self.settings.real_database
        self.switch(Path(remembered) if remembered else default_database_path())
