"""Questionnaires shipped with Kelisim.

``bundled_form_path()`` is the flagship form, "Public awareness of and attitudes to mediation in
Kazakhstan" (``form_id`` ``kelisim_mediation_kz``), an XLSForm workbook in Kazakh, Russian and
English. It is built from the Python sources in ``questionnaires/source`` (see README.md), with
``mediation_awareness_versions.json`` beside it: what changed from each version to the next, item
by item (read with :func:`survey.versions.read_version_changes`). Earlier versions, exactly as
they were fielded, are kept in ``questionnaires/archive``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BUNDLED_FORM_ID = "kelisim_mediation_kz"
BUNDLED_FORM_NAME = "mediation_awareness.xlsx"
BUNDLED_VERSIONS_NAME = "mediation_awareness_versions.json"
#: The version the demo records its baseline wave on (2026.1, before the reordering of 2026.2;
#: 2026.2 is archived too and differs from the current version only by the disputes roster).
PREVIOUS_VERSION = "2026.1"


def bundled_form_bytes() -> bytes:
    """The bundled questionnaire workbook as bytes (works from any installation layout)."""
    return files(__name__).joinpath(BUNDLED_FORM_NAME).read_bytes()


def bundled_form_path() -> Path:
    """Path of the bundled questionnaire workbook, installed next to this module."""
    return Path(str(files(__name__).joinpath(BUNDLED_FORM_NAME)))


def bundled_versions_bytes() -> bytes:
    """The bundled questionnaire's version changes (JSON) as bytes."""
    return files(__name__).joinpath(BUNDLED_VERSIONS_NAME).read_bytes()


def archived_form_name(version: str) -> str:
    """File name of an archived version of the bundled questionnaire."""
    return f"mediation_awareness_{version}.xlsx"


def archived_form_bytes(version: str = PREVIOUS_VERSION) -> bytes:
    """An earlier version of the bundled questionnaire, exactly as it was fielded."""
    return files(__name__).joinpath("archive", archived_form_name(version)).read_bytes()
