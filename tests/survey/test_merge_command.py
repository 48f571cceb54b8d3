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
    assert out == ["a.db: 2 added, 0 identical, 0 updated, 0 conflicts; "
                   "1 new questionnaire version(s)",
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
                                         "1 new questionnaire version(s)"]
    failed, summary = captured.err.splitlines()
    assert failed.startswith("junk.db: failed, nothing merged: The file is damaged or is not a "
                             "database (it is not an SQLite file).")
    assert failed.endswith("[store.corrupt]")
    assert summary == ("kelisim merge: 1 of 2 file(s) were not merged; fix them and run the merge "
                       "again (merging a file twice changes nothing). [store.merge.not_all]")


def test_merge_command__kelisim_lang_russian__lines_in_russian(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KELISIM_LANG", "ru")
    _laptop(tmp_path / "a.db", 1)
    (tmp_path / "junk.db").write_text("junk " * 100)
    code = main(["merge", "--into", str(tmp_path / "m.db"), str(tmp_path / "a.db"),
                 str(tmp_path / "junk.db")])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out.splitlines() == [
        "a.db: добавлено 1, совпадает 0, обновлено 0, конфликтов 0; новых версий анкет: 1"]
    assert captured.err.splitlines() == [
        "junk.db: ошибка, ничего не объединено: Файл повреждён или не является базой данных "
        "(это не файл SQLite). Восстановите его из резервной копии или скопируйте заново с "
        "ноутбука. [store.corrupt]",
        "kelisim merge: Не объединено файлов: 1 из 2; исправьте их и запустите объединение ещё "
        "раз (повторное объединение файла ничего не меняет). [store.merge.not_all]"]


def test_merge_command__master_not_kelisim__exit_nonzero(tmp_path, capsys):
    _laptop(tmp_path / "a.db", 1)
    (tmp_path / "m.db").write_text("junk " * 100)
    code = main(["merge", "--into", str(tmp_path / "m.db"), str(tmp_path / "a.db")])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kelisim merge: Cannot use the master database: {tmp_path / 'm.db'}: "
                          "The file is damaged or is not a database")
    assert err.rstrip().endswith("[store.corrupt]")
