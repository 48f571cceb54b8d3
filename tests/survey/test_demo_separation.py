"""Demo interviews kept out of real work: their own database, marked, refused elsewhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import platformdirs
import pytest

from desktop.cli import main as kelisim
from survey.demo import DemoOptions, fill_database
from survey.demo.target import demo_target_problem
from survey.export.codes import ExportCode
from survey.messages import render
from survey.store import Store, default_database_path, demo_database_path, merge
from survey.store.schema import DEMO_MARKED_SINCE, SCHEMA_VERSION
from survey.store.schema_check import expected_schema
from tests.small_form import write_small_form
from tests.survey.hostile import store_at_version


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user-data folder moved into the test's folder (the real one is never touched)."""
    folder = tmp_path / "user-data"
    monkeypatch.setattr(platformdirs, "user_data_dir",
                        lambda *args, **kwargs: str(folder / "Kelisim"))
    return folder / "Kelisim"


def _real_database(path: Path, interviews: int = 1) -> None:
    """A database with interviews made on the laptop (not by the demo generator)."""
    from survey.form.xlsform import load_form

    form_path = write_small_form(path.parent / "small.xlsx")
    data = form_path.read_bytes()
    with Store.open(path) as store:
        store.register_form(load_form(data, filename="small.xlsx"), data)
        for _ in range(interviews):
            store.start_interview("small", "1", interviewer="Aigerim")


def test_demo_database_path__beside_the_real_one_other_name(user_data: Path):
    assert demo_database_path() == user_data / "demo.db"
    assert default_database_path() == user_data / "kelisim.db"


def test_fill_database__marks_the_database_as_demo(tmp_path: Path):
    with Store.open(tmp_path / "d.db") as store:
        assert not store.is_demo()
        fill_database(store, DemoOptions(interviews=3, seed=3))
        assert store.is_demo()
    with Store.open_read_only(tmp_path / "d.db") as store:
        assert store.is_demo()


def test_new_database__not_demo(tmp_path: Path):
    _real_database(tmp_path / "real.db")
    with Store.open(tmp_path / "real.db") as store:
        assert not store.is_demo()


def test_demo_command__no_db__writes_the_demo_database_and_leaves_the_real_one_alone(
        user_data: Path, capsys: pytest.CaptureFixture[str]):
    assert kelisim(["demo", "--interviews", "12", "--seed", "3", "--quiet"]) == 0

    assert str(user_data / "demo.db") in capsys.readouterr().out
    with Store.open(user_data / "demo.db") as store:
        assert store.count_interviews() == 12 and store.is_demo()
    assert not (user_data / "kelisim.db").exists()


def test_demo_command__database_with_real_interviews__refused_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "real.db"
    _real_database(db, interviews=2)
    before = db.read_bytes()

    assert kelisim(["demo", "--db", str(db), "--interviews", "5", "--quiet"]) == 1

    err = capsys.readouterr().err
    assert "holds 2 real interview(s)" in err and "--into-real-database" in err
    assert db.read_bytes() == before
    with Store.open(db) as store:
        assert store.count_interviews() == 2 and not store.is_demo()


def test_demo_command__real_interviews_with_flag__added_and_marked(tmp_path: Path):
    db = tmp_path / "real.db"
    _real_database(db, interviews=2)

    assert kelisim(["demo", "--db", str(db), "--interviews", "5", "--quiet",
                    "--into-real-database"]) == 0

    with Store.open(db) as store:
        assert store.count_interviews() == 7 and store.is_demo()


def test_demo_command__the_real_default_database__refused_even_when_empty(
        user_data: Path, capsys: pytest.CaptureFixture[str]):
    real = default_database_path()

    assert kelisim(["demo", "--db", str(real), "--interviews", "5", "--quiet"]) == 1

    assert "real database" in capsys.readouterr().err
    assert not real.exists()


def test_demo_command__if_empty_on_real_database__nothing_added_no_error(tmp_path: Path):
    db = tmp_path / "real.db"
    _real_database(db, interviews=1)

    assert kelisim(["demo", "--db", str(db), "--interviews", "5", "--if-empty", "--quiet"]) == 0

    with Store.open(db) as store:
        assert store.count_interviews() == 1 and not store.is_demo()


def test_demo_command__demo_database__more_added(tmp_path: Path):
    db = tmp_path / "demo.db"
    assert kelisim(["demo", "--db", str(db), "--interviews", "4", "--seed", "1", "--quiet"]) == 0
    assert kelisim(["demo", "--db", str(db), "--interviews", "4", "--seed", "2", "--quiet"]) == 0
    with Store.open(db) as store:
        assert store.count_interviews() == 8


@pytest.mark.parametrize("language, words", [("kk", "нақты сұхбат"),
                                             ("ru", "настоящие интервью")])
