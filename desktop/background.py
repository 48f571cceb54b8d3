"""Store reads off the GUI thread, and a cache of parsed questionnaires.

Listing 500 of 100,000 interviews or counting answers per region can take a few hundred
milliseconds; a :class:`BackgroundReader` runs such reads in Qt's thread pool, each on its own
store connection (SQLite connections stay in their thread), and hands the result back on the
GUI thread. :func:`form_of` parses each questionnaire version once per database; a
:class:`FormsReader` parses them all in a worker when a database opens, so that the GUI thread
never parses one (an XLSForm takes a few hundred milliseconds): until it has, views built on a
questionnaire (Home's quotas, the Reports tab's breakdowns) wait for its ``parsed`` signal, and
an interview opened meanwhile waits for the worker's parse (``survey.form.cache``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from shiboken6 import isValid

from desktop.workers import CancelledFn, Job, ProgressFn
from survey.errors import FormError, StoreError
from survey.form.model import Form
from survey.store import Store
from survey.store.postgres.connection import Address, is_server_url
from survey.store.postgres.reader import ServerReader

_FORMS: dict[tuple[str, str, str], Form] = {}


def form_of(store: Store | ServerReader, form_id: str, version: str) -> Form:
    """The parsed form (a store refuses other bytes under the same id and version)."""
    key = (str(store.path), form_id, version)
    if key not in _FORMS:
        _FORMS[key] = _load(store, form_id, version)
    return _FORMS[key]


def parsed_form_of(store: Store | ServerReader, form_id: str, version: str) -> Form | None:
    """The form when it has been parsed already (:func:`form_of` without parsing)."""
    return _FORMS.get((str(store.path), form_id, version))


def parsed_forms(store: Store | ServerReader) -> list[Form]:
    """Every form of ``store`` parsed already (no read of the store: it may be closed)."""
    place = str(store.path)
    return [form for (path, _id, _version), form in list(_FORMS.items()) if path == place]


def _load(store: Store | ServerReader, form_id: str, version: str) -> Form:
    return store.load_form(form_id, version, repeats=True)


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


class FormsReader(QObject):
    """Parses every questionnaire version of ``store`` not parsed yet, in a worker; emits
    ``parsed`` on the GUI thread when done. A version that cannot be parsed is left out: whoever
    needs it parses it again on the GUI thread and shows the error as before."""

    parsed = Signal()

    def __init__(self, store: Store | ServerReader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._place = str(store.path)
        pending = [(r.form_id, r.version) for r in store.forms()
                   if (self._place, r.form_id, r.version) not in _FORMS]
        self._loading = bool(pending)
        self._stopped = False
        self._reader = BackgroundReader(location_of(store), self)
        self._reader.ready.connect(self._arrived)
        self._reader.failed.connect(lambda _tag, _error: self._arrived(None, {}))
        if pending:
            self._reader.read("forms", lambda opened: _parse_all(opened, pending))

    def is_loading(self) -> bool:
        return self._loading

    def stop(self) -> None:
        """Keep what arrives but tell no view (the window is closing; its store may close)."""
        self._stopped = True

    def _arrived(self, _tag: object, forms: dict[tuple[str, str], Form]) -> None:
        for (form_id, version), form in forms.items():
            _FORMS.setdefault((self._place, form_id, version), form)
        self._loading = False
        if not self._stopped:
            self.parsed.emit()


def _parse_all(store: Store | ServerReader,
               versions: list[tuple[str, str]]) -> dict[tuple[str, str], Form]:
    forms = {}
    for form_id, version in versions:
        try:
            forms[(form_id, version)] = _load(store, form_id, version)
        except (FormError, StoreError):
            continue
    return forms
