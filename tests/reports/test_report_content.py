"""The document model: same data and options give the same document; findings from numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.api import ReportResult, build_report
from reports.errors import ReportCancelled, ReportError
from reports.labels import Labels
from reports.spec import ReportSpec
from survey.messages import render
from survey.store import Store
from tests.reports.conftest import FIXED_NOW


def test_report__built_twice__same_document_and_data_hash(demo_db: Path,
                                                          kazakh_report: ReportResult):
    spec = ReportSpec(language="kk", weighting="raked", breakdowns=("sex", "settlement"))
    again = build_report(demo_db, spec=spec, now=FIXED_NOW)
    assert again.data_sha256 == kazakh_report.data_sha256
    assert len(again.data_sha256) == 64
    assert again.document == kazakh_report.document


def test_report__other_weighting__other_numbers_same_hash(demo_db: Path,
                                                          kazakh_report: ReportResult):
    other = build_report(demo_db, spec=ReportSpec(language="kk", weighting="none",
                                                  breakdowns=("sex",)), now=FIXED_NOW)
    assert other.data_sha256 == kazakh_report.data_sha256
    assert other.document.table("headline").rows != kazakh_report.document.table("headline").rows


def test_findings__regions__name_the_highest_and_lowest_reliable_region(
        kazakh_report: ReportResult):
    labels = Labels(kazakh_report.snapshot, "kk")
    result = kazakh_report.results.indicator("heard_mediation")
    table = result.regions.table
    reliable = [i for i in range(len(table)) if result.region_reliability.decision[i] != "suppress"]
    assert 2 <= len(reliable) < len(table)  # the demo has regions too small to rank
    top, bottom = (labels.region(table.iloc[i]["region"]) for i in (reliable[0], reliable[-1]))
    texts = [b.text for b in kazakh_report.document.section("findings").blocks
             if getattr(b, "style", "") == "finding"]
    first = next(t for t in texts if t.startswith(labels.indicator("heard_mediation")))
    assert top in first and bottom in first
    unreliable = [labels.region(table.iloc[i]["region"]) for i in range(len(table))
                  if i not in reliable]
    assert not any(name in first for name in unreliable)


def test_report__waves__campaign_section_with_did_from_analysis(
        one_version_report: ReportResult):
    did = one_version_report.results.indicator("heard_mediation").did
    table = one_version_report.document.table("campaign.did")
    assert table.rows[0][1] == pytest.approx(float(did.points["difference"].iloc[0]))


def test_report__wave_chosen__headline_from_that_wave_campaign_from_both(demo_db: Path):
    result = build_report(demo_db, spec=ReportSpec(language="en", wave="baseline",
                                                   breakdowns=("sex",)))
    assert result.snapshot.wave == "baseline"
    assert set(result.snapshot.analysed["wave"]) == {"baseline"}
    assert "campaign" in [s.key for s in result.document.sections]


def test_report__waves_pooled__no_wave_on_the_cover(demo_db: Path):
    result = build_report(demo_db, spec=ReportSpec(language="en", wave="all",
                                                   breakdowns=("sex",)))
    assert set(result.snapshot.analysed["wave"]) == {"baseline", "followup"}
    cover = dict(result.document.section("cover").blocks[1].items)
    assert cover["Interviews analysed"].startswith("All waves pooled")


def test_report__small_groups__suppressed_and_counted_in_the_appendix(demo_db: Path):
    result = build_report(demo_db, spec=ReportSpec(language="ru", breakdowns=("region",)))
    marked = [t for t in result.document.section("questions").tables()
              if "suppressed" in t.status]
    assert marked
    for table in marked:  # no estimate printed where the standard is not met
        keys = [c.key for c in table.columns]
        for row, status in zip(table.rows, table.status, strict=True):
            if status == "suppressed":
                assert row[keys.index("estimate")] is None and row[keys.index("ci_low")] is None
                assert row[keys.index("mark")] == "*"
        assert any(note.startswith("*") for note in table.notes)
    counted = {row[1] for row in result.document.table("appendix.marks").rows}
    assert {t.title for t in marked} <= counted


def test_report__cancel__stops_with_report_cancelled(demo_db: Path):
    calls = []
    with pytest.raises(ReportCancelled):
        build_report(demo_db, spec=ReportSpec(), cancel=lambda: len(calls) > 2,
                     progress=lambda done, total: calls.append(done))


def test_report__missing_database__error_with_code(tmp_path: Path):
    with pytest.raises(ReportError) as info:
        build_report(tmp_path / "none.db", spec=ReportSpec())
    assert info.value.code == "report.no_database"


def test_report__unknown_wave__error_with_code(demo_db: Path):
    with pytest.raises(ReportError) as info:
        build_report(demo_db, spec=ReportSpec(wave="wave3"))
    assert info.value.code == "report.unknown_wave"


def test_snapshot__unchanged_database__export_reused_until_a_write(demo_db: Path, tmp_path: Path):
    import shutil

    from reports.data import load_snapshot

    db = tmp_path / "copy.db"
    shutil.copy(demo_db, db)
    first = load_snapshot(db, ReportSpec())
    again = load_snapshot(db, ReportSpec(weighting="none"))
    assert again.table is first.table
    with Store.open(db) as store:
        store.start_interview(first.form.form_id, first.form.version, interviewer="x",
                              device_id="y", language="kk")
    after = load_snapshot(db, ReportSpec())
    assert after.table is not first.table
    assert after.counts["draft"] == first.counts["draft"] + 1


def test_data_hash__two_separate_exports__equal(demo_db: Path):
    from reports.data import frame_sha256
    from survey.export import interviews_frame

    with Store.open(demo_db) as store:
        first = interviews_frame(store).frame
        second = interviews_frame(store).frame.sample(frac=1.0, random_state=3)
    assert first is not second
    assert frame_sha256(first) == frame_sha256(second)
    changed = first.copy()
    changed.loc[changed.index[0], "heard_mediation"] = "no" if changed[
        "heard_mediation"].iloc[0] == "yes" else "yes"
    assert frame_sha256(changed) != frame_sha256(first)


def test_data_hash__column_by_column__same_as_the_whole_text_table(demo_db: Path):
    """The hash is taken one column at a time (memory) and equals the hash of the whole
    table of cell texts that reports printed before."""
    import hashlib

    import pandas as pd

    from reports.data import frame_sha256
    from survey.export import interviews_frame

    with Store.open(demo_db) as store:
        frame = interviews_frame(store).frame
    ordered = frame.sort_values("uuid", kind="stable")
    texts = pd.DataFrame({name: ordered[name].astype(str).to_numpy(dtype=object)
                          for name in ordered.columns})
    whole = hashlib.sha256("\x1f".join(map(str, ordered.columns)).encode("utf-8"))
    whole.update(pd.util.hash_pandas_object(texts, index=False).to_numpy().tobytes())
    assert frame_sha256(frame) == whole.hexdigest()


def test_report__unknown_breakdown__spec_error_naming_it(demo_db: Path):
    from reports.errors import SpecError

    with pytest.raises(SpecError) as info:
        build_report(demo_db, spec=ReportSpec(breakdowns=("sex", "shoe_size")))
    assert info.value.code == "report.spec.unknown_breakdown"
    assert "shoe_size" in str(info.value)


def test_methodology__lists_every_analysis_note_once(kazakh_report: ReportResult):
    from reports.content_method import analysis_notes

    notes = analysis_notes(kazakh_report.results)
    section = next(s for s in kazakh_report.document.sections if s.key == "appendix")
    tables = [t for t in section.tables() if t.key == "appendix.notes"]
    if notes:
        (table,) = tables
        assert [row[0] for row in table.rows] == [render(note, "kk") for note in notes]
        assert len({str(note) for note in notes}) == len(notes)
    else:
        assert tables == []
    expected = [note for item in kazakh_report.results.indicators
                for note in getattr(item.national, "notes", ())]
    assert all(note in notes for note in expected)
