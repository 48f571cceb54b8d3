"""Fixtures for the desktop tests: isolated settings, real stores, real XLSForm files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop import i18n
from desktop.qt_translations import install_qt_translations
from desktop.settings import AppSettings
from desktop.workers import wait_for_jobs
from survey.form.xlsform import load_form
from survey.store import Store
from tests.small_form import write_small_form


@pytest.fixture(autouse=True)
def english_interface() -> Iterator[None]:
    """Every test starts with the English interface and leaves it so."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")
    install_qt_translations("en")


@pytest.fixture(autouse=True)
def no_job_left_running() -> Iterator[None]:
    """A background job a test started ends before the next test begins (a job left hanging
    would hold one of the pool's few threads, and a later test's job would never start)."""
    yield
    assert wait_for_jobs(60_000), "a background job of this test is still running"


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Settings in an ini file of the test's own folder, with an interviewer already set."""
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    app_settings = AppSettings(qsettings)
    app_settings.interviewer = "Aigerim T."
    return app_settings


@pytest.fixture
def small_form_path(tmp_path: Path) -> Path:
    return write_small_form(tmp_path / "small.xlsx")


@pytest.fixture
def store(tmp_path: Path, small_form_path: Path) -> Iterator[Store]:
    """A real store in ``tmp_path`` with the small form registered."""
    data = small_form_path.read_bytes()
    with Store.open(tmp_path / "survey.db") as opened:
        opened.register_form(load_form(data, filename="small.xlsx"), data)
        yield opened
