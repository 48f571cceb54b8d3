"""Hostile and broken workbooks, generated here: limits checked before the work, each with a
clear message; a sheet whose recorded size claims a million rows reads only its real rows."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from survey.errors import FormError
from survey.form import load_form
from survey.form.workbook import MAX_COLUMNS, MAX_ROWS
from survey.messages import render

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>')


def _cell(column: int, row: int, text: str) -> str:
    letters, index = "", column + 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return f'<c r="{letters}{row}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(rows: list[list[str]], *, dimension: str | None = None, padding: str = "") -> bytes:
    """A one-sheet .xlsx (sheet 'survey') written as raw XML, fast at any size."""
    body = "".join(f'<row r="{r}">' + "".join(_cell(c, r, t) for c, t in enumerate(cells) if t)
                   + "</row>" for r, cells in enumerate(rows, start=1))
    ref = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f"{ref}<sheetData>{body}</sheetData>{padding}</worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


FORM = [["type", "name", "label"], ["text", "q", "Q"]]


def refusal(data: bytes) -> tuple[str, str]:
    with pytest.raises(FormError) as caught:
        load_form(data, filename="hostile.xlsx")
    [problem] = caught.value.problems
    return problem.code, render(problem, "en")


def test_sheet_claiming_a_million_rows_and_columns__only_real_rows_read() -> None:
    form = load_form(workbook(FORM, dimension="A1:AMJ1048576"), filename="padded.xlsx")
    assert [q.name for q in form.questions] == ["q"]


def test_whitespace_bomb__refused_before_parsing() -> None:
    code, text = refusal(workbook(FORM, padding=" " * (40 * 1024 * 1024)))
    assert code == "form.too_large" and "32 MB" in text


def test_very_wide_sheet__refused_naming_the_column_limit() -> None:
    code, text = refusal(workbook([[f"h{i}" for i in range(MAX_COLUMNS + 500)], ["text"]]))
    assert code == "form.too_large" and f"{MAX_COLUMNS} columns" in text


@pytest.mark.slow
def test_too_many_rows__refused_naming_the_row_limit() -> None:
    rows = [["type", "name", "label"], *(["text", f"q{i}", "Q"] for i in range(MAX_ROWS + 1))]
    code, text = refusal(workbook(rows))
    assert code == "form.too_large" and "15,000 rows" in text


@pytest.mark.slow
def test_thousands_of_nested_groups__refused_at_the_limit(tmp_path: Path) -> None:
    rows = [["type", "name", "label"], *(["begin_group", f"g{i}", "G"] for i in range(4000)),
            ["text", "q", "Q"], *(["end_group"] for _ in range(4000))]
    code, text = refusal(workbook(rows))
    assert code == "form.too_deep" and "100 levels" in text
