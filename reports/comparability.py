"""Which questions a report may compare across waves recorded on different questionnaire versions.

Each interview keeps the version of the questionnaire it was recorded on (``form_version``). When
the waves of a report span several versions, a question is compared between them only when the
questionnaire's version changes (:mod:`survey.versions`) mark it comparable across every version
present; without a record of the changes, nothing is compared across versions. Waves recorded on
one version compare every question.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from survey.versions import ItemVerdict, VersionChanges, bundled_changes

VERSION = "form_version"


@dataclass(frozen=True)
class Comparability:
    """The versions each wave was recorded on, and the recorded changes between them."""

    versions: tuple[tuple[str, tuple[str, ...]], ...]  # (wave, versions) in wave order
    changes: VersionChanges | None

    @property
    def all_versions(self) -> tuple[str, ...]:
        found = {v for _, versions in self.versions for v in versions}
        order = self.changes.versions if self.changes is not None else ()
        return tuple(sorted(found, key=lambda v: (order.index(v) if v in order else len(order),
                                                  v)))

    @property
    def mixed(self) -> bool:
        """Whether the waves were recorded on more than one version."""
        return len(self.all_versions) > 1

    def verdict(self, question: str) -> ItemVerdict:
        """Whether ``question`` is compared across the waves (always, on one version)."""
        if not self.mixed:
            return ItemVerdict(question, True)
        if self.changes is None:
            return ItemVerdict(question, False, unknown_versions=self.all_versions)
        return self.changes.verdict(question, self.all_versions)


def comparability(frame: pd.DataFrame, form_id: str, waves: tuple[str, ...],
                  wave: str = "wave") -> Comparability:
    """The versions of each of ``waves`` in ``frame`` and the form's recorded changes."""
    if VERSION not in frame.columns or wave not in frame.columns:
        return Comparability((), None)
    versions = tuple((w, tuple(sorted(set(frame.loc[frame[wave] == w, VERSION].dropna()))))
                     for w in waves)
    return Comparability(versions, bundled_changes(form_id))
