"""Two laptops syncing diverging edits of one interview at the same time.

Laptop ``a`` and laptop ``b`` both hold interview ``X``, edited differently on each (age 30 on
``a``, 31 on ``b``). One sync (the *subject*) is stopped at a step of its pass through its
``pause`` argument, and the other laptop's whole sync runs right there, against the same real
PostgreSQL server. Whatever the interleaving, the server must end as ``kelisim merge`` would:
``X`` once, exactly one conflict, both edits kept (one as the interview, the other in the
conflict), and syncing both laptops again changes nothing.

The steps: ``read`` (the subject has read the server's versions), ``planned`` (it has decided
what to send, after merging in its mirror), ``writing`` (its batch is written but not yet
committed: the other sync runs in a thread until PostgreSQL makes it wait for that batch),
``sent`` (its first batch of one interview is committed, the others not yet sent). The server
either lacks ``X`` at first (both laptops insert it) or already holds the version both laptops
started from (both update it). Both with the owner's login and with interviewer logins, which
read only their own interviews and learn of others' through ``kelisim.existing``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable

import pytest

from survey.store import merge
from survey.sync import run, sync
from tests.survey.test_merge import DAY2, DAY3, _edit, _form, _laptop
from tests.survey.test_sync import _dump

STEPS = ("read", "planned", "writing", "sent")


def _setup(server, tmp_path, start: str, logins: str):
    """Laptops a and b sharing a's interviews; X edited on both. Returns (X, addresses)."""
    mine = _laptop(tmp_path / "a.db", interviews=3)
    _laptop(tmp_path / "b.db", interviews=2)
    merge(tmp_path / "b.db", [tmp_path / "a.db"])  # b holds a's interviews too
    if logins == "owner":  # both laptops also bring the form the server lacks
        address = {"a": server.address(), "b": server.address()}
    else:
        server.publish(_form(), b"form v1")
        address = {"a": server.add_user("la", interviewers=("int-a",)),
                   "b": server.add_user("lb", interviewers=("int-a", "int-b"))}
    if start == "update":  # the server holds the version both laptops started from
        sync(tmp_path / "a.db", address["a"], None)
        sync(tmp_path / "b.db", address["b"], None)
    shared = max(mine[:-1])  # never in the first one-interview batch of either laptop
    _edit(tmp_path / "a.db", shared, {"age": 30}, DAY2)
    _edit(tmp_path / "b.db", shared, {"age": 31}, DAY3)
    return shared, address


def _waiting_for_lock(server) -> bool:
    with server.admin() as conn:
        return bool(conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'").fetchone()[0])


class OtherSync:
    """A ``pause`` that runs the other laptop's sync the first time ``step`` is reached."""

    def __init__(self, server, step: str, run_other: Callable[[], object]) -> None:
        self.server, self.step, self.run_other = server, step, run_other
        self.thread: threading.Thread | None = None
        self.ran = False
        self.error: BaseException | None = None

    def __call__(self, reached: str) -> None:
        if reached != self.step or self.ran or self.thread is not None:
            return
        if self.step != "writing":
            self._run()
            return
        # The subject's batch is uncommitted: the other sync runs alongside until PostgreSQL
        # makes it wait for that batch (or it ends); the subject then commits.
        self.thread = threading.Thread(target=self._run)
        self.thread.start()
        deadline = time.monotonic() + 120  # a guard against a hang, not a timing assertion
        while self.thread.is_alive() and not _waiting_for_lock(self.server):
            assert time.monotonic() < deadline, "the other sync neither waited nor ended"
            time.sleep(0.02)

    def _run(self) -> None:
        try:
            self.run_other()
        except BaseException as error:  # reported by the test
            self.error = error
        self.ran = True

    def finish(self) -> None:
        if self.thread is not None:
            self.thread.join()
        assert self.ran, f"the subject never reached {self.step!r}"
        if self.error is not None:
            raise self.error


def _shared_on_server(server, uuid: str):
    with server.admin() as conn:
        (count, age) = conn.execute(
            "SELECT count(*), max(answers -> 'age' ->> 1) FROM kelisim.interviews "
            "WHERE uuid = %s", (uuid,)).fetchone()
        conflicts = conn.execute(
            "SELECT kept_version::jsonb -> 'answers' -> 'age' ->> 'text', "
            "other_version::jsonb -> 'answers' -> 'age' ->> 'text' FROM kelisim.conflicts "
            "WHERE uuid = %s", (uuid,)).fetchall()
    return count, age, conflicts


@pytest.mark.parametrize("logins", ["owner", "interviewers"])
@pytest.mark.parametrize("start", ["insert", "update"])
@pytest.mark.parametrize("subject", ["a", "b"])
@pytest.mark.parametrize("step", STEPS)
def test_sync__two_laptops_interleaved__one_conflict_both_edits_kept(
        kelisim_server, tmp_path, monkeypatch, step, subject, start, logins):
    shared, address = _setup(kelisim_server, tmp_path, start, logins)
    other = "b" if subject == "a" else "a"
    if step == "sent":
        monkeypatch.setattr(run, "BATCH", 1)
    pause = OtherSync(kelisim_server, step,
                      lambda: sync(tmp_path / f"{other}.db", address[other], None))
    sync(tmp_path / f"{subject}.db", address[subject], None, pause=pause)
    pause.finish()
    count, age, conflicts = _shared_on_server(kelisim_server, shared)
    assert count == 1
    assert len(conflicts) == 1, conflicts
    ((kept, other_age),) = conflicts
    assert kept == age and {age, other_age} == {"30", "31"}
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 7
    before = _dump(kelisim_server)
    for laptop in ("a", "b"):
        again = sync(tmp_path / f"{laptop}.db", address[laptop], None)
        assert (again.added, again.updated, again.conflicts, again.not_yours_count) == \
            (0, 0, 0, 0)
    assert _dump(kelisim_server) == before


@pytest.mark.parametrize("logins", ["owner", "interviewers"])
@pytest.mark.parametrize("order", ["ab", "ba"])
def test_sync__one_after_the_other__conflict_rows_as_merge_settles_them(
        kelisim_server, tmp_path, order, logins):
    """From the version both started from, b's edit is a conflict with it; a's later edit of
    that version supersedes it, so merge replaces that row by one of a's version: the server
    holds exactly merge's rows, and a's edit is never lost."""
    shared, address = _setup(kelisim_server, tmp_path, "update", logins)
    master = tmp_path / "master.db"
    merge(master, [tmp_path / "a.db", tmp_path / "b.db"])  # the same, by merge
    for laptop in order:
        sync(tmp_path / f"{laptop}.db", address[laptop], None)
    _count, age, conflicts = _shared_on_server(kelisim_server, shared)
    assert age == "31" and conflicts == [("31", "30")]
    with kelisim_server.admin() as conn:
        server_rows = conn.execute("SELECT uuid, kept_sha256, other_sha256, kept_version, "
                                   "other_version FROM kelisim.conflicts").fetchall()
    with sqlite3.connect(master) as conn:
        merged_rows = conn.execute("SELECT uuid, kept_sha256, other_sha256, kept_version, "
                                   "other_version FROM conflicts").fetchall()
    assert server_rows == merged_rows
