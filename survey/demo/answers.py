"""How a synthetic respondent answers one question.

Questions of the bundled form that analyses rely on follow the respondent's latent traits; any
other question (also of other forms) gets a plausible generic answer among what the interview
engine currently offers. The engine, not this module, decides what is valid.

Respondents who know little of mediation more often have no opinion on it: on an agreement
scale they say "don't know" (when the form offers it; otherwise an optional item is left
empty, as interviewers did before the code existed), and some decline the sensitive statements.
A form that asks about campaign exposure after reading out the definition of mediation gets
more reported exposure from respondents who saw nothing (the priming the 2026.2 order avoids).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

from survey.demo.respondents import Respondent, RespondentFactory, sigmoid
from survey.form.model import Choice, Question, QuestionType

Answer = object
_RARE = {"dont_know": 0.05, "refused": 0.015, "other": 0.03, "dont_remember": 0.08, "none": 0.1}
_EXCLUSIVE = ("none", "dont_know", "refused", "dont_remember")
_EDUCATION = {0: ("primary_or_less", "basic_secondary"), 1: ("general_secondary", "vocational"),
              2: ("vocational", "incomplete_higher"), 3: ("higher", "postgraduate")}
_ETHNICITY = (("kazakh", 0.69), ("russian", 0.15), ("uzbek", 0.03), ("ukrainian", 0.02),
              ("uyghur", 0.015), ("tatar", 0.01), ("german", 0.01), ("other", 0.055))
_TEXT = {
    "kk": ("Пікірім жоқ.", "Бәрі түсінікті болды.", "Көршімнен естідім."),
    "ru": ("Нет комментариев.", "Всё было понятно.", "Слышал от соседа."),
    "en": ("No comments.", "Everything was clear.", "Heard about it from a neighbour."),
}
#: Shift of the Likert mean per item (items absent here have no shift).
_LIKERT_SHIFT = {"trust_courts": -0.3, "use_family": 0.3, "use_political": -0.5,
                 "use_interethnic": -0.1, "support_political": -0.5, "support_interethnic": -0.1,
                 "intl_mediator_role": 0.5, "prevent_escalation": 0.1}
#: Statements some respondents decline to rate (January 2022, inter-ethnic and political
#: conflict), under their 2026.2 and 2026.1 names.
_SENSITIVE = frozenset({"prevent_escalation", "interethnic_harmony", "support_interethnic",
                        "support_political", "use_interethnic", "use_political"})
#: Share of respondents not exposed to the campaign who report exposure when the question comes
#: after the definition of mediation.
PRIMED_EXPOSURE = 0.15
_LAW_YEARS = ("y2005", "y2015", "y2020")


class AnswerPolicy:
    """Chooses answers for one respondent."""

    def __init__(self, factory: RespondentFactory, respondent: Respondent, *,
                 primed_exposure: bool = False) -> None:
        self._f = factory
        self._rng: random.Random = factory.rng
        self._r = respondent
        self._primed = primed_exposure
        self._specific: dict[str, Callable[[tuple[Choice, ...]], Answer]] = {
            "wave": lambda _: respondent.wave,
            "sampling_point": lambda _: respondent.sampling_point,
            "interview_date": lambda _: respondent.day,
            "consent": lambda _: "yes" if self._rng.random() < 0.97 else "no",
            "region": lambda _: respondent.region,
            "settlement": lambda _: "urban" if respondent.urban else "rural",
            "sex": lambda _: "male" if respondent.male else "female",
            "age": lambda _: respondent.age,
            "education": lambda _: self._rng.choice(_EDUCATION[respondent.education]),
            "ethnicity": lambda _: self._weighted(_ETHNICITY),
            "heard_mediation": lambda _: self._yes_no(respondent.awareness),
            "knows_law_2011": lambda _: self._yes_no(respondent.awareness - 1.8),
            "heard_law": lambda _: self._yes_no(respondent.awareness - 1.2),
            "law_year": self._law_year,
            "knows_where_mediator": lambda _: self._yes_no(respondent.awareness - 1.0),
            "knows_court_mediation": lambda _: self._yes_no(respondent.awareness - 0.8),
            "used_mediation": lambda _: self._yes_no(respondent.awareness - 2.6),
            "court_experience": lambda _: self._yes_no(-1.4),
            "campaign_exposed": lambda _: self._exposed(),
            "can_describe": self._describe,
            "callback_ok": lambda _: "yes" if self._rng.random() < 0.6 else "no",
            "respondent_phone": lambda _: "+77" + "".join(self._rng.choice("0123456789")
                                                          for _ in range(9)),
        }

    def answer(self, question: Question, choices: tuple[Choice, ...], attempt: int) -> Answer:
        """An answer for ``question``; ``attempt`` > 0 after the engine refused one."""
        if question.name == "interviewer_id" and attempt == 0:
            return self._interviewer_id(question)
        specific = self._specific.get(question.name)
        if specific is not None and attempt == 0:
            return specific(choices)
        return self._generic(question, choices)

    # -- question-specific models --------------------------------------------------------------
    def _interviewer_id(self, question: Question) -> Answer:
        """The code field teams write (ALM-02); a number where the form asks for one (2026.1)."""
        if question.type is QuestionType.INTEGER:
            return 10 * (self._r.region_index + 1) + self._r.interviewer
        return self._r.interviewer_code

    def _yes_no(self, logit: float) -> str:
        if self._rng.random() < 0.04:
            return "dont_know"
        return "yes" if self._f.chance(logit) else "no"

    def _exposed(self) -> str:
        if self._rng.random() < 0.04:
            return "dont_know"
        if self._primed and not self._r.exposed and self._rng.random() < PRIMED_EXPOSURE:
            return "yes"
        return "yes" if self._r.exposed else "no"

    def _law_year(self, choices: tuple[Choice, ...]) -> Answer:
        if self._f.chance(self._r.awareness - 1.0):
            return "y2011"
        return "dont_know" if self._rng.random() < 0.5 else self._rng.choice(_LAW_YEARS)

    def _describe(self, choices: tuple[Choice, ...]) -> Answer:
        if self._f.chance(self._r.awareness - 0.3):
            return "neutral_helper"
        return self._generic_select(choices)

    def _likert(self, question: Question, choices: tuple[Choice, ...]) -> Answer:
        names = {c.name for c in choices}
        roll = self._rng.random()
        refuse = 0.07 if question.name in _SENSITIVE else 0.01
        no_opinion = refuse + 0.02 + 0.12 * (1 - sigmoid(self._r.awareness))
        if roll < no_opinion:
            code = "refused" if roll < refuse else "dont_know"
            if code in names:
                return code
            if question.required is None:  # the form has no code for it: left empty
                return None
        sign = -0.6 if question.name.startswith("barrier") else 0.8
        shift = _LIKERT_SHIFT.get(question.name, 0.0)
        level = 3 + sign * self._r.attitude + shift + self._rng.gauss(0.0, 0.8)
        pick = str(min(5, max(1, round(level))))
        return pick if pick in names else self._generic_select(choices)

    # -- generic answers -----------------------------------------------------------------------
    def _generic(self, question: Question, choices: tuple[Choice, ...]) -> Answer:
        kind = question.type
        if kind is QuestionType.SELECT_ONE:
            if {c.name for c in choices} >= {"1", "2", "3", "4", "5"}:
                return self._likert(question, choices)
            return self._generic_select(choices)
        if kind is QuestionType.SELECT_MULTIPLE:
            return self._generic_multiple(choices)
        if kind is QuestionType.INTEGER:
            return self._rng.randint(0, 20)
        if kind is QuestionType.DECIMAL:
            return round(self._rng.uniform(0, 100), 1)
        if kind is QuestionType.DATE:
            return self._r.day - timedelta(days=self._rng.randrange(0, 3 * 365))
        if kind is QuestionType.ACKNOWLEDGE:
            return "OK"
        return self._rng.choice(_TEXT.get(self._r.language, _TEXT["en"]))

    def _generic_select(self, choices: tuple[Choice, ...]) -> Answer:
        if not choices:
            return None
        weights = [_RARE.get(c.name, 1.0) for c in choices]
        return self._rng.choices(choices, weights)[0].name

    def _generic_multiple(self, choices: tuple[Choice, ...]) -> Answer:
        plain = [c.name for c in choices if c.name not in _EXCLUSIVE and c.name != "other"]
        exclusive = [c.name for c in choices if c.name in _EXCLUSIVE]
        if exclusive and (not plain or self._rng.random() < 0.1):
            return (self._rng.choice(exclusive),)
        if not plain:
            return None
        picked = set(self._rng.sample(plain, min(len(plain), self._rng.choice((1, 1, 2, 2, 3)))))
        return tuple(c.name for c in choices if c.name in picked)

    def _weighted(self, table: tuple[tuple[str, float], ...]) -> str:
        names, weights = zip(*table, strict=True)
        return self._rng.choices(names, weights)[0]
