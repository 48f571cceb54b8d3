"""Synthetic respondents: who they are and the latent traits their answers follow.

The model is deliberately simple but gives the analyses something real to find: awareness of
mediation rises with urban residence and education and differs by region; sampling points
share a random effect (so clustering matters); an awareness campaign between the baseline and
the follow-up wave raises awareness among the exposed (a true difference-in-differences).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from survey.demo.population import MALE_SHARE, REGION_POPULATION

#: Kazakhstan's offset (UTC+5 since March 2024), kept for display of local times.
KZ_TIME = timezone(timedelta(hours=5))

WAVES: dict[str, tuple[date, int]] = {
    # wave -> (first fieldwork day, number of fieldwork days)
    "baseline": (date(2026, 3, 2), 26),
    "followup": (date(2026, 9, 7), 26),
}
#: Campaign exposure probability by wave; the campaign ran between the waves.
EXPOSURE = {"baseline": 0.18, "followup": 0.46}
#: Effect of exposure on the awareness score in the follow-up wave (logit scale).
CAMPAIGN_EFFECT = 0.9
POINTS_PER_REGION = 12
INTERVIEWERS_PER_REGION = 3


@dataclass(frozen=True, slots=True)
class Respondent:
    """One synthetic respondent and their latent traits."""

    wave: str
    region: str
    region_index: int
    sampling_point: int
    urban: bool
    male: bool
    age: int
    education: int  # 0 (primary) .. 3 (higher)
    exposed: bool
    awareness: float  # logit-scale propensity to know about mediation
    attitude: float  # standard-normal-ish warmth towards mediation
    interviewer: int  # 1-based within the region
    day: date
    start: datetime
    language: str

    @property
    def interviewer_code(self) -> str:
        """The interviewer's code as field teams write it: region letters and a number,
        e.g. ``ALM-02``."""
        return f"{self.region[:3].upper()}-{self.interviewer:02d}"


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class RespondentFactory:
    """Draws respondents for one seed; region and cluster effects are fixed per seed."""

    def __init__(self, seed: int, languages: tuple[str, ...]) -> None:
        self._rng = random.Random(seed)
        self._regions = list(REGION_POPULATION)
        self._region_weights = [REGION_POPULATION[r][0] for r in self._regions]
        self._region_effect = {r: self._rng.gauss(0.0, 0.45) for r in self._regions}
        self._point_effect: dict[int, float] = {}
        self._languages = languages

    @property
    def rng(self) -> random.Random:
        return self._rng

    def draw(self) -> Respondent:
        rng = self._rng
        wave = "baseline" if rng.random() < 0.5 else "followup"
        region = rng.choices(self._regions, self._region_weights)[0]
        index = self._regions.index(region)
        point_in_region = rng.randrange(POINTS_PER_REGION)
        point = 100 * (index + 1) + (50 if wave == "followup" else 0) + point_in_region + 1
        population, urban_population = REGION_POPULATION[region]
        urban = rng.random() < urban_population / population
        male = rng.random() < MALE_SHARE
        age = min(90, 18 + int(rng.expovariate(1 / 22)))
        education = rng.choices((0, 1, 2, 3), (0.08, 0.32, 0.3, 0.3 + 0.1 * urban))[0]
        exposed = rng.random() < EXPOSURE[wave] * (1.15 if urban else 0.85)
        cluster = self._point_effect.setdefault(point, rng.gauss(0.0, 0.35))
        awareness = (-0.35 + self._region_effect[region] + 0.45 * urban + 0.35 * education
                     - 0.012 * abs(age - 40) + cluster + 0.3 * exposed + 0.1 * (wave == "followup")
                     + (CAMPAIGN_EFFECT if exposed and wave == "followup" else 0.0))
        attitude = 0.45 * awareness + rng.gauss(0.0, 1.0)
        first_day, days = WAVES[wave]
        day = first_day + timedelta(days=rng.randrange(days))
        start = datetime(day.year, day.month, day.day, rng.randrange(9, 19), rng.randrange(60),
                         rng.randrange(60), tzinfo=KZ_TIME)
        return Respondent(
            wave=wave, region=region, region_index=index, sampling_point=point, urban=urban,
            male=male, age=age, education=education, exposed=exposed, awareness=awareness,
            attitude=attitude, interviewer=1 + point_in_region % INTERVIEWERS_PER_REGION,
            day=day, start=start, language=self._language(region),
        )

    def _language(self, region: str) -> str:
        russian_share = 0.65 if region in ("north_kazakhstan", "kostanay", "pavlodar",
                                           "karaganda", "east_kazakhstan", "akmola") else 0.3
        roll = self._rng.random()
        if roll < 0.03 and "en" in self._languages:
            return "en"
        if roll < 0.03 + russian_share and "ru" in self._languages:
            return "ru"
        return "kk" if "kk" in self._languages else self._languages[0]

    def chance(self, logit: float) -> bool:
        return self._rng.random() < sigmoid(logit)
