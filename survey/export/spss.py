"""SPSS .sav: numeric codes with value labels, user-missing codes, measure levels, formats.

Every numeric question variable declares -99 thru -96 as user-missing (``survey.export.missing``)
with value labels for the codes it can hold. Dates are SPSS dates (DATE11, system-missing when
empty), interview times DATETIME20. Text is cut to 32,767 bytes (SPSS's limit; each cut answer
is counted in a note), and rows are compressed, so one long comment does not make every row
as wide as itself. The file is written by our own writer (``survey.export.sav_writer``), column
by column with numpy; pyreadstat only reads SPSS files (and writes Stata's).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from survey.export.codes import ExportCode
from survey.export.coding import (
    CODED,
    digits,
    export_translator,
    is_time,
    measure,
    missing_labels,
    numbers,
    plain_frame,
    valid_values,
)
from survey.export.files import format_error
from survey.export.missing import SPSS_RANGE
from survey.export.names import safe_names, unique_labels, utf8_bytes
from survey.export.sav_frame import spss_seconds
from survey.export.sav_writer import SavVariable
from survey.export.sav_writer import write_sav as write_sav_file
from survey.export.table import ExportTable
from survey.export.text import cut_texts
from survey.export.variable import Variable
from survey.i18n import Translator
from survey.messages import Location, Message

MAX_NAME = 64
MAX_LABEL_BYTES = 256
MAX_VALUE_LABEL_BYTES = 120
MAX_STRING_BYTES = 32767


def write_sav(table: ExportTable, path: Path) -> list[Message]:
    """Write ``table`` as an SPSS file; returns notes on what was cut or could not be coded."""
    _ = export_translator(table)
    names = safe_names([v.name for v in table.variables], MAX_NAME)
    labels = unique_labels({names[v.name]: v.label for v in table.variables}, MAX_LABEL_BYTES,
                           utf8_bytes, _tails(table, names))
    notes: list[Message] = []
    columns = [_column(table, v, names[v.name], labels[names[v.name]], _, notes)
               for v in table.variables]
    try:
        write_sav_file(path, columns, file_label=_("DEMO DATA (synthetic interviews)")
                       if table.demo else "")
    except ValueError as error:
        raise format_error(error, path, "sav") from error
    return notes


def _column(table: ExportTable, v: Variable, name: str, label: str, _: Translator,
            notes: list[Message]) -> SavVariable:
    """One variable of the file: its numbers or texts, format, labels and missing codes."""
    column = plain_frame(table)[v.name]
    common = SavVariable(name, np.empty(0), label=label, measure=measure(v, column))
    if v.kind in CODED:
        coded = numbers(table, v)
        if coded.uncoded:
            notes.append(ExportCode.NOT_A_CHOICE.message(Location(question=v.name),
                                                         count=coded.uncoded))
        width, decimals = digits(valid_values(v, coded.values))
        codes = dict(missing_labels(_, v))
        if v.kind == "select_one":
            codes |= {v.codes[c]: text for c, text in v.value_labels.items()}
        elif v.kind == "choice_dummy":
            codes |= {0: _("not selected"), 1: _("selected")}
        return _numeric(coded.values, f"F{width}.{decimals}", common,
                        value_labels=_value_labels(codes), missing=[SPSS_RANGE])
    if v.kind == "date":
        return _numeric(spss_seconds(column), "DATE11", common)
    if is_time(v):
        return _numeric(spss_seconds(column), "DATETIME20", common)
    if pd.api.types.is_numeric_dtype(column) and v.kind in ("meta", "design"):
        values = column.to_numpy(dtype=float, na_value=np.nan)
        width, decimals = (8, 2) if v.name == "duration_min" else digits(values)
        return _numeric(values, f"F{width}.{decimals}", common)
    texts, cut = cut_texts(column, MAX_STRING_BYTES)
    if cut:
        notes.append(ExportCode.TEXT_CUT_BYTES.message(Location(question=v.name), count=cut,
                                                       limit=MAX_STRING_BYTES, format="sav"))
    return replace(common, values=texts, display_width=_text_width(name, texts))


def _numeric(values: np.ndarray, fmt: str, common: SavVariable, **more: Any) -> SavVariable:
    return replace(common, values=values, format=fmt,
                   display_width=_display_width(common.name, fmt), **more)


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


def _display_width(name: str, fmt: str) -> int:
    """Display width (columns in the Data View) of a number: the format's width."""
    if fmt[0] == "F":
        return _fitted(name, int(fmt[1:].split(".")[0]))
    return _fitted(name, 11 if fmt.startswith("DATE1") else 20)


def _text_width(name: str, texts: np.ndarray) -> int:
    """Display width of a text: its longest value in characters."""
    return _fitted(name, max(map(len, texts), default=8))


def _fitted(name: str, width: int) -> int:
    """8 to 40 characters, wide enough for a short name."""
    return min(max(width, len(name) if len(name) <= 12 else 8, 8), 40)
