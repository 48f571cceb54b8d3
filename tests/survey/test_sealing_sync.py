"""Sealed interviews travel to the central server as opaque envelopes (an interviewer login
sends and reads only its own, supervisors read all), drafts as ciphertext; a master pulled
from the server unseals them."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from desktop.cli import main
from survey.form.xlsform import load_form
from survey.sealing import load_private_key
from survey.store import Store
from survey.store.postgres.reader import ServerReader
from survey.sync import sync
from survey.sync.pull import pull
from tests.survey.sealing_helpers import (
    DRAFTS_PASSPHRASE,
    PASSPHRASE,
    PHOTO,
    SECRET_ANSWERS,
    fill,
    key_pair,
    register_sealed_form,
)


def _dump(server) -> str:
    with server.admin() as conn:
        return str([conn.execute(f"SELECT * FROM kelisim.{table}").fetchall()
                    for table in ("interviews", "sealed", "media", "audit_log", "paradata")])


def test_sync__envelopes_and_encrypted_drafts_sent_pull_and_unseal_in_a_master(
        kelisim_server, tmp_path, capsys):
    keys = key_pair(tmp_path / "keys")
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        sealed = fill(store)
        draft = fill(store, complete=False)
    with sqlite3.connect(laptop) as conn:
        (envelope,) = conn.execute("SELECT envelope FROM sealed").fetchone()

    summary = sync(laptop, kelisim_server.address(), None)

    assert (summary.added, summary.updated) == (2, 0)
    assert kelisim_server.count("SELECT count(*) FROM kelisim.sealed WHERE uuid = %s "
                                "AND envelope = %s", sealed, envelope) == 1
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews WHERE uuid = %s "
                                "AND answers = '{}'::jsonb", sealed) == 1
    dump = _dump(kelisim_server)
    assert "kelisim-draft-1:" in dump  # the draft went as ciphertext
    assert not [v for v in SECRET_ANSWERS.values() if str(v) in dump]
    assert "respondent-face-pixels" not in dump
    with ServerReader.open(kelisim_server.address()) as reader:
        assert reader.sealed_uuids() == {sealed} and reader.count_sealed("sealed") == 1
        assert reader.is_sealed(sealed) and not reader.is_sealed(draft)
        assert reader.answer_counts("sealed", "region") == {"almaty_city": 1}
        assert reader.answers(draft) == {} and list(reader.media_files()) == []
    again = sync(laptop, kelisim_server.address(), None)
    assert (again.added, again.identical, again.updated) == (0, 2, 0)

    with Store.open(laptop) as store:  # the draft completed later replaces the server's draft
        store.unlock_drafts(DRAFTS_PASSPHRASE)
        store.complete(draft)
    later = sync(laptop, kelisim_server.address(), None)
    assert (later.added, later.updated) == (0, 1)
    assert kelisim_server.count("SELECT count(*) FROM kelisim.sealed") == 2

    master = tmp_path / "master.db"
    pulled = pull(kelisim_server.address(), None, master)
    assert pulled.ok and pulled.added == 2
    assert main(["server", "pull", kelisim_server.url, "--into", str(master)]) == 0
    assert "0 added, 2 identical" in capsys.readouterr().out  # pulling again changes nothing
    with Store.open(master) as store:
        assert store.sealed_uuids() == {sealed, draft}
        opened = store.unseal(load_private_key(keys.private_path, PASSPHRASE))
        assert (opened.opened, opened.refused) == (2, ()), [str(m) for m in opened.refused]
        for uuid in (sealed, draft):
            answers = store.answers(uuid)
            assert {q: answers[q] for q in SECRET_ANSWERS} == SECRET_ANSWERS
            assert store.media_file(uuid, "photo").data == PHOTO  # type: ignore[union-attr]


def test_sync__envelopes_of_other_interviewers_neither_sent_nor_read(kelisim_server, tmp_path):
    keys = key_pair(tmp_path / "keys")
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register_sealed_form(store, tmp_path, keys.public_text)
        mine = fill(store)  # interviewer "Aigerim T."
    data = (tmp_path / "sealed.xlsx").read_bytes()
    kelisim_server.publish(load_form(data, filename="sealed.xlsx"), data)
    aigerim = kelisim_server.add_user("aigerim", interviewers=("Aigerim T.",))
    other = kelisim_server.add_user("dana", interviewers=("Dana K.",))
    supervisor = kelisim_server.add_user("analyst", role="supervisor")

    assert sync(laptop, other, None).not_yours_count == 1
    assert kelisim_server.count("SELECT count(*) FROM kelisim.sealed") == 0
    assert sync(laptop, aigerim, None).added == 1
    with ServerReader.open(other) as reader:
        assert reader.sealed_uuids() == set()
    with ServerReader.open(supervisor) as reader:
        assert reader.sealed_uuids() == {mine}
    url = kelisim_server.cluster.url(kelisim_server.database, aigerim.params["user"],
                                     "secret-pw")
    with psycopg.connect(url) as conn, pytest.raises(psycopg.Error):  # nothing deleted
        conn.execute("DELETE FROM kelisim.sealed")
    assert kelisim_server.count("SELECT count(*) FROM kelisim.sealed") == 1
