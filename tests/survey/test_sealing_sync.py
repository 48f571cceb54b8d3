"""``kelisim sync`` keeps sealed interviews on the laptop: the server holds no envelopes yet,
and never an empty copy of a sealed interview."""

from __future__ import annotations

from survey.messages import render
from survey.store import Store
from survey.store.postgres.reader import ServerReader
from survey.sync import sync
from tests.survey.sealing_helpers import SECRET_ANSWERS, fill, key_pair, register_sealed_form


def test_sync__sealed_interviews_held_back_and_said_drafts_sent(kelisim_server, tmp_path):
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        register_sealed_form(store, tmp_path, key_pair(tmp_path / "keys").public_text)
        sealed = fill(store)
        draft = fill(store, complete=False)

    summary = sync(laptop, kelisim_server.address(), None)

    assert summary.added == 1 and summary.sealed_held == 1
    texts = [render(m, "en") for m in summary.messages()]
    assert any("1 sealed interviews were not sent" in t for t in texts)
    with kelisim_server.admin() as conn:
        uuids = {row[0] for row in conn.execute("SELECT uuid FROM kelisim.interviews")}
        dump = str(conn.execute("SELECT * FROM kelisim.interviews").fetchall())
    assert uuids == {draft} and sealed not in dump
    # the draft went as it is: its answers encrypted with the laptop's device key
    assert "kelisim-draft-1:" in dump
    assert not [v for v in SECRET_ANSWERS.values() if str(v) in dump]
    with ServerReader.open(kelisim_server.address()) as reader:  # the server cannot read them
        assert reader.answers(draft) == {}
        assert list(reader.answer_rows(status="draft")) == []
        assert list(reader.media_files()) == []
    again = sync(laptop, kelisim_server.address(), None)
    assert (again.added, again.updated, again.sealed_held) == (0, 0, 1)
