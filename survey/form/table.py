"""A sheet with interpreted columns, and the form's languages.

``Table`` pairs a raw sheet with its parsed headers and reports columns the policy of
``survey.form.columns`` rejects. ``Languages`` turns the language part of headers
(``Kazakh (kk)``, ``kk``, ``English``) into language keys, in column order, and decides which
key plain columns (``label``) get: the settings' ``default_language`` when one is given, as
pyxform does, else ``NO_LANGUAGE``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from survey.form.codes import FormCode
from survey.form.columns import (
    Column,
    ColumnKind,
    SheetSpec,
    column_letter,
    parse_headers,
    split_language,
)
from survey.form.model import NO_LANGUAGE, Text
from survey.form.problems import Problems
from survey.form.workbook import RawRow, RawSheet


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number and the values of its non-empty cells, by column."""

    number: int
    cells: tuple[tuple[Column, str], ...]

    def value(self, base: str) -> str:
        """The value of the plain column ``base`` ('' when empty or absent)."""
        for column, value in self.cells:
            if column.base == base and column.kind is ColumnKind.KNOWN:
                return value
        return ""

    def header(self, base: str) -> str:
        """The header text of the column ``base`` in this row's sheet (for messages)."""
        for column, _ in self.cells:
            if column.base == base:
                return column.header
        return base

    def translations(self, base: str) -> list[tuple[Column, str]]:
        return [(c, v) for c, v in self.cells if c.base == base and c.kind is ColumnKind.TRANSLATED]

    def extras(self) -> list[tuple[Column, str]]:
        return [(c, v) for c, v in self.cells if c.kind is ColumnKind.EXTRA]


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet whose headers have been interpreted."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @classmethod
    def of(cls, sheet: RawSheet, spec: SheetSpec) -> Table:
        columns = parse_headers(sheet.header, spec)
        return cls(sheet.title, columns, tuple(_row(raw, columns) for raw in sheet.rows))

    def has(self, base: str) -> bool:
        return any(c.base == base for c in self.columns)

    def header_of(self, base: str) -> str:
        """The header of the first column ``base`` (e.g. ``label::Kazakh (kk)``), else ``base``."""
        return next((c.header for c in self.columns if c.base == base), base)

    def language_tokens(self) -> Iterator[str | None]:
        for column in self.columns:
            if column.kind is ColumnKind.TRANSLATED:
                yield column.language

    def check_columns(self, problems: Problems, raw: RawSheet) -> None:
        """Report rejected, repeated and unnamed columns that hold a value, once each."""
        seen: dict[tuple[str, str | None], Column] = {}
        for column in self.columns:
            first = _first_value_row(raw, column.index)
            if column.kind in (ColumnKind.UNSUPPORTED, ColumnKind.UNKNOWN):
                if first is not None:
                    _report_column(problems, self.title, column, first)
            elif column.kind is not ColumnKind.IGNORED:
                earlier = seen.setdefault((column.base, column.language), column)
                if earlier is not column and first is not None:
                    problems.add(FormCode.DUPLICATE_COLUMN, self.title, raw.header_row,
                                 column.header, column=column.header,
                                 letter=column_letter(earlier.index), earlier=earlier.header)
        for index, text in enumerate(raw.header):
            first = _first_value_row(raw, index) if not text else None
            if first is not None:
                letter = column_letter(index)
                problems.add(FormCode.UNNAMED_COLUMN, self.title, first, letter, letter=letter)


def _row(raw: RawRow, columns: tuple[Column, ...]) -> Row:
    cells = tuple((c, raw.cells[c.index]) for c in columns if raw.cells[c.index])
    return Row(raw.number, cells)


def _first_value_row(raw: RawSheet, index: int) -> int | None:
    return next((r.number for r in raw.rows if r.cells[index]), None)


def _report_column(problems: Problems, sheet: str, column: Column, row: int) -> None:
    code = (FormCode.UNSUPPORTED_COLUMN if column.kind is ColumnKind.UNSUPPORTED
            else FormCode.UNKNOWN_COLUMN)
    problems.add(code, sheet, row, column.header, column=column.header)


class Languages:
    """Language keys and display names of a form, and the key of plain columns."""

    def __init__(self, tokens: list[str | None], default: str) -> None:
        self._keys: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self.plain_key = NO_LANGUAGE
        self.unknown_default = False
        for token in tokens:
            if token is not None:
                self._register(token)
        self.default = self._resolve_default(default, None in tokens) if default else None
        order = [self.key(t) for t in tokens]
        self.keys: tuple[str, ...] = tuple(dict.fromkeys(order)) or (NO_LANGUAGE,)

    def _register(self, token: str) -> str:
        key, name = split_language(token)
        self._keys[token] = key
        if key not in self._names or self._names[key] == key:
            self._names[key] = name
        return key

    def _resolve_default(self, default: str, has_plain: bool) -> str | None:
        key = self._existing(default)
        if key is None and has_plain:
            key = self._register(default)
        if key is None:
            self.unknown_default = True
        elif has_plain:
            self.plain_key = key
        return key

    def _existing(self, language: str) -> str | None:
        key, _ = split_language(language)
        if key in self._names:
            return key
        by_name = {n.lower(): k for k, n in self._names.items()}
        return by_name.get(" ".join(language.split()).lower())

    def key(self, token: str | None) -> str:
        return self.plain_key if token is None else self._keys[token]

    def names(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, self._names[k]) for k in self.keys if k in self._names)

    def described(self) -> list[str]:
        """Each language as ``Name (key)``, or its key when it has no other name."""
        return [f"{name} ({key})" if name != key else key for key, name in self.names()]

    def text(self, row: Row, base: str) -> Text:
        """The translations of column ``base`` in ``row``; a language column beats plain."""
        found: dict[str, str] = {}
        for column, value in sorted(row.translations(base), key=lambda cv: cv[0].language is None):
            found.setdefault(self.key(column.language), value)
        return Text.of({k: found[k] for k in self.keys if k in found})
