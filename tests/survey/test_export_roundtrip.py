"""Every format read back and compared with the store cell by cell.

Two questionnaires (the bundled one with demo interviews, and a form with every supported
question type, choices marked ``kelisim::missing``, drafts, skips, Cyrillic text and empty
optional answers), three languages, with and without choice labels, csv / xlsx / sav / dta.
SPSS and Stata files are read with pyreadstat (user-missing values kept) and .dta also with
pandas' ``read_stata``. Each case also runs with pandas' other string dtype (``object`` as in
pandas 2, ``str`` as in pandas 3), so a difference between the two cannot pass unnoticed.
"""

from __future__ import annotations

import csv
import math
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from openpyxl import load_workbook

from survey.export import ExportTable, SheetOptions, export_interviews, interview_table, write_table
from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform
from tests.survey.export_oracle import (
    LETTER,
    NUMBER,
    SYSTEM,
    Cell,
    as_date,
    cell_of,
    demo_database,
    truth,
)

LANGS = ("kk", "ru", "en")


def _label(en: str, ru: str, kk: str) -> dict[str, str]:
    return {"label::English (en)": en, "label::Russian (ru)": ru, "label::Kazakh (kk)": kk}


ALL_TYPES_SURVEY = [
    {"type": "select_one yn", "name": "consent", **_label("Consent?", "Согласие?", "Келісім?"),
     "required": "yes"},
    {"type": "begin_group", "name": "main", **_label("Main", "Основное", "Негізгі"),
     "relevant": "${consent} = 'yes'"},
    {"type": "integer", "name": "age", **_label("Age", "Возраст", "Жасы")},
    {"type": "decimal", "name": "income", **_label("Income", "Доход", "Табыс")},
    {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 18, 'yes', 'no')"},
    {"type": "select_one ynd", "name": "heard", **_label("Heard?", "Слышали?", "Естідіңіз бе?")},
    {"type": "select_one scale", "name": "trust", **_label("Trust", "Доверие", "Сенім"),
     "relevant": "${heard} = 'yes'"},
    {"type": "select_multiple src", "name": "sources", **_label("Sources", "Источники",
                                                                 "Дереккөздер"),
     "relevant": "${heard} = 'yes'"},
    {"type": "select_one kind or_other", "name": "kind", **_label("Kind", "Вид", "Түрі")},
    {"type": "date", "name": "seen", **_label("Date", "Дата", "Күні")},
    {"type": "text", "name": "comment", **_label("Comment", "Комментарий", "Пікір")},
    {"type": "acknowledge", "name": "ack", **_label("Read out", "Зачитано", "Оқылды")},
    {"type": "note", "name": "thanks", **_label("Thanks", "Спасибо", "Рақмет")},
    {"type": "end_group"},
]
ALL_TYPES_CHOICES = [
    {"list_name": "yn", "name": "yes", **_label("Yes", "Да", "Иә")},
    {"list_name": "yn", "name": "no", **_label("No", "Нет", "Жоқ")},
    {"list_name": "ynd", "name": "yes", **_label("Yes", "Да", "Иә")},
    {"list_name": "ynd", "name": "no", **_label("No", "Нет", "Жоқ")},
    {"list_name": "ynd", "name": "dk", **_label("Don't know", "Не знаю", "Білмеймін"),
     "kelisim::missing": "dont_know"},
    {"list_name": "ynd", "name": "rf", **_label("Refused", "Отказ", "Бас тартты"),
     "kelisim::missing": "refused"},
    *({"list_name": "scale", "name": str(i), **_label(f"{i} points", f"{i} баллов",
                                                        f"{i} ұпай")} for i in range(1, 6)),
    {"list_name": "src", "name": "tv", **_label("TV", "ТВ", "Теледидар")},
    {"list_name": "src", "name": "web", **_label("Internet", "Интернет", "Интернет")},
    {"list_name": "src", "name": "dk", **_label("Don't know", "Не знаю", "Білмеймін"),
     "kelisim::missing": "dont_know"},
    {"list_name": "kind", "name": "family", **_label("Family", "Семья", "Отбасы")},
    {"list_name": "kind", "name": "land", **_label("Land", "Земля", "Жер")},
]
INTERVIEWS: list[tuple[str, dict[str, object]]] = [
    ("complete", {"consent": "yes", "age": 34, "income": 1250.75, "heard": "yes", "trust": "4",
                  "sources": ("tv", "web"), "kind": "family", "seen": date(2026, 3, 2),
                  "comment": "Жақсы, рақмет", "ack": "OK"}),
    ("complete", {"consent": "yes", "age": 17, "heard": "dk", "kind": "other",
                  "kind_other": "Көршілер", "comment": "=SUM(A1:A2)"}),
    ("complete", {"consent": "yes", "age": 61, "income": 0.5, "heard": "rf", "ack": "OK"}),
    ("complete", {"consent": "yes", "age": 45, "heard": "yes", "trust": "1",
                  "sources": ("dk",), "seen": date(2025, 12, 31)}),
    ("complete", {"consent": "no", "age": 50, "heard": "yes"}),  # stale answers: not asked
    ("draft", {"consent": "yes", "age": 29, "heard": "no"}),  # the rest: not reached
    ("draft", {}),
]


