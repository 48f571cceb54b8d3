"""Version-changes files: which items are compared across questionnaire versions, and bad files
refused with a coded message."""

from __future__ import annotations

import json
from typing import Any

import pytest

from survey.messages import render
from survey.versions import VersionChanges, VersionsError, read_version_changes


def _item(name: str, status: str = "same", **extra: Any) -> dict[str, Any]:
    return {"name": name, "status": status, **extra}


def _file(*steps: tuple[str, str, list[dict[str, Any]]]) -> bytes:
    return json.dumps({"kelisim_version_changes": 1, "form_id": "f", "steps": [
        {"from": a, "to": b, "note": {"en": f"{a} to {b}"}, "items": items}
        for a, b, items in steps]}).encode()


def _changes() -> VersionChanges:
    return read_version_changes(_file(
        ("1", "2", [_item("a"), _item("b", "reworded"), _item("c", "reworded", comparable=True,
                                                                note={"en": "labels only"}),
                    _item("d", "new"), _item("x", "dropped"), _item("e", "moved",
                                                                    previous="e_old")]),
        ("2", "3", [_item("a"), _item("b"), _item("c"), _item("d"), _item("e", comparable=True,
                                                                         status="moved")]),
    ), filename="changes.json")


@pytest.mark.parametrize(("name", "versions", "comparable"), [
    ("a", {"1", "3"}, True),
    ("b", {"1", "2"}, False),
    ("b", {"2", "3"}, True),
    ("c", {"1", "3"}, True),
    ("d", {"1", "2"}, False),
    ("d", {"2", "3"}, True),
    ("e", {"1", "3"}, False),
    ("e", {"2", "3"}, True),
    ("a", {"3"}, True),
    ("a", {"1", "9"}, False),
    ("zz", {"2", "3"}, False),
])
def test_verdict__steps_between_versions__decide(name: str, versions: set[str],
                                                 comparable: bool) -> None:
    assert _changes().verdict(name, versions).comparable is comparable


def test_verdict__unknown_version__named() -> None:
    verdict = _changes().verdict("a", {"1", "9"})
    assert verdict.unknown_versions == ("9",)


def test_verdict__renamed_item__followed_to_its_old_name() -> None:
    verdict = _changes().verdict("e", {"1", "3"})
    assert [(step.version, change.previous if change else None)
            for step, change in verdict.changes] == [("2", "e_old"), ("3", None)]


def test_versions__order__from_the_steps() -> None:
    assert _changes().versions == ("1", "2", "3")


@pytest.mark.parametrize(("data", "code"), [
    (b"\xff\xfe not utf-8", "versions.unreadable"),
    (b"{not json", "versions.unreadable"),
    (b"[]", "versions.not_changes"),
    (json.dumps({"kelisim_version_changes": 2, "form_id": "f", "steps": []}).encode(),
     "versions.not_changes"),
    (json.dumps({"kelisim_version_changes": 1, "steps": []}).encode(), "versions.bad_value"),
    (json.dumps({"kelisim_version_changes": 1, "form_id": "f", "steps": {}}).encode(),
     "versions.bad_value"),
    (_file(("1", "2", [_item("a", "renamed")])), "versions.bad_status"),
    (_file(("1", "2", [_item("a", comparable="yes")])), "versions.bad_value"),
    (_file(("1", "2", [_item("a"), _item("a", "moved")])), "versions.duplicate_item"),
    (_file(("1", "2", [_item("a")]), ("3", "4", [_item("a")])), "versions.broken_chain"),
    (_file(("1", "2", [_item("a", note=["x"])])), "versions.bad_value"),
    (_file(("1", "2", ["a"])), "versions.bad_value"),
])
def test_read__bad_file__coded_error_naming_the_file(data: bytes, code: str) -> None:
    with pytest.raises(VersionsError) as error:
        read_version_changes(data, filename="bad.json")
    assert error.value.code == code
    for language in ("kk", "ru", "en"):
        text = render(error.value.message, language)
        assert "bad.json" in text, (language, text)
