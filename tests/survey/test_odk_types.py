"""Question types ODK and KoboToolbox forms bring: metadata, time, datetime, geo, media,
range, rank, hidden, barcode; parameters; randomized choices; computed defaults."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from survey.errors import FormError
from survey.form import QuestionType, load_form
from survey.interview import Interview
from survey.interview.filters import shuffled
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.formbuilder import write_xlsform

YES_NO = [{"list_name": "yn", "name": "yes", "label": "Yes"},
          {"list_name": "yn", "name": "no", "label": "No"}]
LETTERS = [{"list_name": "abc", "name": n, "label": n} for n in "ABCDEF"]
ASTANA = timezone(timedelta(hours=5))


def load(tmp_path: Path, rows: list[dict[str, object]],
         choices: list[dict[str, object]] | None = None,
         settings: dict[str, object] | None = None):
    return load_form(write_xlsform(tmp_path / "odk.xlsx", rows, choices, settings))


def problems(tmp_path: Path, rows: list[dict[str, object]],
             choices: list[dict[str, object]] | None = None) -> list[tuple[str, int | None]]:
    with pytest.raises(FormError) as caught:
        load(tmp_path, rows, choices)
    return [(p.code, p.location.row) for p in caught.value.problems]


@pytest.mark.parametrize(("type_text", "expected"), [
    ("start", QuestionType.START), ("end", QuestionType.END), ("today", QuestionType.TODAY),
    ("deviceid", QuestionType.DEVICEID), ("imei", QuestionType.DEVICEID),
    ("username", QuestionType.USERNAME), ("phonenumber", QuestionType.PHONENUMBER),
    ("email", QuestionType.EMAIL), ("simserial", QuestionType.SIMSERIAL),
    ("subscriberid", QuestionType.SUBSCRIBERID), ("audit", QuestionType.AUDIT),
    ("start-geopoint", QuestionType.START_GEOPOINT), ("hidden", QuestionType.HIDDEN),
])
def test_load_form__rows_without_label__loaded_as_their_type(
        tmp_path: Path, type_text: str, expected: QuestionType) -> None:
    form = load(tmp_path, [{"type": type_text, "name": "m"},
                           {"type": "text", "name": "t", "label": "T"}])
    assert form.question("m").type is expected
    assert not expected.takes_input


@pytest.mark.parametrize(("type_text", "expected"), [
    ("time", QuestionType.TIME), ("datetime", QuestionType.DATETIME),
    ("geopoint", QuestionType.GEOPOINT), ("gps", QuestionType.GEOPOINT),
    ("geotrace", QuestionType.GEOTRACE), ("geoshape", QuestionType.GEOSHAPE),
    ("image", QuestionType.IMAGE), ("photo", QuestionType.IMAGE),
    ("audio", QuestionType.AUDIO), ("video", QuestionType.VIDEO), ("file", QuestionType.FILE),
    ("barcode", QuestionType.BARCODE), ("range", QuestionType.RANGE),
    ("rank abc", QuestionType.RANK),
])
def test_load_form__input_types__loaded(tmp_path: Path, type_text: str,
                                        expected: QuestionType) -> None:
    form = load(tmp_path, [{"type": type_text, "name": "q", "label": "Q"}], LETTERS)
    assert form.question("q").type is expected


def test_metadata__session__start_today_device_and_interviewer_stored_end_on_finish(
        tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "meta.xlsx", [
        {"type": "start", "name": "started"}, {"type": "end", "name": "ended"},
        {"type": "today", "name": "day"}, {"type": "deviceid", "name": "device"},
        {"type": "username", "name": "who"}, {"type": "phonenumber", "name": "phone"},
        {"type": "audit", "name": "meta_audit"},
        {"type": "text", "name": "t", "label": "T"},
        {"type": "calculate", "name": "same_day", "calculation": "${day} = today()"},
    ], None, {"form_id": "meta"})
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(load_form(path), path.read_bytes())
        uuid = store.start_interview("meta", "", interviewer="Aigerim")
        session = InterviewSession(store, uuid)
        stored = store.answers(uuid)
        record = store.interview(uuid)
        assert stored["device"] == store.device_id
        assert stored["who"] == "Aigerim"
        assert stored["day"] == record.started_at.astimezone().date()
        started = datetime.fromisoformat(str(stored["started"]))
        assert abs(started - record.started_at) < timedelta(seconds=1)
        assert "ended" not in stored and "phone" not in stored and "meta_audit" not in stored
        assert [q.name for q in session.visible_questions()] == ["t"]
        session.answer("t", "x")
        session.finish()
        stored = store.answers(uuid)
        assert datetime.fromisoformat(str(stored["ended"])) >= started
        assert stored["same_day"] == "true"


def test_metadata__reading_an_interview_again__values_kept(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "start", "name": "s"}, {"type": "text", "name": "t",
                                                              "label": "T"}])
    later = Interview(form, {"s": "2024-01-31T10:30:00.000+05:00"})
    assert later.fill({"s": "2025-01-01T00:00:00.000+05:00"}) == []
    assert later.value("s") == "2024-01-31T10:30:00.000+05:00"


@pytest.mark.parametrize(("value", "expected"), [
    ("14:30", "14:30:00.000"), ("9:05:07", "09:05:07.000"),
    ("14:30:00.000+05:00", "14:30:00.000+05:00"), ("23:59:59Z", "23:59:59.000+00:00"),
])
def test_time__typed_values__odk_text(tmp_path: Path, value: str, expected: str) -> None:
    iv = Interview(load(tmp_path, [{"type": "time", "name": "q", "label": "Q"}]))
    assert iv.set_answer("q", value).ok
    assert iv.value("q") == expected


@pytest.mark.parametrize("value", ["24:00", "14:60", "noon", "14"])
def test_time__not_a_time__refused(tmp_path: Path, value: str) -> None:
    iv = Interview(load(tmp_path, [{"type": "time", "name": "q", "label": "Q"}]))
    assert iv.set_answer("q", value).code == "type.time"


def test_datetime__typed_and_aware_values__odk_text(tmp_path: Path) -> None:
    iv = Interview(load(tmp_path, [{"type": "datetime", "name": "q", "label": "Q"}]))
    assert iv.set_answer("q", "2024-02-29 08:15").ok
    assert iv.value("q") == "2024-02-29T08:15:00.000"
    assert iv.set_answer("q", datetime(2024, 3, 1, 9, 0, tzinfo=ASTANA)).ok
    assert iv.value("q") == "2024-03-01T09:00:00.000+05:00"
    assert iv.set_answer("q", "2023-02-29 08:15").code == "type.datetime"


@pytest.mark.parametrize(("value", "expected"), [
    ("51.1605 71.4704", "51.1605 71.4704 0 0"),
    ("51.1605, 71.4704, 350, 4.5", "51.1605 71.4704 350 4.5"),
    ("-33.9 18.4 12", "-33.9 18.4 12 0"),
])
def test_geopoint__typed_coordinates__odk_text(tmp_path: Path, value: str,
                                                expected: str) -> None:
    iv = Interview(load(tmp_path, [{"type": "geopoint", "name": "q", "label": "Q"}]))
    assert iv.set_answer("q", value).ok
    assert iv.value("q") == expected


@pytest.mark.parametrize("value", ["91 10", "10 181", "10", "10 20 30 -1", "north east"])
def test_geopoint__outside_the_globe_or_not_numbers__refused(tmp_path: Path, value: str) -> None:
    iv = Interview(load(tmp_path, [{"type": "geopoint", "name": "q", "label": "Q"}]))
    assert iv.set_answer("q", value).code == "type.geopoint"


def test_geotrace_and_geoshape__lists_of_points__shape_closed(tmp_path: Path) -> None:
    iv = Interview(load(tmp_path, [{"type": "geotrace", "name": "line", "label": "L"},
                                   {"type": "geoshape", "name": "area", "label": "A"}]))
    assert iv.set_answer("line", "1 2").code == "type.geotrace"
    assert iv.set_answer("line", "1 2; 3 4").ok
    assert iv.value("line") == "1 2 0 0;3 4 0 0"
    assert iv.set_answer("area", "1 2;3 4;1 2").code == "type.geoshape"
    assert iv.set_answer("area", "1 2;3 4;5 6").ok
    assert iv.value("area") == "1 2 0 0;3 4 0 0;5 6 0 0;1 2 0 0"


def test_range__parameters__whole_or_decimal_steps_and_limits(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "range", "name": "r", "label": "R", "parameters": "start=0 end=10 step=2"},
        {"type": "range", "name": "d", "label": "D", "parameters": "start=1;end=2;step=0.25"},
    ])
    iv = Interview(form)
    assert iv.set_answer("r", "4").ok and iv.value("r") == 4
    assert iv.set_answer("r", "5").code == "range"
    assert iv.set_answer("r", "12").code == "range"
    assert iv.set_answer("d", "1.75").ok and iv.value("d") == 1.75
    assert iv.set_answer("d", "1.3").code == "range"


@pytest.mark.parametrize(("parameters", "code"), [
    ("step=0", "form.bad_parameter"), ("start=a", "form.bad_parameter"),
    ("start=1 ende=5", "form.unknown_parameter"), ("start 1", "form.bad_parameters"),
])
def test_range__bad_parameters__refused_at_the_cell(tmp_path: Path, parameters: str,
                                                    code: str) -> None:
    assert problems(tmp_path, [{"type": "range", "name": "r", "label": "R",
                                "parameters": parameters}]) == [(code, 2)]


def test_rank__every_option_in_order__kept_in_that_order(tmp_path: Path) -> None:
    iv = Interview(load(tmp_path, [{"type": "rank abc", "name": "q", "label": "Q"}], LETTERS))
    assert iv.set_answer("q", ("B", "A", "C")).code == "rank.incomplete"
    assert iv.set_answer("q", "F E D C B A").ok
    assert iv.value("q") == ("F", "E", "D", "C", "B", "A")


@pytest.mark.parametrize(("seed", "order"), [
    # Enketo's own expectations for randomize() over six nodes A..F.
    ("42", "AFCBDE"), ("-42", "EDAFBC"), ("1", "BFEACD"), ("11111111", "ACDBFE"),
])
def test_randomize__seed__same_order_as_odk(tmp_path: Path, seed: str, order: str) -> None:
    form = load(tmp_path, [{"type": "select_one abc", "name": "q", "label": "Q",
                            "parameters": f"randomize=true seed={seed}"}], LETTERS)
    assert "".join(c.name for c in Interview(form).available_choices("q")) == order


def test_randomize__seed_from_a_question__follows_its_value(tmp_path: Path) -> None:
    form = load(tmp_path, [{"type": "integer", "name": "s", "label": "S"},
                           {"type": "select_one abc", "name": "q", "label": "Q",
                            "parameters": "randomize=true seed=${s}"}], LETTERS)
    iv = Interview(form)
    iv.set_answer("s", 42)
    assert "".join(c.name for c in iv.available_choices("q")) == "AFCBDE"
    assert shuffled(form.question("q").choices, 1)[0].name == "B"


def test_seed_without_randomize__refused(tmp_path: Path) -> None:
    assert problems(tmp_path, [{"type": "select_one yn", "name": "q", "label": "Q",
                                "parameters": "seed=3"}], YES_NO) == [
        ("form.bad_parameter.seed", 2)]


def test_default__computed_from_an_answer__applied_once_when_shown(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "integer", "name": "age", "label": "Age"},
        {"type": "integer", "name": "next", "label": "Next", "default": "${age} + 1",
         "relevant": "${age} > 0"},
        {"type": "date", "name": "d", "label": "D", "default": "today()"},
    ])
    now = datetime(2024, 5, 1, 12, 0, tzinfo=ASTANA)
    iv = Interview(form, now=lambda: now)
    assert iv.value("d") == date(2024, 5, 1)
    iv.set_answer("age", 30)
    assert iv.value("next") == 31
    iv.set_answer("age", 40)
    assert iv.value("next") == 31


def test_hidden_and_note_with_calculation__values_computed_not_shown(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "integer", "name": "a", "label": "A"},
        {"type": "hidden", "name": "h", "default": "fixed"},
        {"type": "note", "name": "n", "label": "Sum ${s}", "calculation": "${a} * 2"},
        {"type": "calculate", "name": "s", "calculation": "${a} + 1"},
    ])
    iv = Interview(form)
    iv.set_answer("a", 4)
    assert iv.value("n") == "8"
    assert [q.name for q in iv.visible_questions()] == ["a", "n"]


def test_group__read_only_makes_inside_read_only_required_accepted(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "begin_group", "name": "g", "label": "G", "read_only": "yes",
         "required": "yes"},
        {"type": "text", "name": "t", "label": "T"},
        {"type": "end_group"},
        {"type": "note", "name": "n", "label": "N", "required": "yes"},
    ])
    assert form.question("t").read_only
    assert Interview(form).missing_required() == []


def test_media__file_name_answer__no_folders(tmp_path: Path) -> None:
    iv = Interview(load(tmp_path, [{"type": "image", "name": "p", "label": "P"}]))
    assert iv.set_answer("p", "photo 1.jpg").ok
    assert iv.set_answer("p", "../etc/passwd").code == "type.file"


def test_odk_functions__choice_name_join_decimal_date_time_curly_quotes(tmp_path: Path) -> None:
    form = load(tmp_path, [
        {"type": "select_one yn", "name": "q", "label": "Q"},
        {"type": "calculate", "name": "label", "calculation": "jr:choice-name(${q}, '${q}')"},
        {"type": "calculate", "name": "both", "calculation": "join('-', ${q}, ${label})"},
        {"type": "calculate", "name": "days",
         "calculation": "decimal-date-time('2024-01-31T12:00:00')"},
        {"type": "text", "name": "t", "label": "T", "relevant": "selected(${q}, \u2018yes\u2019)"},
    ], YES_NO)
    iv = Interview(form)
    iv.set_answer("q", "yes")
    assert iv.value("label") == "Yes"
    assert iv.value("both") == "yes-Yes"
    assert iv.value("days") == "19753.5"
    assert iv.is_relevant("t")


@pytest.mark.parametrize(("expression", "expected"), [
    ("digest('abc', 'SHA-256', 'hex')",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("digest('abc', 'MD5')", "kAFQmDzST7DWlj99KOF/cg=="),
    ("digest('abc', 'sha-3')", ""),
])
def test_digest__xforms_algorithms_and_encodings(expression: str, expected: str) -> None:
    from survey.expressions import EvalContext, parse

    assert parse(expression).evaluate(EvalContext(values={})) == expected
