"""The longest answers Kelisim keeps, per kind of value.

Checked when an answer is entered (the interview engine refuses it with the validation code
``too_long``), again by the store (``store.too_long``), and by merge for values that come from
other files (set aside in the quarantine table). Lengths are those of the ODK text form
(:func:`survey.interview.answers.to_odk`):

=================================================================  ===========================
kind of value                                                      longest
=================================================================  ===========================
text: text, select_one, acknowledge and calculate answers, the     10,000 characters
free text of an ``or_other`` select
choices: a select_multiple answer (choice names, space-separated)  10,000 characters
integer                                                            18 digits (the interview
                                                                   engine keeps ODK's 32-bit
                                                                   range anyway)
decimal                                                            40 characters
date                                                               always 10 (``YYYY-MM-DD``)
=================================================================  ===========================

10,000 characters are several pages of typed text, far more than any open answer of a field
interview, and keep a hostile file from filling exports and reports with megabytes per cell;
18 digits always fit SQLite's 64-bit integers.
"""

from __future__ import annotations

from datetime import date

TEXT = "text"
CHOICES = "choices"
INTEGER = "integer"
DECIMAL = "decimal"

#: Longest text form per kind of value (characters; digits for integers).
LIMITS: dict[str, int] = {TEXT: 10_000, CHOICES: 10_000, INTEGER: 18, DECIMAL: 40}


def value_kind(value: object) -> str | None:
    """The kind of a Python answer value, or None for a date (whose length is fixed)."""
    if isinstance(value, str):
        return TEXT
    if isinstance(value, tuple):
        return CHOICES
    if isinstance(value, bool | date):
        return None
    if isinstance(value, int):
        return INTEGER
    if isinstance(value, float):
        return DECIMAL
    return None


def over_limit(kind: str, text: str) -> int | None:
    """The limit of ``kind`` when ``text`` (a value's ODK text form) goes beyond it, else None."""
    limit = LIMITS.get(kind)
    if limit is None:
        return None
    length = len(text.lstrip("+-")) if kind == INTEGER else len(text)
    return limit if length > limit else None