def test_demo_target_problem__rendered_in_kazakh_and_russian(tmp_path: Path, language, words):
    db = tmp_path / "real.db"
    _real_database(db, interviews=3)
    problem = demo_target_problem(db)
    assert problem is not None
    text = render(problem, language)
    assert words in text and "3" in text and "--into-real-database" in text


def test_merge__demo_laptop_into_master__master_marked_demo(tmp_path: Path):
    with Store.open(tmp_path / "demo.db") as store:
        fill_database(store, DemoOptions(interviews=3, seed=8))
    _real_database(tmp_path / "master.db")

    merge(tmp_path / "master.db", [tmp_path / "demo.db"])

    with Store.open(tmp_path / "master.db") as store:
        assert store.is_demo() and store.count_interviews() == 4


def test_merge__real_laptop__master_stays_real(tmp_path: Path):
    _real_database(tmp_path / "laptop.db")
    _real_database(tmp_path / "master.db")
    merge(tmp_path / "master.db", [tmp_path / "laptop.db"])
    with Store.open(tmp_path / "master.db") as store:
        assert not store.is_demo()


def _file_before_the_mark(path: Path, device_id: str) -> None:
    """A store as schema 5 (the last before files were marked) left it, with one interview."""
    store_at_version(path, DEMO_MARKED_SINCE - 1)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO forms VALUES ('f', '1', '{}', '[]', '', x'00', 'h', "
                 "'2026-01-01T00:00:00Z')")
    conn.execute("INSERT INTO interviews (uuid, form_id, form_version, interviewer, device_id, "
                 "language, status, started_at, updated_at, tz_offset, last_device_id) VALUES "
                 "('u1', 'f', '1', 'ALM-01', ?, 'kk', 'draft', "
                 "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '+05:00', 'd')", (device_id,))
    conn.commit()
    conn.close()


def test_migration_6__file_filled_by_earlier_demo_generator__marked_demo(tmp_path: Path):
    """Files filled before the mark existed (device ids demo-laptop-...) are marked on open."""
    path = tmp_path / "old.db"
    _file_before_the_mark(path, "demo-laptop-031")
    with Store.open_read_only(path) as store:  # never migrated: the device ids tell
        assert store.is_demo()

    with Store.open(path) as store:
        assert store.is_demo()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT value FROM meta WHERE key = 'demo_data'").fetchone() == ("yes",)
    conn.close()


def test_migration_6__real_file__not_marked(tmp_path: Path):
    path = tmp_path / "old.db"
    _file_before_the_mark(path, "3f2a9c1b5d7e4f60a1b2c3d4e5f60718")
    with Store.open_read_only(path) as store:
        assert not store.is_demo()
    with Store.open(path) as store:
        assert not store.is_demo()
        store.start_interview("f", "1", interviewer="x", device_id="demo-laptop-01")
    with Store.open_read_only(path) as store:  # after the mark, only the mark tells
        assert not store.is_demo()


def test_migration_6__changes_no_schema_object():
    """The exact-schema check expects of a version 6 file what it expects of version 5."""
    assert SCHEMA_VERSION >= DEMO_MARKED_SINCE == 6
    assert expected_schema(6) == expected_schema(5)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_export_of_demo_database__every_file_that_can_say_so_says_demo_data(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str) -> None:
    import openpyxl
    import pandas as pd
    import pyreadstat

    demo = tmp_path / "demo.db"
    with Store.open(demo) as store:
        fill_database(store, DemoOptions(interviews=30, seed=3))
    said = render(ExportCode.DEMO_DATA.message(), language)
    for fmt in ("sav", "dta"):
        out = tmp_path / f"survey_{language}.{fmt}"
        assert kelisim(["export", "--db", str(demo), "--format", fmt,
                        "--lang", language, "--out", str(out)]) == 0
        assert said in capsys.readouterr().err
        label = export_translator_for(language)("DEMO DATA (synthetic interviews)")
        assert label != "DEMO DATA (synthetic interviews)" or language == "en"
        if fmt == "sav":
            _frame, meta = pyreadstat.read_sav(str(out), metadataonly=True)
            assert meta.file_label == label
        else:
            with pd.io.stata.StataReader(out) as reader:
                assert reader.data_label == label
        book = openpyxl.load_workbook(out.with_name(f"{out.stem}_codebook.xlsx"))
        cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row
                 if c.value is not None]
        assert said in cells
    real = tmp_path / "real.db"
    _real_database(real)
    out = tmp_path / "real.sav"
    assert kelisim(["export", "--db", str(real), "--format", "sav", "--out", str(out)]) == 0
    assert render(ExportCode.DEMO_DATA.message(), "en") not in capsys.readouterr().err
    _frame, meta = pyreadstat.read_sav(str(out), metadataonly=True)
    assert not meta.file_label


def export_translator_for(language: str):
    from survey.i18n import translator

    return translator("export", language)
