"""The design travels with the data: weights, stratum, PSU, fpc, and syntax files that use them.

R is the oracle: ``tests/reference/make_export_r_fixture.py`` ran each export's R script on the
same demo data and stored what R printed; the report's headline (computed here) must agree to 6
significant digits, and the scripts the code writes today must be the ones R ran.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pyreadstat
import pytest

from reports.compute import compute
from reports.data import load_snapshot
from reports.exports import ExportOptions, export_survey
from reports.spec import ReportSpec
from survey.demo import DemoOptions, fill_database
from survey.store import Store

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "export_r_headline.json"


@pytest.fixture(scope="module")
def oracle() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory, oracle: dict) -> Path:
    db = tmp_path_factory.mktemp("design") / "demo.db"
    with Store.open(db) as store:
        fill_database(store, DemoOptions(**oracle["demo"]))
    return db


_REPORTS: dict[tuple[str, str], tuple[object, object]] = {}


def _report(db: Path, weighting: str = "design"):  # type: ignore[no-untyped-def]
    key = (str(db), weighting)
    if key not in _REPORTS:
        spec = ReportSpec(language="en", weighting=weighting)
        snapshot = load_snapshot(db, spec)
        _REPORTS[key] = (snapshot, compute(snapshot, spec, lambda *_: None))
    return _REPORTS[key]


@pytest.mark.parametrize("fmt", ["sav", "dta", "csv", "xlsx"])
def test_r_script__reproduces_the_report_headline_to_6_digits(demo_db: Path, oracle: dict,
                                                              tmp_path: Path, fmt: str):
    result = export_survey(demo_db, tmp_path / f"export_{fmt}.{fmt}",
                           ExportOptions(fmt, language="en", codebook=False))
    script = next(p for p in result.files if p.suffix == ".R")
    stored = oracle["formats"][fmt]
    assert script.read_text(encoding="utf-8") == stored["script"]  # the script R ran
    _, results = _report(demo_db)
    row = results.indicator("heard_mediation").national.table.iloc[0]
    assert f"{row['estimate']:.6g}" == f"{stored['estimate']:.6g}"
    assert f"{row['se']:.6g}" == f"{stored['se']:.6g}"


def test_design_columns__equal_the_report_weights_per_wave(demo_db: Path, tmp_path: Path):
    result = export_survey(demo_db, tmp_path / "d.sav", ExportOptions("sav", codebook=False,
                                                                       syntax=False))
    frame, meta = pyreadstat.read_sav(str(result.files[0]))
    for weighting, column in (("design", "design_weight"), ("raked", "raked_weight")):
        snapshot, results = _report(demo_db, weighting)
        report = dict(zip(snapshot.analysed["uuid"], results.weighting.design.weights,
                          strict=True))
        exported = frame.set_index("uuid")[column]
        assert np.allclose([exported[u] for u in report], list(report.values()), rtol=1e-12)
    # no design note (the roster's table says which questionnaire versions asked it)
    assert [n.code for n in result.notes if not n.code.startswith("export.repeat")] \
        == ["export.demo_data"]
    drafts = frame[frame["status"] == "draft"]
    assert drafts["design_weight"].isna().all() and len(drafts) > 0
    consented = frame[(frame["status"] == "complete") & (frame["consent"] == 1)]
    assert consented["design_weight"].notna().all()
    answered = frame["region"] > 0  # not the missing codes of those not asked
    regions = dict(zip(range(1, 21), _regions(), strict=True))
    assert (frame.loc[answered, "stratum"] == frame.loc[answered, "region"].map(regions)).all()
    assert (frame.loc[~answered, "stratum"] == "").all()
    assert frame["psu"].equals(frame["sampling_point"])
    almaty = frame.loc[frame["stratum"] == "almaty", "fpc"].dropna().unique()
    assert len(almaty) <= 1 and (len(almaty) == 0 or almaty[0] > 1_000_000)
    assert meta.variable_measure["design_weight"] == "scale"
    assert meta.variable_measure["stratum"] == "nominal"


def _regions() -> list[str]:
    from analysis.margins import REGION_CODES

    return list(REGION_CODES)


def test_design_columns__option_leaves_them_out(demo_db: Path, tmp_path: Path):
    out = export_survey(demo_db, tmp_path / "n.csv",
                        ExportOptions("csv", design=False, syntax=False, codebook=False))
    assert [p.name for p in out.files] == ["n.zip"]  # one csv per level: the roster's too
    with zipfile.ZipFile(out.files[0]) as book:
        header = book.read("n.csv").decode("utf-8-sig").splitlines()[0].split(",")
    assert not {"design_weight", "raked_weight", "stratum", "psu", "fpc"} & set(header)


def test_syntax_files__declare_labels_missing_values_and_the_design(demo_db: Path,
                                                                    tmp_path: Path):
    result = export_survey(demo_db, tmp_path / "s.sav", ExportOptions("sav", codebook=False))
    assert [p.name for p in result.files] == [
        "s.sav", "s-disputes.sav", "s.R", "s.do", "s.sps",  # the roster: its own file
        "s-disputes.R", "s-disputes.do", "s-disputes.sps"]
    sps = (tmp_path / "s.sps").read_text(encoding="utf-8")
    assert "GET FILE='s.sav'." in sps
    assert "MISSING VALUES" in sps and "(-99 THRU -96)." in sps
    assert "CSPLAN ANALYSIS" in sps and "/DESIGN STRATA=stratum CLUSTER=psu" in sps
    assert "* WEIGHT BY design_weight." in sps and "standard errors" in sps
    do = (tmp_path / "s.do").read_text(encoding="utf-8")
    assert 'import spss using "s.sav", clear' in do
    assert "svyset psu [pweight = design_weight], strata(stratum_id) singleunit(centered)" in do
    r = (tmp_path / "s.R").read_text(encoding="utf-8")
    assert "haven::read_sav" in r and "svydesign(ids = ~psu, strata = ~stratum" in r
    assert 'options(survey.lonely.psu = "adjust")' in r


def test_syntax_files__stata_file_keeps_its_notes_and_renames_other_formats(demo_db: Path,
                                                                           tmp_path: Path):
    export_survey(demo_db, tmp_path / "t.csv", ExportOptions("csv", codebook=False))
    do = (tmp_path / "t.do").read_text(encoding="utf-8")
    assert 'unzipfile "t.zip", replace' in do  # the csv files of every level are zipped
    assert 'import delimited using "t.csv"' in do and "rename (*) (uuid form_id" in do
    assert "mvdecode _all, mv(-99 = .a \\ -98 = .b \\ -97 = .c \\ -96 = .d)" in do
    assert 'label variable heard_mediation "' in do
