"""What every exported cell should hold, worked out from the store and the interview engine.

Independent of the export's own code paths: each interview's answers are read with
``Store.answers`` and judged by ``Interview`` one at a time; the reason of an empty cell
follows the rules documented in ``survey.export.missing`` (not asked when not relevant; not
reached in a draft after the last answered question; don't know / refused from the choices
marked ``kelisim::missing``). Each interview is judged by its own questionnaire version;
a question renamed in the version changes is its newest name's column, and a column of a
question the interview's version did not have is "not asked".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from survey.form.model import Form, QuestionType
from survey.form.repeats import repeat_path
from survey.interview.instances import RepeatInterview
from survey.store import Store
from survey.store.records import version_order
from survey.versions import bundled_changes

NOT_ASKED, NOT_REACHED = "not_asked", "not_reached"
NUMBER = {NOT_ASKED: -99, NOT_REACHED: -98, "dont_know": -97, "refused": -96}
LETTER = {NOT_ASKED: "a", NOT_REACHED: "b", "dont_know": "c", "refused": "d"}
SYSTEM = "system"  # empty although asked: system-missing


@dataclass(frozen=True)
class Cell:
    """The truth of one cell: a value (choice name, number, text, date) or a missing reason."""

    value: object = None
    reason: str | None = None


def truth(db: Path, *, include_pii: bool = False) -> tuple[Form, dict[str, dict[str, Cell]]]:
    """Per interview UUID, per column of the wide table, its :class:`Cell`."""
    with Store.open_read_only(db) as store:
        forms = {r.version: store.load_form(r.form_id, r.version, repeats=True)
                 for r in store.forms()}
        form = forms[max(forms, key=version_order)]
        renamed = _renamed(form.form_id)
        out = {}
        for interview in store.interviews():
            version = forms.get(interview.form_version, form)  # each with its own version
            cells = _cells(version, store.answers(interview.uuid),
                           interview.status == "draft", include_pii)
            out[interview.uuid] = cells if version is form else \
                {_own_column(_newest_name(name, renamed), version, form, renamed): cell
                 for name, cell in cells.items()}
            out[interview.uuid]["__status"] = Cell(interview.status)
            out[interview.uuid]["__interviewer"] = Cell(interview.interviewer)
    return form, out


def demo_database(path: Path, **options: Any) -> Path:
    """A database of demo interviews (baseline on 2026.1, follow-up on 2026.2), no paradata."""
    from survey.demo import DemoOptions, fill_database

    with Store.open(path) as store:
        fill_database(store, DemoOptions(paradata=False, **options))
    return path


def _renamed(form_id: str) -> dict[str, str]:
    """Old name -> new name of the questions renamed in one step of the version changes."""
    changes = bundled_changes(form_id)
    return {} if changes is None else {item.previous: item.name for step in changes.steps
                                       for item in step.items if item.previous}


def _newest_name(column: str, renamed: dict[str, str]) -> str:
    for old, new in renamed.items():
        if column == old or column.startswith((f"{old}__", f"{old}_other")):
            return new + column[len(old):]
    return column


def _own_column(column: str, older: Form, newest: Form, renamed: dict[str, str]) -> str:
    """A question whose type differs in the newest version (a number that became a text)
    keeps the older answers in a column of its own, ``<name>_<version>``."""
    base = column.split("__")[0].removesuffix("_other")
    mine = next((q.type for q in older.questions if renamed.get(q.name, q.name) == base), None)
    theirs = next((q.type for q in newest.questions if q.name == base), None)
    if mine is None or theirs is None or mine == theirs:
        return column
    return base + "_" + re.sub(r"\W", "_", older.version) + column[len(base):]


def cell_of(cells: dict[str, Cell], column: str) -> Cell:
    """The truth of ``column``: a question the interview's version did not have is not asked."""
    return cells.get(column, Cell(None, NOT_ASKED))


def _cells(form: Form, stored: dict[str, object], draft: bool,
           include_pii: bool) -> dict[str, Cell]:
    known = {q.name for q in form.questions} | {f"{q.name}_other" for q in form.questions}
    answers = {name: value for name, value in stored.items() if name in known}  # an older
    engine = RepeatInterview(form, answers).engine  # version's questions are not in the table
    result = engine.result()
    main = [q for q in form.questions if not repeat_path(form, q)]  # repeats: their own tables
    positions = {q.name: i for i, q in enumerate(main)}
    answered = [positions[name] for name in answers if name in positions
                and engine.is_relevant(name)]
    last = max(answered, default=-1)
    cells: dict[str, Cell] = {}
    for q in main:
        if q.type is QuestionType.NOTE or (q.pii and not include_pii):
            continue
        names = [q.name] + ([f"{q.name}_other"] if q.or_other and q.type.is_select else [])
        for name in names:
            value = result.get(name)
            if value is not None:
                cells[name] = Cell(value, _declared(q, value) if name == q.name else None)
            elif draft and positions[q.name] > last:
                cells[name] = Cell(None, NOT_REACHED)
            elif not engine.is_relevant(name):
                cells[name] = Cell(None, NOT_ASKED)
            else:
                cells[name] = Cell(None, SYSTEM)
        if q.type is QuestionType.SELECT_MULTIPLE:
            whole = cells[q.name]
            for c in q.choices:
                picked = None if whole.value is None else int(c.name in whole.value)
                cells[f"{q.name}__{c.name}"] = Cell(picked, whole.reason)
    return cells


def _declared(question: object, value: object) -> str | None:
    missing = question.missing_choices  # type: ignore[attr-defined]
    if isinstance(value, str) and value in missing:
        return missing[value]
    if isinstance(value, tuple) and value and set(value) <= set(missing):
        return missing[value[0]]
    return None


def as_date(value: object) -> date | None:
    if value is None or value != value:  # NaN
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
