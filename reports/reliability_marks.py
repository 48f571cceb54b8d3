"""Reliability of the estimates in a report's tables: marks, blanks and footnotes.

Every proportion has an assessment by the NCHS 2017 standard (:mod:`analysis.reliability`,
made in :mod:`reports.compute`). A table row gets a status (``Table.status``): an estimate that
fails the standard is ``suppressed`` (its estimate cells left empty, shown as ``*``) or
``flagged`` (shown with ``†``), as the spec chooses; one that passes with a caveat is marked
``review`` (``‡``). A footnote under the table explains each mark it uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.reliability import REVIEW, SUPPRESS, Reliability
from reports.document import STATUSES, Cell, Column
from reports.labels import Labels

#: Columns that hold an estimate or its interval, left empty in a suppressed row.
ESTIMATE_KEYS = frozenset({"estimate", "ci_low", "ci_high", "moe", "top2", "top2_low",
                           "top2_high", "difference", "p_value", "p_adjusted", "rank"})


def statuses(reliability: Reliability | None, mode: str, count: int) -> tuple[str, ...]:
    """The status of each of ``count`` rows (all "" without an assessment)."""
    if reliability is None:
        return ("",) * count
    out = []
    for decision in reliability.decision:
        if decision == SUPPRESS:
            out.append("suppressed" if mode == "suppress" else "flagged")
        else:
            out.append("review" if decision == REVIEW else "")
    return tuple(out)


def blank(row: Sequence[Cell], columns: Sequence[Column], status: str) -> tuple[Cell, ...]:
    """``row`` with its estimate cells emptied when suppressed, and its mark filled in."""
    out: list[Cell] = []
    for value, column in zip(row, columns, strict=True):
        if column.kind == "mark":
            out.append(STATUSES[status])
        elif status == "suppressed" and column.key in ESTIMATE_KEYS:
            out.append(None)
        else:
            out.append(value)
    return tuple(out)


def mark_column(labels: Labels) -> Column:
    return Column("mark", labels._("Note"), "mark")


def footnotes(used: Sequence[str], labels: Labels) -> tuple[str, ...]:
    """One footnote per mark used in a table, in the order *, †, ‡."""
    _ = labels._
    texts = {
        "suppressed": _("* Not shown: the estimate fails the NCHS Data Presentation Standards "
                        "for Proportions (2017): effective sample size below 30 or a confidence "
                        "interval too wide. See the appendix."),
        "flagged": _("† Fails the NCHS Data Presentation Standards for Proportions (2017): "
                     "effective sample size below 30 or a confidence interval too wide. Read "
                     "with great caution."),
        "review": _("‡ Meets the NCHS standard but needs care: few design degrees of freedom, "
                    "a share of 0% or 100%, or a wide interval relative to the other answers."),
    }
    return tuple(texts[s] for s in ("suppressed", "flagged", "review") if s in used)


def usable(reliability: Reliability | None, index: int) -> bool:
    """Whether the estimate may be ranked or quoted: it passes the standard."""
    return reliability is None or reliability.decision[index] != SUPPRESS
