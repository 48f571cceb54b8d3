"""Export: the wide table and its csv / xlsx / sav / dta files, read back."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from openpyxl import load_workbook

from desktop.cli import main as kelisim
from survey.export import choice_column, export_interviews, interview_table
from survey.export.codes import ExportCode
from survey.form.xlsform import load_form
from survey.messages import Location
from survey.store import Store
from tests.formbuilder import write_xlsform

SURVEY = [
    {"type": "select_one yn", "name": "consent", "label::English (en)": "Consent?",
     "label::Kazakh (kk)": "Келісесіз бе?", "required": "yes"},
    {"type": "begin_group", "name": "main", "label::English (en)": "Main",
     "label::Kazakh (kk)": "Негізгі", "relevant": "${consent} = 'yes'"},
    {"type": "integer", "name": "age", "label::English (en)": "Age", "label::Kazakh (kk)": "Жасы"},
    {"type": "calculate", "name": "adult", "calculation": "if(${age} >= 18, 'yes', 'no')"},
    {"type": "select_multiple src", "name": "sources", "label::English (en)": "Sources",
     "label::Kazakh (kk)": "Дереккөздер"},
    {"type": "date", "name": "seen", "label::English (en)": "Date", "label::Kazakh (kk)": "Күні"},
    {"type": "text", "name": "phone", "label::English (en)": "Phone",
     "label::Kazakh (kk)": "Телефон", "kelisim::pii": "yes"},
    {"type": "note", "name": "thanks", "label::English (en)": "Thanks",
     "label::Kazakh (kk)": "Рақмет"},
    {"type": "end_group"},
]
CHOICES = [
    {"list_name": "yn", "name": "yes", "label::English (en)": "Yes", "label::Kazakh (kk)": "Иә"},
    {"list_name": "yn", "name": "no", "label::English (en)": "No", "label::Kazakh (kk)": "Жоқ"},
    {"list_name": "src", "name": "tv", "label::English (en)": "TV",
     "label::Kazakh (kk)": "Теледидар"},
    {"list_name": "src", "name": "web", "label::English (en)": "Internet",
     "label::Kazakh (kk)": "Интернет"},
]


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    """A database with three complete interviews and one draft."""
    xlsx = write_xlsform(tmp_path / "form.xlsx", SURVEY, CHOICES,
                         {"form_id": "exp", "version": "1", "form_title": "Export test",
                          "default_language": "en"})
    form = load_form(xlsx)
    db = tmp_path / "kelisim.db"
    with Store.open(db) as store:
        store.register_form(form, xlsx.read_bytes())
        answers = [
            {"consent": "yes", "age": 34, "sources": ("tv", "web"), "seen": date(2026, 3, 2),
             "phone": "+77011234567"},
            {"consent": "yes", "age": 17, "sources": ("web",)},
            # consent refused after the rest was answered: the rest is no longer relevant
            {"consent": "no", "age": 50, "sources": ("tv",)},
        ]
        for values in answers:
            uuid = store.start_interview("exp", "1", interviewer="A", device_id="d1",
                                         language="en")
            for name, value in values.items():
                store.save_answer(uuid, name, value)
            store.complete(uuid)
        draft = store.start_interview("exp", "1", interviewer="B", device_id="d1", language="kk")
        store.save_answer(draft, "consent", "yes")
    return db


def test_interview_table__one_row_per_interview__questions_in_form_order(filled: Path):
    with Store.open(filled) as store:
        table = interview_table(store)
    frame = table.frame
    assert len(frame) == 4
    questions = [c for c in frame.columns if c not in
                 ("uuid", "form_id", "form_version", "status", "interviewer", "device_id",
                  "language", "started_at", "completed_at", "duration_min")]
    assert questions == ["consent", "age", "adult", "sources", choice_column("sources", "tv"),
                         choice_column("sources", "web"), "seen"]


def test_interview_table__irrelevant_answers__left_out_and_calculations_filled(filled: Path):
    with Store.open(filled) as store:
        frame = interview_table(store, status="complete").frame.sort_values("age")
    refused = frame[frame["consent"] == "no"].iloc[0]
    assert pd.isna(refused["age"]) and pd.isna(refused["sources"])
    adult = frame.dropna(subset=["age"]).set_index("age")["adult"].to_dict()
    assert adult == {17: "no", 34: "yes"}


def test_interview_table__select_multiple__raw_value_and_dummies(filled: Path):
    with Store.open(filled) as store:
        frame = interview_table(store, status="complete").frame
    row = frame[frame["age"] == 34].iloc[0]
    assert row["sources"] == "tv web"
    assert row[choice_column("sources", "tv")] == 1 and row[choice_column("sources", "web")] == 1
    teen = frame[frame["age"] == 17].iloc[0]
    assert teen[choice_column("sources", "tv")] == 0
    refused = frame[frame["consent"] == "no"].iloc[0]
    assert pd.isna(refused[choice_column("sources", "tv")])


def test_interview_table__pii__left_out_unless_asked(filled: Path):
    with Store.open(filled) as store:
        assert "phone" not in interview_table(store).frame.columns
        frame = interview_table(store, include_pii=True).frame
    assert "+77011234567" in set(frame["phone"].dropna())


def test_interview_table__status_filter__keeps_drafts_only(filled: Path):
    with Store.open(filled) as store:
        frame = interview_table(store, status="draft").frame
    assert list(frame["status"]) == ["draft"] and list(frame["interviewer"]) == ["B"]


def test_export_csv__labels_in_kazakh__read_back(filled: Path, tmp_path: Path):
    out = export_interviews(filled, tmp_path / "out.csv", "csv", language="kk", labels=True,
                            status="complete")
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["consent"] for r in rows) == ["Жоқ", "Иә", "Иә"]


def test_export_xlsx__data_and_dictionary_sheets(filled: Path, tmp_path: Path):
    out = export_interviews(filled, tmp_path / "out.xlsx", "xlsx", language="kk")
    book = load_workbook(out)
    data = list(book["data"].iter_rows(values_only=True))
    assert data[0][0] == "uuid" and len(data) == 5
    ages = {row[data[0].index("age")] for row in data[1:]}
    assert ages == {34, 17, -99, -98}  # refused consent: not asked; the draft: not reached
    dictionary = {row[0]: row for row in book["variables"].iter_rows(values_only=True)}
    assert dictionary["age"][1] == "Жасы"
    assert "yes = Иә" in dictionary["consent"][4]


def test_export_sav__variable_and_value_labels_in_language(filled: Path, tmp_path: Path):
    out = export_interviews(filled, tmp_path / "out.sav", "sav", language="kk")
    frame, meta = pyreadstat.read_sav(str(out))
    assert meta.column_names_to_labels["age"] == "Жасы"
    missing = {-99.0: "Қойылмаған (сауалнама шарттары бойынша өткізілген)",
               -98.0: "Жетпеген (сұхбат аяқталмаған)"}
    assert meta.variable_value_labels["consent"] == {1.0: "Иә", 2.0: "Жоқ", **missing}
    assert sorted(frame["consent"].dropna().tolist()) == [1.0, 1.0, 1.0, 2.0]
    assert meta.variable_value_labels["sources__tv"] == {0.0: "таңдалмаған", 1.0: "таңдалған",
                                                         **missing}


def test_export_dta__labels_and_values(filled: Path, tmp_path: Path):
    out = export_interviews(filled, tmp_path / "out.dta", "dta", language="en")
    frame, meta = pyreadstat.read_dta(str(out))
    assert meta.column_names_to_labels["sources__web"] == "Sources: Internet"
    labels = meta.variable_value_labels["consent"]
    assert labels == {1: "Yes", 2: "No", "a": "Not asked (skipped by the questionnaire)",
                      "b": "Not reached (interview not finished)"}
    assert sorted(frame["age"].dropna().tolist()) == [17, 34]


def test_export_command__writes_file_and_rejects_missing_db(filled: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]):
    assert kelisim(["export", "--db", str(filled), "--format", "csv",
                    "--out", str(tmp_path / "a.csv")]) == 0
    assert (tmp_path / "a.csv").is_file()
    assert capsys.readouterr().err == (  # a form without a sampling design: a note, no columns
        "kelisim export: The questionnaire has no region, sampling_point question, so the "
        "export carries no design columns (weights, stratum, PSU). [export.no_design]\n")
    assert kelisim(["export", "--db", str(tmp_path / "none.db"), "--format", "csv",
                    "--out", str(tmp_path / "b.csv")]) == 1
    assert capsys.readouterr().err == (
        f"kelisim export: {tmp_path / 'none.db'}: The database file does not exist. Check the "
        "path. [store.not_found]\n")
    assert not (tmp_path / "b.csv").exists()


def test_export_command__unwritable_output__error_in_russian_with_os_detail_as_field(
        filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "taken").write_text("a file where a folder should be")
    out = tmp_path / "taken" / "out.csv"

    code = kelisim(["export", "--db", str(filled), "--format", "csv", "--out", str(out),
                    "--lang", "ru"])

    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"kelisim export: {out}: Не удаётся записать файл (")
    assert err.endswith("). Проверьте, что папка существует и что файл не открыт в другой "
                        "программе. [export.cannot_write]\n")


def test_export_command__no_lang__kelisim_lang_kazakh(
        filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KELISIM_LANG", "kk")
    code = kelisim(["export", "--db", str(filled), "--format", "csv", "--out", str(filled)])
    assert code == 1
    assert capsys.readouterr().err == (
        f"kelisim export: {filled}: Бұл — экспортталып жатқан дерекқордың өзі. Басқа шығыс "
        "файлын таңдаңыз. [export.same_as_input]\n")


def test_write_table__unknown_format__code_and_fields(filled: Path, tmp_path: Path):
    from survey.errors import ExportError
    from survey.export import write_table

    with Store.open_read_only(filled) as store:
        table = interview_table(store)
    with pytest.raises(ExportError) as caught:
        write_table(table, tmp_path / "a.json", "json")
    assert caught.value.message == ExportCode.UNKNOWN_FORMAT.message(
        format="json", formats=["csv", "xlsx", "sav", "dta"])
    assert not list(tmp_path.glob("a.json*"))


def test_interview_table__no_or_several_or_unknown_form__coded_errors_naming_the_file(
        filled: Path, tmp_path: Path):
    from survey.errors import ExportError
    from survey.form.model import Form, Settings, Text

    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    with Store.open(filled) as store:
        store.register_form(Form(settings=Settings(form_id="other", title=Text.of({"en": "O"}),
                                                   version="1"), questions=()), b"x")
    cases = [(empty, None, ExportCode.NO_FORM.message(Location(file=str(empty)))),
             (filled, "nope", ExportCode.UNKNOWN_FORM.message(Location(file=str(filled)),
                                                              form="nope")),
             (filled, None, ExportCode.SEVERAL_FORMS.message(Location(file=str(filled)),
                                                             forms=["exp", "other"]))]
    for db, form_id, expected in cases:
        with Store.open_read_only(db) as store, pytest.raises(ExportError) as caught:
            interview_table(store, form_id)
        assert caught.value.message == expected


@pytest.mark.slow
def test_table__relevance_and_calculations__equal_the_engine_on_every_interview(tmp_path: Path):
    """The table's column-wise verdicts give exactly ``Interview(form, answers).result()``."""
    import random

    from survey.demo import DemoOptions, fill_database
    from survey.interview.instances import RepeatInterview

    with Store.open(tmp_path / "d.db") as store:
        uuids = fill_database(store, DemoOptions(interviews=300, seed=4, draft_share=0.1,
                                                 previous_baseline=False))
        rng = random.Random(2)
        for uuid in uuids[:100]:  # leave irrelevant answers behind, as an edit would
            name = rng.choice(["consent", "heard_mediation", "used_mediation", "age"])
            if store.interview(uuid).is_complete:
                store.reopen(uuid, who="QC", reason="check")
            store.save_answer(uuid, name, rng.choice([15, 70] if name == "age" else ["no", "yes"]))
        table = interview_table(store, include_pii=True)
        form = table.form  # the main level: the roster's instances are in their own table
        full = store.load_form(form.form_id, form.version, repeats=True)
        expected = {u: RepeatInterview(full, store.answers(u)).engine.result() for u in uuids}
    names = [q.name for q in form.questions if q.type.value != "note"]
    for row in table.frame.to_dict("records"):
        result = expected[row["uuid"]]
        for name in names:
            value = row[name]
            want = result.get(name)
            if isinstance(want, tuple):
                want = " ".join(want)
            if isinstance(want, date):
                value = value.date() if not pd.isna(value) else None
            got = None if pd.isna(value) else value
            assert got == want, (row["uuid"], name)


