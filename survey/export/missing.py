"""Why a cell is empty: declared missing codes, the same in every export format.

Each question cell of the wide table has a reason (``ExportTable.reasons``, a small integer):

========  ============  =====  =====  ===================================================
reason    meaning       code   Stata  when
========  ============  =====  =====  ===================================================
0         (none)        —      .      answered, or left empty although asked (system missing)
1         not asked     -99    .a     the questionnaire's conditions skipped the question
                                      (relevance false) in a complete interview, or before
                                      the last answered question of a draft
2         not reached   -98    .b     a draft: the question comes after the last answered one
3         don't know    -97    .c     the answer is a choice marked ``kelisim::missing`` =
                                      ``dont_know``
4         refused       -96    .d     a choice marked ``kelisim::missing`` = ``refused``
========  ============  =====  =====  ===================================================

SPSS files declare -99 thru -96 as user-missing values of every numeric question variable;
Stata files use the extended missing values .a–.d with value labels; csv and xlsx write the
codes (-99 …) with a legend. A select_one choice that is a missing answer is written as its
missing code, whatever its choice code. Dates carry no code in SPSS (a date format cannot show
one): they are system-missing there. Text answers carry no code in SPSS and Stata (strings
have no missing values): they are empty there.
"""

from __future__ import annotations

from dataclasses import dataclass

from survey.form.columns import MISSING_KINDS

DONT_KNOW, REFUSED = MISSING_KINDS

ANSWERED = 0
NOT_ASKED = 1
NOT_REACHED = 2


@dataclass(frozen=True, slots=True)
class MissingCode:
    """One kind of missing answer and how each format writes it."""

    reason: int
    name: str
    number: int  # SPSS, csv, xlsx
    stata: str  # extended missing value letter
    label: str  # English msgid of the ``export`` catalog


MISSING_CODES: tuple[MissingCode, ...] = (
    MissingCode(NOT_ASKED, "not_asked", -99, "a", "Not asked (skipped by the questionnaire)"),
    MissingCode(NOT_REACHED, "not_reached", -98, "b", "Not reached (interview not finished)"),
    MissingCode(3, DONT_KNOW, -97, "c", "Don't know"),
    MissingCode(4, REFUSED, -96, "d", "Refused"),
)
BY_REASON: dict[int, MissingCode] = {c.reason: c for c in MISSING_CODES}
BY_NAME: dict[str, MissingCode] = {c.name: c for c in MISSING_CODES}
#: SPSS user-missing range of every numeric question variable.
SPSS_RANGE: tuple[int, int] = (min(c.number for c in MISSING_CODES),
                               max(c.number for c in MISSING_CODES))
NUMBERS: frozenset[int] = frozenset(c.number for c in MISSING_CODES)


def reason_of(kind: str) -> int:
    """The reason of a ``kelisim::missing`` kind (``dont_know`` -> 3)."""
    return BY_NAME[kind].reason
