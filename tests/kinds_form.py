"""The every-kind questionnaire of the screenshots, for the interview-screen tests."""

from desktop.sample_form import KINDS_CHOICES, KINDS_SURVEY, register_kinds_form

__all__ = ["KINDS_CHOICES", "KINDS_SURVEY", "register_kinds_form"]
