"""Names shown in a report: indicators, regions, questions, answers and waves, in one language."""

from __future__ import annotations

from dataclasses import dataclass

from reports.data import Snapshot
from reports.indicators import Indicator
from survey.i18n import Translator, translator


def indicator_names(_: Translator) -> dict[str, str]:
    """Short names of the bundled questionnaire's headline indicators."""
    return {
        "heard_mediation": _("Heard of mediation"),
        "knows_law_2011": _("Knows the 2011 Law on Mediation"),
        "heard_law": _("Has heard of a law on mediation"),
        "knows_where_mediator": _("Knows where to find a mediator"),
        "used_mediation": _("Has ever used mediation"),
        "trust_mediators": _("Trusts mediators (agree)"),
        "trust_courts": _("Trusts courts (agree)"),
        "use_family": _("Would use mediation: family dispute"),
        "use_labour": _("Would use mediation: labour dispute"),
        "use_land": _("Would use mediation: land dispute"),
        "use_commercial": _("Would use mediation: business dispute"),
        # 2026.1 asked these two in the "would use" battery, but they ask whether such conflicts
        # should be settled through mediation: they are named for what they measure.
        "use_interethnic": _("Supports mediation for inter-ethnic conflicts (agree)"),
        "use_political": _("Supports mediation for political disagreements (agree)"),
        "support_interethnic": _("Supports mediation for inter-ethnic conflicts (agree)"),
        "support_political": _("Supports mediation for political disagreements (agree)"),
    }


def unlabelled_names(_: Translator) -> dict[str, str]:
    """Names for the bundled questionnaire's columns that have no label (calculations)."""
    return {"age_group": _("Age group")}


@dataclass(frozen=True)
class Labels:
    snapshot: Snapshot
    language: str

    @property
    def _(self) -> Translator:
        return translator("reports", self.language)

    def indicator(self, key: str) -> str:
        names = indicator_names(self._)
        if key in names:
            return names[key]
        ind = next((i for i in self.snapshot.indicators if i.key == key), None)
        text = self.question(key)
        return text + self._(" (agree)") if ind is not None and ind.top is not None else text

    def indicator_of(self, ind: Indicator) -> str:
        return self.indicator(ind.key)

    def question(self, name: str) -> str:
        q = next((q for q in self.snapshot.form.questions if q.name == name), None)
        label = q.label.get(self.language) if q is not None else ""
        return label or unlabelled_names(self._).get(name, name)

    def order(self, question: str, value: object) -> int:
        """Position of an answer among the question's choices (unknown answers last)."""
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        q = next((q for q in self.snapshot.form.questions if q.name == question), None)
        names = [c.name for c in q.choices] if q is not None else []
        return names.index(text) if text in names else len(names)

    def choice(self, question: str, value: object) -> str:
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
        q = next((q for q in self.snapshot.form.questions if q.name == question), None)
        c = q.choice(text) if q is not None else None
        return (c.label.get(self.language) or text) if c is not None else text

    def region(self, code: str) -> str:
        return self.choice("region", code)

    def wave(self, name: str) -> str:
        return self.choice("wave", name)

    def dimension(self, name: str) -> str:
        """Short name of a weighting margin (region, sex, age group, settlement, wave)."""
        _ = self._
        names = {"region": _("Region"), "sex": _("Sex"), "age_group": _("Age group"),
                 "settlement": _("Settlement type"), "wave": _("Wave")}
        return names.get(name) or self.question(name)

    def wave_short(self, name: str) -> str:
        """The wave's label without a parenthesised explanation, for column headers."""
        label = self.wave(name)
        return label.split(" (")[0] if " (" in label else label

    def weighting(self, scheme: str) -> str:
        _ = self._
        return {"none": _("unweighted"), "design": _("design weights (region population)"),
                "raked": _("design weights raked to population margins")}[scheme]
