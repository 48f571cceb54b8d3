"""Bundled Kazakhstan margins: codes, sums, derivations and scaling."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis import margins as m
from analysis.errors import RakingError

ROOT = Path(__file__).resolve().parents[2]


def _questionnaire_choices(list_name: str) -> list[str]:
    book = openpyxl.load_workbook(ROOT / "questionnaires" / "mediation_awareness.xlsx",
                                  read_only=True)
    return [row[1] for row in book["choices"].iter_rows(values_only=True) if row[0] == list_name]


def test_region_margin__codes__are_the_questionnaire_region_choices() -> None:
    assert list(m.population_counts("region").index) == _questionnaire_choices("region")
    assert list(m.REGION_CODES) == _questionnaire_choices("region")


def test_region_margin__units__sum_to_the_national_settlement_and_sex_totals() -> None:
    regions = m.regional_table()
    assert (regions["urban"] + regions["rural"] == regions["population"]).all()
    national = m.population_counts("sex").sum()
    assert regions["population"].sum() == national
    assert m.population_counts("settlement").sum() == national
    assert m.population_counts("settlement")["urban"] == regions["urban"].sum()


def test_margins__categories__match_questionnaire_codes() -> None:
    assert set(m.population_counts("sex").index) == set(_questionnaire_choices("sex"))
    assert set(m.population_counts("settlement").index) == set(_questionnaire_choices("settlement"))
    assert list(m.population_counts("age_group").index) == ["18-44", "45-59", "60+"]


def test_age_margin__computed_bands__equal_male_plus_female_rows() -> None:
    table = m.national_table().set_index(["dimension", "category"])["population"]
    for band in ("18-44", "45-59"):
        assert table[("age_group", band)] == (table[("sex_age", f"male:{band}")]
                                              + table[("sex_age", f"female:{band}")])


def test_age_margin__derived_60_plus__follows_its_written_derivation() -> None:
    table = m.national_table().set_index(["dimension", "category"])
    row = table.loc[("age_group", "60+")]
    assert row["status"] == "derived"
    pop = table["population"]
    read_parts = (pop[("sex_age", "male:60-74")] + pop[("sex_age", "male:75+")]
                  + pop[("sex_age", "female:60-74")])
    female_75 = row["population"] - read_parts
    assert f"+ {female_75};" in row["derivation"]  # the derived female 75+ figure is written
    female_read = sum(pop[("sex_age", f"female:{b}")] for b in ("0-17", "18-44", "45-59", "60-74"))
    female_total = female_read + female_75
    assert f"({female_total} = 0-14" in row["derivation"]


def test_missing_figures__female_75_plus__stay_empty_and_refuse_use() -> None:
    table = m.national_table().set_index(["dimension", "category"])
    assert table.loc[("sex_age", "female:75+"), "status"] == "missing"
    assert pd.isna(table.loc[("sex_age", "female:75+"), "population"])
    with pytest.raises(RakingError) as err:
        m.population_counts("age_band_source")
    assert err.value.code == "analysis.raking.missing_figure"


def test_margin__proportions_and_scaling__sum_to_one_and_to_total() -> None:
    shares = m.margin("region", proportions=True)
    assert shares.sum() == pytest.approx(1.0)
    scaled = m.margin("age_group", total=5000.0)
    assert scaled.sum() == pytest.approx(5000.0)
    counts = m.population_counts("age_group")
    assert scaled["60+"] == pytest.approx(5000.0 * counts["60+"] / counts.sum())
    together = m.bundled_margins(total=1234.0)
    assert set(together) == set(m.DIMENSIONS)
    assert all(s.sum() == pytest.approx(1234.0) for s in together.values())


def test_margin__bad_requests__raise_with_codes() -> None:
    with pytest.raises(RakingError) as err:
        m.margin("religion")
    assert err.value.code == "analysis.raking.unknown_margin"
    with pytest.raises(RakingError):
        m.margin("sex", total=0.0)
    with pytest.raises(RakingError):
        m.margin("sex", total=10.0, proportions=True)


def test_source_of__every_margin__names_source_and_date() -> None:
    region = m.source_of("region")
    assert "Bureau of National Statistics" in region.source and region.reference_date == "2023-01-01"
    age = m.source_of("age_group")
    assert "sarbaz.kz" in age.source and any("derived" in note for note in age.notes)


def test_margins_module__reads_only_bundled_files() -> None:
    source = (ROOT / "analysis" / "margins.py").read_text(encoding="utf-8")
    assert "/work/" not in source
    assert (ROOT / "analysis" / "data" / "README.md").exists()
