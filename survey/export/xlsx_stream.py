"""A small streaming xlsx writer for large tables, written column by column.

openpyxl builds a Python object per cell; a table of 100,000 interviews has tens of millions.
Here each sheet is given as columns (numbers, texts, dates or times, as numpy arrays) and is
written in chunks of rows straight into the zip file: numbers as numbers, text through the
shared-strings table (so a choice label repeated 100,000 times is stored once), dates and
times as Excel serial numbers with a date format, the header row bold and frozen. Empty cells
are left out. Text is XML-escaped; the caller has removed control characters and cut texts to
Excel's 32,767 characters.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
import pandas as pd

from survey.export.build import CONTROL
from survey.form.columns import column_letter

CHUNK = 5000
STYLE_DATE, STYLE_TIME, STYLE_BOLD = 1, 2, 3


@dataclass(frozen=True)
class Column:
    """One column: ``kind`` "number" (float, NaN empty), "text" (str or None), "date" or
    "time" (datetime64, NaT empty)."""

    header: str
    kind: str
    values: np.ndarray


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: Sequence[Column]
    freeze: str | None = "B2"


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def ref(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found


def write_xlsx(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write ``sheets`` to an xlsx workbook at ``path``."""
    strings = _Strings()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        for number, sheet in enumerate(sheets, start=1):
            with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as out:
                for part in _sheet_xml(sheet, strings):
                    out.write(part.encode("utf-8"))
        book.writestr("xl/sharedStrings.xml", _shared_strings(strings))
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("xl/workbook.xml", _workbook(sheets))
        book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("[Content_Types].xml", _content_types(len(sheets)))


def _sheet_xml(sheet: Sheet, strings: _Strings) -> Iterator[str]:
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    n = len(sheet.columns[0].values) if sheet.columns else 0
    last = column_letter(max(len(sheet.columns) - 1, 0))
    yield f'<dimension ref="A1:{last}{n + 1}"/>'
    if sheet.freeze:
        yield (f'<sheetViews><sheetView workbookViewId="0"><pane xSplit="1" ySplit="1" '
               f'topLeftCell="{sheet.freeze}" activePane="bottomRight" state="frozen"/>'
               '</sheetView></sheetViews>')
    yield "<sheetData>"
    letters = [column_letter(i) for i in range(len(sheet.columns))]
    header = "".join(f'<c r="{letter}1" t="s" s="{STYLE_BOLD}"><v>{strings.ref(c.header)}</v></c>'
                     for letter, c in zip(letters, sheet.columns, strict=True))
    yield f'<row r="1">{header}</row>'
    for start in range(0, n, CHUNK):
        stop = min(start + CHUNK, n)
        numbers = np.asarray([str(r) for r in range(start + 2, stop + 2)], dtype=object)
        cells = [_cells(c, letter, numbers, c.values[start:stop], strings)
                 for c, letter in zip(sheet.columns, letters, strict=True)]
        starts = '<row r="' + numbers + '">'
        yield "".join(f"{head}{''.join(parts)}</row>"
                      for head, parts in zip(starts, zip(*cells, strict=True), strict=True))
    yield "</sheetData></worksheet>"


def _cells(column: Column, letter: str, rows: np.ndarray, values: np.ndarray,
           strings: _Strings) -> np.ndarray:
    """The cells of one column for a chunk of rows ("" for an empty cell), built per distinct
    value: each distinct value is written once and the rows take theirs by its code; numbers,
    dates and times are formatted column-wise."""
    if column.kind in ("number", "date", "time"):
        return _numeric_cells(column.kind, letter, rows, values)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    tails = np.empty(len(uniques) + 1, dtype=object)
    for i, value in enumerate(uniques):
        tails[i] = _tail(value, column.kind, strings)
    tails[-1] = ""
    cells = (f'<c r="{letter}' + rows) + tails[codes]
    cells[(codes < 0) | (tails[codes] == "")] = ""
    return cells


def _numeric_cells(kind: str, letter: str, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    if kind == "number":
        numbers = values.astype(float)
        style = ""
    else:
        numbers = (values - np.datetime64("1899-12-30", "ns")) / np.timedelta64(1, "D")
        style = f' s="{STYLE_DATE if kind == "date" else STYLE_TIME}"'
    codes, uniques = pd.factorize(numbers, use_na_sentinel=True)
    whole = (uniques == np.round(uniques)) & (np.abs(uniques) < 1e15)
    texts = np.empty(len(uniques) + 1, dtype=object)
    texts[:-1][whole] = uniques[whole].astype(np.int64).astype(str)
    texts[:-1][~whole] = uniques[~whole].astype(str)
    tails = f'"{style}><v>' + texts[:-1] + "</v></c>"
    cells = (f'<c r="{letter}' + rows) + np.append(tails, "")[codes]
    cells[codes < 0] = ""
    return cells


def _tail(value: object, kind: str, strings: _Strings) -> str:
    """The rest of a cell after ``<c r="A2``: type, style and value."""
    if isinstance(value, str):
        return "" if value == "" else f'" t="s"><v>{strings.ref(value)}</v></c>'
    if isinstance(value, np.datetime64 | datetime | pd.Timestamp):
        stamp = pd.Timestamp(value)
        serial = (stamp - _EPOCH_STAMP) / pd.Timedelta(days=1)
        style = STYLE_DATE if kind.endswith("date") else STYLE_TIME
        return f'" s="{style}"><v>{serial!r}</v></c>'
    number = float(value)  # type: ignore[arg-type]
    return "" if number != number else f'"><v>{_number(number)}</v></c>'


_EPOCH_STAMP = pd.Timestamp("1899-12-30")


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _shared_strings(strings: _Strings) -> str:
    items = "".join(_si(text) for text in strings.index)
    count = len(strings.index)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{count}" uniqueCount="{count}">{items}</sst>')


def _si(text: str) -> str:
    clean = escape(CONTROL.sub("\ufffd", text))
    space = ' xml:space="preserve"' if clean != clean.strip() else ""
    return f"<si><t{space}>{clean}</t></si>"


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>")


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(f'<sheet name="{escape(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{entries}</sheets></workbook>")


def _workbook_rels(count: int) -> str:
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    entries = "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, count + 1))
    entries += (f'<Relationship Id="rId{count + 1}" Type="{rel}/styles" Target="styles.xml"/>'
                f'<Relationship Id="rId{count + 2}" Type="{rel}/sharedStrings" '
                'Target="sharedStrings.xml"/>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f"{entries}</Relationships>")


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def _content_types(count: int) -> str:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                     f'ContentType="{main}.worksheet+xml"/>' for i in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{main}.sharedStrings+xml"/>{sheets}</Types>')
