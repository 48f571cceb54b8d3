"""Questionnaires shipped with Kelisim.

``bundled_form_path()`` is the flagship form, "Public awareness of and attitudes to mediation in
Kazakhstan" (``form_id`` ``kelisim_mediation_kz``), an XLSForm workbook in Kazakh, Russian and
English. It is built from the Python sources in ``questionnaires/source`` (see README.md).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BUNDLED_FORM_NAME = "mediation_awareness.xlsx"


def bundled_form_bytes() -> bytes:
    """The bundled questionnaire workbook as bytes (works from any installation layout)."""
    return files(__name__).joinpath(BUNDLED_FORM_NAME).read_bytes()


def bundled_form_path() -> Path:
    """Path of the bundled questionnaire workbook, installed next to this module."""
    return Path(str(files(__name__).joinpath(BUNDLED_FORM_NAME)))
