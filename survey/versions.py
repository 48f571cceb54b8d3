"""Changes between versions of a questionnaire, item by item, and which items can be compared.

A version-changes file lives beside its questionnaire (for the bundled one:
``questionnaires/mediation_awareness_versions.json``). For each step from one version to the
next it lists every item (question, note or calculation) with a status:

* ``same``: wording, answer options, filter and what the respondent was told before it are
  unchanged; compared across the versions;
* ``reworded``, ``moved``: compared only when the file says ``"comparable": true``, with a note
  saying why the change does not matter;
* ``new``, ``dropped``: never compared.

An item is compared across a set of versions only when every step between the oldest and the
newest of them keeps it comparable (renames are followed through ``previous``). Versions the
file does not know make every item not comparable: nothing says how they differ.

    changes = read_version_changes(path.read_bytes(), filename=str(path))
    changes.verdict("trust_courts", {"2026.1", "2026.2"}).comparable
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import Any

import questionnaires
from survey.errors import SurveyError
from survey.form.model import Text
from survey.messages import Location, MessageCode

FORMAT = "kelisim_version_changes"
STATUSES: tuple[str, ...] = ("same", "reworded", "moved", "new", "dropped")


class VersionsCode(MessageCode):
    UNREADABLE = ("versions.unreadable", ("file",))
    NOT_CHANGES = ("versions.not_changes", ("file",))
    BAD_VALUE = ("versions.bad_value", ("file", "key"))
    BAD_STATUS = ("versions.bad_status", ("file", "status", "allowed"))
    DUPLICATE_ITEM = ("versions.duplicate_item", ("file", "version"))
    BROKEN_CHAIN = ("versions.broken_chain", ("file", "version", "expected"))


class VersionsError(SurveyError):
    """A version-changes file is unreadable or inconsistent."""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """How one item changed in one step (``name``: its name in the newer version; for a
    dropped item, in the older one)."""

    name: str
    status: str
    comparable: bool
    previous: str | None = None
    note: Text = field(default_factory=Text)


@dataclass(frozen=True, slots=True)
class VersionStep:
    """The changes from ``previous`` to ``version``."""

    previous: str
    version: str
    items: tuple[ItemChange, ...]
    note: Text = field(default_factory=Text)

    def change(self, name: str) -> ItemChange | None:
        """The change of the item called ``name`` in ``version`` (dropped items excluded)."""
        return next((c for c in self.items if c.name == name and c.status != "dropped"), None)


@dataclass(frozen=True, slots=True)
class ItemVerdict:
    """Whether one item can be compared across some versions, and the changes that decide it."""

    name: str
    comparable: bool
    #: (step, change) for every step where the item is not ``same``, oldest first; the change
    #: is None when the step does not list the item at all.
    changes: tuple[tuple[VersionStep, ItemChange | None], ...] = ()
    #: Versions that no step of the file mentions.
    unknown_versions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VersionChanges:
    """Every recorded step of one questionnaire, oldest first."""

    form_id: str
    steps: tuple[VersionStep, ...]

    @property
    def versions(self) -> tuple[str, ...]:
        if not self.steps:
            return ()
        return (self.steps[0].previous, *(s.version for s in self.steps))

    def verdict(self, name: str, versions: Iterable[str]) -> ItemVerdict:
        """Whether ``name`` (its name in the newest of ``versions``) is compared across them."""
        present = sorted(set(versions))
        if len(present) <= 1:
            return ItemVerdict(name, True)
        order = self.versions
        unknown = tuple(v for v in present if v not in order)
        if unknown:
            return ItemVerdict(name, False, unknown_versions=unknown)
        low, high = (f(order.index(v) for v in present) for f in (min, max))
        current, found = name, []
        for step in reversed(self.steps[low:high]):
            change = step.change(current)
            if change is None or change.status != "same" or not change.comparable:
                found.append((step, change))
            if change is None:
                break
            current = change.previous or current
        comparable = all(c is not None and c.comparable for _, c in found)
        return ItemVerdict(name, comparable, tuple(reversed(found)))


def read_version_changes(data: bytes, *, filename: str) -> VersionChanges:
    """Parse a version-changes file; :class:`VersionsError` names what is wrong."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise VersionsError(VersionsCode.UNREADABLE, file=filename) from None
    if not isinstance(raw, dict) or raw.get(FORMAT) != 1:
        raise VersionsError(VersionsCode.NOT_CHANGES, file=filename)
    form_id = _text(raw, "form_id", filename)
    steps = _list(raw, "steps", filename)
    parsed = tuple(_step(step, filename) for step in steps)
    for before, after in pairwise(parsed):
        if after.previous != before.version:
            raise VersionsError(VersionsCode.BROKEN_CHAIN, file=filename,
                                version=after.previous, expected=before.version)
    return VersionChanges(form_id, parsed)


def _step(raw: object, filename: str) -> VersionStep:
    if not isinstance(raw, dict):
        raise VersionsError(VersionsCode.BAD_VALUE, file=filename, key="steps")
    items = tuple(_item(item, filename) for item in _list(raw, "items", filename))
    step = VersionStep(_text(raw, "from", filename), _text(raw, "to", filename), items,
                       _note(raw, filename))
    seen: set[tuple[str, bool]] = set()
    for item in items:
        key = (item.name, item.status == "dropped")
        if key in seen:
            raise VersionsError(VersionsCode.DUPLICATE_ITEM, Location(question=item.name),
                                file=filename, version=step.version)
        seen.add(key)
    return step


def _item(raw: object, filename: str) -> ItemChange:
    if not isinstance(raw, dict):
        raise VersionsError(VersionsCode.BAD_VALUE, file=filename, key="items")
    name = _text(raw, "name", filename)
    status = _text(raw, "status", filename)
    where = Location(question=name)
    if status not in STATUSES:
        raise VersionsError(VersionsCode.BAD_STATUS, where, file=filename, status=status,
                            allowed=list(STATUSES))
    comparable = raw.get("comparable", status == "same")
    previous = raw.get("previous")
    if not isinstance(comparable, bool) or not (previous is None or isinstance(previous, str)):
        raise VersionsError(VersionsCode.BAD_VALUE, where, file=filename,
                            key="comparable" if not isinstance(comparable, bool) else "previous")
    return ItemChange(name, status, comparable and status not in ("new", "dropped"),
                      previous or None, _note(raw, filename))


def _text(raw: dict[str, Any], key: str, filename: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value:
        raise VersionsError(VersionsCode.BAD_VALUE, file=filename, key=key)
    return value


def _list(raw: dict[str, Any], key: str, filename: str) -> list[object]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise VersionsError(VersionsCode.BAD_VALUE, file=filename, key=key)
    return value


def _note(raw: dict[str, Any], filename: str) -> Text:
    note = raw.get("note") or {}
    if not isinstance(note, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in note.items()):
        raise VersionsError(VersionsCode.BAD_VALUE, file=filename,
                            key="note")
    return Text.of(note)


@cache
def bundled_changes(form_id: str) -> VersionChanges | None:
    """The version changes shipped with a bundled questionnaire, None for any other form."""
    if form_id != questionnaires.BUNDLED_FORM_ID:
        return None
    return read_version_changes(questionnaires.bundled_versions_bytes(),
                                filename=questionnaires.BUNDLED_VERSIONS_NAME)
