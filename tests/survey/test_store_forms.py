"""Questionnaires kept in the store and rebuilt from their stored XLSForm bytes."""

from survey.form.xlsform import load_form
from survey.store import Store
from tests.formbuilder import write_xlsform


def test_load_form__stored_bytes__same_questions_as_the_file(tmp_path):
    path = write_xlsform(
        tmp_path / "form.xlsx",
        [{"type": "integer", "name": "age", "label::en": "Age", "label::ru": "Возраст"},
         {"type": "select_one yn", "name": "ok", "label::en": "OK?", "label::ru": "OK?",
          "relevant": "${age} >= 18"}],
        [{"list_name": "yn", "name": "yes", "label::en": "Yes", "label::ru": "Да"},
         {"list_name": "yn", "name": "no", "label::en": "No", "label::ru": "Нет"}],
        {"form_id": "small", "version": "3", "form_title::en": "Small",
         "form_title::ru": "Малая"},
    )
    original = load_form(path)
    with Store.open(tmp_path / "s.db") as store:
        store.register_form(original, path.read_bytes())
        (record,) = store.forms()
        rebuilt = store.load_form("small", "3")
    assert (record.form_id, record.version) == ("small", "3")
    assert record.languages == original.languages
    assert record.title.get("ru") == original.settings.title.get("ru")
    assert [q.name for q in rebuilt.questions] == ["age", "ok"]
    assert rebuilt.question("ok").relevant.source == "${age} >= 18"
    assert rebuilt.languages == original.languages

