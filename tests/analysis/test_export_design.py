"""Design columns of an export: the report's weights, wave by wave, on the rows it analyses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.export_design import DesignSpec, with_design
from analysis.margins import REGION_CODES
from analysis.weighting import weighted_design
from survey.export import ExportTable, Variable
from survey.form.model import Form, Settings, Text


def _table(rows: int = 1200, seed: int = 3) -> ExportTable:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "uuid": [f"u{i}" for i in range(rows)],
        "status": rng.choice(["complete", "complete", "complete", "draft"], rows),
        "wave": rng.choice(["baseline", "followup"], rows),
        "consent": rng.choice(["yes", "yes", "yes", "no"], rows),
        "region": np.tile(REGION_CODES, rows // len(REGION_CODES) + 1)[:rows],
        "sampling_point": rng.integers(1, 6, rows),
        "settlement": rng.choice(["urban", "rural"], rows),
        "sex": rng.choice(["male", "female"], rows),
        "age_group": rng.choice(["18-44", "45-59", "60+"], rows),
    })
    frame["region"] = frame["region"].astype(object)
    frame.loc[frame.index % 7 == 0, "consent"] = None  # not asked / not reached
    variables = tuple(Variable(c, c, "meta") for c in frame.columns)
    form = Form(Settings("f", Text.of({"en": "F"})), ())
    return ExportTable(frame, variables, form, "en")


def test_with_design__weights_of_each_wave_equal_the_report_of_that_wave():
    table = with_design(_table())
    frame = table.frame
    eligible = (frame["status"] == "complete") & (frame["consent"] == "yes")
    assert frame.loc[~eligible, ["design_weight", "raked_weight"]].isna().all().all()
    for wave in ("baseline", "followup"):
        rows = eligible & (frame["wave"] == wave)
        analysed = frame[rows].reset_index(drop=True)
        for scheme, column in (("design", "design_weight"), ("raked", "raked_weight")):
            report = weighted_design(analysed, scheme, strata="region", psu="sampling_point")
            assert np.allclose(frame.loc[rows, column].to_numpy(dtype=float),
                               report.design.weights, rtol=1e-12)
    assert frame["stratum"].equals(frame["region"].rename("stratum"))
    assert frame["psu"].astype(int).equals(frame["sampling_point"].rename("psu"))
    assert [v.kind for v in table.variables[-5:]] == ["design"] * 5
    assert table.notes == ()


def test_with_design__no_stratum_column__unchanged_with_a_note():
    table = _table()
    plain = ExportTable(table.frame.drop(columns=["region"]), table.variables, table.form, "en")
    result = with_design(plain)
    assert result.frame.columns.equals(plain.frame.columns)
    assert [n.code for n in result.notes] == ["export.no_design"]


def test_with_design__other_columns_named__used(tmp_path: object):
    table = _table()
    frame = table.frame.rename(columns={"sampling_point": "cluster"})
    renamed = ExportTable(frame, table.variables, table.form, "en")
    result = with_design(renamed, DesignSpec(psu="cluster"))
    assert result.frame["psu"].astype(int).tolist() == frame["cluster"].tolist()


@pytest.mark.parametrize("missing", ["sex", "age_group"])
def test_with_design__a_margin_column_missing__no_raked_weight_and_a_note(missing: str):
    table = _table()
    plain = ExportTable(table.frame.drop(columns=[missing]), table.variables, table.form, "en")
    result = with_design(plain)
    assert "raked_weight" not in result.frame.columns
    assert "design_weight" in result.frame.columns
    assert [n.code for n in result.notes] == ["export.not_raked"]
    assert result.notes[0].fields["reason"].fields["columns"] == [missing]
