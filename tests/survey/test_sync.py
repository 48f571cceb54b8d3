"""``kelisim sync``: a laptop into a real PostgreSQL server with merge's semantics.

The oracle is ``kelisim merge`` itself: the same laptops merged into a SQLite master and synced
into a server must give the same interviews, answers, audit entries, paradata and conflicts.
"""

from __future__ import annotations

import shutil

import pytest

from survey.errors import StoreError
from survey.messages import render
from survey.store import Store, merge
from survey.store.postgres.reader import ServerReader
from survey.sync import sync
from tests.survey.test_merge import DAY2, DAY3, Clock, _edit, _form, _laptop


def _read(server, uuids):
    with ServerReader.open(server.address()) as reader:
        return {u: (reader.interview(u), reader.answers(u), reader.audit_log(u),
                    reader.events(u)) for u in uuids}


def _local(path, uuids):
    with Store.open(path) as store:
        return {u: (store.interview(u), store.answers(u), store.audit_log(u), store.events(u))
                for u in uuids}


def _dump(server):
    with server.admin() as conn:
        return [conn.execute(f"SELECT * FROM kelisim.{table} ORDER BY 1").fetchall()
                for table in ("interviews", "paradata", "audit_log", "conflicts", "forms")]


def _conflicts(server):
    with server.admin() as conn:
        return conn.execute("SELECT uuid, source, kept_version, other_version "
                            "FROM kelisim.conflicts").fetchall()


def test_sync__new_server__every_interview_with_answers_audit_paradata(kelisim_server, tmp_path):
    uuids = _laptop(tmp_path / "a.db", interviews=3)
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert (summary.added, summary.identical, summary.updated, summary.conflicts) == (4, 0, 0, 0)
    assert _read(kelisim_server, uuids) == _local(tmp_path / "a.db", uuids)
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 4


