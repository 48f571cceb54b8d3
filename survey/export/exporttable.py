"""The wide table with the description of its columns (built by ``survey.export.table``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from survey.export.variable import Variable
from survey.form.model import Form, Question
from survey.messages import Message

#: Key of ``DataFrame.attrs`` under which the table declares, per column, the answers that
#: mean "missing" (choices marked ``kelisim::missing``); ``analysis`` leaves them out.
MISSING_ATTR = "kelisim_missing_values"

@dataclass(frozen=True, slots=True)
class ExportTable:
    """The wide table, a description of its columns, and why empty cells are empty."""

    frame: pd.DataFrame
    variables: tuple[Variable, ...]
    form: Form
    language: str
    #: Per question column (and choice dummy) the reason of each cell (``survey.export.missing``:
    #: 0 answered or left empty, 1 not asked, 2 not reached, 3 don't know, 4 refused).
    reasons: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: What could not be read from the database, or was cut (rendered at the edge).
    notes: tuple[Message, ...] = ()
    #: Older versions of the questionnaire whose interviews the table holds, newest first.
    older_forms: tuple[Form, ...] = ()
    #: The interviews are demo data (``kelisim demo``), said in every file that can say it.
    demo: bool = False
    #: Columns worked out once and shared by the writers and the codebook of one export
    #: (``survey.export.coding.numbers``); a new table (``replace``) starts with none.
    derived: dict[object, object] = field(default_factory=dict, init=False, repr=False,
                                          compare=False)

    def variable(self, name: str) -> Variable:
        for v in self.variables:
            if v.name == name:
                return v
        raise KeyError(name)

    def question(self, name: str) -> tuple[Form, Question] | None:
        """The question ``name`` and its questionnaire: the newest version that has it."""
        for form in (self.form, *self.older_forms):
            found = next((q for q in form.questions if q.name == name), None)
            if found is not None:
                return form, found
        return None

    def reason(self, name: str) -> np.ndarray:
        """The reasons of one column (zeros for a column without any)."""
        if name in self.reasons.columns:
            return self.reasons[name].to_numpy()
        return np.zeros(len(self.frame), dtype=np.int8)

    def with_columns(self, variables: list[Variable], columns: dict[str, pd.Series],
                     notes: tuple[Message, ...] = ()) -> ExportTable:
        """The table with more columns at the end (e.g. the design's weights)."""
        frame = self.frame.copy(deep=False)
        for name, values in columns.items():
            frame[name] = pd.Series(values.to_numpy(), index=frame.index, dtype=values.dtype)
        return replace(self, frame=frame, variables=(*self.variables, *variables),
                       notes=(*self.notes, *notes))




def missing_values(variables: list[Variable] | tuple[Variable, ...]) -> dict[str, list[str]]:
    """Per choice column, the choices that mean a missing answer (``MISSING_ATTR``)."""
    return {v.name: sorted(v.missing) for v in variables if v.missing
            and v.kind in ("select_one", "select_multiple")}
