"""The report spec: what a report shows, saved as a small JSON file and reused every wave.

    spec = ReportSpec(language="ru", weighting="raked", breakdowns=("sex", "age_group"))
    save_spec(spec, "mediation.json"); load_spec("mediation.json") == spec

``wave`` is a wave name, ``None`` for the latest wave in the data (all interviews when the data
has no waves), or ``"all"`` to pool the waves. The campaign section always uses every wave.
``reliability`` chooses whether estimates failing the NCHS standard are suppressed or flagged;
``campaign_design`` whether campaign exposure was self-reported (the default: differences are
described as associations) or randomised (differences may be called effects).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from reports.codes import SpecCode
from reports.errors import SpecError
from reports.repeat_spec import RepeatIndicator, read_repeat_indicators
from survey.form.model import Form
from survey.form.repeats import repeat_path
from survey.i18n import LANGUAGES
from survey.messages import Location, Message

WEIGHTINGS: tuple[str, ...] = ("none", "design", "raked")
STATUSES: tuple[str, ...] = ("complete", "draft", "all")
ADJUSTMENTS: tuple[str, ...] = ("holm", "bh")
#: What happens to an estimate that fails the reliability standard (NCHS 2017): left out of the
#: table ("*" with a footnote) or printed with a mark and the same footnote.
RELIABILITY: tuple[str, ...] = ("suppress", "flag")
#: How respondents came to be exposed to the campaign: reported by themselves (differences are
#: associations) or assigned at random (differences may be read as effects).
CAMPAIGN_DESIGNS: tuple[str, ...] = ("self_reported", "randomised")
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
#: Headline indicators of the bundled questionnaire's household-disputes roster (2026.3): the
#: share of disputes settled through a mediator and the share with a mediator involved. A
#: report leaves them out when its questionnaire has no such repeat (``applicable``).
DEFAULT_REPEAT_INDICATORS: tuple[RepeatIndicator, ...] = (
    RepeatIndicator("disputes", "dispute_settled", "mediator"),
    RepeatIndicator("disputes", "dispute_mediator", "yes"),
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
    reliability: str = "suppress"
    campaign_design: str = "self_reported"
    #: Indicators over the instances of a repeat (:mod:`reports.repeat_spec`).
    repeat_indicators: tuple[RepeatIndicator, ...] = DEFAULT_REPEAT_INDICATORS

    def __post_init__(self) -> None:
        object.__setattr__(self, "repeat_indicators",
                           read_repeat_indicators(self.repeat_indicators))
        _choice("language", self.language, LANGUAGES)
        _choice("weighting", self.weighting, WEIGHTINGS)
        _choice("status", self.status, STATUSES)
        _choice("adjustment", self.adjustment, ADJUSTMENTS)
        _choice("reliability", self.reliability, RELIABILITY)
        _choice("campaign_design", self.campaign_design, CAMPAIGN_DESIGNS)
        if not 0.5 <= self.confidence < 1:
            raise _bad(SpecCode.BAD_CONFIDENCE.message(value=self.confidence))
        if not self.indicators:
            raise _bad(SpecCode.NO_INDICATOR.message())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["breakdowns"] = list(self.breakdowns)
        data["indicators"] = list(self.indicators)
        data["questions"] = None if self.questions is None else list(self.questions)
        data["repeat_indicators"] = [i.to_dict() for i in self.repeat_indicators]
        return {"kelisim_report_spec": SPEC_VERSION, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, where: str | None = None) -> ReportSpec:
        """The spec of ``data``; errors are located in the file ``where`` (when given)."""
        location = Location(file=where)
        known = {f.name for f in fields(cls)}
        extra = sorted(set(data) - known - {"kelisim_report_spec"})
        if extra:
            raise SpecError(SpecCode.UNKNOWN_OPTION, location, name=extra[0], known=sorted(known))
        values = dict(data)
        values.pop("kelisim_report_spec", None)
        for key in ("breakdowns", "indicators", "questions"):
            if values.get(key) is not None:
                if not isinstance(values[key], list | tuple):
                    raise _bad(SpecCode.NOT_A_LIST.message(option=key), location)
                values[key] = tuple(str(v) for v in values[key])
        try:
            return cls(**values)
        except SpecError as error:
            raise SpecError([m.at(location) for m in error.messages]) from None
        except TypeError as error:  # e.g. a number given as text
            raise _bad(SpecCode.WRONG_TYPE.message(detail=str(error)), location) from None

    def with_options(self, **changes: Any) -> ReportSpec:
        """A copy with some options replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def applicable(spec: ReportSpec, asked: Collection[tuple[str, str]]) -> ReportSpec:
    """``spec`` without the default repeat indicators the questionnaire does not ask
    (``asked``: its repeats' questions as (repeat, question) pairs, ``repeat_questions``), as
    the default indicators are used only where the questionnaire has them; indicators a spec
    names itself are kept (and reported when missing)."""
    kept = tuple(i for i in spec.repeat_indicators
                 if i not in DEFAULT_REPEAT_INDICATORS or (i.level, i.question) in asked)
    return spec if kept == spec.repeat_indicators else replace(spec, repeat_indicators=kept)


def repeat_questions(form: Form | None) -> set[tuple[str, str]]:
    """The (repeat, question) pairs of the questions ``form`` asks in each instance of a
    repeat (the nearest repeat around the question)."""
    if form is None:
        return set()
    return {(path[-1], q.name) for q in form.questions if (path := repeat_path(form, q))}


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise _bad(SpecCode.NOT_ONE_OF.message(option=name, value=str(value),
                                               allowed=list(allowed)))


def _bad(problem: Message, location: Location | None = None) -> SpecError:
    """``report.spec.bad_value`` with ``problem`` saying what is wrong."""
    return SpecError(SpecCode.BAD_VALUE, location, problem=problem)


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
        raise SpecError(SpecCode.MISSING, Location(file=str(source))) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SpecError(SpecCode.UNREADABLE, Location(file=str(source)),
                        problem=SpecCode.NOT_JSON.message(detail=str(error))) from None
    if not isinstance(data, dict):
        raise SpecError(SpecCode.UNREADABLE, Location(file=str(source)),
                        problem=SpecCode.NOT_AN_OBJECT.message())
    return ReportSpec.from_dict(data, where=str(source))
