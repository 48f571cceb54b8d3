"""The .sav files of real exports (the all-types form, the labelled form, demo interviews of the
bundled questionnaire, in kk/ru/en) against pyreadstat's writer: each file is read back, the
frame and dictionary written again by pyreadstat, and both read back must be equal."""

from __future__ import annotations

from pathlib import Path

import pyreadstat
import pytest

from survey.export import export_interviews
from tests.survey.export_oracle import demo_database
from tests.survey.test_export_labelled import db  # noqa: F401 (the labelled form's fixture)
from tests.survey.test_export_roundtrip import all_types_db  # noqa: F401
from tests.survey.test_sav_writer import _same_reading


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory, all_types_db: Path,  # noqa: F811
              db: Path) -> dict[str, Path]:  # noqa: F811
    bundled = tmp_path_factory.mktemp("bundled") / "demo.db"
    return {"all types": all_types_db, "labelled": db,
            "bundled": demo_database(bundled, interviews=60, seed=3, draft_share=0.2)}


@pytest.mark.parametrize("case, language", [("all types", "kk"), ("all types", "ru"),
                                            ("labelled", None), ("bundled", "kk"),
                                            ("bundled", "en")])
def test_sav_export__read_back__equals_pyreadstats_file_of_the_same_content(
        databases: dict[str, Path], case: str, language: str | None, tmp_path: Path):
    ours = export_interviews(databases[case], tmp_path / "ours.sav", "sav", language=language,
                             include_pii=True)
    frame, meta = pyreadstat.read_sav(str(ours), user_missing=True)
    assert len(frame) and meta.missing_ranges and meta.variable_value_labels
    pyreadstat.write_sav(frame, str(tmp_path / "theirs.sav"), row_compress=True,
                         file_label=meta.file_label,
                         column_labels=meta.column_names_to_labels,
                         variable_value_labels=meta.variable_value_labels,
                         missing_ranges=meta.missing_ranges,
                         variable_format=meta.original_variable_types,
                         variable_measure=meta.variable_measure,
                         variable_display_width=meta.variable_display_width)
    _same_reading(ours, tmp_path / "theirs.sav")
