"""Typed dates: read as people write them in kk/ru/en, never turned into another date."""

from __future__ import annotations

from datetime import date

import pytest

from survey.interview.dates import format_date, read_date
from survey.messages import render

NOV30 = date(2026, 11, 30)


@pytest.mark.parametrize("text", ["30.11.2026", "30.11.2026.", " 30 . 11 . 2026 ", "2026-11-30",
                                  "2026.11.30", "2026/11/30", "2026 11 30", "20261130"])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_read_date__day_first_with_dots_or_year_first__same_date_in_every_language(text, language):
    assert read_date(text, language).value == NOV30


@pytest.mark.parametrize("text", ["30/11/2026", "30-11-2026", "30 11 2026", "30112026"])
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_read_date__kazakh_russian_slashes_dashes_spaces__day_first(text, language):
    assert read_date(text, language).value == NOV30


def test_read_date__english_slashes__month_first():
    assert read_date("11/30/2026", "en").value == NOV30
    assert read_date("03/04/2026", "en").value == date(2026, 3, 4)
    assert read_date("03/04/2026", "ru").value == date(2026, 4, 3)


def test_read_date__one_digit_day_and_month():
    assert read_date("1.2.2026", "kk").value == date(2026, 2, 1)


@pytest.mark.parametrize("text, code", [
    ("31.02.2026", "interview.date_not_real"),
    ("30/11/2026", "interview.date_not_real"),   # English: month 30 does not exist
    ("30.13.2026", "interview.date_not_real"),
    ("30.11.26", "interview.date_year"),
    ("30.11.0026", "interview.date_year"),
    ("3011-02-02", "interview.date_year"),
    ("tomorrow", "interview.date_format"),
    ("30.11", "interview.date_format"),
])
def test_read_date__impossible_or_unreadable__refused_never_another_date(text, code):
    reading = read_date(text, "en", today=NOV30)
    assert reading.value is None and not reading.ok
    assert reading.problem is not None and reading.problem.code == code


def test_read_date__empty__no_date_no_problem():
    assert read_date("  ", "kk").ok and read_date("", "ru").value is None


def test_problem__rendered_in_kazakh_and_russian_with_an_example():
    kk = render(read_date("30.11.26", "kk", today=NOV30).problem, "kk")
    ru = render(read_date("abc", "ru", today=NOV30).problem, "ru")
    assert "төрт цифрмен" in kk and "30.11.2026" in kk
    assert "это не дата" in ru and "30.11.2026" in ru


def test_format_date__day_month_year_with_dots():
    assert format_date(date(2026, 3, 5)) == "05.03.2026"
    assert read_date(format_date(date(2026, 3, 5)), "en").value == date(2026, 3, 5)
