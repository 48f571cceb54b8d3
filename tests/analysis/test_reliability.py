"""NCHS Data Presentation Standards for Proportions (2017): each rule on figures built for it."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.reliability import PRESENT, REVIEW, SUPPRESS, ReliabilityCode, assess
from survey.messages import render


def _se_for(p: float, n_eff: float) -> float:
    return float(np.sqrt(p * (1 - p) / n_eff))


def _codes(result, i: int = 0) -> list[str]:
    return [m.code for m in result.reasons[i]]


def test_assess__effective_sample_below_30__suppressed_with_reason():
    result = assess([0.4], [_se_for(0.4, 25)], [200], [40])
    assert result.decision[0] == SUPPRESS
    assert result.n_effective[0] == pytest.approx(25)
    assert _codes(result) == [ReliabilityCode.SMALL_EFFECTIVE_N.code]
    assert "25" in render(result.reasons[0][0], "en")


def test_assess__one_answer__suppressed_even_with_tiny_se():
    # one respondent: p = 1 in the domain, n_eff = n = 1
    result = assess([1.0], [0.0], [1], [0])
    assert result.decision[0] == SUPPRESS


def test_assess__effective_n_capped_at_the_sample_size():
    result = assess([0.5], [0.001], [40], [30])
    assert result.n_effective[0] == 40


def test_assess__narrow_interval__presented():
    result = assess([0.5], [_se_for(0.5, 3000)], [3000], [200])
    assert result.width[0] <= 0.05
    assert result.decision[0] == PRESENT and result.reasons[0] == ()


def test_assess__interval_30_points_wide__suppressed():
    result = assess([0.5], [_se_for(0.5, 35)], [35], [3])
    assert result.width[0] >= 0.30
    assert result.decision[0] == SUPPRESS
    assert _codes(result) == [ReliabilityCode.WIDE_INTERVAL.code]


def test_assess__small_share_wide_relative_to_itself__suppressed():
    p = 0.03
    result = assess([p], [_se_for(p, 60)], [60], [50])
    assert 0.05 < result.width[0] < 0.30
    assert result.width[0] / p > 1.30
    assert result.decision[0] == SUPPRESS
    assert _codes(result) == [ReliabilityCode.WIDE_RELATIVE.code]


def test_assess__large_share_wide_relative_to_complement__review():
    p = 0.97
    result = assess([p], [_se_for(p, 60)], [60], [50])
    assert result.decision[0] == REVIEW
    assert _codes(result) == [ReliabilityCode.WIDE_COMPLEMENT.code]


def test_assess__few_degrees_of_freedom__review():
    result = assess([0.5], [_se_for(0.5, 3000)], [3000], [5])
    assert result.decision[0] == REVIEW
    assert _codes(result) == [ReliabilityCode.FEW_DEGREES.code]


def test_assess__nobody_gave_the_answer__review_as_zero_percent():
    result = assess([0.0], [0.0], [400], [60])
    assert result.decision[0] == REVIEW
    assert _codes(result) == [ReliabilityCode.ALL_OR_NONE.code]


def test_assess__interval__korn_graubard_with_design_df():
    p, se, n, df = 0.3, 0.04, 300, 20
    result = assess([p], [se], [n], [df])
    n_eff = p * (1 - p) / se**2 * (stats.t.ppf(0.025, n - 1) / stats.t.ppf(0.025, df)) ** 2
    assert result.kg_low[0] == pytest.approx(stats.beta.ppf(0.025, n_eff * p, n_eff * (1 - p) + 1))
    assert result.kg_high[0] == pytest.approx(stats.beta.ppf(0.975, n_eff * p + 1, n_eff * (1 - p)))


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_reasons__render_in_every_language_with_local_numbers(language):
    result = assess([0.4], [_se_for(0.4, 12.5)], [20], [4])
    text = render(result.reasons[0][0], language)
    assert ("12,5" if language != "en" else "12.5") in text
