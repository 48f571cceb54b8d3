"""Test configuration shared by the whole suite."""

import os

# Qt must find the offscreen platform before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")


import pytest


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
