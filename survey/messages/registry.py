"""Every message code of the project, for the catalog tests and tools.

Codes are the members of :class:`~survey.messages.MessageCode` subclasses; importing the
packages that declare them (``CODE_MODULES``) registers them. ``STRUCTURAL`` are the catalog
entries that are not messages but pieces every rendering uses (location parts, separators).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from survey.messages.model import MessageCode

#: Packages whose modules are imported so that every MessageCode subclass is defined.
CODE_PACKAGES: tuple[str, ...] = ("survey", "analysis", "reports")

STRUCTURAL: tuple[str, ...] = (
    "location.prefix",
    "location.separator",
    "location.file",
    "location.sheet",
    "location.row",
    "location.column",
    "location.question",
    "list.separator",
)


def code_enums() -> list[type[MessageCode]]:
    """Every MessageCode subclass with members, after importing the code packages."""
    for package in CODE_PACKAGES:
        _import_all(package)
    found: list[type[MessageCode]] = []
    stack = list(MessageCode.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if len(cls) and cls.__module__.split(".")[0] in CODE_PACKAGES:
            found.append(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def all_codes() -> Iterator[MessageCode]:
    """Every declared code, enumeration by enumeration."""
    for cls in code_enums():
        yield from cls


def _import_all(package: str) -> None:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
