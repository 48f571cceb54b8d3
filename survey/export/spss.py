"""SPSS .sav: numeric codes with value labels, user-missing codes, measure levels, formats.

Every numeric question variable declares -99 thru -96 as user-missing (``survey.export.missing``)
with value labels for the codes it can hold. Dates are SPSS dates (DATE11, system-missing when
empty), interview times DATETIME20. Text is cut to 32,767 bytes (SPSS's limit; each cut answer
is counted in a note), and rows are compressed, so one long comment does not make every row
as wide as itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat

from survey.export.codes import ExportCode
from survey.export.coding import (
    CODED,
    digits,
    export_translator,
    is_time,
    measure,
    missing_labels,
    numbers,
    object_frame,
    valid_values,
)
from survey.export.files import format_error
from survey.export.missing import SPSS_RANGE
from survey.export.names import safe_names, unique_labels, utf8_bytes
from survey.export.table import ExportTable
from survey.export.text import cut_texts
from survey.messages import Location, Message

MAX_NAME = 64
MAX_LABEL_BYTES = 256
MAX_VALUE_LABEL_BYTES = 120
MAX_STRING_BYTES = 32767


def write_sav(table: ExportTable, path: Path) -> list[Message]:
    """Write ``table`` as an SPSS file; returns notes on what was cut or could not be coded."""
    _ = export_translator(table)
    names = safe_names([v.name for v in table.variables], MAX_NAME)
    selected = (_("not selected"), _("selected"))
    data: dict[str, object] = {}
    formats: dict[str, str] = {}
    measures: dict[str, str] = {}
    value_labels: dict[str, dict[float, str]] = {}
    missing: dict[str, list[Any]] = {}
    notes: list[Message] = []
    for v in table.variables:
        name, column = names[v.name], table.frame[v.name]
        measures[name] = measure(v, column)
        if v.kind in CODED:
            coded = numbers(table, v)
            data[name] = coded.values
            width, decimals = digits(valid_values(v, coded.values))
            formats[name] = f"F{width}.{decimals}"
            codes = dict(missing_labels(_, v))
            if v.kind == "select_one":
                codes |= {v.codes[c]: text for c, text in v.value_labels.items()}
            elif v.kind == "choice_dummy":
                codes |= {0: selected[0], 1: selected[1]}
            value_labels[name] = _value_labels(codes)
            missing[name] = [{"lo": SPSS_RANGE[0], "hi": SPSS_RANGE[1]}]
            if coded.uncoded:
                notes.append(ExportCode.NOT_A_CHOICE.message(Location(question=v.name),
                                                             count=coded.uncoded))
        elif v.kind == "date":
            data[name] = pd.Series(column).dt.date.astype(object).where(column.notna(), None)
            formats[name] = "DATE11"
        elif is_time(v):
            data[name] = column
            formats[name] = "DATETIME20"
        elif pd.api.types.is_numeric_dtype(column) and v.kind in ("meta", "design"):
            values = column.to_numpy(dtype=float, na_value=np.nan)
            data[name] = values
            width, decimals = (8, 2) if v.name == "duration_min" else digits(values)
            formats[name] = f"F{width}.{decimals}"
        else:
            texts, cut = cut_texts(column, MAX_STRING_BYTES)
            data[name] = texts
            if cut:
                notes.append(ExportCode.TEXT_CUT_BYTES.message(Location(question=v.name), count=cut,
                                                         limit=MAX_STRING_BYTES, format="sav"))
    frame = object_frame(data)
    labels: dict[str, str | None] = dict(unique_labels(
        {names[v.name]: v.label for v in table.variables}, MAX_LABEL_BYTES, utf8_bytes,
        _tails(table, names)))
    try:
        pyreadstat.write_sav(frame, str(path), column_labels=labels,
                             variable_value_labels=value_labels, missing_ranges=missing,
                             variable_format=formats, variable_measure=measures,
                             variable_display_width=_widths(frame, formats),
                             row_compress=True,
                             file_label=_("DEMO DATA (synthetic interviews)") if table.demo
                             else "")
    except pyreadstat.ReadstatError as error:
        raise format_error(error, path, "sav") from error
    return notes


def _value_labels(labels: dict[int, str]) -> dict[float, str]:
    fitted = unique_labels({str(k): text for k, text in labels.items()}, MAX_VALUE_LABEL_BYTES,
                           utf8_bytes)
    return {float(k): fitted[str(k)] for k in labels}


def _tails(table: ExportTable, names: dict[str, str]) -> dict[str, str]:
    """The choice part (": Yes") of each choice column's label, kept when labels are cut."""
    tails = {}
    for v in table.variables:
        if v.kind == "choice_dummy" and ": " in v.label:
            tails[names[v.name]] = ": " + v.label.rsplit(": ", 1)[1]
    return tails


def _widths(frame: pd.DataFrame, formats: dict[str, str]) -> dict[str, int]:
    """Display widths (columns in the Data View): the format's width, 8 to 40 characters."""
    widths = {}
    for name in frame.columns:
        fmt = formats.get(name)
        if fmt and fmt[0] == "F":
            width = int(fmt[1:].split(".")[0])
        elif fmt:
            width = 11 if fmt.startswith("DATE1") else 20
        else:
            lengths = frame[name].astype(object).str.len()
            width = int(lengths.max()) if len(lengths) and lengths.notna().any() else 8
        widths[name] = min(max(width, len(name) if len(name) <= 12 else 8, 8), 40)
    return widths

