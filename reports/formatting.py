"""Numbers as text in the report's language, as babel writes them for its locale.

English groups digits with a comma and uses a decimal point ("2,419.5"); Russian and Kazakh group
with a no-break space and use a decimal comma ("2 419,5"). Minus signs are typographic (−).
"""

from __future__ import annotations

import math

from babel.numbers import format_decimal

from survey.i18n import locale_of, translator


def _number(value: float, digits: int, language: str) -> str:
    """Rounded to ``digits``; a value that rounds to zero loses its sign (no "-0.0")."""
    rounded = round(value, digits)
    sign = "\u2212" if rounded < 0 else ""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    text = format_decimal(abs(rounded), format=pattern, locale=locale_of(language),
                          decimal_quantization=True)
    return sign + text


def number(value: object, language: str, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return _number(value, 0, language)
    return _number(float(value), digits, language)  # type: ignore[arg-type]


def percent(value: object, language: str, digits: int = 1) -> str:
    """A proportion 0..1 as ``45.2%`` (``45,2%`` in kk/ru).

    A bound that rounds to zero shows as ``0.0%``, never ``-0.0%``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _number(100.0 * float(value), digits, language) + "%"  # type: ignore[arg-type]


def points(value: object, language: str, digits: int = 1) -> str:
    """A difference of proportions in percentage points, signed."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    v = 100.0 * float(value)  # type: ignore[arg-type]
    sign = "+" if round(v, digits) > 0 else ""
    return sign + _number(v, digits, language) + translator("reports", language)(" pp")


def pvalue(value: object, language: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    p = float(value)  # type: ignore[arg-type]
    if p < 0.001:
        return "<" + _number(0.001, 3, language)
    return _number(p, 3, language)


def interval(low: object, high: object, language: str, kind: str = "percent") -> str:
    fmt = percent if kind == "percent" else points
    return f"{fmt(low, language)} – {fmt(high, language)}"


def p_text(value: object, language: str) -> str:
    """``p = 0.012`` or ``p < 0.001``."""
    text = pvalue(value, language)
    return "p " + text.replace("<", "< ") if text.startswith("<") else f"p = {text}"
