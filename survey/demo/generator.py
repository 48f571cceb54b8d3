"""Synthetic interviews generated through the interview engine.

Every answer is offered to ``survey.interview.Interview`` exactly as the GUI would offer it, so
skip logic, constraints, choice filters and calculations of the questionnaire hold in the demo
data. The same seed gives the same interviews (uuids included). A wave may be recorded on
another version of the questionnaire (``wave_forms``), as a real follow-up often is.
"""

from __future__ import annotations

import random
import uuid as uuidlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from survey.demo.answers import AnswerPolicy
from survey.demo.disputes import main_part, with_roster
from survey.demo.respondents import Respondent, RespondentFactory
from survey.form.model import Form, Question
from survey.interview import Interview
from survey.store.meta import DEMO_DEVICE_PREFIX
from survey.store.records import NewInterview

#: Share of interviews left as drafts (interrupted) in the demo data.
DRAFT_SHARE = 0.02
_ATTEMPTS = 6


@dataclass(frozen=True, slots=True)
class DemoOptions:
    """What to generate."""

    interviews: int
    seed: int = 1
    draft_share: float = DRAFT_SHARE
    paradata: bool = True
    #: Record the baseline wave of the bundled questionnaire on its previous version (the
    #: follow-up on the current one), so reports show how they compare the two versions.
    previous_baseline: bool = True


def generate_interviews(form: Form, options: DemoOptions,
                        progress: Callable[[int, int], None] | None = None, *,
                        wave_forms: Mapping[str, Form] | None = None,
                        reuse: bool = True) -> Iterator[NewInterview]:
    """Yield ``options.interviews`` synthetic interviews of ``form`` (of ``wave_forms[wave]``
    for the waves it names).

    With ``reuse``, every interview starts from a copy of a fresh interview of its form and
    language (``Interview.fork``) instead of computing the empty form's state again; the
    interviews are the same either way (``reuse=False`` builds each from scratch)."""
    factory = RespondentFactory(options.seed, form.languages)
    uuid_rng = random.Random(options.seed * 7919 + 1)
    forms = dict(wave_forms or {})
    primed = {id(f): exposure_after_definition(f) for f in (form, *forms.values())}
    fresh = _FreshInterviews(reuse)
    for index in range(options.interviews):
        respondent = factory.draw()
        draft = factory.rng.random() < options.draft_share
        chosen = forms.get(respondent.wave, form)
        policy = AnswerPolicy(factory, respondent, primed_exposure=primed[id(chosen)])
        interview = fresh.start(main_part(chosen), respondent)
        yield with_roster(_interview(interview, factory, respondent, policy, draft,
                                     options.paradata, uuid_rng), chosen, respondent,
                          options.seed, paradata=options.paradata, reuse=reuse)
        if progress is not None and (index + 1) % 200 == 0:
            progress(index + 1, options.interviews)
    if progress is not None:
        progress(options.interviews, options.interviews)


def exposure_after_definition(form: Form) -> bool:
    """Whether ``form`` reads out the definition of mediation before asking about exposure."""
    names = [q.name for q in form.questions]
    return ("mediation_definition" in names and "campaign_exposed" in names
            and names.index("mediation_definition") < names.index("campaign_exposed"))


class _FreshInterviews:
    """Fresh interviews of a form in a language, copied from one built once when ``reuse``
    (and the empty form's state does not depend on the clock)."""

    def __init__(self, reuse: bool) -> None:
        self._reuse = reuse
        self._templates: dict[tuple[int, str], tuple[Form, Interview | None]] = {}

    def start(self, form: Form, respondent: Respondent) -> Interview:
        def now() -> datetime:
            return respondent.start

        key = (id(form), respondent.language)
        known = self._templates.get(key)
        if not self._reuse or (known is not None and known[1] is None):
            return Interview(form, language=respondent.language, now=now)
        if known is None or known[0] is not form:
            template = Interview(form, language=respondent.language, now=now)
            known = (form, None if template.state_reads_clock() else template)
            self._templates[key] = known
            if known[1] is None:
                return template
        assert known[1] is not None
        return known[1].fork(now)


def _interview(interview: Interview, factory: RespondentFactory, respondent: Respondent,
               policy: AnswerPolicy, draft: bool, paradata: bool,
               uuid_rng: random.Random) -> NewInterview:
    form = interview.form
    clock = respondent.start
    events: list[tuple[str, str, datetime]] = []
    stop_after = factory.rng.randrange(3, 40) if draft else None
    page_index = 0
    while True:
        pages = interview.pages()
        if page_index >= len(pages) or (stop_after is not None and page_index >= stop_after):
            break
        for question in pages[page_index].questions:
            shown = clock
            clock += timedelta(seconds=factory.rng.gammavariate(2.0, 5.0) + 2.0)
            if _answer(interview, policy, question) and paradata:
                events += [(question.name, "shown", shown.astimezone(UTC)),
                           (question.name, "answered", clock.astimezone(UTC))]
        page_index += 1
    uid = uuidlib.UUID(int=uuid_rng.getrandbits(128), version=4).hex
    answers = interview.result() if not draft else dict(interview.answers)
    return NewInterview(
        form_id=form.form_id, form_version=form.version,
        interviewer=respondent.interviewer_code,
        device_id=f"{DEMO_DEVICE_PREFIX}{respondent.region_index + 1:02d}{respondent.interviewer}",
        language=respondent.language, answers=answers, started_at=respondent.start,
        completed_at=None if draft else clock, updated_at=clock, uuid=uid, events=tuple(events),
    )


def _answer(interview: Interview, policy: AnswerPolicy, question: Question) -> bool:
    """Offer answers until the engine accepts one; False when nothing was answered."""
    if not question.type.takes_input or question.read_only:
        return False
    if interview.value(question.name) is not None:  # a default the respondent keeps
        return True
    for attempt in range(_ATTEMPTS):
        choices = interview.available_choices(question.name) if question.type.is_select else ()
        value = policy.answer(question, choices, attempt)
        if value is None:
            return False
        if interview.set_answer(question.name, value).ok:
            return True
    return False
