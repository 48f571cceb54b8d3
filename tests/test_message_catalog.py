"""Every message code has a template in every language, and every template is used."""

from __future__ import annotations

import ast
import string
from collections import Counter
from pathlib import Path

import pytest

from survey.i18n import LANGUAGES, catalog
from survey.messages import CodedError
from survey.messages.registry import STRUCTURAL, all_codes, code_enums
from survey.messages.render import DOMAIN

ROOT = Path(__file__).resolve().parents[1]
SOURCE_PACKAGES = ("survey", "analysis", "reports", "desktop")


def _placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0]
            for _, name, _, _ in string.Formatter().parse(template) if name}


def test_codes__unique_across_enumerations() -> None:
    counts = Counter(member.code for member in all_codes())
    assert [code for code, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code__has_a_template_with_its_fields(language: str) -> None:
    table = catalog(DOMAIN, language)
    problems = []
    for member in all_codes():
        template = table.get(member.code)
        if not template:
            problems.append(f"{member.code}: no template")
            continue
        used = _placeholders(template)
        if not used <= member.fields:
            problems.append(f"{member.code}: unknown placeholders {sorted(used - member.fields)}")
        if language == "en" and used != member.fields:
            problems.append(f"{member.code}: fields never shown {sorted(member.fields - used)}")
    for key in STRUCTURAL:
        if not table.get(key):
            problems.append(f"{key}: no template")
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template__belongs_to_a_code(language: str) -> None:
    known = {member.code for member in all_codes()} | set(STRUCTURAL)
    assert sorted(set(catalog(DOMAIN, language)) - known) == []


def test_every_code__is_used_in_the_source() -> None:
    declared = {(cls.__name__, member.name) for cls in code_enums() for member in cls}
    used: set[tuple[str, str]] = set()
    for package in SOURCE_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                    used.add((node.value.id, node.attr))
    assert sorted(declared - used) == []


def _error_classes() -> set[str]:
    code_enums()  # imports every module of the code packages, so every error class exists
    names: set[str] = set()
    stack = [CodedError]
    while stack:
        cls = stack.pop()
        names.add(cls.__name__)
        stack.extend(cls.__subclasses__())
    return names


def test_every_error__is_raised_with_a_code_never_with_text() -> None:
    errors = _error_classes()
    text_raises = []
    for package in (*SOURCE_PACKAGES, "bench"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name not in errors:
                    continue
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant | ast.JoinedStr | ast.BinOp) or any(
                        keyword.arg == "code" for keyword in node.keywords):
                    text_raises.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert "StoreError" in errors and "ReportError" in errors and "DesignError" in errors
    assert text_raises == []


def test_every_msgstr__follows_its_msgid() -> None:
    """A msgstr without a msgid is skipped by some babel versions and taken by others as the
    previous entry's text: it must not exist."""
    orphans = []
    for path in sorted((ROOT / "survey" / "i18n" / "locale").rglob("*.po")):
        previous = ""
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("msgstr") and not previous.startswith(("msgid", '"')):
                orphans.append(f"{path.relative_to(ROOT)}:{number}")
            if line.strip():
                previous = line
    assert orphans == []
