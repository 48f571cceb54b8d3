"""Writers of the wide interview table: csv, xlsx, SPSS .sav and Stata .dta.

SPSS and Stata files carry variable labels and value labels in the table's language:
select_one answers are coded 1..k in choice order with the choice labels as value labels,
choice columns of a select_multiple are 0/1 labelled "not selected"/"selected".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from survey.errors import ExportError
from survey.export.codes import ExportCode
from survey.export.table import ExportTable, Variable
from survey.i18n import LANGUAGES, Translator, translator
from survey.messages import Location

FORMATS: tuple[str, ...] = ("csv", "xlsx", "sav", "dta")


def write_table(table: ExportTable, path: Path, fmt: str) -> Path:
    """Write ``table`` to ``path`` in ``fmt`` (one of FORMATS); returns the path."""
    writers: dict[str, Callable[[ExportTable, Path], None]] = {
        "csv": _write_csv, "xlsx": _write_xlsx, "sav": _write_sav, "dta": _write_dta}
    if fmt not in writers:
        raise ExportError(ExportCode.UNKNOWN_FORMAT, format=fmt, formats=list(FORMATS))
    path = Path(path)
    temporary = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        writers[fmt](table, temporary)
        temporary.replace(path)  # never leave a half-written file under the real name
    except OSError as error:
        raise ExportError(ExportCode.CANNOT_WRITE.message(
            Location(file=str(path)), detail=error.strerror or str(error))) from error
    except pyreadstat.ReadstatError as error:  # a limit of the SPSS/Stata format
        raise ExportError(ExportCode.FORMAT_LIMIT.message(
            Location(file=str(path)), format=fmt, detail=str(error))) from error
    finally:
        with suppress(OSError):  # e.g. the folder could not be made: there is nothing to remove
            temporary.unlink(missing_ok=True)
    return path


def _write_csv(table: ExportTable, path: Path) -> None:
    # utf-8 with a byte-order mark so that spreadsheet programs read Kazakh letters correctly
    table.frame.to_csv(path, index=False, encoding="utf-8-sig", date_format="%Y-%m-%dT%H:%M:%S")


def _write_xlsx(table: ExportTable, path: Path) -> None:
    book = Workbook(write_only=True)
    data = book.create_sheet("data")
    data.freeze_panes = "B2"
    bold = Font(bold=True)
    header = []
    for name in table.frame.columns:
        cell = WriteOnlyCell(data, value=name)
        cell.font = bold
        header.append(cell)
    data.append(header)
    for row in table.frame.itertuples(index=False, name=None):
        data.append([_xlsx_cell(data, v) for v in row])
    _dictionary_sheet(book, table)
    book.save(path)


def _xlsx_cell(sheet: Any, value: object) -> object:
    """A cell value; text is always stored as text, never read as a formula."""
    value = _xlsx_value(value)
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _xlsx_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _dictionary_sheet(book: Workbook, table: ExportTable) -> None:
    _ = _translator(table)
    sheet = book.create_sheet("variables")
    sheet.append([_("variable"), _("label"), _("type"), _("question"), _("values"),
                  _("personal data")])
    for v in table.variables:
        values = "; ".join(f"{k} = {lbl}" for k, lbl in v.value_labels.items()) \
            if v.kind == "select_one" else ""
        personal = _("yes") if v.pii else ""
        sheet.append([_xlsx_cell(sheet, x) for x in
                      (v.name, v.label, v.kind, v.question or "", values, personal)])


def _translator(table: ExportTable) -> Translator:
    return translator("export", table.language if table.language in LANGUAGES else "en")


# -- SPSS and Stata ---------------------------------------------------------------------------

def _labelled_frame(table: ExportTable, max_name: int) -> tuple[pd.DataFrame,
                                                                 dict[str, str | None],
                                                                 dict[str, dict[float, str]]]:
    """Numeric codes for choices, names safe for the format, variable and value labels."""
    _ = _translator(table)
    selected = (_("not selected"), _("selected"))
    names = _safe_names([v.name for v in table.variables], max_name)
    out: dict[str, object] = {}
    labels: dict[str, str | None] = {}
    value_labels: dict[str, dict[float, str]] = {}
    for v in table.variables:
        name = names[v.name]
        column = table.frame[v.name]
        labels[name] = v.label
        if v.kind == "select_one":
            codes = {choice: float(i + 1) for i, choice in enumerate(v.value_labels)}
            out[name] = column.map(lambda x, c=codes: c.get(x, np.nan) if x else np.nan) \
                .astype(float)
            value_labels[name] = {code: v.value_labels[c] for c, code in codes.items()}
        elif v.kind == "choice_dummy":
            out[name] = column.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
            value_labels[name] = {0.0: selected[0], 1.0: selected[1]}
        elif v.kind in ("integer", "decimal", "meta") and pd.api.types.is_numeric_dtype(column):
            out[name] = column.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        elif pd.api.types.is_datetime64_any_dtype(column):
            out[name] = column
        else:
            out[name] = column.map(lambda x: "" if x is None or x is pd.NA else str(x))
    return pd.DataFrame(out), labels, value_labels


def _safe_names(names: list[str], max_len: int) -> dict[str, str]:
    used: set[str] = set()
    result: dict[str, str] = {}
    for name in names:
        base = re.sub(r"[^A-Za-z0-9_]", "_", name)
        if not re.match(r"[A-Za-z]", base):
            base = "v" + base
        base = base[:max_len]
        candidate, k = base, 1
        while candidate.lower() in used:
            suffix = f"_{k}"
            candidate, k = base[: max_len - len(suffix)] + suffix, k + 1
        used.add(candidate.lower())
        result[name] = candidate
    return result


def _write_sav(table: ExportTable, path: Path) -> None:
    frame, labels, value_labels = _labelled_frame(table, 64)
    pyreadstat.write_sav(frame, str(path), column_labels=labels,
                         variable_value_labels=value_labels)


def _write_dta(table: ExportTable, path: Path) -> None:
    # Stata allows 32 characters in a name; pyreadstat names each value-label set after its
    # variable followed by a running count, so names leave room for the digits of that count.
    labelled = sum(v.kind in ("select_one", "choice_dummy") for v in table.variables)
    frame, labels, value_labels = _labelled_frame(table, 32 - len(str(max(labelled, 1))))
    labels = {k: (v or "")[:80] for k, v in labels.items()}
    pyreadstat.write_dta(frame, str(path), column_labels=labels,
                         variable_value_labels=value_labels, version=15)


def variables_by_kind(table: ExportTable, kind: str) -> list[Variable]:
    return [v for v in table.variables if v.kind == kind]
