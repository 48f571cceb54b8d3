"""Parsed questionnaires kept in memory, by the checksum of their files.

A stored questionnaire never changes (a version is registered once, with its files), and a
``Form`` is immutable, so every reader of the same workbook bytes can share one parsed form:
opening an interview, the export and the reports parse a version once per process. The
key is the SHA-256 of the workbook and of every file that comes with it, the name used in
messages; nothing else is trusted. A form with repeats is served only to callers that read
repeats (read without them, it is refused as ``survey.form.load_form`` refuses it).

A reader asking for a workbook another thread is parsing waits for that parse instead of
parsing it again (the desktop parses a database's questionnaires in a worker when it opens it;
an interview opened meanwhile gets the same form when the worker has it).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping

from survey.form import xlsform
from survey.form.model import Form

#: How many parsed forms are kept (versions of the questionnaires in use).
LIMIT = 8
_FORMS: dict[tuple[object, ...], Form] = {}
_LOCK = threading.Lock()
#: Keys being parsed now, each with the event set when its parse has ended (well or not).
_PARSING: dict[tuple[object, ...], threading.Event] = {}


def parsed_form(data: bytes, *, filename: str, files: Mapping[str, bytes],
                repeats: bool = False) -> Form:
    """``survey.form.load_form`` of the workbook ``data``, parsed once per process (a form
    without repeats is the same read with or without ``repeats``: one parse serves both)."""
    key = (hashlib.sha256(data).hexdigest(), filename,
           tuple(sorted((name, hashlib.sha256(body).hexdigest())
                        for name, body in files.items())))
    while True:
        with _LOCK:
            form = _FORMS.get(key)
            if form is not None and (repeats or not any(g.repeat for g in form.groups)):
                return form
            parsing = _PARSING.get(key)
            if parsing is None:
                parsing = _PARSING[key] = threading.Event()
                break
        parsing.wait()  # another thread's parse of the same files: its form, or our own try
    try:
        form = xlsform.load_form(data, filename=filename, files=files, repeats=repeats)
        _keep(key, form)
    finally:
        with _LOCK:
            del _PARSING[key]
        parsing.set()
    return form


def _keep(key: tuple[object, ...], form: Form) -> None:
    with _LOCK:
        if len(_FORMS) >= LIMIT:
            _FORMS.pop(next(iter(_FORMS)))
        _FORMS[key] = form


def clear() -> None:
    """Forget every parsed form (the next reader parses again)."""
    with _LOCK:
        _FORMS.clear()
