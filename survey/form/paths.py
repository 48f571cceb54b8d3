"""Where each question sits in the form's tree, known before the rows are read.

pyxform allows one name for several questions in different groups (only siblings must differ)
and refuses ``${name}`` of such a name as ambiguous. Such questions are told apart by their
path: their name in the form is the path of groups joined by ``-`` as ODK Central's export
writes it (``right_eye-lux``, ``left_eye-lux``); a name used once keeps its name.

ODK forms also write references as XPath paths, absolute from the root node
(``/data/eyes/right_eye/lux``) or relative to the node of the cell (``../lux``,
``current()/../lux``); a path that names a question is read as that question's ``${name}``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from survey.form.types import RowKind, parse_type

#: Root node of the form's data when the settings name none (pyxform's default).
DEFAULT_ROOT = "data"
_STEP = r"[^\W\d][\w.\-]*"
_QUOTED = re.compile(r"('[^']*'|\"[^\"]*\")")
_ABSOLUTE = re.compile(rf"(?<![\w.)\]}}/])/({_STEP})((?:/{_STEP})+)")
_RELATIVE = re.compile(rf"(?<![\w.)\]}}/])(current\(\)/)?((?:\.\./)+)({_STEP}(?:/{_STEP})*)")


@dataclass(frozen=True, slots=True)
class Element:
    """A named row of the survey sheet: a question or a group, inside its groups."""

    name: str
    row: int
    parent: tuple[str, ...]
    group: bool


class SheetPaths:
    """Names in the form of the survey sheet's questions, and paths read as references."""

    def __init__(self, elements: Iterable[Element], root: str = DEFAULT_ROOT) -> None:
        self.root = root or DEFAULT_ROOT
        self.elements = {e.row: e for e in elements}
        rows: dict[str, list[int]] = defaultdict(list)
        for element in self.elements.values():
            rows[element.name].append(element.row)
        #: Names of several questions or groups in different places, with their rows.
        self.ambiguous = {name: found for name, found in rows.items() if len(found) > 1}
        taken = set(rows)
        self._keys: dict[int, str] = {}
        for element in self.elements.values():
            if element.name in self.ambiguous and not element.group:
                key = "-".join((*element.parent, element.name))
                if element.parent and key in taken:  # a question already has that name
                    key = f"{key}-{element.row}"
                self._keys[element.row] = key
                taken.add(key)
        self._paths = {(*e.parent, e.name): self.key(e.row, e.name)
                       for e in self.elements.values() if not e.group}

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[int, str, str]], root: str = DEFAULT_ROOT
                ) -> SheetPaths:
        """From ``(row, type, name)`` of every row, in sheet order."""
        elements: list[Element] = []
        open_groups: list[str] = []
        for row, type_text, name in rows:
            parsed = parse_type(type_text, repeats=True) if type_text else None
            kind = getattr(parsed, "kind", None)
            if kind in (RowKind.END_GROUP, RowKind.END_REPEAT):  # a repeat is a group here
                if open_groups:
                    open_groups.pop()
                continue
            if name and kind is not None:
                elements.append(Element(name, row, tuple(open_groups),
                                        kind in (RowKind.BEGIN_GROUP, RowKind.BEGIN_REPEAT)))
            if kind in (RowKind.BEGIN_GROUP, RowKind.BEGIN_REPEAT):
                open_groups.append(name or f"_row{row}")
        return cls(elements, root)

    def key(self, row: int, name: str) -> str:
        """The name in the form of the question written ``name`` in ``row``."""
        return self._keys.get(row, name)

    def parent(self, row: int) -> tuple[str, ...]:
        element = self.elements.get(row)
        return element.parent if element else ()

    def rewrite(self, text: str, row: int, *, choice_filter: bool = False) -> str:
        """``text`` with every path that names a question written as its ``${name}``.

        Relative paths start at the node of ``row``'s question or group; in a choice filter
        a plain ``../x`` starts at a choice, so only ``current()/../x`` is read there."""
        if "/" not in text:
            return text
        element = self.elements.get(row)
        node = (*element.parent, element.name) if element else ()
        parts = _QUOTED.split(text)
        for i in range(0, len(parts), 2):  # the even parts are outside quotes
            parts[i] = _ABSOLUTE.sub(self._absolute, parts[i])
            parts[i] = _RELATIVE.sub(lambda m: self._relative(m, node, choice_filter), parts[i])
        return "".join(parts)

    def _absolute(self, match: re.Match[str]) -> str:
        steps = tuple(match.group(2).split("/")[1:])
        key = self._paths.get(steps) if match.group(1) == self.root else None
        return f"${{{key}}}" if key else match.group(0)

    def _relative(self, match: re.Match[str], node: tuple[str, ...], choice_filter: bool) -> str:
        ups = match.group(2).count("..")
        if not node or ups > len(node) or (choice_filter and not match.group(1)):
            return match.group(0)
        key = self._paths.get((*node[:len(node) - ups], *match.group(3).split("/")))
        return f"${{{key}}}" if key else match.group(0)
