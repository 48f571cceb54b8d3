"""The codebook of an export: every variable with its codes, missing codes and frequencies.

For each column: its name (and its names in SPSS and Stata where they differ), label, type,
when the question is asked (``survey.export.relevance_text``), and one row per value: codes
and labels of choices, the missing codes, unweighted counts and, when the table carries the
design weight, weighted counts (sums of ``design_weight``), each with its share. Numbers,
dates and texts get one row for their valid values (with range and mean) instead of one per
value. The same content is written as xlsx here and as PDF by ``reports``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from babel.numbers import format_decimal
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from survey.export.codes import ExportCode
from survey.export.coding import CODED, empty_cells, export_translator, numbers
from survey.export.missing import MISSING_CODES, NUMBERS
from survey.export.relevance_text import relevance_words
from survey.export.syntax import Names
from survey.export.table import ExportTable
from survey.export.variable import Variable
from survey.form.model import Form
from survey.form.repeats import repeat_path
from survey.i18n import LANGUAGES, Translator, locale_of
from survey.messages import Message, render

WEIGHT = "design_weight"
#: The interview of a repeat table's row (``survey.export.repeat_tables``).
PARENT = "_parent_uuid"


@dataclass(frozen=True)
class Frequency:
    """One value of a variable: code, label, count and weighted count (None: no weights)."""

    value: str
    label: str
    count: int
    weighted: float | None


@dataclass(frozen=True)
class Entry:
    """One variable of the codebook."""

    name: str
    spss: str
    stata: str
    label: str
    kind: str
    asked: str
    frequencies: tuple[Frequency, ...]


@dataclass(frozen=True)
class Codebook:
    """The whole codebook: entries, totals, the missing-code legend and the export's notes."""

    title: str
    language: str
    entries: tuple[Entry, ...]
    rows: int
    weighted_total: float | None
    legend: tuple[tuple[int, str, str], ...]
    notes: tuple[str, ...]
    #: What the rows are, rendered: "2,000 interviews", or for a repeat's table "3,115
    #: instances (in 1,204 interviews)".
    size: str = ""


def build_codebook(table: ExportTable, fmt: str, notes: tuple[Message, ...] = ()) -> Codebook:
    """The codebook of ``table`` in the table's language."""
    _ = export_translator(table)
    language = table.language if table.language in LANGUAGES else "en"
    names = Names.of(table, fmt)
    weights = table.frame[WEIGHT].to_numpy(dtype=float, na_value=np.nan) \
        if WEIGHT in table.frame.columns else None
    entries = []
    for v in table.variables:
        found = table.question(v.question or "")  # the newest version that asks it
        question = found[1] if found else None
        asked = relevance_words(found[0], found[1], table.language) if found else ""
        entries.append(Entry(v.name, names.spss[v.name], names.stata[v.name], v.label,
                             v.kind, asked or (_("always") if question else ""),
                             tuple(_frequencies(table, v, weights, _, language))))
    total = float(np.nansum(weights)) if weights is not None else None
    legend = tuple((c.number, f".{c.stata}", _(c.label)) for c in MISSING_CODES)
    title = table.form.settings.title.get(table.language) or table.form.form_id
    # A form without label::<language> columns has plain labels (language ''): the codebook's
    # own words and notes are then English.
    return Codebook(title, language, tuple(entries), len(table.frame), total, legend,
                    tuple(render(n, language) for n in notes),
                    render(table_size(table), language))


def table_size(table: ExportTable) -> Message:
    """How many rows a table has, in its unit: interviews, or for a repeat's table (one row
    per instance, ``_parent_uuid`` the interview) instances and the interviews they are in."""
    frame = table.frame
    if PARENT in frame.columns:
        return ExportCode.CODEBOOK_INSTANCES.message(
            repeat=repeat_label(table.form, table.language), instances=len(frame),
            interviews=int(frame[PARENT].nunique()))
    return ExportCode.CODEBOOK_INTERVIEWS.message(interviews=len(frame))


def repeat_label(form: Form, language: str) -> str:
    """The label in ``language`` of the repeat whose questions ``form`` holds (a repeat's
    table's form; its name when it has no label, "" when it holds none)."""
    for question in form.questions:
        path = repeat_path(form, question)
        if path:
            group = next((g for g in form.groups if g.name == path[-1]), None)
            label = group.label.get(language) if group is not None else ""
            return label or path[-1]
    return ""


