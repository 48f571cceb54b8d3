"""Reading the raw cells of an XLSForm workbook.

Only this module touches openpyxl. It turns a file (path or bytes) into ``RawSheet`` objects:
the header row and the data rows as text, with their spreadsheet row numbers, so the rest of
the reader never sees cell types. Anything that keeps the file from being read as an .xlsx
workbook becomes one ``FormError`` with code ``form.unreadable``.

Workbooks are untrusted: the size the file unpacks to is checked before anything is parsed, and
rows, columns and cells are counted while the sheet streams by, so a hostile or broken file is
refused (``form.too_large``, naming the limit) within moments instead of filling the memory.
Only cells that exist in the file are read: a sheet whose recorded size claims a million rows
(spreadsheet programs write that for a formatted column) costs what its real rows cost.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import WorkSheetParser

from survey.errors import FormError, Location
from survey.form.codes import FormCode
from survey.messages import Message

#: First bytes of an OLE2 compound file: an old .xls workbook or an encrypted .xlsx.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class RawRow:
    """One non-empty data row: its spreadsheet row number and one text per header column."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RawSheet:
    """A sheet as text: the header row (row ``header_row``) and the non-empty rows below it."""

    title: str
    header: tuple[str, ...]
    rows: tuple[RawRow, ...]
    header_row: int = 1


#: Sheets an XLSForm reader looks at (the others hold notes and are never parsed).
XLSFORM_SHEETS = frozenset({"survey", "choices", "settings", "external_choices", "entities"})


@dataclass(frozen=True, slots=True)
class RawWorkbook:
    """The XLSForm sheets of a workbook keyed by lower-case, stripped title; all titles."""

    name: str
    sheets: dict[str, RawSheet]
    titles: tuple[str, ...] = ()

    def sheet(self, key: str) -> RawSheet | None:
        return self.sheets.get(key)


#: What a questionnaire workbook may hold (the largest real forms use a fraction of each).
MAX_UNPACKED_BYTES = 32 * 1024 * 1024
MAX_ROWS = 15_000
MAX_COLUMNS = 500
MAX_CELLS = 1_000_000


def read_workbook(source: Path | str | bytes, name: str) -> RawWorkbook:
    """Read every sheet of an .xlsx workbook as text; ``name`` is used in messages."""
    data = _read_bytes(source, name)
    _check_signature(data, name)
    _check_unpacked_size(data, name)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it skips (data validation, styles):
            # they carry nothing an XLSForm needs.
            warnings.simplefilter("ignore")
            return _read_sheets(data, name)
    except FormError:
        raise
    except Exception as exc:  # openpyxl/zipfile/lxml raise many types on damaged files
        raise _unreadable(name, FormCode.DAMAGED_XLSX.message(error=type(exc).__name__)) from None


def _read_bytes(source: Path | str | bytes, name: str) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        detail = exc.strerror or type(exc).__name__
        raise _unreadable(name, FormCode.CANNOT_OPEN.message(detail=detail)) from None


def _check_signature(data: bytes, name: str) -> None:
    if not data:
        raise _unreadable(name, FormCode.EMPTY_FILE.message())
    if data.startswith(_OLE2_MAGIC):
        raise _unreadable(name, FormCode.OLD_WORKBOOK.message())
    if not data.startswith(_ZIP_MAGIC):
        raise _unreadable(name, FormCode.NOT_XLSX.message())


def _check_unpacked_size(data: bytes, name: str) -> None:
    """Refuse a workbook that unpacks to more than ``MAX_UNPACKED_BYTES`` (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(max(info.file_size, 0) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(name, FormCode.DAMAGED_XLSX.message(error=type(exc).__name__)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        limit = FormCode.LIMIT_SIZE.message(limit=MAX_UNPACKED_BYTES // (1024 * 1024))
        raise FormError(FormCode.TOO_LARGE, Location(file=name), limit=limit)


def _read_sheets(data: bytes, name: str) -> RawWorkbook:
    # openpyxl's load_workbook parses every sheet once more just to measure it (when the file
    # records no dimension), help sheets included: its reader is driven step by step instead,
    # and only the XLSForm sheets are parsed, once.
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        found = [(str(sheet.name), rel) for sheet, rel in reader.parser.find_sheets()]
        sheets: dict[str, RawSheet] = {}
        budget = _Budget(name)
        for title, rel in found:
            key = title.strip().lower()
            if key in XLSFORM_SHEETS and key not in sheets and rel.target in reader.valid_files \
                    and "worksheet" in rel.Type:
                sheets[key] = _read_sheet(title, _present_rows(reader, rel.target), budget)
        return RawWorkbook(name, sheets, tuple(title for title, _ in found))
    finally:
        reader.archive.close()


class _Budget:
    """Counts rows and cells while sheets stream by; refuses past the limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = 0

    def check(self, title: str, number: int, rows: int, cells: tuple[str, ...]) -> None:
        self.cells += sum(1 for c in cells if c)
        if rows > MAX_ROWS:
            self._refuse(title, number, FormCode.LIMIT_ROWS.message(limit=MAX_ROWS))
        if len(cells) > MAX_COLUMNS:
            self._refuse(title, number, FormCode.LIMIT_COLUMNS.message(limit=MAX_COLUMNS))
        if self.cells > MAX_CELLS:
            self._refuse(title, number, FormCode.LIMIT_CELLS.message(limit=MAX_CELLS))

    def _refuse(self, title: str, number: int, limit: Message) -> None:
        raise FormError(FormCode.TOO_LARGE, Location(file=self.name, sheet=title, row=number),
                        limit=limit)


def _present_rows(reader: Any, path: str) -> Iterator[tuple[int, tuple[str, ...]]]:
    """(row number, texts up to the last filled cell) of the rows the sheet's XML holds.

    openpyxl's own row iterator fills every gap (and pads to the recorded dimension) with empty
    rows: a formatted column makes that a million rows. Its sheet parser yields only the rows
    that exist, with the same cell conversion (shared strings, dates).
    """
    book = reader.wb
    with reader.archive.open(path) as source:
        parser = WorkSheetParser(source, reader.shared_strings, data_only=True,
                                 epoch=book.epoch, date_formats=book._date_formats,
                                 timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            texts: dict[int, str] = {}
            for cell in cells:
                text = cell_text(cell["value"])
                if text:
                    texts[cell["column"]] = text
            if texts:
                last = max(texts)
                yield number, tuple(texts.get(c, "") for c in range(1, last + 1))


def _read_sheet(title: str, rows: Iterator[tuple[int, tuple[str, ...]]],
                budget: _Budget) -> RawSheet:
    header: tuple[str, ...] | None = None
    header_row = 1
    body: list[RawRow] = []
    for number, cells in rows:
        if not cells:
            continue
        budget.check(title, number, len(body) + 1, cells)
        if header is None:
            header, header_row = cells, number
        else:
            body.append(RawRow(number, cells))
    if header is None:
        return RawSheet(title, (), (), 1)
    width = max([len(header), *(len(r.cells) for r in body)])
    header = header + ("",) * (width - len(header))
    body = [RawRow(r.number, r.cells + ("",) * (width - len(r.cells))) for r in body]
    return RawSheet(title, header, tuple(body), header_row)


def cell_text(value: object) -> str:
    """The text of a cell as a form author means it (``1.0`` -> ``1``, TRUE -> ``TRUE``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def _unreadable(name: str, reason: Message) -> FormError:
    return FormError(FormCode.UNREADABLE, Location(file=name), reason=reason)
