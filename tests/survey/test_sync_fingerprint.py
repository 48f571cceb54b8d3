"""The server computes each interview's fingerprint itself, as merge computes it.

Sync compares a laptop's interview with the server's by fingerprint (and ``updated_at`` and the
last writing laptop): a fingerprint the server took on trust would let a changed client hide a
diverging copy under the fingerprint of the version other laptops hold.
"""

from __future__ import annotations

import psycopg

from survey.store import Store
from survey.store.postgres import mirror
from survey.sync import sync
from tests.survey.test_merge import _form, _laptop

#: Every character ``json.dumps`` escapes, and some it leaves as they are.
AWKWARD = 'Қазақ "тырнақша" \\ жол\nбелгі\tтаб \x01\x1f\x7f \u2028 ✓ 𝔸'


def _fingerprints(server) -> dict[str, str]:
    with server.admin() as conn:
        return dict(conn.execute("SELECT uuid, fingerprint FROM kelisim.interviews"))


def _laptop_fingerprints(path, folder) -> dict[str, str]:
    folder.mkdir()
    workspace = mirror.Workspace(folder, path)
    try:
        return {uuid: mine.state[0] for uuid, mine in workspace.laptop().items()}
    finally:
        workspace.close()


def test_server_fingerprint__every_interview__same_as_merge_computes(kelisim_server, tmp_path):
    uuids = _laptop(tmp_path / "a.db", interviews=2)
    with Store.open(tmp_path / "a.db") as store:
        store.reopen(uuids[0], who="Supervisor", reason="notes")
        store.save_answer(uuids[0], "note", AWKWARD)
        store.save_answer(uuids[0], "zz_share", 0.25)
        store.save_answer(uuids[0], "ä_question", "x")  # sorted after every ASCII key
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    server = _fingerprints(kelisim_server)
    assert set(server) == set(uuids)
    assert server == _laptop_fingerprints(tmp_path / "a.db", tmp_path / "ws")


def test_server_fingerprint__forged_by_a_client__recomputed_edit_kept_as_conflict(
        kelisim_server, tmp_path):
    kelisim_server.publish(_form(), b"form v1")
    shared, *_ = _laptop(tmp_path / "a.db", interviews=1)
    login = kelisim_server.add_user("aigerim", interviewers=("int-a",))
    sync(tmp_path / "a.db", login, None)
    honest = _fingerprints(kelisim_server)[shared]
    # A changed client with the same login: another age, the fingerprint left as it was.
    with psycopg.connect(login.conninfo(login.url_password), autocommit=True) as conn:
        conn.execute("UPDATE kelisim.interviews SET answers = jsonb_set(answers, '{age,1}', "
                     "'\"99\"'), fingerprint = %s WHERE uuid = %s", (honest, shared))
    forged = _fingerprints(kelisim_server)[shared]
    assert forged != honest
    summary = sync(tmp_path / "a.db", login, None)  # the laptop's own copy is not the server's
    assert summary.conflicts == 1
    with kelisim_server.admin() as conn:
        rows = conn.execute(
            "SELECT kept_version::jsonb -> 'answers' -> 'age' ->> 'text', "
            "other_version::jsonb -> 'answers' -> 'age' ->> 'text' FROM kelisim.conflicts "
            "WHERE uuid = %s", (shared,)).fetchall()
    assert len(rows) == 1 and set(rows[0]) == {"20", "99"}
