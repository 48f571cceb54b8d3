"""Loading the bundled questionnaire with the XLSForm reader."""

from __future__ import annotations

from pathlib import Path

from survey.form import Form, QuestionType, form_summary, load_form

BUNDLED = Path(__file__).resolve().parents[2] / "questionnaires" / "mediation_awareness.xlsx"


def check_bundled(form: Form) -> None:
    assert form.form_id == "kelisim_mediation_kz"
    assert form.languages == ("kk", "ru", "en")
    assert form.default_language() == "kk"
    assert 50 <= sum(1 for q in form.questions if q.type.takes_input) <= 80
    assert form.question("region").type is QuestionType.SELECT_ONE
    assert len(form.question("region").choices) == 20
    assert form.question("age_group").type is QuestionType.CALCULATE
    assert all(q.label.languages() == ("kk", "ru", "en") for q in form.questions
               if q.type is not QuestionType.CALCULATE)
    assert "kelisim_mediation_kz" in form_summary(form)


def test_load_form__bundled_questionnaire__loads_with_zero_problems() -> None:
    check_bundled(load_form(BUNDLED, repeats=True))
