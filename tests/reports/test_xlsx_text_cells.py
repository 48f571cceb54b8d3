"""User text that looks like a formula is written to the workbook as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from reports.api import build_report
from reports.spec import ReportSpec
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform

FORMULA_LABEL = '=HYPERLINK("http://example.invalid","open")'
SURVEY = [
    {"type": "select_one yn", "name": "consent", "label::en": "Agree?"},
    {"type": "select_one yn", "name": "aware", "label::en": "Heard of mediation?",
     "relevant": "${consent} = 'yes'"},
    {"type": "select_one sex", "name": "sex", "label::en": "=1+1 Sex",
     "relevant": "${consent} = 'yes'"},
]
CHOICES = [
    {"list_name": "yn", "name": "yes", "label::en": "Yes"},
    {"list_name": "yn", "name": "no", "label::en": "No"},
    {"list_name": "sex", "name": "male", "label::en": FORMULA_LABEL},
    {"list_name": "sex", "name": "female", "label::en": "=SUM(1,2)"},
]


def _as_text(xlsx: Path) -> Path:
    """The questionnaire's "=..." labels stored as text, as a form designer types them."""
    book = openpyxl.load_workbook(xlsx)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    book.save(xlsx)
    return xlsx


def _database(folder: Path) -> Path:
    xlsx = _as_text(write_xlsform(folder / "form.xlsx", SURVEY, CHOICES,
                                  {"form_id": "eq", "form_title": "=Title", "version": "1"}))
    path = folder / "eq.db"
    with Store.open(path) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        for i in range(12):
            uuid = store.start_interview("eq", "1", interviewer="t", device_id="d",
                                         language="en")
            store.save_answer(uuid, "consent", "yes")
            store.save_answer(uuid, "aware", "yes" if i % 3 else "no")
            store.save_answer(uuid, "sex", "male" if i % 2 else "female")
            store.complete(uuid)
    return path


@pytest.mark.slow
def test_xlsx_report__labels_starting_with_equals__stored_as_text_no_formulas(tmp_path: Path):
    spec = ReportSpec(language="en", weighting="none", indicators=("aware",),
                      breakdowns=("sex",), title="=Report")
    out = tmp_path / "r.xlsx"
    build_report(_database(tmp_path), spec=spec, xlsx=out)
    book = openpyxl.load_workbook(out)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if c.data_type == "s"}
    assert {FORMULA_LABEL, "=SUM(1,2)", "=Report"} <= texts