def test_interviews_frame__cached_per_snapshot__rebuilt_after_a_write(filled: Path):
    from survey.export import interviews_frame, read_interviews

    with Store.open(filled) as store:
        first = interviews_frame(store)
        assert interviews_frame(store) is first
        uuid = store.start_interview("exp", "1", interviewer="C", device_id="d2", language="en")
        store.save_answer(uuid, "consent", "yes")
        store.complete(uuid)
        second = interviews_frame(store)
    assert second is not first and len(second.frame) == len(first.frame) + 1
    frame = read_interviews(filled)
    assert isinstance(frame, pd.DataFrame) and len(frame) == 4


def test_export__cancelled__coded_error_and_no_file(filled: Path, tmp_path: Path):
    from survey.errors import ExportError

    with pytest.raises(ExportError) as caught:
        export_interviews(filled, tmp_path / "c.xlsx", "xlsx", cancel=lambda: True)
    assert caught.value.code == "export.cancelled"
    assert list(tmp_path.glob("c.xlsx*")) == []


def test_export__progress__reaches_the_total(filled: Path, tmp_path: Path):
    calls: list[tuple[int, int]] = []
    export_interviews(filled, tmp_path / "p.csv", "csv", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (4, 4)


def test_export_xlsx__kazakh__dictionary_and_metadata_labels_in_kazakh(filled: Path,
                                                                        tmp_path: Path):
    out = export_interviews(filled, tmp_path / "kk.xlsx", "xlsx", language="kk", include_pii=True)
    rows = list(load_workbook(out)["variables"].iter_rows(values_only=True))
    assert rows[0][:2] == ("айнымалы", "белгі")
    labels = {row[0]: row for row in rows[1:]}
    assert labels["interviewer"][1] == "Интервьюер" and labels["language"][1] == "Сұхбат тілі"
    assert labels["phone"][5] == "иә"


def test_export_catalog__every_label_translated():
    from survey.i18n import missing_translations

    assert missing_translations("export") == {"kk": [], "ru": []}


@pytest.fixture(scope="module")
def bundled_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from survey.demo import DemoOptions, fill_database

    path = tmp_path_factory.mktemp("bundled") / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=120, seed=8, paradata=False))
    return path


