"""Files that come with a form: choices from csv/xml/GeoJSON, the external_choices sheet,
search() as a plain filter, pulldata(); kept in the store with the form."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.errors import FormError
from survey.form import load_form
from survey.interview import Interview
from survey.messages import render
from survey.store import Store
from tests.formbuilder import write_xlsform

CITIES_CSV = "name,label,label::Russian (ru),region\nast,Astana,Астана,north\nalm,Almaty,Алматы,south\nshy,Shymkent,Шымкент,south\n"
CITIES_XML = "<root><item><name>ast</name><label>Astana</label></item><item><name>alm</name><label>Almaty</label></item></root>"


def test_select_from_csv_file__choices_with_translations_and_filter_columns(tmp_path: Path) -> None:
    (tmp_path / "cities.csv").write_text(CITIES_CSV, encoding="utf-8")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "r", "label": "Region"},
        {"type": "select_one_from_file cities.csv", "name": "city", "label": "City",
         "choice_filter": "region = ${r}"}])
    form = load_form(path)
    iv = Interview(form, {"r": "south"})
    assert [c.name for c in iv.available_choices("city")] == ["alm", "shy"]
    iv.language = "ru"
    assert iv.choice_text(form.question("city").choices[0]) == "Астана"


def test_select_from_xml_file_in_media_folder(tmp_path: Path) -> None:
    (tmp_path / "f-media").mkdir()
    (tmp_path / "f-media" / "cities.xml").write_text(CITIES_XML, encoding="utf-8")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_multiple_from_file cities.xml", "name": "city", "label": "City"}])
    assert [c.name for c in load_form(path).question("city").choices] == ["ast", "alm"]


def test_missing_file__refused_naming_the_file_and_cell(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one_from_file cities.csv", "name": "city", "label": "City"},
        {"type": "calculate", "name": "p", "calculation": "pulldata('prices', 'p', 'k', 'x')"}])
    with pytest.raises(FormError) as caught:
        load_form(path)
    found = [(p.code, p.location.row, p.location.column, p.fields["file"])
             for p in caught.value.problems]
    assert found == [("form.missing_file", 2, "type", "cities.csv"),
                     ("form.missing_file", 3, "calculation", "prices.csv")]
    assert "prices.csv" in render(caught.value.problems[1], "kk")


def test_pulldata__value_from_csv_by_key(tmp_path: Path) -> None:
    (tmp_path / "fruits.csv").write_text("name_key,name,price\nmango,Mango,120\nfig,Fig,90\n",
                                         encoding="utf-8")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "k", "label": "K"},
        {"type": "calculate", "name": "price",
         "calculation": "pulldata('fruits', 'price', 'name_key', ${k})"}])
    iv = Interview(load_form(path))
    iv.set_answer("k", "fig")
    assert iv.value("price") == "90"
    iv.set_answer("k", "kiwi")
    assert iv.value("price") == ""


def test_search_plain_filter__choices_from_csv_filtered(tmp_path: Path) -> None:
    (tmp_path / "cities.csv").write_text(CITIES_CSV, encoding="utf-8")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "r", "label": "Region"},
        {"type": "select_one c", "name": "city", "label": "City",
         "appearance": "search('cities', 'matches', 'region', ${r})"}],
        [{"list_name": "c", "name": "name", "label": "label"}])
    iv = Interview(load_form(path), {"r": "north"})
    assert [c.name for c in iv.available_choices("city")] == ["ast"]


def test_search_over_several_columns__refused_by_name(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one c", "name": "city", "label": "City",
         "appearance": "search('cities', 'contains', 'a b', concat('x', 'y'))"}],
        [{"list_name": "c", "name": "name", "label": "label"}])
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert [p.code for p in caught.value.problems] == ["form.unsupported_appearance"]


def test_external_choices_sheet__select_one_external_with_filter(tmp_path: Path) -> None:
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one s", "name": "state", "label": "State"},
        {"type": "select_one_external counties", "name": "county", "label": "County",
         "choice_filter": "state = ${state}"}],
        [{"list_name": "s", "name": "a", "label": "A"}, {"list_name": "s", "name": "b", "label": "B"}],
        extra_sheets={"external_choices": [
            {"list_name": "counties", "name": "x", "label": "X", "state": "a"},
            {"list_name": "counties", "name": "y", "label": "Y", "state": "b"}]})
    iv = Interview(load_form(path), {"state": "b"})
    assert [c.name for c in iv.available_choices("county")] == ["y"]


def test_external_choices_sheet__same_name_under_two_filter_values__accepted(
        tmp_path: Path) -> None:
    # pyxform checks choice names on the choices sheet only; a cascading external list names
    # a county 'king' in two states, and the filter leaves one of them.
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one s", "name": "state", "label": "State"},
        {"type": "select_one_external counties", "name": "county", "label": "County",
         "choice_filter": "state = ${state}"}],
        [{"list_name": "s", "name": "tx", "label": "Texas"},
         {"list_name": "s", "name": "wa", "label": "Washington"}],
        extra_sheets={"external_choices": [
            {"list_name": "counties", "name": "king", "label": "King", "state": "wa"},
            {"list_name": "counties", "name": "pierce", "label": "Pierce", "state": "wa"},
            {"list_name": "counties", "name": "king", "label": "King (TX)", "state": "tx"}]})
    form = load_form(path)
    iv = Interview(form, {"state": "tx"})
    assert [(c.name, c.label.get()) for c in iv.available_choices("county")] == [
        ("king", "King (TX)")]
    assert [c.name for c in Interview(form, {"state": "wa"}).available_choices("county")] == [
        "king", "pierce"]


def test_store__files_kept_with_the_form(tmp_path: Path) -> None:
    (tmp_path / "fruits.csv").write_text("k,v\na,1\n", encoding="utf-8")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "calculate", "name": "v", "calculation": "pulldata('fruits', 'v', 'k', 'a')"}],
        None, {"form_id": "withfiles"})
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(load_form(path), path.read_bytes())
    (tmp_path / "fruits.csv").unlink()
    with Store.open(tmp_path / "s.db") as store:
        form = store.load_form("withfiles", "")
    assert [f.name for f in form.files] == ["fruits.csv"]
    assert Interview(form).value("v") == "1"


def test_label_image__per_language_file_kept_with_the_form(tmp_path: Path) -> None:
    from survey.interview.session import InterviewSession

    (tmp_path / "house.png").write_bytes(b"\x89PNG house")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "t", "label::English (en)": "Your house",
         "media::image::English (en)": "house.png"},
        {"type": "text", "name": "u", "label::English (en)": "Roof",
         "media::image::English (en)": "roof.png"}], None, {"form_id": "pictures"})
    form = load_form(path)
    assert form.question("t").image.get("en") == "house.png"
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(form, path.read_bytes())
        session = InterviewSession(store, store.start_interview("pictures", "", interviewer="A"))
        assert session.label_image(session.form.question("t")) == ("house.png", b"\x89PNG house")
        assert session.label_image(session.form.question("u")) == ("roof.png", None)


def test_pulldata_and_choice_name__in_relevance_and_constraints_too(tmp_path: Path) -> None:
    (tmp_path / "limits.csv").write_text("k,max\nage,99\n", encoding="utf-8")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one yn", "name": "q", "label": "Q"},
        {"type": "integer", "name": "age", "label": "Age",
         "relevant": "jr:choice-name(${q}, '${q}') = 'Yes'",
         "constraint": ". <= pulldata('limits', 'max', 'k', 'age')"}],
        [{"list_name": "yn", "name": "y", "label": "Yes"},
         {"list_name": "yn", "name": "n", "label": "No"}])
    iv = Interview(load_form(path))
    iv.set_answer("q", "y")
    assert iv.is_relevant("age")
    assert iv.set_answer("age", 120).code == "constraint"
    assert iv.set_answer("age", 40).ok


def test_label_audio__per_language_file_kept_with_the_form(tmp_path: Path) -> None:
    from survey.interview.session import InterviewSession

    (tmp_path / "ask.m4a").write_bytes(b"m4a question")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "text", "name": "t", "label::English (en)": "Item bought",
         "media::audio::English (en)": "ask.m4a"},
        {"type": "text", "name": "u", "label::English (en)": "Shop", "audio": "shop.m4a"},
        {"type": "text", "name": "v", "label::English (en)": "Price"}],
        None, {"form_id": "recordings"})
    form = load_form(path)
    assert [f.name for f in form.files] == ["ask.m4a"]
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(form, path.read_bytes())
        (tmp_path / "ask.m4a").unlink()
        session = InterviewSession(store, store.start_interview("recordings", "",
                                                                interviewer="A"))
        assert session.label_audio(session.form.question("t")) == ("ask.m4a", b"m4a question")
        assert session.label_audio(session.form.question("u")) == ("shop.m4a", None)
        assert session.label_audio(session.form.question("v")) == ("", None)


def test_choice_image__per_language_file_kept_with_the_form(tmp_path: Path) -> None:
    from survey.interview.session import InterviewSession

    (tmp_path / "cow.png").write_bytes(b"\x89PNG cow")
    (tmp_path / "sheep.png").write_bytes(b"\x89PNG sheep")
    path = write_xlsform(tmp_path / "f.xlsx", [
        {"type": "select_one animal", "name": "a", "label::English (en)": "Animal"}],
        [{"list_name": "animal", "name": "cow", "label::English (en)": "Cow",
          "media::image::English (en)": "cow.png"},
         {"list_name": "animal", "name": "sheep", "label::English (en)": "Sheep",
          "image": "sheep.png"},
         {"list_name": "animal", "name": "goat", "label::English (en)": "Goat",
          "image": "goat.png"},
         {"list_name": "animal", "name": "horse", "label::English (en)": "Horse"}],
        {"form_id": "animals"})
    form = load_form(path)
    assert [f.name for f in form.files] == ["cow.png", "sheep.png"]
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(form, path.read_bytes())
        session = InterviewSession(store, store.start_interview("animals", "", interviewer="A"))
        cow, sheep, goat, horse = session.form.question("a").choices
        assert session.choice_image(cow) == ("cow.png", b"\x89PNG cow")
        assert session.choice_image(sheep) == ("sheep.png", b"\x89PNG sheep")
        assert session.choice_image(goat) == ("goat.png", None)
        assert session.choice_image(horse) == ("", None)
