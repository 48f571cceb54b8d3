"""Content of the committed bundled questionnaire, read back from the xlsx with openpyxl.

The names checked here are the contract in docs/architecture.md ("The bundled questionnaire");
analysis, reports, the demo generator and the GUI rely on them.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from openpyxl import load_workbook

from questionnaires import bundled_form_path
from questionnaires.source.build_mediation_awareness import build_workbook
from survey.form.xlsform import load_form

Record = dict[str, str]
LANGS = ("Kazakh (kk)", "Russian (ru)", "English (en)")
TRANSLATED = ("label", "hint", "constraint_message", "required_message")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile("[\u0400-\u04ff]")
NON_INPUT = {"note", "calculate", "begin_group", "end_group", "begin_repeat", "end_repeat"}

REGIONS = [
    "abai", "akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan", "jambyl",
    "jetisu", "karaganda", "kostanay", "kyzylorda", "mangystau", "north_kazakhstan",
    "pavlodar", "turkistan", "ulytau", "west_kazakhstan", "astana", "almaty", "shymkent",
]
YES_NO_DK = ["yes", "no", "dont_know"]
LIKERT = ["1", "2", "3", "4", "5", "dont_know", "refused"]
#: name -> (type keyword, choice names or None) from docs/architecture.md.
CONTRACT: dict[str, tuple[str, list[str] | None]] = {
    "wave": ("select_one", ["baseline", "followup"]),
    "sampling_point": ("integer", None),
    "consent": ("select_one", ["yes", "no"]),
    "region": ("select_one", REGIONS),
    "settlement": ("select_one", ["urban", "rural"]),
    "sex": ("select_one", ["male", "female"]),
    "age": ("integer", None),
    "age_group": ("calculate", None),
    "heard_mediation": ("select_one", YES_NO_DK),
    "heard_law": ("select_one", YES_NO_DK),
    "knows_where_mediator": ("select_one", YES_NO_DK),
    "used_mediation": ("select_one", YES_NO_DK),
    "campaign_exposed": ("select_one", YES_NO_DK),
    "info_sources": ("select_multiple", None),
    **{name: ("select_one", LIKERT) for name in (
        "trust_mediators", "trust_courts", "use_family", "use_labour", "use_land",
        "support_interethnic", "support_political")},
}


def _records(sheet_name: str) -> list[Record]:
    sheet = load_workbook(bundled_form_path(), read_only=True)[sheet_name]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(row)]


@pytest.fixture(scope="module")
def survey() -> list[Record]:
    return _records("survey")


@pytest.fixture(scope="module")
def choices() -> list[Record]:
    return _records("choices")


@pytest.fixture(scope="module")
def by_name(survey: list[Record]) -> dict[str, Record]:
    return {row["name"]: row for row in survey if row["type"] not in ("end_group", "end group")}


def _list_names(choices: list[Record], list_name: str) -> list[str]:
    return [c["name"] for c in choices if c["list_name"] == list_name]


def _texts(record: Record, column: str) -> list[str]:
    return [record.get(f"{column}::{lang}", "").strip() for lang in LANGS]


def test_committed_xlsx__rebuilt_from_sources__identical_cells() -> None:
    committed = load_workbook(bundled_form_path())
    built = build_workbook()
    assert committed.sheetnames == built.sheetnames
    for name in built.sheetnames:
        want = [[c.value for c in row] for row in built[name].iter_rows()]
        have = [[c.value for c in row] for row in committed[name].iter_rows()]
        assert have == want, f"sheet {name}: rebuild with build_mediation_awareness"


def test_settings__bundled_form__id_version_language_title() -> None:
    (settings,) = _records("settings")
    assert settings["form_id"] == "kelisim_mediation_kz"
    assert re.fullmatch(r"\d{4}\.\d+", settings["version"])
    assert settings["default_language"] == "kk"
    assert "медиация" in settings["form_title"] and "mediation" in settings["form_title"]


def test_translations__every_text_column__present_in_three_languages(
    survey: list[Record], choices: list[Record],
) -> None:
    missing = []
    for row in survey:
        for column in TRANSLATED:
            texts = _texts(row, column)
            needed = column == "label" and row["type"] not in ("calculate", "end_group", "end_repeat")
            if (needed or any(texts)) and not all(texts):
                missing.append((row["name"], column))
    missing += [(c["list_name"], c["name"]) for c in choices if not all(_texts(c, "label"))]
    assert missing == []


def test_translations__kazakh_column__kazakh_not_russian(survey: list[Record]) -> None:
    labelled = [row for row in survey if row["type"] not in ("calculate", "end_group", "end_repeat")]
    kazakh = [_texts(row, "label")[0] for row in labelled]
    with_letters = [text for text in kazakh if KAZAKH_LETTERS & set(text)]
    assert len(with_letters) >= 0.75 * len(kazakh)
    copies = [row["name"] for row in labelled if _texts(row, "label")[0] == _texts(row, "label")[1]]
    assert copies == []


def test_translations__russian_and_english__right_script(
    survey: list[Record], choices: list[Record],
) -> None:
    for record in [*survey, *choices]:
        for column in TRANSLATED:
            _, russian, english = _texts(record, column)
            assert not CYRILLIC.search(english), (record["name"], column, english)
            assert not russian or CYRILLIC.search(russian), (record["name"], column, russian)


def test_items__bundled_form__between_50_and_80(survey: list[Record]) -> None:
    kinds = Counter(row["type"].split()[0] for row in survey)
    inputs = sum(n for kind, n in kinds.items() if kind not in NON_INPUT)
    assert 50 <= inputs <= 80
    assert inputs + kinds["note"] <= 85


def test_contract__fixed_names__present_with_type_and_choices(
    by_name: dict[str, Record], choices: list[Record],
) -> None:
    for name, (kind, names) in CONTRACT.items():
        parts = by_name[name]["type"].split()
        assert parts[0] == kind, name
        if names is not None:
            assert _list_names(choices, parts[1]) == names, name


def test_contract__region_list__twenty_units_with_names_in_three_languages(
    choices: list[Record],
) -> None:
    regions = [c for c in choices if c["list_name"] == "region"]
    assert [c["name"] for c in regions] == REGIONS
    kazakh = {c["name"]: _texts(c, "label")[0] for c in regions}
    assert kazakh["ulytau"] == "Ұлытау облысы"
    assert kazakh["shymkent"] == "Шымкент қаласы"


def test_contract__age_group__calculation_and_age_constraint(by_name: dict[str, Record]) -> None:
    assert by_name["age_group"]["calculation"] == (
        "if(${age} < 45, '18-44', if(${age} < 60, '45-59', '60+'))")
    assert by_name["age"]["constraint"] == ". >= 18 and . <= 100"
    assert all(_texts(by_name["age"], "constraint_message"))


def _top_level_groups(survey: list[Record]) -> list[Record]:
    depth, tops = 0, []
    for row in survey:
        if row["type"] == "begin_group":
            if depth == 0:
                tops.append(row)
            depth += 1
        elif row["type"] == "end_group":
            depth -= 1
    assert depth == 0
    return tops


def test_consent__refusal__every_later_group_irrelevant(
    survey: list[Record], by_name: dict[str, Record],
) -> None:
    groups = _top_level_groups(survey)
    assert groups[0]["name"] == "interviewer"
    interviewer = [r["name"] for r in survey[: survey.index(by_name["consent"])]]
    assert interviewer[1:] == ["wave", "sampling_point", "interview_date", "interviewer_id",
                               "consent_intro"]
    assert len(groups) >= 7
    assert all(g["relevant"] == "${consent} = 'yes'" for g in groups[1:])
    assert by_name["consent_refused"]["type"] == "note"
    assert by_name["consent_refused"]["relevant"] == "${consent} = 'no'"


def test_expressions__references__name_earlier_rows(survey: list[Record]) -> None:
    seen: set[str] = set()
    for row in survey:
        for column in ("relevant", "constraint", "calculation", "choice_filter"):
            for ref in re.findall(r"\$\{([^}]+)\}", row.get(column, "")):
                assert ref in seen, (row["name"], column, ref)
        seen.add(row["name"])


def test_choices__lists__referenced_exist_and_names_unique(
    survey: list[Record], choices: list[Record],
) -> None:
    used = {row["type"].split()[1] for row in survey if row["type"].startswith("select_")}
    defined = {c["list_name"] for c in choices}
    assert used == defined
    pairs = Counter((c["list_name"], c["name"]) for c in choices)
    assert [pair for pair, n in pairs.items() if n > 1] == []


def test_likert__agree5__shared_list_with_likert_appearance(
    survey: list[Record], choices: list[Record],
) -> None:
    likert = [row for row in survey if row["type"] == "select_one agree5"]
    assert len(likert) >= 20
    assert all(row["appearance"] == "likert" for row in likert)
    agree5 = [c for c in choices if c["list_name"] == "agree5"]
    assert [c["name"] for c in agree5] == LIKERT
    assert [c["kelisim_missing"] for c in agree5] == ["", "", "", "", "", "dont_know", "refused"]
    assert _texts(agree5[0], "label")[2] == "Strongly disagree"
    assert _texts(agree5[4], "label")[2] == "Strongly agree"
    batteries = [row for row in survey if row["appearance"] == "field-list"]
    assert len(batteries) >= 3


def test_skip_logic__follow_up_questions__relevant_on_their_filter(
    by_name: dict[str, Record],
) -> None:
    expected = {
        "can_describe": "${heard_mediation} = 'yes'",
        "info_sources": "${heard_mediation} = 'yes'",
        "dispute_kind": "${used_mediation} = 'yes'",
        "outcome": "${used_mediation} = 'yes'",
        "satisfaction": "${used_mediation} = 'yes'",
        "campaign_channels": "${campaign_exposed} = 'yes'",
        "campaign_recall": "${campaign_exposed} = 'yes'",
        "campaign_views": "${campaign_exposed} = 'yes'",
        "law_year": "${heard_law} = 'yes'",
        "ethnicity_other": "${ethnicity} = 'other'",
    }
    assert {name: by_name[name]["relevant"] for name in expected} == expected


def test_required__key_items__required_with_message_in_three_languages(
    by_name: dict[str, Record],
) -> None:
    key = [name for name, (kind, _) in CONTRACT.items() if kind != "calculate"]
    for name in key:
        assert by_name[name]["required"] == "yes", name
        assert all(_texts(by_name[name], "required_message")), name


def test_select_multiple__exclusive_answers__constrained(by_name: dict[str, Record]) -> None:
    assert by_name["barriers_main"]["constraint"] == (
        "not((selected(., 'none') or selected(., 'dont_know') or selected(., 'refused')) and "
        "count-selected(.) > 1)")
    assert "dont_remember" in by_name["campaign_recall"]["constraint"]
    assert "dont_know" in by_name["mediation_areas"]["constraint"]


def test_settlement__choice_filter__cities_offer_only_urban(
    by_name: dict[str, Record], choices: list[Record],
) -> None:
    settlement = {c["name"]: c["in_city"] for c in choices if c["list_name"] == "settlement"}
    assert settlement == {"urban": "yes", "rural": "no"}
    regions_with_filter = [c["name"] for c in choices if c["list_name"] == "region"
                           and f"'{c['name']}'" in by_name["settlement"]["choice_filter"]]
    assert regions_with_filter == ["astana", "almaty", "shymkent"]


@pytest.mark.parametrize(("number", "valid"), [
    ("+77011234567", True), ("87172123456", True), ("+79161234567", False),
    ("+7701123456", False), ("+7 701 123 45 67", False), ("77011234567", False),
])
def test_phone__kazakhstan_pattern__accepts_only_kazakh_numbers(
    by_name: dict[str, Record], number: str, valid: bool,
) -> None:
    match = re.fullmatch(r"regex\(\., '(.+)'\)", by_name["respondent_phone"]["constraint"])
    assert match is not None
    assert bool(re.search(match.group(1), number)) is valid


def test_phone__personal_data__marked_pii_and_optional(by_name: dict[str, Record]) -> None:
    phone = by_name["respondent_phone"]
    assert phone["kelisim::pii"] == "yes"
    assert phone["required"] == ""
    assert [name for name, row in by_name.items() if row.get("kelisim::pii")] == [
        "respondent_phone"]


def test_load_form__bundled_form__loads_without_problems_with_contract_names() -> None:
    form = load_form(bundled_form_path(), repeats=True)
    assert form.form_id == "kelisim_mediation_kz"
    assert form.languages == ("kk", "ru", "en")
    assert form.default_language() == "kk"
    assert set(CONTRACT) <= {q.name for q in form.questions}
    assert [c.name for c in form.question("region").choices] == REGIONS
    assert [q.name for q in form.questions if q.pii] == ["respondent_phone"]
    assert form.question("settlement").choice_filter is not None
    trust_courts = form.question("trust_courts").label
    assert trust_courts.get("kk") == "Мен соттардың дауларды әділ шешетініне сенемін."
    assert form.group("demographics").relevant is not None
    assert [g.name for g in form.groups if g.is_field_list] == [
        "campaign_views", "views_mediation", "would_use", "mediation_society",
        "barrier_statements"]
    assert [g.name for g in form.groups if g.repeat] == ["disputes"]
