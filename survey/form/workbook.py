"""Reading the raw cells of an XLSForm workbook.

Only this module touches openpyxl. It turns a file (path or bytes) into ``RawSheet`` objects:
the header row and the data rows as text, with their spreadsheet row numbers, so the rest of
the reader never sees cell types. Anything that keeps the file from being read as an .xlsx
workbook becomes one ``FormError`` with code ``form.unreadable``.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

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


def read_workbook(source: Path | str | bytes, name: str) -> RawWorkbook:
    """Read every sheet of an .xlsx workbook as text; ``name`` is used in messages."""
    data = _read_bytes(source, name)
    _check_signature(data, name)
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


def _read_sheets(data: bytes, name: str) -> RawWorkbook:
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheets: dict[str, RawSheet] = {}
        for worksheet in book.worksheets:
            key = str(worksheet.title).strip().lower()
            if key in XLSFORM_SHEETS and key not in sheets:
                sheets[key] = _read_sheet(str(worksheet.title), worksheet.iter_rows(values_only=True))
        return RawWorkbook(name, sheets, tuple(str(title) for title in book.sheetnames))
    finally:
        book.close()


def _read_sheet(title: str, rows: Any) -> RawSheet:
    header: tuple[str, ...] | None = None
    header_row = 1
    body: list[RawRow] = []
    for number, values in enumerate(rows, start=1):
        cells = tuple(cell_text(v) for v in values)
        if not any(cells):
            continue
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
