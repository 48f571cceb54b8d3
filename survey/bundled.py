"""The questionnaire shipped with Kelisim (``questionnaires/``), read and registered in a store.

One function for every caller that needs it in a database: the GUI at start-up and when it
opens another database, the demo-data generator, the screenshots. It sits below all of them,
so none imports another caller to reach it.
"""

from __future__ import annotations

from questionnaires import BUNDLED_FORM_NAME, bundled_form_bytes
from survey.form.model import Form
from survey.form.xlsform import load_form
from survey.store import Store


def bundled_form() -> tuple[Form, bytes]:
    """The bundled questionnaire, read, and its workbook bytes."""
    data = bundled_form_bytes()
    return load_form(data, filename=BUNDLED_FORM_NAME, repeats=True), data


def ensure_bundled_form(store: Store) -> Form:
    """Register the bundled questionnaire in ``store`` unless that version is already there.

    Returns the questionnaire.
    """
    form, data = bundled_form()
    if not any((r.form_id, r.version) == (form.form_id, form.version) for r in store.forms()):
        store.register_form(form, data)
    return form
