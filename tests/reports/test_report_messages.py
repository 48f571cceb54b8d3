"""Report errors are messages (code, fields, file) rendered in the report's language at the edge."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main as kelisim
from reports.api import build_report
from reports.codes import ReportCode, SpecCode
from reports.errors import ReportError, SpecError
from reports.spec import ReportSpec, load_spec
from survey.messages import Location, render
from survey.store.codes import StoreCode


def test_report_command__damaged_database__russian_store_message_with_code(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "r.db"
    db.write_text("not a database " * 100)

    code = kelisim(["report", "--db", str(db), "--xlsx", str(tmp_path / "r.xlsx"), "--lang", "ru",
                    "--quiet"])

    assert code == 1
    assert capsys.readouterr().err == (
        f"kelisim report: {db}: Файл повреждён или не является базой данных (это не файл "
        "SQLite). Восстановите его из резервной копии или скопируйте заново с ноутбука. "
        "[store.corrupt]\n")


def test_report_command__same_output__kazakh_from_kelisim_lang(
        demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KELISIM_LANG", "kk")
    out = tmp_path / "report.out"

    code = kelisim(["report", "--db", str(demo_db), "--xlsx", str(out), "--pdf", str(out),
                    "--quiet"])

    assert code == 1
    assert capsys.readouterr().err == (
        f"kelisim report: {out}: Бұл файл Excel есебіне де, PDF есебіне де таңдалған. "
        "Әрқайсысына өз файлын беріңіз. [report.same_output]\n")


def test_report_command__nothing_to_write__english_by_default(
        demo_db: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KELISIM_LANG", raising=False)
    assert kelisim(["report", "--db", str(demo_db)]) == 2
    assert capsys.readouterr().err == (
        "kelisim report: Nothing to write: give --xlsx and/or --pdf. [report.nothing_to_write]\n")


def test_build_report__foreign_sqlite_file__the_store_message_itself(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()

    with pytest.raises(ReportError) as caught:
        build_report(db, spec=ReportSpec(), xlsx=tmp_path / "r.xlsx")

    assert caught.value.messages == (StoreCode.NOT_KELISIM.message(Location(file=str(db))),)
    assert caught.value.code == "store.not_kelisim"


def test_build_report__missing_database_and_unknown_wave__codes_and_fields(
        demo_db: Path, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as missing:
        build_report(tmp_path / "none.db", spec=ReportSpec())
    with pytest.raises(ReportError) as wave:
        build_report(demo_db, spec=ReportSpec(wave="wave3"))

    assert missing.value.message == ReportCode.NO_DATABASE.message(
        Location(file=str(tmp_path / "none.db")))
    assert wave.value.message == ReportCode.UNKNOWN_WAVE.message(
        wave="wave3", waves=["baseline", "followup"])
    assert render(wave.value.message, "ru") == (
        "У волны «wave3» нет интервью в данных (имеющиеся волны: baseline, followup). "
        "Выберите одну из них.")


@pytest.mark.slow
def test_build_report__no_drafts__no_interviews_with_the_form_and_status(tmp_path: Path) -> None:
    from survey.demo import DemoOptions, fill_database
    from survey.store import Store

    db = tmp_path / "complete-only.db"
    with Store.open(db) as store:
        fill_database(store, DemoOptions(interviews=20, seed=2, draft_share=0.0, paradata=False))
        form_id = store.forms()[0].form_id

    with pytest.raises(ReportError) as caught:
        build_report(db, spec=ReportSpec(status="draft"))

    reason = ReportCode.NONE_OF_FORM.message(form=form_id, status="draft")
    assert caught.value.message == ReportCode.NO_INTERVIEWS.message(Location(file=str(db)),
                                                                    reason=reason)
    assert render(caught.value.message, "kk") == (
        f"{db}: «{form_id}» сауалнамасының таңдалған күйдегі (draft) есепке алынатын сұхбаттары "
        "жоқ. Бірнеше сұхбатты аяқтаңыз немесе «all» күйін таңдаңыз.")


@pytest.mark.parametrize(("options", "problem"), [
    ({"language": "de"}, SpecCode.NOT_ONE_OF.message(option="language", value="de",
                                                     allowed=["kk", "ru", "en"])),
    ({"confidence": 1.5}, SpecCode.BAD_CONFIDENCE.message(value=1.5)),
    ({"indicators": []}, SpecCode.NO_INDICATOR.message()),
    ({"breakdowns": "sex"}, SpecCode.NOT_A_LIST.message(option="breakdowns")),
])
def test_spec_file__bad_value__the_problem_as_a_nested_message_at_the_file(
        tmp_path: Path, options: dict[str, object], problem: object) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(options), encoding="utf-8")

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    assert caught.value.message == SpecCode.BAD_VALUE.message(Location(file=str(path)),
                                                              problem=problem)


def test_spec_file__wrong_type__python_words_only_in_the_detail_field(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({"confidence": "high"}), encoding="utf-8")

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    problem = caught.value.message.fields["problem"]
    assert getattr(problem, "code", None) == "report.spec.bad_value.wrong_type"
    assert render(caught.value.message, "kk").startswith(
        f"{path}: Есептің бір баптауы жарамсыз (")


def test_spec_file__unknown_option__russian_names_file_and_option(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({"colour": "red"}), encoding="utf-8")

    with pytest.raises(SpecError) as caught:
        load_spec(path)

    message = caught.value.message
    assert (message.code, message.location, message.fields["name"]) == (
        "report.spec.unknown_option", Location(file=str(path)), "colour")
    assert render(message, "ru").startswith(
        f"{path}: В параметрах отчёта есть неизвестный параметр «colour». Известные параметры: "
        "adjustment, breakdowns, campaign_design, confidence,")


def test_spec_file__not_json_or_not_an_object__unreadable_with_the_reason(tmp_path: Path) -> None:
    text, array = tmp_path / "a.json", tmp_path / "b.json"
    text.write_text("language: kk", encoding="utf-8")
    array.write_text("[1, 2]", encoding="utf-8")

    with pytest.raises(SpecError) as not_json:
        load_spec(text)
    with pytest.raises(SpecError) as not_object:
        load_spec(array)

    assert getattr(not_json.value.message.fields["problem"], "code", None) == \
        "report.spec.unreadable.json"
    assert not_object.value.message == SpecCode.UNREADABLE.message(
        Location(file=str(array)), problem=SpecCode.NOT_AN_OBJECT.message())
