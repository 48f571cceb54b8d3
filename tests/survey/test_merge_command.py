"""``kelisim merge`` on the command line."""

from desktop.cli import main
from survey.form.model import Form, Settings, Text
from survey.store import Store


def _laptop(path, count):
    with Store.open(path) as store:
        store.register_form(Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}),
                                                   version="1"), questions=()), b"x")
        for _ in range(count):
            uuid = store.start_interview("f", "1", interviewer="Dana")
            store.save_answer(uuid, "age", 30)
            store.complete(uuid)


def test_merge_command__good_inputs__line_per_input_exit_zero(tmp_path, capsys):
    _laptop(tmp_path / "a.db", 2)
    _laptop(tmp_path / "b.db", 3)
    code = main(["merge", "--into", str(tmp_path / "m.db"), str(tmp_path / "a.db"),
                 str(tmp_path / "b.db")])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out == ["a.db: 2 added, 0 identical, 0 updated, 0 conflicts; 1 new form version(s)",
                   "b.db: 3 added, 0 identical, 0 updated, 0 conflicts"]
    with Store.open(tmp_path / "m.db") as master:
        assert master.count_interviews() == 5


def test_merge_command__one_bad_input__others_merged_exit_nonzero(tmp_path, capsys):
    _laptop(tmp_path / "a.db", 2)
    (tmp_path / "junk.db").write_text("junk " * 100)
    code = main(["merge", "--into", str(tmp_path / "m.db"), str(tmp_path / "junk.db"),
                 str(tmp_path / "a.db")])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out.splitlines() == ["a.db: 2 added, 0 identical, 0 updated, 0 conflicts; "
                                         "1 new form version(s)"]
    assert "junk.db: FAILED" in captured.err and "[store.corrupt]" in captured.err
    assert "1 of 2 file(s) were not merged" in captured.err


def test_merge_command__master_not_kelisim__exit_nonzero(tmp_path, capsys):
    _laptop(tmp_path / "a.db", 1)
    (tmp_path / "m.db").write_text("junk " * 100)
    code = main(["merge", "--into", str(tmp_path / "m.db"), str(tmp_path / "a.db")])
    assert code == 1
    assert "cannot use the master database" in capsys.readouterr().err
