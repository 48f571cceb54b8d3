"""Export of the ODK question types: locations as text and numbers, media files beside the
data with their names in the cells, metadata and ranges as columns like any other."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from survey.export import export_interviews
from survey.form import load_form
from survey.interview.session import InterviewSession
from survey.store import Store
from tests.formbuilder import write_xlsform


def _store(tmp_path: Path) -> tuple[Path, str]:
    path = write_xlsform(tmp_path / "odk.xlsx", [
        {"type": "start", "name": "began"}, {"type": "deviceid", "name": "device"},
        {"type": "geopoint", "name": "home", "label": "Home"},
        {"type": "range", "name": "score", "label": "Score", "parameters": "start=0 end=10"},
        {"type": "image", "name": "photo", "label": "Photo"},
        {"type": "image", "name": "later", "label": "Later", "relevant": "${score} > 5"},
    ], None, {"form_id": "odk"})
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.register_form(load_form(path), path.read_bytes())
        uuid = store.start_interview("odk", "", interviewer="Asel")
        session = InterviewSession(store, uuid)
        session.answer("home", "51.1605 71.4704 350 4.5")
        session.answer("score", 7)
        (tmp_path / "door.jpg").write_bytes(b"door")
        (tmp_path / "roof.jpg").write_bytes(b"roof")
        session.attach_file("photo", tmp_path / "door.jpg")
        session.attach_file("later", tmp_path / "roof.jpg")
        session.answer("score", 3)  # 'later' no longer relevant: its file is not exported
        session.finish()
    return db, uuid


def test_export__geopoint_text_and_parts_range_metadata(tmp_path: Path) -> None:
    db, _ = _store(tmp_path)
    out = export_interviews(db, tmp_path / "out.csv", "csv")
    frame = pd.read_csv(out)
    row = frame.iloc[0]
    assert row["home"] == "51.1605 71.4704 350 4.5"
    assert (row["home__latitude"], row["home__longitude"], row["home__altitude"],
            row["home__accuracy"]) == (51.1605, 71.4704, 350, 4.5)
    assert row["score"] == 3
    assert row["began"].startswith(("20",)) and row["device"]


def test_export__media_files_beside_the_data_names_in_cells(tmp_path: Path) -> None:
    db, _ = _store(tmp_path)
    export_interviews(db, tmp_path / "out.xlsx", "xlsx")
    frame = pd.read_excel(tmp_path / "out.xlsx")
    name = frame.iloc[0]["photo"]
    folder = tmp_path / "out-media"
    assert (folder / name).read_bytes() == b"door"
    assert sorted(p.name for p in folder.iterdir()) == [name]


def test_export__statistical_formats__written_with_location_numbers(tmp_path: Path) -> None:
    import pyreadstat

    db, _ = _store(tmp_path)
    for fmt, reader in (("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)):
        out = export_interviews(db, tmp_path / f"out.{fmt}", fmt)
        frame, _meta = reader(str(out))
        assert frame.iloc[0]["home__latitude"] == 51.1605


def test_export__media_question_only_an_older_version_has__its_files_written(
        tmp_path: Path) -> None:
    rows = [{"type": "text", "name": "name", "label": "Name"},
            {"type": "image", "name": "old_photo", "label": "Photo"}]
    old = write_xlsform(tmp_path / "v1.xlsx", rows, None, {"form_id": "odk", "version": "1"})
    new = write_xlsform(tmp_path / "v2.xlsx", rows[:1], None, {"form_id": "odk", "version": "2"})
    db = tmp_path / "s.db"
    (tmp_path / "gate.jpg").write_bytes(b"gate")
    with Store.open(db) as store:
        store.register_form(load_form(old), old.read_bytes())
        session = InterviewSession(store, store.start_interview("odk", "1", interviewer="Asel"))
        session.answer("name", "Dana")
        session.attach_file("old_photo", tmp_path / "gate.jpg")
        session.finish()
        store.register_form(load_form(new), new.read_bytes())
    export_interviews(db, tmp_path / "out.xlsx", "xlsx")
    frame = pd.read_excel(tmp_path / "out.xlsx")
    name = frame.iloc[0]["old_photo"]
    assert (tmp_path / "out-media" / name).read_bytes() == b"gate"
