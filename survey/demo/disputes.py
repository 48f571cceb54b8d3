"""The household-disputes roster of the bundled questionnaire (2026.3) in the demo data.

The rest of an interview is generated exactly as before, on the questionnaire without the
roster's block (``main_part``), so the same seed gives the same answers to every other
question. The roster is then filled through ``RepeatInterview`` with a random stream of its
own, seeded from the demo seed and the interview's uuid, so it is deterministic too:

* a dispute in the last five years is more likely in cities, among people of working age and
  in some regions (``_REGION_SHIFT``); the number of disputes is 1 + a Poisson count (at most
  ``MAX_DISPUTES``);
* the kind follows the settlement (land in villages, consumer and labour disputes in cities),
  the parties follow the kind;
* respondents who know more of mediation (the latent ``awareness``) settle more disputes with
  a mediator and report a mediator more often;
* satisfaction depends on how the dispute was settled (agreed between the parties or with a
  mediator: higher; court: middling; officials: lower).

Drafts (interrupted interviews) and interviews without consent have no roster.
"""

from __future__ import annotations

import math
import random
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from survey.demo.respondents import Respondent, sigmoid
from survey.form.model import Form
from survey.interview.instances import RepeatInterview
from survey.store.records import NewInterview

#: The block of the roster (gate, count and repeat) and its repeat.
GROUP = "household_disputes"
REPEAT = "disputes"
MAX_DISPUTES = 10
_REGION_SHIFT = {"almaty": 0.25, "astana": 0.2, "shymkent": 0.2, "turkistan": 0.15,
                 "mangystau": 0.15, "north_kazakhstan": -0.2, "kostanay": -0.15}
_KINDS = ("family", "labour", "property", "neighbours", "consumer", "community", "other")
_URBAN_KINDS = (0.24, 0.2, 0.1, 0.12, 0.24, 0.04, 0.06)
_RURAL_KINDS = (0.26, 0.1, 0.3, 0.18, 0.08, 0.05, 0.03)
_PARTIES = {"family": ("spouse", "relatives"), "labour": ("employer",),
            "property": ("relatives", "neighbours", "officials"), "neighbours": ("neighbours",),
            "consumer": ("other", "officials"), "community": ("neighbours", "officials", "other"),
            "other": ("other",)}
_ROUTES = ("court", "mediator", "officials", "elders", "themselves", "not_settled", "other")
#: Mean satisfaction (1-5) by how the dispute was settled.
_SATISFACTION = {"court": 3.0, "mediator": 3.9, "officials": 2.7, "elders": 3.6,
                 "themselves": 4.0, "other": 3.1}


_PARTS: dict[int, tuple[Form, Form, Form]] = {}


def main_part(form: Form) -> Form:
    """``form`` without the roster's block (the form itself when it has none)."""
    return _parts(form)[0]


def roster_part(form: Form) -> Form:
    """The roster's block of ``form`` with what it reads (the consent), and nothing else: the
    roster is run on it, far faster than on the whole questionnaire."""
    return _parts(form)[1]


def _parts(form: Form) -> tuple[Form, Form]:
    known = _PARTS.get(id(form))
    if known is None or known[0] is not form:
        if not any(g.name == GROUP for g in form.groups):
            known = (form, form, form)
        else:
            inside = tuple(q for q in form.questions if GROUP in q.group_path)
            consent = form.question("consent")
            main = replace(form, questions=tuple(q for q in form.questions
                                                 if GROUP not in q.group_path),
                           groups=tuple(g for g in form.groups
                                        if g.name != GROUP and g.parent != GROUP))
            roster = replace(form, questions=(consent, *inside), groups=tuple(
                g for g in form.groups if g.name in (GROUP, REPEAT, *consent.group_path)))
            known = (form, main, roster)
        _PARTS[id(form)] = known
    return known[1], known[2]


def with_roster(record: NewInterview, form: Form, respondent: Respondent,
                seed: int, *, paradata: bool = True, reuse: bool = True) -> NewInterview:
    """``record`` with the roster answered (unchanged for a draft, a refusal or a form
    without the roster) and, with ``paradata``, its questions shown and answered under their
    instance paths (``disputes[2]/dispute_type``) in the time the roster takes. With ``reuse``
    the roster starts from a copy of one opened once for the form, language and count."""
    finished = record.completed_at
    if finished is None or record.answers.get("consent") != "yes" or main_part(form) is form:
        return record
    rng = random.Random(seed * 1_000_003 + zlib.crc32(str(record.uuid).encode()))
    count = _count(rng, respondent)
    clock = finished + timedelta(seconds=10 + 40 * count)
    if not count:  # the gate alone: nothing else of the roster is asked
        return replace(record, answers={**record.answers, "household_dispute": "no"},
                       completed_at=clock, updated_at=clock,
                       events=record.events + _events(finished, 10, ["household_dispute"],
                                                      paradata))
    interview = _opened(roster_part(form), respondent, count, reuse)
    events = _events(finished, 10, ["household_dispute", "dispute_count"], paradata)
    for index in range(1, interview.count(REPEAT) + 1):
        asked = _dispute(interview, rng, respondent, index)
        events += _events(finished + timedelta(seconds=10 + 40 * (index - 1)), 40, asked,
                          paradata)
    return replace(record, answers={**record.answers, **interview.engine.result()},
                   completed_at=clock, updated_at=clock, events=record.events + events)


