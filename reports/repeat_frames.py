"""The repeat-level frames of a report, read from the database it is made from.

The export's per-level tables (``survey.export.repeat_tables.repeat_frames``: one row per
instance, the interview's UUID in ``_parent_uuid``, columns typed and coded as in the main
table) are what the spec's repeat indicators are estimated on, when the caller of
``build_report`` gives no frames of its own.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from reports.data import data_error
from reports.spec import ReportSpec
from survey.errors import SurveyError
from survey.export.repeat_tables import repeat_frames
from survey.store.reader import open_reader


def stored_repeat_frames(db_path: str | Path, spec: ReportSpec,
                         form_id: str | None) -> dict[str, pd.DataFrame]:
    """Every repeat's frame of the interviews of ``form_id`` the report of ``spec`` reads."""
    status = None if spec.status == "all" else spec.status
    try:
        with open_reader(db_path) as store:
            return repeat_frames(store, form_id, status=status, language=spec.language)
    except SurveyError as error:
        raise data_error(Path(str(db_path)), error) from error
