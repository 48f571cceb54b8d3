"""The report spec: what a report shows, saved as a small JSON file and reused every wave.

    spec = ReportSpec(language="ru", weighting="raked", breakdowns=("sex", "age_group"))
    save_spec(spec, "mediation.json"); load_spec("mediation.json") == spec

``wave`` is a wave name, ``None`` for the latest wave in the data (all interviews when the data
has no waves), or ``"all"`` to pool the waves. The campaign section always uses every wave.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from reports.errors import SpecError

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
WEIGHTINGS: tuple[str, ...] = ("none", "design", "raked")
STATUSES: tuple[str, ...] = ("complete", "draft", "all")
ADJUSTMENTS: tuple[str, ...] = ("holm", "bh")
DEFAULT_BREAKDOWNS: tuple[str, ...] = ("sex", "age_group", "settlement")
#: Headline indicators: key -> (question, what counts): "yes" or "top2" of a 1-5 scale. The
#: list covers every version of the bundled questionnaire (2026.1 asked ``knows_law_2011`` and
#: ``use_interethnic``/``use_political``; 2026.2 asks ``heard_law`` and ``support_interethnic``/
#: ``support_political``); a report uses those its questionnaire has.
DEFAULT_INDICATORS: tuple[str, ...] = (
    "heard_mediation", "knows_law_2011", "heard_law", "knows_where_mediator", "used_mediation",
    "trust_mediators", "trust_courts", "use_family", "use_labour", "use_land",
    "use_commercial", "use_interethnic", "use_political", "support_interethnic",
    "support_political",
)
SPEC_VERSION = 1


@dataclass(frozen=True)
class ReportSpec:
    """Options of one report (every field has a default)."""

    title: str | None = None
    form_id: str | None = None
    language: str = "kk"
    weighting: str = "design"
    breakdowns: tuple[str, ...] = DEFAULT_BREAKDOWNS
    indicators: tuple[str, ...] = DEFAULT_INDICATORS
    questions: tuple[str, ...] | None = None  # None: every select question of the form
    wave: str | None = None
    status: str = "complete"
    adjustment: str = "holm"
    confidence: float = 0.95

    def __post_init__(self) -> None:
        _choice("language", self.language, LANGUAGES)
        _choice("weighting", self.weighting, WEIGHTINGS)
        _choice("status", self.status, STATUSES)
        _choice("adjustment", self.adjustment, ADJUSTMENTS)
        if not 0.5 <= self.confidence < 1:
            raise SpecError(f"confidence {self.confidence} must be at least 0.5 and below 1 "
                            "(e.g. 0.95)", code="report.spec.bad_value")
        if not self.indicators:
            raise SpecError("the spec names no headline indicator; list at least one",
                            code="report.spec.bad_value")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["breakdowns"] = list(self.breakdowns)
        data["indicators"] = list(self.indicators)
        data["questions"] = None if self.questions is None else list(self.questions)
        return {"kelisim_report_spec": SPEC_VERSION, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, where: str = "spec") -> ReportSpec:
        known = {f.name for f in fields(cls)}
        extra = sorted(set(data) - known - {"kelisim_report_spec"})
        if extra:
            raise SpecError(f"{where}: unknown option '{extra[0]}'; known options: "
                            f"{', '.join(sorted(known))}", code="report.spec.unknown_option")
        values = dict(data)
        values.pop("kelisim_report_spec", None)
        for key in ("breakdowns", "indicators", "questions"):
            if values.get(key) is not None:
                if not isinstance(values[key], list | tuple):
                    raise SpecError(f"{where}: '{key}' must be a list of question names",
                                    code="report.spec.bad_value")
                values[key] = tuple(str(v) for v in values[key])
        try:
            return cls(**values)
        except SpecError as error:
            raise SpecError(f"{where}: {error}", code=error.code) from None
        except TypeError as error:
            raise SpecError(f"{where}: {error}", code="report.spec.bad_value") from None

    def with_options(self, **changes: Any) -> ReportSpec:
        """A copy with some options replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise SpecError(f"{name} '{value}' is not one of {', '.join(allowed)}",
                        code="report.spec.bad_value")


def save_spec(spec: ReportSpec, path: str | Path) -> Path:
    """Write ``spec`` as JSON (UTF-8, sorted keys, so the file diffs well)."""
    target = Path(path)
    target.write_text(json.dumps(spec.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
                      + "\n", encoding="utf-8")
    return target


def load_spec(path: str | Path) -> ReportSpec:
    """Read a spec written by :func:`save_spec` (or by hand)."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"{source}: no such spec file; check the path",
                        code="report.spec.missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SpecError(f"{source}: not a JSON report spec ({error}); save one with "
                        "--save-spec", code="report.spec.unreadable") from None
    if not isinstance(data, dict):
        raise SpecError(f"{source}: a report spec is a JSON object of options",
                        code="report.spec.unreadable")
    return ReportSpec.from_dict(data, where=str(source))