@pytest.fixture(scope="module")
def all_types_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("all_types")
    xlsx = write_xlsform(folder / "form.xlsx", ALL_TYPES_SURVEY, ALL_TYPES_CHOICES,
                         {"form_id": "types", "version": "3", "default_language": "kk"})
    db = folder / "types.db"
    with Store.open(db) as store:
        store.register_form(load_form(xlsx, repeats=True), xlsx.read_bytes())
        for status, answers in INTERVIEWS:
            uuid = store.start_interview("types", "3", interviewer="Айгүл", device_id="d",
                                         language="kk")
            for name, value in answers.items():
                store.save_answer(uuid, name, value)
            if status == "complete":
                store.complete(uuid)
    return db


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory.mktemp("bundled") / "demo.db", interviews=80, seed=5,
                         draft_share=0.2)


@contextmanager
def string_mode(mode: str) -> Iterator[None]:
    """pandas' default string dtype (``"str"``: pandas 3) or ``object`` strings (pandas 2)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas 3 deprecates switching inference off
        with pd.option_context("future.infer_string", mode == "str"):
            yield


_TABLES: dict[tuple[str, str, str], ExportTable] = {}


def _table(db: Path, language: str, mode: str) -> ExportTable:
    key = (str(db), language, mode)
    if key not in _TABLES:
        with string_mode(mode), Store.open_read_only(db) as store:
            _TABLES[key] = interview_table(store, language=language, include_pii=True)
    return _TABLES[key]


_TRUTHS: dict[str, dict[str, dict[str, Cell]]] = {}


def _truth(db: Path) -> dict[str, dict[str, Cell]]:
    if str(db) not in _TRUTHS:
        _TRUTHS[str(db)] = truth(db, include_pii=True)[1]
    return _TRUTHS[str(db)]


def _string_modes() -> tuple[str, ...]:
    """The installed pandas' default string mode first, then the other one where it can run
    (pandas 2 needs pyarrow for the "str" dtype of pandas 3)."""
    default = "str" if pd.Series(["a"]).dtype != object else "object"
    other = "object" if default == "str" else "str"
    try:
        with string_mode(other):
            pd.Series(["a", None])
    except ImportError:
        return (default,)
    return (default, other)


MODES = _string_modes()
CASES = [(form, lang, fmt, labels, MODES[0]) for form in ("all_types", "bundled")
         for lang in LANGS for fmt in ("csv", "xlsx", "sav", "dta") for labels in (False, True)]
CASES += [(form, "kk", fmt, labels, mode) for mode in MODES[1:] for form in ("all_types", "bundled")
          for fmt in ("csv", "xlsx", "sav", "dta") for labels in (False, True)]


@pytest.mark.parametrize(("form", "language", "fmt", "labels", "mode"), CASES)
def test_export__read_back__every_cell_equals_the_store(
        form: str, language: str, fmt: str, labels: bool, mode: str, tmp_path: Path,
        request: pytest.FixtureRequest):
    db = request.getfixturevalue(f"{form}_db")
    table = _table(db, language, mode)
    expected = _truth(db)
    with string_mode(mode):
        out = write_table(table, tmp_path / f"out.{fmt}", fmt, SheetOptions(labels=labels))
        readers = {"csv": [_read_csv], "xlsx": [_read_xlsx],
                   "sav": [_read_sav], "dta": [_read_dta, _read_stata_pandas]}[fmt]
        for reader in readers:
            rows = reader(out)
            assert len(rows) == len(expected)
            for row in rows:
                _compare(table, row, expected[row[0]], reader.__name__, labels)


def _compare(table: ExportTable, row: list[object], cells: dict[str, Cell], reader: str,
             labels: bool) -> None:
    assert row[3] == cells["__status"].value and row[4] == cells["__interviewer"].value
    for position, v in enumerate(table.variables):
        if v.kind == "meta":
            continue
        want = _normal(_expected(v, cell_of(cells, v.name), reader, labels), v.kind)
        got = _normal(row[position], v.kind)
        assert got == want, (reader, v.name, row[0], got, want)


def _expected(v: object, cell: Cell, reader: str, labels: bool) -> object:
    kind = v.kind  # type: ignore[attr-defined]
    coded = kind in ("select_one", "choice_dummy", "integer", "decimal")
    numeric = coded or kind == "date"
    declared_text = cell.value is not None and not numeric  # e.g. "dk" of a select_multiple
    if cell.reason is not None and cell.reason != SYSTEM and not (
            declared_text and reader not in ("_read_csv", "_read_xlsx")):
        if reader in ("_read_csv", "_read_xlsx"):
            return float(NUMBER[cell.reason])
        if reader == "_read_sav":
            return float(NUMBER[cell.reason]) if coded else (None if kind == "date" else "")
        if reader == "_read_dta":
            return LETTER[cell.reason] if numeric else ""
        return None if numeric else ""  # pandas: extended missing values are NaN
    if cell.value is None:
        return None if numeric or reader in ("_read_csv", "_read_xlsx") else ""
    value = cell.value
    if kind == "select_one":
        if reader in ("_read_csv", "_read_xlsx"):
            return v.value_labels[value] if labels else value  # type: ignore[attr-defined]
        return float(v.codes[value])  # type: ignore[attr-defined]
    if kind in ("integer", "decimal", "choice_dummy"):
        return float(value)  # type: ignore[arg-type]
    if kind == "date":
        return as_date(value)
    if isinstance(value, tuple):
        return " ".join(value)
    if reader == "_read_csv" and str(value).lstrip(" ").startswith(("=", "+", "-", "@")):
        return "'" + str(value)  # defused: a spreadsheet would run it as a formula
    return value


def _normal(value: object, kind: str) -> object:
    """A cell as read, in the form ``_expected`` speaks: numbers as floats, dates as dates,
    empty numbers as None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT or value is None:
        return None
    if kind == "date" and isinstance(value, date):
        return as_date(value)
    if kind == "date" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        return date.fromisoformat(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and _is_number(value):
        return float(value)
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() != "" and not text.startswith("'")


def _read_csv(path: Path) -> list[list[object]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return [[None if c == "" else c for c in row] for row in rows[1:]]


def _read_xlsx(path: Path) -> list[list[object]]:
    sheet = load_workbook(path, read_only=True)["data"]
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _read_sav(path: Path) -> list[list[object]]:
    frame, _ = pyreadstat.read_sav(str(path), user_missing=True)
    return frame.astype(object).values.tolist()


def _read_dta(path: Path) -> list[list[object]]:
    frame, _ = pyreadstat.read_dta(str(path), user_missing=True)
    return frame.astype(object).values.tolist()


def _read_stata_pandas(path: Path) -> list[list[object]]:
    frame = pd.read_stata(path, convert_categoricals=False)
    return frame.astype(object).values.tolist()


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_export__labels_asked_for_spss_and_stata__codes_kept_not_all_missing(
        bundled_db: Path, tmp_path: Path, fmt: str):
    """The GUI's "choice labels instead of codes" box used to make every select_one empty."""
    out = export_interviews(bundled_db, tmp_path / f"l.{fmt}", fmt, labels=True,
                            status="complete")
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    frame, meta = reader(str(out))
    for name in ("region", "sex", "wave", "heard_mediation"):
        assert frame[name].notna().mean() > 0.9, name
    assert set(frame["sex"].dropna()) == {1.0, 2.0}
    assert meta.variable_value_labels["sex"][1] in ("Ер", "Male", "Мужской")


def test_export__unanswered_text__empty_never_nan(all_types_db: Path, tmp_path: Path):
    """An unanswered text was written as the string "nan" under pandas 3 (and "None")."""
    for mode in MODES:
        with string_mode(mode):
            out = export_interviews(all_types_db, tmp_path / f"{mode}.sav", "sav")
            frame, _ = pyreadstat.read_sav(str(out))
            assert sorted(frame["comment"]) == ["", "", "", "", "", "=SUM(A1:A2)",
                                                "Жақсы, рақмет"]
            out = export_interviews(all_types_db, tmp_path / f"{mode}.dta", "dta")
            assert sorted(pd.read_stata(out)["kind_other"]) == [""] * 6 + ["Көршілер"]
            csv_text = export_interviews(all_types_db, tmp_path / f"{mode}.csv", "csv",
                                         ).read_text(encoding="utf-8-sig")
            assert "nan" not in csv_text and "None" not in csv_text
