"""The committed bundled questionnaire converts cleanly with pyxform, ODK's own converter.

If pyxform accepts the workbook without warnings, the same file runs on ODK Collect, Enketo and
KoboToolbox phones.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from pyxform.xls2xform import ConvertResult, convert

from questionnaires import bundled_form_path

XF = "{http://www.w3.org/2002/xforms}"
LANGUAGE_NAMES = {"Kazakh (kk)", "Russian (ru)", "English (en)"}


@pytest.fixture(scope="module")
def converted() -> ConvertResult:
    warnings: list[str] = []
    result = convert(str(bundled_form_path()), warnings=warnings)
    assert warnings == []
    return result


@pytest.fixture(scope="module")
def model(converted: ConvertResult) -> ET.Element:
    found = ET.fromstring(converted.xform).find(f".//{XF}model")
    assert found is not None
    return found


def test_bundled_form__pyxform_convert__no_warnings(converted: ConvertResult) -> None:
    assert converted.warnings == []
    assert 'id="kelisim_mediation_kz"' in converted.xform
    assert 'version="2026.3"' in converted.xform


def test_bundled_form__pyxform_translations__same_texts_in_three_languages(
    model: ET.Element,
) -> None:
    translations = model.findall(f"{XF}itext/{XF}translation")
    ids = {t.get("lang"): {text.get("id") for text in t.findall(f"{XF}text")} for t in translations}
    assert set(ids) == LANGUAGE_NAMES
    kazakh = ids["Kazakh (kk)"]
    assert len(kazakh) > 200
    assert ids["Russian (ru)"] == kazakh
    assert ids["English (en)"] == kazakh


def test_bundled_form__pyxform_binds__groups_after_consent_need_consent(
    model: ET.Element,
) -> None:
    binds = {b.get("nodeset"): b for b in model.findall(f"{XF}bind")}
    top_groups = ["demographics", "awareness", "campaign", "knowledge", "experience",
                  "attitudes", "barriers", "closing"]
    for group in top_groups:
        relevant = binds[f"/data/{group}"].get("relevant") or ""
        assert relevant.split() == ["/data/interviewer/consent", "=", "'yes'"], group


def test_bundled_form__pyxform_binds__constraints_and_calculation_kept(
    model: ET.Element,
) -> None:
    binds = {b.get("nodeset"): b for b in model.findall(f"{XF}bind")}
    assert binds["/data/demographics/age"].get("type") == "int"
    assert binds["/data/demographics/age"].get("constraint") == ". >= 18 and . <= 100"
    assert binds["/data/interviewer/sampling_point"].get("constraint") == ". >= 1 and . <= 9999"
    calculation = binds["/data/demographics/age_group"].get("calculate") or ""
    assert "'18-44'" in calculation and "'60+'" in calculation
    phone = binds["/data/closing/respondent_phone"]
    assert phone.get("required") in (None, "false()")
    assert (phone.get("constraint") or "").startswith("regex(")


def test_bundled_form__pyxform_settlement__filtered_by_in_city_column(
    converted: ConvertResult,
) -> None:
    root = ET.fromstring(converted.xform)
    itemsets = [i.get("nodeset") or "" for i in root.iter(f"{XF}itemset")]
    settlement = [n for n in itemsets if n.startswith("instance('settlement')")]
    assert len(settlement) == 1
    assert "in_city = 'yes'" in settlement[0]
    for city in ("astana", "almaty", "shymkent"):
        assert f"'{city}'" in settlement[0]
