"""Real demo databases and one report built from them, shared by the report tests.

``demo_db`` is the default demo: the baseline wave recorded on the previous version of the
bundled questionnaire, the follow-up on the current one. ``one_version_db`` records both waves
on the current version, so every indicator (and the difference-in-differences) is compared.
Reports built from ``demo_db`` in Kazakh and Russian are shared by the tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reports.api import ReportResult, build_report
from reports.spec import ReportSpec
from survey.demo import DemoOptions, fill_database
from survey.store import Store

FIXED_NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "demo.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=1200, seed=5, draft_share=0.03,
                                         paradata=False))
    return path


@pytest.fixture(scope="session")
def one_version_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reports") / "one_version.db"
    with Store.open(path) as store:
        fill_database(store, DemoOptions(interviews=800, seed=6, draft_share=0.0,
                                         paradata=False, previous_baseline=False))
    return path


@pytest.fixture(scope="session")
def one_version_report(one_version_db: Path) -> ReportResult:
    spec = ReportSpec(language="en", breakdowns=("sex",))
    return build_report(one_version_db, spec=spec, now=FIXED_NOW)


@pytest.fixture(scope="session")
def kazakh_report(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    out = tmp_path_factory.mktemp("kk")
    spec = ReportSpec(language="kk", weighting="raked", breakdowns=("sex", "settlement"))
    return build_report(demo_db, spec=spec, xlsx=out / "report.xlsx", pdf=out / "report.pdf",
                        now=FIXED_NOW)


@pytest.fixture(scope="session")
def russian_report(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    out = tmp_path_factory.mktemp("ru")
    spec = ReportSpec(language="ru", weighting="raked", breakdowns=("sex",))
    return build_report(demo_db, spec=spec, xlsx=out / "report.xlsx", pdf=out / "report.pdf",
                        now=FIXED_NOW)