_OPENED: dict[tuple[int, str, int], tuple[Form, RepeatInterview | None]] = {}
_CLOCK = frozenset({"now", "today", "once", "random", "uuid"})


def _opened(form: Form, respondent: Respondent, count: int, reuse: bool) -> RepeatInterview:
    """The roster with the gate and the number of disputes answered."""
    start = respondent.start
    key = (id(form), respondent.language, count)
    known = _OPENED.get(key)
    if reuse and known is not None and known[0] is form and known[1] is not None:
        return known[1].fork(lambda: start)
    interview = RepeatInterview(form, {"consent": "yes"}, respondent.language, lambda: start)
    interview.set_answer("household_dispute", "yes")
    interview.set_answer("dispute_count", count)
    if reuse:
        _OPENED[key] = (form, None if _reads_clock(form) else interview.fork(lambda: start))
    return interview


def _reads_clock(form: Form) -> bool:
    """Whether any expression of ``form`` may give another value at another time."""
    expressions = [e for g in form.groups for e in (g.relevant, g.repeat_count)] + [
        e for q in form.questions for e in (q.relevant, q.calculation, q.default_expression,
                                            q.constraint, q.required, q.choice_filter)]
    return any(e is not None and bool(e.functions & _CLOCK) for e in expressions)


Event = tuple[str, str, datetime]


def _events(start: datetime, seconds: int, names: list[str], paradata: bool
            ) -> tuple[Event, ...]:
    """Each of ``names`` shown and answered in turn, sharing ``seconds`` from ``start``."""
    if not paradata:
        return ()
    at = [(start + timedelta(seconds=seconds * i / len(names))).astimezone(UTC)
          for i in range(len(names) + 1)]
    return tuple(event for i, name in enumerate(names)
                 for event in ((name, "shown", at[i]), (name, "answered", at[i + 1])))


def _count(rng: random.Random, r: Respondent) -> int:
    """0 (no dispute) or how many disputes the household had."""
    logit = (-0.9 + 0.35 * r.urban + _REGION_SHIFT.get(r.region, 0.0)
             + (0.3 if 25 <= r.age < 55 else -0.25 if r.age >= 65 else 0.0))
    if rng.random() >= sigmoid(logit):
        return 0
    extra, threshold, product = 0, math.exp(-0.6), rng.random()
    while product > threshold and extra < MAX_DISPUTES - 1:
        extra, product = extra + 1, product * rng.random()
    return 1 + extra


def _dispute(interview: RepeatInterview, rng: random.Random, r: Respondent,
             index: int) -> list[str]:
    """The answers about one dispute, offered as an interviewer would enter them; the
    instance paths answered, in order."""
    asked: list[str] = []

    def answer(name: str, value: object) -> None:
        path = f"{REPEAT}[{index}]/{name}"
        if interview.set_answer(path, value).ok:
            asked.append(path)

    kind = rng.choices(_KINDS, _URBAN_KINDS if r.urban else _RURAL_KINDS)[0]
    answer("dispute_type", kind)
    parties = [p for p in _PARTIES[kind] if rng.random() < 0.7] or [_PARTIES[kind][0]]
    answer("dispute_parties", tuple(parties))
    route = _route(rng, r, kind)
    answer("dispute_settled", route)
    mediator = "yes" if route == "mediator" or rng.random() < sigmoid(r.awareness - 2.6) \
        else ("dont_know" if rng.random() < 0.06 else "no")
    answer("dispute_mediator", mediator)
    if route != "not_settled":
        mean = _SATISFACTION[route] + 0.25 * (mediator == "yes")
        answer("dispute_satisfaction", str(min(5, max(1, round(rng.gauss(mean, 0.9))))))
    answer("dispute_year", r.start.year - min(5, int(rng.expovariate(0.45))))
    return asked


def _route(rng: random.Random, r: Respondent, kind: str) -> str:
    """How the dispute was settled: mediation more often for those who know of it."""
    weights = [0.14 + 0.08 * (kind in ("labour", "property", "consumer")),
               0.02 + 0.24 * sigmoid(2 * r.awareness - 1),
               0.08 + 0.05 * (kind in ("property", "community")),
               0.06 + 0.1 * (not r.urban) + 0.06 * (kind in ("family", "community")),
               0.36, 0.17, 0.03]
    return rng.choices(_ROUTES, weights)[0]