@pytest.mark.parametrize("fmt", ["sav", "dta"])
def test_export_bundled_form__spss_and_stata_in_kazakh__read_back(bundled_demo: Path,
                                                                  tmp_path: Path, fmt: str):
    out = export_interviews(bundled_demo, tmp_path / f"kk.{fmt}", fmt, language="kk")
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    frame, meta = reader(str(out))
    assert len(frame) == 120
    assert meta.column_names_to_labels["heard_mediation"] == "Медиация туралы естідіңіз бе?"
    regions = meta.variable_value_labels["region"]
    assert "Түркістан облысы" in regions.values() and len(regions) == 20 + 2  # not asked/reached
    assert max(len(name) for name in frame.columns) <= (64 if fmt == "sav" else 32)


def test_export__output_is_the_database__refused_and_database_intact(filled: Path):
    from survey.errors import ExportError

    before = filled.read_bytes()
    with pytest.raises(ExportError) as caught:
        export_interviews(filled, filled, "csv")
    assert caught.value.code == "export.same_as_input"
    assert filled.read_bytes() == before


def test_export__empty_file_as_database__refused_and_left_empty(tmp_path: Path):
    from survey.errors import StoreError

    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError) as caught:
        export_interviews(empty, tmp_path / "out.csv", "csv")
    assert caught.value.code == "store.not_kelisim"
    assert empty.read_bytes() == b"" and not (tmp_path / "out.csv").exists()


def test_export_xlsx__text_starting_with_equals__kept_as_text(tmp_path: Path):
    xlsx = write_xlsform(tmp_path / "t.xlsx", [{"type": "text", "name": "note", "label": "Note"}],
                         None, {"form_id": "t", "version": "1"})
    db = tmp_path / "t.db"
    with Store.open(db) as store:
        store.register_form(load_form(xlsx), xlsx.read_bytes())
        uuid = store.start_interview("t", "1", interviewer="A", device_id="d", language=None)
        store.save_answer(uuid, "note", '=HYPERLINK("http://example.invalid","x")')
    out = export_interviews(db, tmp_path / "t-out.xlsx", "xlsx")
    cell = load_workbook(out)["data"].cell(row=2, column=11)
    assert cell.value == '=HYPERLINK("http://example.invalid","x")' and cell.data_type == "s"
