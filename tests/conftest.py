"""Test configuration shared by the whole suite."""

import os

# Qt must find the offscreen platform before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


import pytest

#: Fixtures that take seconds to build: the demo databases and the reports built from them,
#: and the PostgreSQL servers. Every test that uses one (directly or through another fixture)
#: is marked ``slow``; ``make test-fast`` leaves those out. Other slow tests carry
#: ``@pytest.mark.slow`` (or a module's ``pytestmark``) themselves.
SLOW_FIXTURES = frozenset({
    "demo_db", "one_version_db", "kazakh_report", "russian_report", "one_version_report",
    "report_db", "bundled_demo", "pg_cluster", "kelisim_server", "own_cluster",
    "bundled_db", "all_types_db", "damaged",  # demo databases of the export tests
})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def pg_cluster():
    """One real PostgreSQL 16 server (from the pgserver wheel) for the whole test run."""
    from tests.pgcluster import Cluster

    cluster = Cluster.start()
    yield cluster
    cluster.destroy()


@pytest.fixture
def kelisim_server(pg_cluster):
    """A new database with the Kelisim schema on the test server."""
    from tests.pgcluster import new_kelisim_server

    return new_kelisim_server(pg_cluster)
