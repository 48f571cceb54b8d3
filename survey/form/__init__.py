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
]
