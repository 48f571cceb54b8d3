"""Writing generated interviews into a store."""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from questionnaires import bundled_form_bytes
from survey.demo.generator import DemoOptions, generate_interviews
from survey.form.model import Form
from survey.form.xlsform import load_form
from survey.store import Store

_CHUNK = 2000


def fill_database(store: Store, options: DemoOptions, *, form: Form | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Generate interviews of ``form`` (default: the bundled questionnaire) into ``store``.

    The form is registered when missing. Interviews are written in chunks, each chunk in one
    transaction. Returns the uuids written.
    """
    if form is None:
        xlsform = bundled_form_bytes()
        form = load_form(xlsform, filename="mediation_awareness.xlsx")
        store.register_form(form, xlsform)
    stream = generate_interviews(form, options, progress)
    uuids: list[str] = []
    while chunk := list(islice(stream, _CHUNK)):
        uuids += store.import_interviews(chunk)
    return uuids
