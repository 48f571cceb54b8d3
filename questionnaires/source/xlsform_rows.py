"""Small value types for writing an XLSForm from Python data: trilingual text, survey rows, choices.

The bundled questionnaire is kept as Python data (``mediation_survey``, ``mediation_choices``) so
that every translation can be reviewed line by line in a diff; ``build_mediation_awareness`` turns
these rows into the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class T(NamedTuple):
    """One text in the form's three languages."""

    kk: str
    ru: str
    en: str


#: (code, display name) of the form languages, in column order.
LANGUAGES: tuple[tuple[str, str], ...] = (("kk", "Kazakh"), ("ru", "Russian"), ("en", "English"))

#: Message shown when a required question is left empty and the row gives no message of its own.
REQUIRED_DEFAULT = T(
    "Бұл сұраққа жауап беру міндетті.",
    "Это обязательный вопрос.",
    "This question requires an answer.",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the ``survey`` sheet."""

    type: str
    name: str = ""
    label: T | None = None
    hint: T | None = None
    required: bool = False
    required_message: T | None = None
    relevant: str = ""
    constraint: str = ""
    constraint_message: T | None = None
    calculation: str = ""
    choice_filter: str = ""
    appearance: str = ""
    pii: bool = False
    #: A repeat's number of instances (``begin_repeat`` rows only): a number or an expression.
    repeat_count: str = ""


@dataclass(frozen=True, slots=True)
class Choice:
    """One row of the ``choices`` sheet."""

    list_name: str
    name: str
    label: T
    #: Value of the ``in_city`` column, read by the settlement choice filter.
    in_city: str = ""
    #: Value of the ``kelisim_missing`` column (Kelisim's ``kelisim::missing``): ``dont_know`` or
    #: ``refused`` for a choice that records a missing answer (not read out, treated as missing
    #: by analysis), else empty.
    missing: str = ""


def begin_group(name: str, label: T, *, relevant: str = "", appearance: str = "") -> Row:
    """The ``begin_group`` row of a group."""
    return Row("begin_group", name, label, relevant=relevant, appearance=appearance)


def end_group(name: str) -> Row:
    """The ``end_group`` row closing the group ``name`` (the name is only for readers)."""
    return Row("end_group", name)


def begin_repeat(name: str, label: T, *, relevant: str = "", repeat_count: str = "") -> Row:
    """The ``begin_repeat`` row of a repeat (``repeat_count`` empty: open-ended)."""
    return Row("begin_repeat", name, label, relevant=relevant, repeat_count=repeat_count)


def end_repeat(name: str) -> Row:
    """The ``end_repeat`` row closing the repeat ``name``."""
    return Row("end_repeat", name)


def choice_list(list_name: str, entries: list[tuple[str, str, str, str]], *,
                missing: tuple[str, ...] = ()) -> list[Choice]:
    """Choices of one list from ``(name, kk, ru, en)`` tuples.

    ``missing`` names the choices that record a missing answer; each is declared with its own
    name as the missing kind (``dont_know`` or ``refused``).
    """
    return [Choice(list_name, name, T(kk, ru, en), missing=name if name in missing else "")
            for name, kk, ru, en in entries]


def likert(name: str, label: T, *, relevant: str = "", hint: T | None = None) -> Row:
    """An agreement item (list ``agree5``: 1..5 plus don't know and refused, not read out).

    Required, so that an interviewer records "don't know" or "refused" instead of leaving the
    item empty.
    """
    return Row("select_one agree5", name, label, hint=hint, required=True, relevant=relevant,
               appearance="likert")


def exclusive(*choices: str) -> str:
    """Constraint for a select_multiple: none of ``choices`` may be combined with other answers."""
    if len(choices) == 1:
        return f"not(selected(., '{choices[0]}') and count-selected(.) > 1)"
    any_of = " or ".join(f"selected(., '{c}')" for c in choices)
    return f"not(({any_of}) and count-selected(.) > 1)"
