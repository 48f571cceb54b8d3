"""Stata .dta (format 119): value labels, extended missing values, names, notes.

Question variables hold their codes with the extended missing values .a (not asked), .b (not
reached), .c (don't know) and .d (refused), each with a value label. Names are at most 32
characters (fewer for labelled variables: ReadStat names a value-label set after its variable
plus a number) and transliterated; each renamed variable keeps its original name in the
characteristic ``<var>[kelisim_name]`` and in a note (``notes`` in Stata). Dates are %td with
the same missing values, interview times %tc. Variable labels are cut at 80 characters and
value labels at 32,000 bytes, at a word boundary and kept unique.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from survey.export.codes import ExportCode
from survey.export.coding import (
    CODED,
    digits,
    export_translator,
    is_time,
    numbers,
    object_frame,
)
from survey.export.dta_chars import add_characteristics
from survey.export.files import format_error
from survey.export.missing import BY_NAME, MISSING_CODES, NOT_ASKED, NOT_REACHED
from survey.export.names import safe_names, unique_labels, utf8_bytes
from survey.export.table import ExportTable
from survey.export.text import as_texts
from survey.export.variable import Variable
from survey.i18n import Translator
from survey.messages import Location, Message

MAX_NAME = 32
MAX_LABEL = 80
MAX_VALUE_LABEL_BYTES = 32000
STATA_EPOCH = date(1960, 1, 1)
LETTERS = [c.stata for c in MISSING_CODES]


def stata_names(table: ExportTable) -> dict[str, str]:
    """Original column name -> Stata name."""
    labelled = [v.name for v in table.variables if v.kind in CODED | {"date"}]
    digits_ = len(str(max(len(labelled) - 1, 0)))
    limits = {v.name: MAX_NAME - digits_ if v.name in labelled else MAX_NAME
              for v in table.variables}
    return safe_names([v.name for v in table.variables], limits)


def write_dta(table: ExportTable, path: Path) -> list[Message]:
    """Write ``table`` as a Stata file; returns notes on answers that had no code."""
    _ = export_translator(table)
    names = stata_names(table)
    data: dict[str, object] = {}
    formats: dict[str, str] = {}
    value_labels: dict[str, dict[object, str]] = {}
    missing: dict[str, list[str]] = {}
    notes: list[Message] = []
    for v in table.variables:
        name, column = names[v.name], table.frame[v.name]
        if v.kind in CODED:
            coded = numbers(table, v, with_missing=False)
            data[name] = _with_letters(coded.values, table.reason(v.name))
            width, decimals = digits(coded.values)
            formats[name] = f"%{max(width, 1) + 1}.{decimals}f"
            value_labels[name] = _labels(_, v)
            missing[name] = LETTERS
            if coded.uncoded:
                notes.append(ExportCode.NOT_A_CHOICE.message(Location(question=v.name),
                                                             count=coded.uncoded))
        elif v.kind == "date":
            days = ((column - pd.Timestamp(STATA_EPOCH)).dt.days).to_numpy(
                dtype=float, na_value=np.nan)
            data[name] = _with_letters(days, table.reason(v.name))
            formats[name] = "%td"
            value_labels[name] = {k: t for k, t in _labels(_, v).items() if isinstance(k, str)}
            missing[name] = LETTERS
        elif is_time(v):
            data[name] = column
            formats[name] = "%tc"
        elif pd.api.types.is_numeric_dtype(column) and v.kind in ("meta", "design"):
            data[name] = column.to_numpy(dtype=float, na_value=np.nan)
        else:
            data[name] = as_texts(column)
    labels: dict[str, str | None] = dict(unique_labels(
        {names[v.name]: v.label for v in table.variables}, MAX_LABEL, len, _tails(table, names)))
    frame = object_frame(data)
    try:
        pyreadstat.write_dta(frame, str(path), column_labels=labels, version=15,
                             variable_value_labels=value_labels,  # type: ignore[arg-type]
                             missing_user_values=missing, variable_format=formats,
                             file_label=_("DEMO DATA (synthetic interviews)") if table.demo
                             else "")
    except pyreadstat.ReadstatError as error:
        raise format_error(error, path, "dta") from error
    add_characteristics(path, _characteristics(table, names, _))
    return notes


def _with_letters(values: np.ndarray, reason: np.ndarray) -> np.ndarray:
    """Numbers with the extended missing letter of each cell's reason."""
    out = values.astype(object)
    for code in MISSING_CODES:
        out[reason == code.reason] = code.stata
    return out


def _labels(_: Translator, v: Variable) -> dict[object, str]:
    labels: dict[object, str] = {c.stata: _(c.label) for c in MISSING_CODES
                                 if c.reason in (NOT_ASKED, NOT_REACHED)}
    for choice, kind in v.missing.items():
        code = BY_NAME[kind]
        labels[code.stata] = (v.value_labels.get(choice) if v.kind == "select_one" else None) \
            or _(code.label)
    if v.kind == "select_one":
        labels |= {v.codes[c]: text for c, text in v.value_labels.items() if c not in v.missing}
    elif v.kind == "choice_dummy":
        labels |= {0: _("not selected"), 1: _("selected")}
    fitted = unique_labels({str(k): text for k, text in labels.items()}, MAX_VALUE_LABEL_BYTES,
                           utf8_bytes)
    return {k: fitted[str(k)] for k in labels}


def _tails(table: ExportTable, names: dict[str, str]) -> dict[str, str]:
    return {names[v.name]: ": " + v.label.rsplit(": ", 1)[1] for v in table.variables
            if v.kind == "choice_dummy" and ": " in v.label}


def _characteristics(table: ExportTable, names: dict[str, str], _: Translator
                     ) -> list[tuple[str, str, str]]:
    """(variable or ``_dta``, name, text): original names and notes for Stata's ``notes``."""
    chars: list[tuple[str, str, str]] = []
    legend = "; ".join(f".{c.stata} = {_(c.label)}" for c in MISSING_CODES)
    form = table.form
    chars += [("_dta", "note1", _("Questionnaire {form}, version {version}. Missing values: "
                                  "{legend}.", form=form.form_id, version=form.version,
                                  legend=legend)),
              ("_dta", "note0", "1")]
    for original, name in names.items():
        if original != name:
            chars += [(name, "kelisim_name", original),
                      (name, "note1", _("Name in the questionnaire: {name}", name=original)),
                      (name, "note0", "1")]
    return chars
