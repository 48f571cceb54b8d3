"""A Kazakh or Russian report holds no English sentence from the analysis engine.

The text of real PDF reports (built from the demo database by ``conftest.py``) is extracted
and searched for every English phrase of every message the analysis package declares (its
methods, notes and errors, from the English catalog) and for English method words. Phrases
that the Kazakh or Russian template keeps on purpose (R function and argument names such as
``svyciprop method='beta'``) are not searched in that language.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pypdf
import pytest

from reports.api import ReportResult
from reports.content_method import analysis_notes
from survey.i18n import catalog
from survey.messages.registry import all_codes

#: English method words no Kazakh or Russian report may contain (names the translations keep
#: beside their own wording, such as Rao-Scott, are not listed).
METHOD_WORDS = ("Taylor linearization", "with replacement", "Wald", "strata", "weights",
                "lonely PSU", "raked", "Holm", "Benjamini-Hochberg",
                "design df", "confidence interval", "standard error", "design effect",
                "left out", "no respondents", "no answers")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(path: Path) -> str:
    return _flat(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages))


def _phrases(template: str) -> set[str]:
    """The English phrases of a template: literal text between placeholders and punctuation,
    with at least two words of two or more letters."""
    found = set()
    for literal, *_ in string.Formatter().parse(template):
        for piece in re.split(r"[;:,()\[\]{}«»'\"=]", literal):
            phrase = _flat(piece)
            if len(_WORD.findall(phrase)) >= 2:
                found.add(phrase)
    return found


def engine_phrases(language: str) -> set[str]:
    """English phrases of every analysis message that the language's template does not keep."""
    english, translated = catalog("messages", "en"), catalog("messages", language)
    phrases = set()
    for member in all_codes():
        if member.code.startswith("analysis."):
            kept = _flat(translated[member.code])
            phrases |= {p for p in _phrases(english[member.code]) if p not in kept}
    return phrases


def test_engine_phrases__cover_methods_notes_and_errors() -> None:
    phrases = engine_phrases("ru")
    assert "Taylor linearization" in phrases and "R gives NaN" in phrases
    assert "has no design effect" in phrases and "row left out" in phrases
    assert "is not in the data" in phrases
    assert "svyciprop method" not in phrases  # kept by the Russian template


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_report_pdf__kazakh_and_russian__no_english_sentence_of_the_engine(
        language: str, kazakh_report: ReportResult, russian_report: ReportResult) -> None:
    report = kazakh_report if language == "kk" else russian_report
    assert analysis_notes(report.results), "the report should have notes to show"
    text = _pdf_text(report.pdf)  # type: ignore[arg-type]
    found = sorted(p for p in engine_phrases(language) if p in text)
    assert found == []
    words = sorted(w for w in METHOD_WORDS
                   if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE))
    assert words == []
