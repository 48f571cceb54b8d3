"""Questionnaire model and its XLSForm reader."""

from survey.form.model import (
    NO_LANGUAGE,
    OTHER_CHOICE,
    Choice,
    Form,
    Group,
    Question,
    QuestionType,
    Settings,
    Text,
)
from survey.form.xlsform import form_summary, load_form

__all__ = [
    "NO_LANGUAGE",
    "OTHER_CHOICE",
    "Choice",
    "Form",
    "Group",
    "Question",
    "QuestionType",
    "Settings",
    "Text",
    "form_summary",
    "load_form",
]
