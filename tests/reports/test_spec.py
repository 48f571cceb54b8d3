"""Report specs: saved as JSON, read back equal, bad files and options refused with codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports.errors import SpecError
from reports.spec import ReportSpec, load_spec, save_spec


def test_spec__saved_and_loaded__equal(tmp_path: Path):
    spec = ReportSpec(title="Толқын 2", language="ru", weighting="raked",
                      breakdowns=("region", "sex"), wave="baseline", questions=("age",))
    path = save_spec(spec, tmp_path / "spec.json")
    assert load_spec(path) == spec
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == "Толқын 2"


def test_spec__unknown_option_in_file__refused_naming_the_option(tmp_path: Path):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({"language": "kk", "colour": "red"}), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.code == "report.spec.unknown_option"
    assert "colour" in str(info.value) and str(path) in str(info.value)


@pytest.mark.parametrize("options", [{"language": "de"}, {"weighting": "magic"},
                                     {"confidence": 1.5}, {"indicators": []},
                                     {"breakdowns": "sex"}])
def test_spec__bad_value__refused_with_code(tmp_path: Path, options: dict[str, object]):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(options), encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.code == "report.spec.bad_value"


def test_spec__not_json__refused_with_code(tmp_path: Path):
    path = tmp_path / "spec.json"
    path.write_text("language: kk", encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(path)
    assert info.value.code == "report.spec.unreadable"


def test_spec__missing_file__refused_with_code(tmp_path: Path):
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / "nope.json")
    assert info.value.code == "report.spec.missing"


def test_spec__with_options__none_keeps_the_saved_value():
    spec = ReportSpec(language="ru").with_options(language=None, weighting="none")
    assert (spec.language, spec.weighting) == ("ru", "none")
