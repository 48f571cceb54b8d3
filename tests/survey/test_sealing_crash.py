"""A process killed while sealing leaves each interview a whole draft (its answers encrypted
with the device key, readable once unlocked) or wholly sealed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from survey.sealing import load_private_key
from survey.store import Store
from tests.survey.sealing_helpers import (
    DRAFTS_PASSPHRASE,
    PASSPHRASE,
    SECRET_ANSWERS,
    fill,
    key_pair,
    register_sealed_form,
)

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from survey.store import Store
from tests.survey.sealing_helpers import DRAFTS_PASSPHRASE, fill

store = Store.open(sys.argv[1])
store.unlock_drafts(DRAFTS_PASSPHRASE)
while True:
    uuid = fill(store, complete=False)
    print("completing", uuid, flush=True)
    store.complete(uuid)
"""


@pytest.mark.slow
def test_complete__killed_while_sealing__each_interview_whole_draft_or_sealed(tmp_path):
    keys = key_pair(tmp_path / "keys")
    path = tmp_path / "laptop.db"
    with Store.open(path) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        fill(store)  # the first sealing (and its one-time rewrite of the file) is done
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(path)],
                               stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert process.stdout is not None
        for _ in range(4):
            assert process.stdout.readline().startswith("completing")
        time.sleep(0.01)  # somewhere inside the fourth sealing or the next interview
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=10)

    with Store.open(path) as store:
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        drafts = {r.uuid for r in store.interviews(status="draft")}
        complete = {r.uuid for r in store.interviews(status="complete")}
        assert complete and complete == store.sealed_uuids()
        for uuid in drafts:  # whole drafts, their encrypted answers readable
            assert not store.is_sealed(uuid)
            answers = store.answers(uuid)
            assert store.events(uuid) or answers == {}
            assert all(answers[q] == SECRET_ANSWERS[q] for q in answers if q in SECRET_ANSWERS)
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert summary.refused == () and summary.opened == len(complete)
        for uuid in complete:
            answers = store.answers(uuid)
            assert {q: answers[q] for q in SECRET_ANSWERS} == SECRET_ANSWERS
            assert [e.action for e in store.audit_log(uuid)] == ["complete"]
