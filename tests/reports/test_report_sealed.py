"""A report of a master with interviews still sealed: they are left out and counted."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from reports.api import build_report
from reports.spec import ReportSpec
from survey.sealing import load_private_key
from survey.store import Store
from tests.reports.conftest import FIXED_NOW
from tests.survey.sealing_helpers import PASSPHRASE, key_pair

STILL_SEALED = 40


def test_report__some_interviews_still_sealed__left_out_and_counted(demo_db: Path,
                                                                    tmp_path: Path):
    master = tmp_path / "master.db"
    shutil.copy(demo_db, master)
    keys = key_pair(tmp_path / "keys")
    with Store.open(master) as store:
        store.set_study_public_key(keys.public_text)
        complete = store.count_interviews(status="complete")
    conn = sqlite3.connect(master)  # envelopes damaged on the way: they stay sealed
    conn.execute("UPDATE sealed SET sha256 = 'damaged' WHERE uuid IN "
                 f"(SELECT uuid FROM sealed ORDER BY uuid LIMIT {STILL_SEALED})")
    conn.commit()
    conn.close()
    with Store.open(master) as store:
        summary = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert summary.still_sealed == STILL_SEALED

    result = build_report(master, spec=ReportSpec(language="en", status="complete"),
                          now=FIXED_NOW)

    assert result.snapshot.counts["exported"] == complete - STILL_SEALED
    rows = dict(result.document.table("method.counts").rows)
    assert rows["Sealed interviews left out (not unsealed)"] == STILL_SEALED
    assert rows["Complete interviews in the database"] == complete
