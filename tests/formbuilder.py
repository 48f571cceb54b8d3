"""Build real XLSForm workbooks from rows written inline in a test.

Like pyxform's markdown-table fixtures, but the result is a real ``.xlsx`` file written with
openpyxl, so tests exercise the same reader users run::

    path = write_xlsform(
        tmp_path / "form.xlsx",
        [
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "select_one yn", "name": "ok", "label": "OK?", "relevant": "${age} >= 18"},
        ],
        [{"list_name": "yn", "name": "yes", "label": "Yes"},
         {"list_name": "yn", "name": "no", "label": "No"}],
        {"form_id": "demo", "form_title": "Demo"},
    )

The header row of each sheet is the union of the dict keys in order of first appearance; a
missing key or ``None`` leaves the cell empty. Values are written as given (str, int, float,
bool), so a test can check how the reader treats ``TRUE`` cells or numeric choice names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.sample_form import write_workbook

Row = Mapping[str, Any]


def write_xlsform(
    path: Path | str,
    survey_rows: Sequence[Row],
    choices_rows: Sequence[Row] | None = None,
    settings: Row | None = None,
    *,
    sheet_names: Mapping[str, str] | None = None,
    extra_sheets: Mapping[str, Sequence[Row]] | None = None,
) -> Path:
    """Write an XLSForm workbook to ``path`` and return the path.

    ``survey_rows`` fill the ``survey`` sheet, ``choices_rows`` the ``choices`` sheet (written
    only when given), ``settings`` one data row of the ``settings`` sheet (written only when
    given). ``sheet_names`` renames the standard sheets (e.g. ``{"survey": "Survey"}``) and
    ``extra_sheets`` adds more sheets (e.g. ``{"external_choices": [...]}``).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    names = {"survey": "survey", "choices": "choices", "settings": "settings"}
    names.update(sheet_names or {})
    sheets: list[tuple[str, Sequence[Row]]] = [(names["survey"], survey_rows)]
    if choices_rows is not None:
        sheets.append((names["choices"], choices_rows))
    if settings is not None:
        sheets.append((names["settings"], [settings]))
    sheets.extend((extra_sheets or {}).items())

    return write_workbook(target, sheets)
