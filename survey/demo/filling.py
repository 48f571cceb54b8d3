"""Writing generated interviews into a store."""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from questionnaires import PREVIOUS_VERSION, archived_form_bytes, archived_form_name
from survey.bundled import bundled_form, ensure_bundled_form
from survey.demo.generator import DemoOptions, generate_interviews
from survey.form.model import Form
from survey.form.xlsform import load_form
from survey.store import Store

_CHUNK = 2000


def fill_database(store: Store, options: DemoOptions, *, form: Form | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Generate interviews of ``form`` (default: the bundled questionnaire) into ``store``.

    The form is registered when missing and the database is marked as holding demo data
    (``Store.is_demo``) before any interview is written. With the bundled questionnaire and
    ``options.previous_baseline``, the baseline wave is recorded on its previous version (in a
    database that already holds the current version but not the previous one, both waves use
    the current version). Interviews are written in chunks, each chunk in one transaction. The
    same seed gives the same interview ids, so interviews already in the store (an earlier
    run, e.g. one killed half-way) are skipped: running the same command again completes it.
    Returns the uuids written.
    """
    store.mark_demo()
    wave_forms: dict[str, Form] = {}
    if form is None:
        current, _ = bundled_form()
        if options.previous_baseline and _may_add_previous(store, current):
            wave_forms["baseline"] = _register_previous(store)
        form = ensure_bundled_form(store)
    stream = generate_interviews(form, options, progress, wave_forms=wave_forms)
    uuids: list[str] = []
    while chunk := list(islice(stream, _CHUNK)):
        known = store.known_uuids(record.uuid for record in chunk if record.uuid)
        fresh = [record for record in chunk if record.uuid not in known]
        if fresh:
            uuids += store.import_interviews(fresh)
    return uuids


def _register_previous(store: Store) -> Form:
    data = archived_form_bytes(PREVIOUS_VERSION)
    form = load_form(data, filename=archived_form_name(PREVIOUS_VERSION))
    store.register_form(form, data)
    return form


def _may_add_previous(store: Store, current: Form) -> bool:
    versions = {(r.form_id, r.version) for r in store.forms()}
    return ((current.form_id, PREVIOUS_VERSION) in versions
            or (current.form_id, current.version) not in versions)
