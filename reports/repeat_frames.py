"""The repeat-level frames of a report, read from the database it is made from.

The export's per-level tables (``survey.export.repeat_tables.repeat_tables``, kept in the
analysis snapshot beside the database as the main table is,
``survey.export.repeat_snapshot``: one row per instance, the interview's UUID in
``_parent_uuid``, columns typed and coded as in the main table) are what the spec's repeat
indicators are estimated on, when the caller of ``build_report`` gives no frames of its own. Each frame carries its level's questions in
``frame.attrs[QUESTIONS_ATTR]`` (name -> question), as the export carries its declared missing
answers in ``attrs``: the main table's form holds only the interview-level questions, so the
roster section finds the labels of the repeat's questions and choices there.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from reports.data import data_error
from reports.spec import ReportSpec
from survey.errors import SurveyError
from survey.export.repeat_snapshot import kept_repeat_tables
from survey.form.model import Question
from survey.store.reader import open_reader

#: ``frame.attrs`` key of a repeat-level frame's questions (name -> ``Question``).
QUESTIONS_ATTR = "kelisim_questions"


def stored_repeat_frames(db_path: str | Path, spec: ReportSpec,
                         form_id: str | None) -> dict[str, pd.DataFrame]:
    """Every repeat's frame of the interviews of ``form_id`` the report of ``spec`` reads."""
    status = None if spec.status == "all" else spec.status
    try:
        with open_reader(db_path) as store:
            tables = kept_repeat_tables(store, form_id, status=status, language=spec.language)
    except SurveyError as error:
        raise data_error(Path(str(db_path)), error) from error
    frames = {}
    for name, table in tables.items():
        frame = table.frame
        frame.attrs[QUESTIONS_ATTR] = {q.name: q for q in table.form.questions}
        frames[name] = frame
    return frames


def asked_in(frames: Mapping[str, pd.DataFrame]) -> set[tuple[str, str]]:
    """The (repeat, question) pairs the repeat-level ``frames`` hold (by their columns when
    a frame made by hand carries no questions)."""
    return {(name, question) for name, frame in frames.items()
            for question in (frame_questions(frame) or map(str, frame.columns))}


def frame_questions(frame: pd.DataFrame) -> Mapping[str, Question]:
    """The questions a repeat-level frame carries (none for a frame made by hand)."""
    found = frame.attrs.get(QUESTIONS_ATTR)
    return found if isinstance(found, dict) else {}
