"""csv and xlsx: the table as cells, with choice names or labels and missing codes.

An empty question cell holds the missing code of its reason (-99 not asked, -98 not reached,
-97 don't know, -96 refused; ``survey.export.missing``) unless ``missing_codes`` is off; the
xlsx workbook has a ``missing codes`` legend sheet and a ``variables`` sheet. With ``labels``
a select_one holds the choice's label instead of its name. Dates are written ``YYYY-MM-DD``,
interview times ``YYYY-MM-DDTHH:MM:SS`` (UTC). In csv, a text cell starting with ``=``, ``+``,
``-``, ``@`` (or a tab or carriage return) is prefixed with an apostrophe so that a
spreadsheet shows it instead of running it, unless ``raw_text``; in xlsx every text is stored
as text (never a formula) and cut at Excel's 32,767 characters (counted in a note).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from survey.export.codes import ExportCode
from survey.export.coding import CODED, export_translator, is_time, numbers
from survey.export.missing import MISSING_CODES
from survey.export.table import ExportTable
from survey.export.text import cut_texts, defuse_formula
from survey.export.variable import Variable
from survey.export.xlsx_stream import Column, Sheet, write_xlsx
from survey.messages import Location, Message

XLSX_MAX_CHARS = 32767
#: Rows turned into csv text at a time (the texts of every row at once took more memory
#: than the table itself).
CSV_ROWS = 10_000


@dataclass(frozen=True)
class SheetOptions:
    """How cells are written: choice labels, missing codes, csv text as typed."""

    labels: bool = False
    missing_codes: bool = True
    raw_text: bool = False


def write_csv(table: ExportTable, path: Path, options: SheetOptions) -> list[Message]:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read Kazakh letters."""
    columns = [(v.name, _column(table, v, options, None)[0]) for v in table.variables]
    rows = len(table.frame)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        for start in range(0, max(rows, 1), CSV_ROWS):  # the texts of a block of rows at once
            cells = {name: _csv_texts(Column(column.header, column.kind,
                                             column.values[start:start + CSV_ROWS]),
                                      defuse=not options.raw_text)
                     for name, column in columns}
            pd.DataFrame(cells, dtype=object).to_csv(
                handle, index=False, header=start == 0, quoting=csv.QUOTE_MINIMAL,
                lineterminator="\r\n")
    return []


def write_xlsx_table(table: ExportTable, path: Path, options: SheetOptions) -> list[Message]:
    """A ``data`` sheet, a ``variables`` sheet and a ``missing codes`` legend."""
    return write_xlsx_levels([("data", table)], path, options)


def write_xlsx_levels(tables: list[tuple[str, ExportTable]], path: Path,
                      options: SheetOptions) -> list[Message]:
    """A data sheet per table (named as given: the main table's ``data``, then one per repeat),
    one ``variables`` sheet for them all (with the sheet of each variable when there are
    several) and a ``missing codes`` legend."""
    notes: list[Message] = []
    sheets = []
    for name, table in tables:
        columns = []
        for v in table.variables:
            column, cut = _column(table, v, options, XLSX_MAX_CHARS)
            columns.append(column)
            if cut:
                notes.append(ExportCode.TEXT_CUT_CHARACTERS.message(
                    Location(question=v.name), count=cut, limit=XLSX_MAX_CHARS, format="xlsx"))
        sheets.append(Sheet(name, columns))
    main = tables[0][1]
    write_xlsx(path, [*sheets, _dictionary(tables), _legend(main)])
    return notes


def _column(table: ExportTable, v: Variable, options: SheetOptions,
            max_chars: int | None) -> tuple[Column, int]:
    """One column of cells and how many texts were cut."""
    frame_column = table.frame[v.name]
    reason = table.reason(v.name) if options.missing_codes else None
    if v.kind in CODED - {"select_one"} or (
            v.kind in ("meta", "design") and pd.api.types.is_numeric_dtype(frame_column)
            and not is_time(v)):
        values = numbers(table, v, with_missing=options.missing_codes).values \
            if v.kind in CODED else frame_column.to_numpy(dtype=float, na_value=np.nan)
        return Column(v.name, "number", values), 0
    if v.kind == "date" or is_time(v):
        values = frame_column.to_numpy(dtype="datetime64[ns]")
        return _with_codes(Column(v.name, "date" if v.kind == "date" else "time", values),
                           reason), 0
    source = frame_column
    if v.kind == "select_one" and options.labels:
        source = frame_column.map(lambda x, m=v.value_labels: m.get(x, x) if x else x)
    texts, cut = cut_texts(source, max_chars=max_chars)
    return _with_codes(Column(v.name, "text", texts), reason), cut


def _with_codes(column: Column, reason: np.ndarray | None) -> Column:
    """The column with each empty cell's missing code (a "mixed" column when needed)."""
    if reason is None or not reason.any():
        return column
    if column.kind == "text":
        values = column.values.astype(object)
    else:  # datetime.datetime objects, None for NaT
        values = column.values.astype("datetime64[us]").astype(object)
    for code in MISSING_CODES:
        values[reason == code.reason] = float(code.number)
    return Column(column.header, f"mixed-{column.kind}", values)


def _csv_texts(column: Column, *, defuse: bool) -> np.ndarray:
    if column.kind in ("date", "time"):
        pattern = "%Y-%m-%d" if column.kind == "date" else "%Y-%m-%dT%H:%M:%S"
        return pd.Series(column.values).dt.strftime(pattern).fillna("").to_numpy(dtype=object)
    out = np.empty(len(column.values), dtype=object)
    kind = column.kind.removeprefix("mixed-")
    for i, value in enumerate(column.values.tolist()):
        if value is None or value == "" or (isinstance(value, float) and value != value):
            out[i] = ""
        elif isinstance(value, float):
            out[i] = str(int(value)) if value.is_integer() else repr(value)
        elif isinstance(value, datetime):
            out[i] = value.strftime("%Y-%m-%d" if kind == "date" else "%Y-%m-%dT%H:%M:%S")
        else:
            out[i] = defuse_formula(value) if defuse else value
    return out


def _dictionary(tables: list[tuple[str, ExportTable]]) -> Sheet:
    _ = export_translator(tables[0][1])
    rows = []
    for sheet, table in tables:
        for v in table.variables:
            values = "; ".join(f"{v.codes.get(k, k)} {k} = {label}"
                               for k, label in v.value_labels.items()) \
                if v.kind == "select_one" else ""
            rows.append((v.name, v.label, v.kind, v.question or "", values,
                         _("yes") if v.pii else "", sheet))
    headers: tuple[str, ...] = (_("variable"), _("label"), _("type"), _("question"),
                                _("values"), _("personal data"))
    if len(tables) > 1:
        headers += (_("sheet"),)
    return Sheet("variables", [Column(h, "text", np.asarray([r[i] for r in rows], dtype=object))
                               for i, h in enumerate(headers)], freeze=None)


def _legend(table: ExportTable) -> Sheet:
    _ = export_translator(table)
    codes = [Column(_("code"), "number", np.asarray([c.number for c in MISSING_CODES], float)),
             Column("Stata", "text", np.asarray([f".{c.stata}" for c in MISSING_CODES],
                                                dtype=object)),
             Column(_("meaning"), "text", np.asarray([_(c.label) for c in MISSING_CODES],
                                                     dtype=object))]
    return Sheet(_("missing codes"), codes, freeze=None)
