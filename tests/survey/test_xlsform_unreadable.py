"""Loading XLSForms: files that are not readable workbooks give one clear FormError."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from survey.errors import FormError
from survey.form import load_form
from survey.form.codes import FormCode
from survey.messages import Field, Message
from tests.formbuilder import write_xlsform

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def only_problem(source: Path | bytes,
                 filename: str | None = None) -> tuple[str, Field, str | None]:
    """Code, main field (the reason of form.unreadable) and file of the single problem."""
    with pytest.raises(FormError) as caught:
        load_form(source, filename=filename)
    [problem] = caught.value.problems
    main = next(iter(problem.fields.values()), None)
    return problem.code, main, problem.location.file


def reason_kind(reason: Field) -> FormCode:
    assert isinstance(reason, Message) and isinstance(reason.kind, FormCode)
    return reason.kind


def test_load_form__empty_file__unreadable_naming_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    code, reason, file = only_problem(path)
    assert (code, file) == ("form.unreadable", "empty.xlsx")
    assert reason_kind(reason) is FormCode.EMPTY_FILE


def test_load_form__csv_renamed__unreadable(tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_text("type,name,label\ntext,q,Question\n", encoding="utf-8")
    code, reason, file = only_problem(path)
    assert (code, file) == ("form.unreadable", "form.xlsx")
    assert reason_kind(reason) is FormCode.NOT_XLSX


@pytest.mark.parametrize("name", ["old.xls", "locked.xlsx"])
def test_load_form__ole2_file__unreadable_mentions_xls_and_password(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(OLE2 + bytes(504))
    code, reason, file = only_problem(path)
    assert (code, file) == ("form.unreadable", name)
    assert reason_kind(reason) is FormCode.OLD_WORKBOOK


def test_load_form__zip_that_is_not_a_workbook__unreadable(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    code, reason, file = only_problem(buffer.getvalue(), filename="archive.xlsx")
    assert (code, file) == ("form.unreadable", "archive.xlsx")
    assert reason_kind(reason) is FormCode.DAMAGED_XLSX
    assert isinstance(reason, Message) and reason.fields["error"]


def test_load_form__truncated_workbook__unreadable(tmp_path: Path) -> None:
    data = write_xlsform(tmp_path / "f.xlsx", [{"type": "text", "name": "q", "label": "Q"}]).read_bytes()
    code, _, _ = only_problem(data[: len(data) // 2], filename="cut.xlsx")
    assert code == "form.unreadable"


def test_load_form__missing_file__unreadable(tmp_path: Path) -> None:
    code, reason, file = only_problem(tmp_path / "absent.xlsx")
    assert (code, file) == ("form.unreadable", "absent.xlsx")
    assert reason_kind(reason) is FormCode.CANNOT_OPEN


def test_load_form__directory__unreadable(tmp_path: Path) -> None:
    code, _, _ = only_problem(tmp_path)
    assert code == "form.unreadable"


def save_without_survey_sheet(path: Path) -> Path:
    """A workbook whose only sheet, ``Sheet1``, holds what should be on ``survey``."""
    book = Workbook()
    book.active.title = "Sheet1"
    book.active.append(["type", "name"])
    book.save(path)
    return path


def test_load_form__workbook_without_survey_sheet__no_survey_sheet(tmp_path: Path) -> None:
    path = save_without_survey_sheet(tmp_path / "nosurvey.xlsx")
    code, sheets, file = only_problem(path)
    assert (code, file) == ("form.no_survey_sheet", "nosurvey.xlsx")
    assert sheets == ["Sheet1"]


def test_load_form__survey_sheet_without_type_column__missing_column(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [{"name": "q", "label": "Q"}])
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert [p.code for p in caught.value.problems] == ["form.missing_column"]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2048))
def test_load_form__random_bytes__only_form_error(data: bytes) -> None:
    with pytest.raises(FormError) as caught:
        load_form(data, filename="random.xlsx")
    assert caught.value.problems[0].code == "form.unreadable"


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=5000))
def test_load_form__corrupted_workbook__only_form_error(patch: bytes, offset: int) -> None:
    buffer = io.BytesIO()
    book = Workbook()
    book.active.title = "survey"
    book.active.append(["type", "name", "label"])
    book.active.append(["text", "q", "Q"])
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    start = offset % len(data)
    data[start:start + len(patch)] = patch
    try:
        load_form(bytes(data), filename="damaged.xlsx")
    except FormError as error:
        assert error.problems and all(p.code.startswith("form.") for p in error.problems)


CELLS = st.one_of(
    st.none(),
    st.sampled_from(["text", "integer", "select_one yn", "select_multiple yn or_other",
                     "begin_group", "end_group", "calculate", "note", "geopoint", "yes", "a",
                     "${a}", "${b} + 1", ". > 1", "(", "label::x (y", "media::image", "q b"]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.integers(),
    st.booleans(),
)
COLUMNS = st.sampled_from(["type", "name", "label", "label::Kazakh (kk)", "hint", "required",
                           "relevant", "constraint", "calculation", "choice_filter", "default",
                           "appearance", "read_only", "kelisim::pii", "list_name", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(COLUMNS, CELLS, max_size=6), max_size=6),
       st.lists(st.dictionaries(st.sampled_from(["list_name", "name", "label", "x"]), CELLS,
                                max_size=4), max_size=4))
@pytest.mark.slow
def test_load_form__arbitrary_cells__form_or_form_error(
        tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, object]],
        choices: list[dict[str, object]]) -> None:
    path = write_xlsform(tmp_path_factory.mktemp("fuzz") / "fuzz.xlsx", rows, choices)
    try:
        form = load_form(path)
    except FormError as error:
        assert error.problems and all(p.code.startswith("form.") for p in error.problems)
    else:
        assert form.questions
