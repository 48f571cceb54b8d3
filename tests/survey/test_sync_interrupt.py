"""A sync killed, or its server stopped, in the middle: whole batches stay, a new sync sends
the rest, every interview is on the server once.

The sync runs as a real ``kelisim sync`` process. To stop it at a known point, the test holds
an uncommitted insert of one interview of the second batch: the sync's second batch waits on
it (PostgreSQL's unique-index lock) after the first was committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from survey.form.model import Form, Settings, Text
from survey.store import NewInterview, Store
from survey.store.postgres.reader import ServerReader
from survey.sync import sync
from survey.sync.run import BATCH
from tests.pgcluster import Cluster, new_kelisim_server

FORM = Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}), version="1"),
            questions=())
COUNT = BATCH * 2 + 200


@pytest.fixture(scope="module")
def own_cluster():
    """A server of this module's own: these tests stop it."""
    cluster = Cluster.start()
    yield cluster
    cluster.destroy()


def _laptop(path):
    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    with Store.open(path) as store:
        store.register_form(FORM, b"form v1")
        uuids = store.import_interviews(
            NewInterview(form_id="f", form_version="1", interviewer="int-a", device_id="dev",
                         language="ru", answers={"age": 20 + n % 50, "region": "almaty",
                                                 "media": ("tv", "web")},
                         started_at=start + timedelta(minutes=n),
                         completed_at=start + timedelta(minutes=n + 9),
                         events=(("age", "shown", start + timedelta(minutes=n)),))
            for n in range(COUNT))
    return sorted(uuids)


def _hold(server, uuid):
    """An open transaction that inserted ``uuid``: a sync inserting it waits."""
    conn = psycopg.connect(server.url)
    conn.execute("INSERT INTO kelisim.interviews (uuid, form_id, form_version, interviewer, "
                  "device_id, status, started_at, updated_at, tz_offset, last_device_id) "
                  "VALUES (%s, 'f', '1', 'x', 'x', 'draft', 't', 't', '+00:00', 'x')", (uuid,))
    return conn


def _start_sync(laptop, server):
    """``kelisim sync`` as a process; its temporary files (left behind when it is killed) go
    to the test's own folder."""
    scratch = laptop.parent / "tmp"
    scratch.mkdir(exist_ok=True)
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", "sync", "--db", str(laptop),
                             "--server", server.url, "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "TMPDIR": str(scratch)})


def _wait_until_blocked(server, process):
    """Until the first batch is committed and the sync waits on the held insert."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        with server.admin() as conn:
            waiting = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kelisim' "
                "AND wait_event_type = 'Lock'").fetchone()[0]
        if waiting:
            return
        time.sleep(0.05)
    raise AssertionError("the sync never reached its second batch")


def _assert_whole(server, laptop, expected):
    """The server holds ``expected`` interviews, each exactly as on the laptop."""
    with ServerReader.open(server.address()) as reader, Store.open(laptop) as store:
        records = reader.interviews()
        assert len(records) == expected
        for record in records:
            assert record == store.interview(record.uuid)
            assert reader.answers(record.uuid) == store.answers(record.uuid)
            assert reader.events(record.uuid) == store.events(record.uuid)


def test_sync__process_killed_mid_way__rerun_sends_every_interview_once(own_cluster, tmp_path):
    server = new_kelisim_server(own_cluster)
    server.publish(FORM, b"form v1")
    uuids = _laptop(tmp_path / "laptop.db")
    holder = _hold(server, uuids[BATCH + 10])
    process = _start_sync(tmp_path / "laptop.db", server)
    try:
        _wait_until_blocked(server, process)
        process.kill()
        process.communicate(timeout=30)
    finally:
        holder.rollback()
        holder.close()
    assert process.returncode != 0
    _assert_whole(server, tmp_path / "laptop.db", BATCH)  # the first batch, nothing else
    summary = sync(tmp_path / "laptop.db", server.address(), None)
    assert (summary.added, summary.identical) == (COUNT - BATCH, BATCH)
    _assert_whole(server, tmp_path / "laptop.db", COUNT)
    assert server.count("SELECT count(DISTINCT uuid) FROM kelisim.interviews") == COUNT


def test_sync__server_stopped_mid_way__error_then_rerun_completes(own_cluster, tmp_path):
    server = new_kelisim_server(own_cluster)
    server.publish(FORM, b"form v1")
    uuids = _laptop(tmp_path / "laptop.db")
    holder = _hold(server, uuids[BATCH + 10])
    process = _start_sync(tmp_path / "laptop.db", server)
    _wait_until_blocked(server, process)
    own_cluster.stop("immediate")  # a crash, no clean shutdown
    try:
        _out, err = process.communicate(timeout=60)
    finally:
        holder.close()
        own_cluster.start_again()
    assert process.returncode == 1 and "[server.connection_lost]" in err
    _assert_whole(server, tmp_path / "laptop.db", BATCH)
    summary = sync(tmp_path / "laptop.db", server.address(), None)
    assert summary.added == COUNT - BATCH
    _assert_whole(server, tmp_path / "laptop.db", COUNT)
