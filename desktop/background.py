"""Store reads off the GUI thread, and a cache of parsed questionnaires.

Listing 500 of 100,000 interviews or counting answers per region can take a few hundred
milliseconds; a :class:`BackgroundReader` runs such reads in Qt's thread pool, each on its own
store connection (SQLite connections stay in their thread), and hands the result back on the
GUI thread. :func:`form_of` parses each questionnaire version once per database.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from desktop.workers import CancelledFn, Job, ProgressFn
from survey.form.model import Form
from survey.store import Store
from survey.store.postgres.connection import Address, is_server_url
from survey.store.postgres.reader import ServerReader

_FORMS: dict[tuple[str, str, str], Form] = {}


def form_of(store: Store | ServerReader, form_id: str, version: str) -> Form:
    """The parsed form (a store refuses other bytes under the same id and version)."""
    key = (str(store.path), form_id, version)
    if key not in _FORMS:
        _FORMS[key] = store.load_form(form_id, version, repeats=True) \
            if isinstance(store, Store) else store.load_form(form_id, version)
    return _FORMS[key]


def forget_forms() -> None:
    """Forget the parsed forms (a fresh process, for benchmarks and tests)."""
    _FORMS.clear()


def location_of(store: Store | ServerReader) -> Path | str:
    """What a worker opens to read the same data: the file, or the server's URL (its password
    is known to this process once connected)."""
    return store.address.location if isinstance(store, ServerReader) else store.path


def _open(location: Path | str) -> Store | ServerReader:
    if is_server_url(location):
        return ServerReader.open(Address.parse(str(location)))
    return Store.open(location)


class BackgroundReader(QObject):
    """Runs ``fn(store)`` in a worker on a fresh connection to ``path``; emits ``ready(tag,
    result)`` on the GUI thread (``failed(tag, error)`` if it raised)."""

    ready = Signal(object, object)
    failed = Signal(object, object)

    def __init__(self, path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._jobs: set[Job] = set()

    def read(self, tag: Any, fn: Callable[[Any], Any]) -> Job:
        path = self.path

        def run(progress: ProgressFn, cancelled: CancelledFn) -> Any:
            with _open(path) as store:
                return fn(store)

        job = Job(run)
        self._jobs.add(job)
        job.signals.succeeded.connect(lambda result: self._deliver(tag, result))
        job.signals.failed.connect(lambda error: self._fail(tag, error))
        job.signals.finished.connect(lambda: self._jobs.discard(job))
        return job.start()

    def busy(self) -> bool:
        return bool(self._jobs)

    def _deliver(self, tag: Any, result: Any) -> None:
        if isValid(self):  # the view may have gone while the worker read
            self.ready.emit(tag, result)

    def _fail(self, tag: Any, error: BaseException) -> None:
        if isValid(self):
            self.failed.emit(tag, error)
