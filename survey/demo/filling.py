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
    transaction. The same seed gives the same interview ids, so interviews already in the
    store (an earlier run, e.g. one killed half-way) are skipped: running the same command
    again completes it. Returns the uuids written.
    """
    if form is None:
        form = ensure_bundled_form(store)
    stream = generate_interviews(form, options, progress)
    uuids: list[str] = []
    while chunk := list(islice(stream, _CHUNK)):
        known = store.known_uuids(record.uuid for record in chunk if record.uuid)
        fresh = [record for record in chunk if record.uuid not in known]
        if fresh:
            uuids += store.import_interviews(fresh)
    return uuids