def _frequencies(table: ExportTable, v: Variable, weights: np.ndarray | None,
                 _: Translator, language: str) -> list[Frequency]:
    """One row per value: each row's cells form one group of a single pass over the column
    (counts by ``np.bincount``, weighted sums over the group's cells in their order)."""
    if v.kind in ("meta", "design", "select_multiple"):
        return []
    reason = table.reason(v.name)
    rows: list[tuple[str, str]] = []
    groups = np.full(len(reason), -1, dtype=np.int16)
    if v.kind in CODED:
        coded = numbers(table, v)
        empty = coded.empty if coded.empty is not None else empty_cells(table, v.name)
    else:
        empty = empty_cells(table, v.name)
    if v.kind in ("select_one", "choice_dummy"):
        labels = {float(v.codes[c]): text for c, text in v.value_labels.items()} \
            if v.kind == "select_one" else {0.0: _("not selected"), 1.0: _("selected")}
        for number, text in labels.items():
            if number not in NUMBERS:
                groups[coded.values == number] = len(rows)
                rows.append((str(int(number)), text))
    else:
        present = ~empty & (reason == 0)
        groups[present] = len(rows)
        rows.append(("", _summary(table.frame[v.name], present, weights, v, _, language)))
    return _counted(rows, groups, _extra_groups(groups, reason, empty, v, rows, _), weights)


def _extra_groups(groups: np.ndarray, reason: np.ndarray, empty: np.ndarray, v: Variable,
                  rows: list[tuple[str, str]], _: Translator) -> list[bool]:
    """Adds the missing codes and the empty answers as groups; which of ``rows`` are shown
    even when no cell falls in them (the values and the summary)."""
    always = [True] * len(rows)
    for code in MISSING_CODES:
        groups[reason == code.reason] = len(rows)
        rows.append((str(code.number), _(code.label)))
    groups[(reason == 0) & empty] = len(rows)
    rows.append(("", _("no answer (system-missing)") if v.kind in CODED else _("no answer")))
    return always + [False] * (len(MISSING_CODES) + 1)


def _counted(rows: list[tuple[str, str]], groups: np.ndarray, always: list[bool],
             weights: np.ndarray | None) -> list[Frequency]:
    counts = np.bincount(groups + 1, minlength=len(rows) + 1)[1:]
    sums: list[float | None] = [None] * len(rows)
    if weights is not None:  # each group's weights in the order of the cells: as nansum(w[mask])
        order = np.argsort(groups, kind="stable")
        ends = np.cumsum(np.bincount(groups + 1, minlength=len(rows) + 1))
        ordered = weights[order]
        sums = [float(np.nansum(ordered[ends[i]:ends[i + 1]])) for i in range(len(rows))]
    return [Frequency(value, label, int(counts[i]), sums[i])
            for i, (value, label) in enumerate(rows) if always[i] or counts[i]]


def _summary(column: pd.Series, present: np.ndarray, weights: np.ndarray | None, v: Variable,
             _: Translator, language: str) -> str:
    def _num(value: float) -> str:
        return format_decimal(value, format="#,##0.###", locale=locale_of(language))

    if v.kind in ("integer", "decimal") and present.any():
        values = column.to_numpy(dtype=float, na_value=np.nan)[present]
        text = _("valid: {low} to {high}, mean {mean}", low=_num(values.min()),
                 high=_num(values.max()), mean=_num(values.mean()))
        if weights is not None:
            w = weights[present]
            usable = ~np.isnan(w)
            if usable.any():
                mean = float(np.average(values[usable], weights=w[usable]))
                text += "; " + _("weighted mean {mean}", mean=_num(mean))
        return text
    if v.kind == "date" and present.any():
        dates = pd.Series(column[present])
        return _("valid: {low} to {high}", low=str(dates.min().date()),
                 high=str(dates.max().date()))
    return _("answered")


def write_codebook_xlsx(codebook: Codebook, path: Path, _: Translator) -> None:
    """The codebook as an xlsx workbook: ``codebook``, ``missing codes`` and ``notes``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("codebook")
    bold = Font(bold=True)
    header = [_("variable"), _("SPSS name"), _("Stata name"), _("label"), _("type"),
              _("asked when"), _("value"), _("value label"), _("count"), _("percent"),
              _("weighted count"), _("weighted percent")]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = bold
    for entry in codebook.entries:
        first = [entry.name, entry.spss, entry.stata, entry.label, entry.kind, entry.asked]
        for i, row in enumerate(entry.frequencies or (None,)):
            head = first if i == 0 else [None] * 6
            sheet.append([*head, *_frequency_cells(row, codebook)])
    for column, width in zip("ABCDEFGHIJKL", (22, 16, 16, 50, 14, 50, 8, 40, 10, 10, 14, 12),
                             strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        row[9].number_format = row[11].number_format = "0.0%"
        row[10].number_format = "#,##0"
        row[3].alignment = row[5].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    legend = book.create_sheet(_("missing codes"))
    legend.append([_("code"), "Stata", _("meaning")])
    for item in codebook.legend:
        legend.append(list(item))
    notes = book.create_sheet(_("notes"))
    notes.append([_("notes")])
    for text in codebook.notes:
        notes.append([text])
    book.save(path)


def _frequency_cells(row: Frequency | None, codebook: Codebook) -> list[object]:
    if row is None:
        return [None] * 6
    share = row.count / codebook.rows if codebook.rows else None
    weighted_share = (row.weighted / codebook.weighted_total
                      if row.weighted is not None and codebook.weighted_total else None)
    value: object = int(row.value) if row.value.lstrip("-").isdigit() else row.value or None
    return [value, row.label, row.count, share, row.weighted, weighted_share]
