"""The neutral document model both renderers draw from, so Excel and PDF never disagree.

A :class:`Document` is a list of :class:`Section` objects; a section holds blocks in order:
:class:`Heading`, :class:`Paragraph`, :class:`Table`, :class:`Chart`, :class:`KeyValues`.
Tables hold raw numbers (proportions 0..1, not text); each :class:`Column` says how to show them.
The renderers only format and lay out: they never compute a number.

Column kinds:

``text``      a string;
``integer``   a count;
``number``    a decimal number (statistic, odds ratio, ...);
``percent``   a proportion 0..1 shown as a percentage;
``points``    a difference of proportions shown in percentage points;
``pvalue``    a p-value;
``flag``      a bool shown as a mark;
``mark``      a short symbol (the reliability mark of the row, see ``Table.status``).

Tables sharing a ``group`` in one section have the same columns; the Excel renderer stacks them
into one filterable sheet table, with each table's ``context`` as leading columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnKind = Literal["text", "integer", "number", "percent", "points", "pvalue", "flag", "mark"]
Cell = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    kind: ColumnKind = "text"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2
    key: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: Literal["body", "finding", "note"] = "body"


@dataclass(frozen=True, slots=True)
class KeyValues:
    """Label / value pairs (the cover's data snapshot)."""

    items: tuple[tuple[str, str | int], ...]  # counts stay numbers (Excel stores them so)


@dataclass(frozen=True)
class Table:
    """Rows of raw cells under typed columns.

    ``context`` holds (column, value) pairs naming what the table is about (e.g. the question
    and the breakdown): the PDF shows them in the title, Excel as leading columns. ``notes``
    are printed under the table (e.g. the Rao-Scott test). ``status`` gives each row's
    reliability (:data:`STATUSES`): a ``suppressed`` row holds no estimate (its estimate cells
    are None, shown as ``*``), a ``flagged`` one an estimate that fails the standard, a
    ``review`` one an estimate to read with care; ``small`` is True for every marked row.
    """

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    group: str = ""
    context: tuple[tuple[Column, Cell], ...] = ()
    notes: tuple[str, ...] = ()
    small: tuple[bool, ...] = ()
    sheet: str = ""  # Excel sheet of its own ("" = the section's sheet)
    status: tuple[str, ...] = ()

    def row_status(self, index: int) -> str:
        return self.status[index] if index < len(self.status) else ""

    def column_values(self, key: str) -> list[Cell]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


ChartKind = Literal["ranked", "map", "distribution", "did", "headline"]
#: Row statuses of a table (see :class:`Table`) and the mark each shows.
STATUSES: dict[str, str] = {"": "", "suppressed": "*", "flagged": "†", "review": "‡"}


@dataclass(frozen=True)
class Series:
    """One series of a chart: labels with estimates and CI bounds (proportions 0..1)."""

    name: str
    labels: tuple[str, ...]
    estimates: tuple[float, ...]
    ci_low: tuple[float, ...]
    ci_high: tuple[float, ...]
    keys: tuple[str, ...] = ()  # e.g. region codes for the map
    marks: tuple[int, ...] = ()  # -1 below / 0 not / +1 above the rest (significant)
    hidden: tuple[str, ...] = ()  # keys whose estimate fails the reliability standard ("*")


@dataclass(frozen=True)
class Chart:
    key: str
    kind: ChartKind
    title: str
    series: tuple[Series, ...]
    reference: float | None = None  # e.g. the national estimate
    reference_label: str = ""
    axis_label: str = ""
    source_table: str = ""  # key of the table whose numbers the chart shows
    legend: tuple[tuple[str, str], ...] = ()  # (colour, meaning) of the bars


Block = Heading | Paragraph | KeyValues | Table | Chart


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    sheet: str  # Excel sheet name (at most 31 characters)
    blocks: tuple[Block, ...] = field(default=())
    in_pdf: bool = True  # False: an Excel-only sheet (the data dictionary)

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]


@dataclass(frozen=True)
class Document:
    title: str
    language: str
    sections: tuple[Section, ...]
    subtitle: str = ""
    watermark: str = ""  # e.g. "synthetic data", drawn across every page
    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def table(self, key: str) -> Table:
        for s in self.sections:
            for t in s.tables():
                if t.key == key:
                    return t
        raise KeyError(key)
