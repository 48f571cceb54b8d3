"""Writing generated interviews into a store."""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from survey.bundled import ensure_bundled_form
from survey.demo.generator import DemoOptions, generate_interviews
from survey.form.model import Form
from survey.store import Store

_CHUNK = 2000


def fill_database(store: Store, options: DemoOptions, *, form: Form | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Generate interviews of ``form`` (default: the bundled questionnaire) into ``store``.

    The form is registered when missing. Interviews are written in chunks, each chunk in one
    transaction. Returns the uuids written.
    """
    if form is None:
        form = ensure_bundled_form(store)
    stream = generate_interviews(form, options, progress)
    uuids: list[str] = []
    while chunk := list(islice(stream, _CHUNK)):
        uuids += store.import_interviews(chunk)
    return uuids