def test_sync__twice__second_changes_nothing(kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db")
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    before = _dump(kelisim_server)
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert (summary.added, summary.identical, summary.updated, summary.conflicts) == (0, 3, 0, 0)
    assert _dump(kelisim_server) == before


def test_sync__laptop_file__never_changed_while_sending(kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db")
    with Store.open(tmp_path / "a.db") as store:
        counter = store.change_counter()
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    with Store.open(tmp_path / "a.db") as store:
        assert store.change_counter() == counter  # the server had nothing to give back


def test_sync__edited_on_two_laptops__latest_kept_other_in_conflicts(kelisim_server, tmp_path):
    (shared, *_) = _laptop(tmp_path / "a.db")
    merge(tmp_path / "b.db", [tmp_path / "a.db"])
    _edit(tmp_path / "a.db", shared, {"age": 30}, DAY2)
    _edit(tmp_path / "b.db", shared, {"age": 31, "media": ("web",)}, DAY3)
    first = sync(tmp_path / "a.db", kelisim_server.address(), None)
    second = sync(tmp_path / "b.db", kelisim_server.address(), None)
    assert (first.added, second.added, second.conflicts) == (3, 0, 1)
    with ServerReader.open(kelisim_server.address()) as reader:
        assert reader.answers(shared) == {"age": 31, "media": ("web",)}
        actions = [(e.action, e.question, e.old_value, e.new_value)
                   for e in reader.audit_log(shared)]
    assert ("change", "age", "20", "30") in actions and ("change", "age", "20", "31") in actions
    ((uuid, source, kept, other),) = _conflicts(kelisim_server)
    assert uuid == shared and source.endswith(":b.db")
    assert '"text": "31"' in kept and '"text": "30"' in other
    again = sync(tmp_path / "b.db", kelisim_server.address(), None)
    assert again.conflicts == 0 and len(_conflicts(kelisim_server)) == 1


def test_sync__later_version_from_same_laptop__updated(kelisim_server, tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "age", 50)
        laptop.complete(uuids[-1])
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert (summary.updated, summary.identical, summary.conflicts) == (1, 2, 0)
    assert _read(kelisim_server, uuids) == _local(tmp_path / "a.db", uuids)
    assert _conflicts(kelisim_server) == []


def test_sync__older_copy_of_laptop__outdated_server_kept(kelisim_server, tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    shutil.copy(tmp_path / "a.db", tmp_path / "old-a.db")
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "age", 50)
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    before = _dump(kelisim_server)
    summary = sync(tmp_path / "old-a.db", kelisim_server.address(), None)
    assert (summary.outdated, summary.identical) == (1, 2)
    assert _dump(kelisim_server) == before


def test_sync__cloned_laptops__diverging_edits_kept_as_conflict(kelisim_server, tmp_path):
    uuids = _laptop(tmp_path / "a.db")
    shutil.copy(tmp_path / "a.db", tmp_path / "clone.db")
    with Store.open(tmp_path / "a.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "media", ("tv",))
    with Store.open(tmp_path / "clone.db", clock=Clock(DAY3)) as laptop:
        laptop.save_answer(uuids[-1], "age", 41)
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    summary = sync(tmp_path / "clone.db", kelisim_server.address(), None)
    assert summary.conflicts == 1
    ((_u, _s, kept, other),) = _conflicts(kelisim_server)
    assert '"text": "41"' in kept and '"text": "tv"' in other


def test_sync__same_laptops__same_result_as_merge(kelisim_server, tmp_path):
    (shared, *_) = _laptop(tmp_path / "a.db", interviews=4)
    merge(tmp_path / "b.db", [tmp_path / "a.db"])
    _laptop(tmp_path / "b.db", interviews=2)
    _edit(tmp_path / "a.db", shared, {"age": 30}, DAY2)
    _edit(tmp_path / "b.db", shared, {"age": 31}, DAY3)
    laptops = [tmp_path / "a.db", tmp_path / "b.db"]
    merged = merge(tmp_path / "master.db", laptops)
    synced = [sync(p, kelisim_server.address(), None) for p in laptops]
    assert [(m.added, m.identical, m.updated, m.conflicts) for m in merged] == \
        [(s.added, s.identical, s.updated, s.conflicts) for s in synced]
    with Store.open(tmp_path / "master.db") as master:
        uuids = [r.uuid for r in master.interviews()]
    assert _read(kelisim_server, uuids) == _local(tmp_path / "master.db", uuids)


def test_sync__interviewer_login__other_interviewers_kept_back(kelisim_server, tmp_path):
    kelisim_server.publish(_form(), b"form v1")
    mine = _laptop(tmp_path / "a.db", interviews=2)
    other = _laptop(tmp_path / "b.db", interviews=1)
    merge(tmp_path / "a.db", [tmp_path / "b.db"])  # one laptop holding two interviewers' work
    login = kelisim_server.add_user("aigerim", interviewers=("int-a",))
    summary = sync(tmp_path / "a.db", login, None)
    assert (summary.added, summary.not_yours_count, summary.not_yours) == (3, 2, ("int-b",))
    assert "int-b" in render(summary.messages()[1], "en")
    with ServerReader.open(kelisim_server.address()) as reader:
        assert {r.uuid for r in reader.interviews()} == set(mine)
    sync(tmp_path / "b.db", kelisim_server.address(), None)  # the owner may send anything
    again = sync(tmp_path / "a.db", login, None)
    assert (again.added, again.identical, again.not_yours_count) == (0, 3, 2)
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == \
        len(mine) + len(other)


def test_sync__interviewer_login__form_missing_on_server__kept_back(kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db", interviews=2)
    login = kelisim_server.add_user("aigerim", interviewers=("int-a",))
    summary = sync(tmp_path / "a.db", login, None)
    assert summary.added == 0 and summary.unknown_forms == {("f", "1"): 3}
    assert "ask the administrator to publish" in render(summary.messages()[1], "en")
    sync(tmp_path / "a.db", kelisim_server.address(), None)  # the owner publishes the form
    assert kelisim_server.count("SELECT count(*) FROM kelisim.forms") == 1
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 3


def test_sync__supervisor_login__not_allowed(kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db")
    login = kelisim_server.add_user("boss", "supervisor")
    with pytest.raises(StoreError) as caught:
        sync(tmp_path / "a.db", login, None)
    assert caught.value.code == "server.not_allowed"


def test_sync__receives_new_forms_and_quotas(kelisim_server, tmp_path):
    from questionnaires import bundled_form_bytes
    from survey.form.xlsform import load_form
    from survey.store.postgres.admin import set_quota

    data = bundled_form_bytes()
    kelisim_server.publish(load_form(data, repeats=True), data)
    with kelisim_server.admin() as conn:
        set_quota(conn, kelisim_server.address(), "kelisim_mediation_kz", "almaty", 120)
    _laptop(tmp_path / "a.db", interviews=1)
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert (summary.forms_received, summary.quotas_received) == (1, 1)
    with Store.open(tmp_path / "a.db") as store:
        assert store.xlsform_bytes("kelisim_mediation_kz", load_form(data, repeats=True).version) == data
        assert store.quotas("kelisim_mediation_kz") == {"almaty": 120}
    again = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert (again.forms_received, again.quotas_received) == (0, 0)


def test_sync__messages__rendered_in_kazakh_and_russian(kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db")
    summary = sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert render(summary.messages()[0], "ru").startswith("a.db: отправлено 3")
    assert render(summary.messages()[0], "kk").startswith("a.db: жіберілді 3")


def test_sync__form_same_version_other_content__laptop_refused_server_unchanged(
        kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db")
    _laptop(tmp_path / "bad.db", xlsform=b"edited without a new version")
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    before = _dump(kelisim_server)
    with pytest.raises(StoreError) as caught:
        sync(tmp_path / "bad.db", kelisim_server.address(), None)
    assert caught.value.code == "store.form_conflict"
    assert _dump(kelisim_server) == before


def test_sync__damaged_laptop_file__refused_as_corrupt(kelisim_server, tmp_path):
    _laptop(tmp_path / "a.db", interviews=40)
    data = bytearray((tmp_path / "a.db").read_bytes())
    data[3 * 4096: 4 * 4096] = b"\xff" * 4096
    (tmp_path / "a.db").write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert caught.value.code == "store.corrupt"
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 0


def test_sync__unreadable_value_in_laptop__refused_nothing_sent_laptop_unchanged(
        kelisim_server, tmp_path):
    import sqlite3

    uuids = _laptop(tmp_path / "a.db", interviews=3)
    conn = sqlite3.connect(tmp_path / "a.db")  # a month-13 date written behind Kelisim's back
    conn.execute("UPDATE answers SET value_type = 'date', value_text = '2026-13-01' "
                 "WHERE uuid = ? AND question = (SELECT min(question) FROM answers WHERE uuid = ?)",
                 (uuids[0], uuids[0]))
    conn.commit()
    conn.close()
    before = (tmp_path / "a.db").read_bytes()
    with pytest.raises(StoreError) as caught:
        sync(tmp_path / "a.db", kelisim_server.address(), None)
    assert caught.value.code == "server.unreadable_values"
    assert caught.value.message.fields["count"] == 1
    assert kelisim_server.count("SELECT count(*) FROM kelisim.interviews") == 0
    assert (tmp_path / "a.db").read_bytes() == before


def test_cli_sync__summary_in_kazakh_and_bad_address_refused(kelisim_server, tmp_path, capsys):
    from desktop.cli import main

    _laptop(tmp_path / "a.db")
    assert main(["sync", "--db", str(tmp_path / "a.db"), "--server", kelisim_server.url,
                 "--quiet", "--lang", "kk"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "a.db: жіберілді 3, серверде бұрыннан бар 0, жаңартылды 0, қайшылық 0"
    assert main(["sync", "--db", str(tmp_path / "a.db"), "--server", "http://example.org/x",
                 "--quiet"]) == 1
    assert capsys.readouterr().err.endswith("[server.bad_url]\n")


def test_sync__overtaken_while_sending__starts_over_and_settles(kelisim_server, tmp_path):
    import threading
    import time

    import psycopg

    uuids = _laptop(tmp_path / "a.db")
    sync(tmp_path / "a.db", kelisim_server.address(), None)
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    with Store.open(tmp_path / "b.db", clock=Clock(DAY2)) as laptop:
        laptop.save_answer(uuids[-1], "age", 77)
    holder = psycopg.connect(kelisim_server.url)
    holder.execute("SELECT 1 FROM kelisim.interviews WHERE uuid = %s FOR UPDATE", (uuids[-1],))
    results = []
    worker = threading.Thread(target=lambda: results.append(
        sync(tmp_path / "b.db", kelisim_server.address(), None)))
    worker.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not kelisim_server.count(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'kelisim' "
            "AND wait_event_type = 'Lock'"):
        time.sleep(0.05)
    holder.execute("UPDATE kelisim.interviews SET language = 'kk' WHERE uuid = %s",
                   (uuids[-1],))  # another writer gets there first
    holder.commit()
    holder.close()
    worker.join(60)
    (summary,) = results
    assert (summary.updated, summary.identical, summary.conflicts) == (1, 2, 0)
    with ServerReader.open(kelisim_server.address()) as reader:
        assert reader.answers(uuids[-1])["age"] == 77
