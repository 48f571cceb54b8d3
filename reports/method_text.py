"""How a result was computed, in the report's language.

``analysis`` records its methods as English text (:class:`analysis.Method`, ``Design.describe``,
``Weighting.describe``) and stays free of presentation. Here the known phrases of those texts
(the constants of ``analysis/results.py``, the test, adjustment and raking descriptions of
``analysis/``) are matched one ``"; "``-separated part at a time and rendered through the
``reports`` message catalog. A part no pattern knows is kept in English, so a new method in
``analysis`` shows up untranslated instead of breaking a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis import Design, Method
from reports import formatting as fmt
from survey.i18n import Translator, translator


def _(message: str) -> str:
    """Marks a msgid for the catalog; translated later, when the language is known."""
    return message


#: (pattern of one English part, msgid). Groups named ``inner`` hold a nested known phrase,
#: ``n`` a count, ``method`` and ``rule`` a name translated by :data:`NAMES`; others are kept.
PATTERNS: tuple[tuple[str, str], ...] = (
    # Design.describe, RakedDesign.describe, scales (Cronbach's alpha)
    (r"weights '(?P<column>[^']+)'", _("weights '{column}'")),
    (r"unweighted", _("unweighted")),
    (r"(?P<n>\d+) strata \('(?P<column>[^']+)'\)", _("{n} strata ('{column}')")),
    (r"(?P<n>\d+) PSUs \('(?P<column>[^']+)'\)", _("{n} PSUs ('{column}')")),
    (r"independent units \(no clustering\)", _("independent units (no clustering)")),
    (r"finite population correction \('(?P<column>[^']+)'\)",
     _("finite population correction ('{column}')")),
    (r"lonely PSU: (?P<rule>\w+)", _("strata with a single PSU: {rule}")),
    (r"raked weights \(variance with raking residuals\)",
     _("raked weights (variance with raking residuals)")),
    (r"(?P<n>\d+) rows answering every item \(listwise\)",
     _("{n} rows answering every item (listwise)")),
    # variance
    (r"Taylor linearization \(with replacement at PSU level within strata\)",
     _("Taylor linearization (with replacement at PSU level within strata)")),
    (r"none: Cronbach's alpha is a point estimate \(from weighted item variances\)",
     _("none: Cronbach's alpha is a point estimate (from weighted item variances)")),
    (r"none: Cronbach's alpha is a point estimate \(from sample item variances\)",
     _("none: Cronbach's alpha is a point estimate (from sample item variances)")),
    # confidence intervals
    (r"Wald \(normal quantile, as confint\)", _("Wald (normal quantile, as confint)")),
    (r"logit \(svyciprop, t quantile with design df\)",
     _("logit (svyciprop, t quantile with design df)")),
    (r"Korn-Graubard beta \(svyciprop method='beta'\)",
     _("Korn-Graubard beta (svyciprop method='beta')")),
    (r"Wald with t quantile on design df \(confint of svyglm/svyttest\)",
     _("Wald with t quantile on design df (confint of svyglm/svyttest)")),
    (r"difference: t with design df", _("difference: t with design df")),
    (r"means: (?P<inner>.+)", _("means: {inner}")),
    (r"proportions: (?P<inner>.+)", _("proportions: {inner}")),
    (r"distribution and top box: (?P<inner>.+)", _("distribution and top box: {inner}")),
    (r"mean: (?P<inner>.+)", _("mean score: {inner}")),
    # tests
    (r"design-based t test of region vs rest \(svyttest\)",
     _("design-based t test of region vs rest (svyttest)")),
    (r"design-based t test of follow-up vs baseline \(svyttest\)",
     _("design-based t test of follow-up vs baseline (svyttest)")),
    (r"t tests of svyglm\(y ~ wave \* exposed, family = quasibinomial\(\)\)",
     _("t tests of svyglm(y ~ wave * exposed, family = quasibinomial())")),
    (r"Rao-Scott first-order chi-square \(svychisq statistic='Chisq'\)",
     _("Rao-Scott first-order chi-square (svychisq statistic='Chisq')")),
    (r"Rao-Scott second-order F \(svychisq statistic='F'\)",
     _("Rao-Scott second-order F (svychisq statistic='F')")),
    # adjustments, raking and weighting (analysis.regions, analysis.raking, analysis.weighting)
    (r"(?P<method>Holm|Benjamini-Hochberg) across (?P<n>\d+) regions",
     _("{method} across {n} regions")),
    (r"raked to margins of (?P<margins>.+) \(survey::rake, epsilon (?P<epsilon>\S+), "
     r"at most (?P<n>\d+) sweeps\)",
     _("raked to the margins {margins} (survey::rake, epsilon {epsilon}, at most {n} sweeps)")),
    (r"weights trimmed to \[(?P<low>\S+), (?P<high>\S+)\] \(trimWeights\)",
     _("weights trimmed to [{low}, {high}] (trimWeights)")),
    (r"unweighted \(every respondent weighs 1\)", _("unweighted (every respondent weighs 1)")),
    (r"design weights: region population / respondents in the region",
     _("design weights: region population / respondents in the region")),
    # reference dates of the bundled population margins (analysis/data/*.csv)
    (r"(?P<year>\d{4}) \(date not stated by source\)", _("{year} (date not stated by source)")),
)

#: Names inside phrases: adjustment methods and R's ``survey.lonely.psu`` rules.
NAMES: dict[str, str] = {
    "Holm": _("Holm"), "Benjamini-Hochberg": _("Benjamini-Hochberg"),
    "fail": _("stop with an error (fail)"),
    "remove": _("left out of the variance (remove)"),
    "certainty": _("sampled with certainty (certainty)"),
    "adjust": _("centred at the grand mean (adjust)"),
    "average": _("average variance of the other strata (average)"),
}

#: Labels of the fields of a :class:`analysis.Method`.
FIELDS: tuple[str, ...] = (_("Design: {text}"), _("Variance: {text}"),
                           _("Confidence interval: {text}, {level}"), _("Test: {text}"),
                           _("Adjustment: {text}"))

SAME_DESIGN = _("Design: the sample design described above")

_COMPILED = tuple((re.compile(p), m) for p, m in PATTERNS)


@dataclass(frozen=True)
class MethodText:
    """Renders analysis descriptions in one language.

    ``dimension`` names a weighting margin (a column such as ``sex``) for the raking phrase.
    """

    language: str
    dimension: Callable[[str], str] = str

    @property
    def _(self) -> Translator:
        return translator("reports", self.language)

    def phrase(self, text: str) -> str:
        """An English description (parts joined by ``"; "``), translated part by part."""
        return "; ".join(self._part(part) for part in text.split("; "))

    def method(self, method: Method, sample: Design | None = None) -> str:
        """Design, variance, CI with level, test and adjustment, as sentences.

        When the method's design is ``sample`` (described once elsewhere in the report), the
        design sentence refers to it instead of repeating it.
        """
        t = self._
        level = fmt.percent(method.confidence, self.language, 0)
        same = sample is not None and method.design == sample.describe()
        parts = [t(SAME_DESIGN) if same else t(FIELDS[0], text=self.phrase(method.design)),
                 t(FIELDS[1], text=self.phrase(method.variance))]
        if method.ci:
            parts.append(t(FIELDS[2], text=self.phrase(method.ci), level=level))
        if method.test:
            parts.append(t(FIELDS[3], text=self.phrase(method.test)))
        if method.adjustment:
            parts.append(t(FIELDS[4], text=self.phrase(method.adjustment)))
        return " ".join(p + "." for p in parts)

    def design(self, design: Design) -> str:
        """The sampling design from its counts (same content as ``Design.describe``)."""
        return self.phrase(design.describe())

    def _part(self, text: str) -> str:
        for pattern, msgid in _COMPILED:
            match = pattern.fullmatch(text)
            if match is not None:
                fields = {k: self._field(k, v) for k, v in match.groupdict().items()}
                return self._(msgid, **fields)
        return text

    def _field(self, key: str, value: str) -> str:
        if key == "inner":
            return self._part(value)
        if key == "n":
            return fmt.number(int(value), self.language)
        if key in ("method", "rule"):
            return self._(NAMES[value]) if value in NAMES else value
        if key == "margins":
            quote = "«{}»" if self.language in ("kk", "ru") else "{}"
            return ", ".join(quote.format(self.dimension(m)) for m in value.split(", "))
        return value
