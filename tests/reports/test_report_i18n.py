"""Every report string has Kazakh and Russian translations; charts cover every region."""

from __future__ import annotations

from analysis.margins import REGION_CODES
from reports import formatting as fmt
from reports.charts import TILES
from survey.i18n import catalog, missing_translations


def test_reports_catalog__kazakh_and_russian__complete():
    assert missing_translations("reports") == {"kk": [], "ru": []}
    assert len(catalog("reports", "kk")) > 100


def test_reports_catalog__kazakh__uses_kazakh_letters():
    text = " ".join(catalog("reports", "kk").values())
    assert all(letter in text for letter in "әғқңөұүі")


def test_tile_map__every_region__has_its_own_tile():
    assert set(TILES) == set(REGION_CODES)
    assert len(set(TILES.values())) == len(REGION_CODES)


def test_formatting__kazakh_and_russian__decimal_comma():
    assert fmt.percent(0.4567, "kk") == "45,7%"
    assert fmt.percent(0.4567, "en") == "45.7%"
    assert fmt.p_text(0.0001, "ru") == "p < 0,001"
