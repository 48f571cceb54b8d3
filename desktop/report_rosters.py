"""Roster indicators on the Reports tab: which repeat, which question, which answer.

A form with repeats offers, per repeat, each single-choice question asked in it and each of its
answers (those recording a missing answer aside): ticked, an entry is the spec's
``repeat_indicators`` item ``{"level": repeat, "question": name, "category": choice}``, the
share of the repeat's instances giving that answer (``reports.repeat_spec``), estimated by the
same report API as ``kelisim report``. Shown only when the form has repeats.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from reports.repeat_spec import RepeatIndicator
from survey.form.model import Form, QuestionType
from survey.form.repeats import repeat_path, repeats

ROLE = Qt.ItemDataRole.UserRole


def roster_choices(form: Form | None, language: str) -> list[tuple[RepeatIndicator, str]]:
    """Every indicator a report of ``form`` can estimate over a repeat's instances, with its
    label in ``language``: "Dispute › Was a mediator involved? › Yes"."""
    if form is None:
        return []
    fallback = (form.default_language(),)
    found: list[tuple[RepeatIndicator, str]] = []
    for group in repeats(form):
        label = group.label.get(language, fallback) or group.name
        for question in form.questions:
            path = repeat_path(form, question)
            if not path or path[-1] != group.name or question.type is not QuestionType.SELECT_ONE:
                continue
            text = question.label.get(language, fallback) or question.name
            for choice in question.choices:
                if choice.missing is None:
                    found.append((RepeatIndicator(group.name, question.name, choice.name),
                                  f"{label} › {text} › "
                                  f"{choice.label.get(language, fallback) or choice.name}"))
    return found


class RosterIndicators(QListWidget):
    """The roster indicators of one form, to tick (Space ticks the current one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roster_indicators")

    def fill(self, form: Form | None, language: str) -> None:
        """List the indicators of ``form``, keeping those ticked that it still offers."""
        ticked = self.chosen()
        self.clear()
        for indicator, label in roster_choices(form, language):
            self._item(indicator, label)
        self.tick(tuple(i for i in ticked if i in self.offered()))

    def _item(self, indicator: RepeatIndicator, label: str) -> QListWidgetItem:
        item = QListWidgetItem(label, self)
        item.setData(ROLE, indicator)
        item.setToolTip(f"{indicator.level}/{indicator.question} = {indicator.category}")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def offered(self) -> list[RepeatIndicator]:
        return [self.item(i).data(ROLE) for i in range(self.count())]

    def chosen(self) -> tuple[RepeatIndicator, ...]:
        """The ticked indicators, in list order."""
        return tuple(self.item(i).data(ROLE) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)

    def tick(self, indicators: tuple[RepeatIndicator, ...]) -> None:
        """Tick exactly ``indicators`` (one the form does not offer, from a spec file, is
        added under its names)."""
        listed = self.offered()
        for indicator in indicators:
            if indicator not in listed:
                self._item(indicator, f"{indicator.level} › {indicator.question} › "
                                      f"{indicator.category}")
                listed.append(indicator)
        for row, indicator in enumerate(listed):
            self.item(row).setCheckState(
                Qt.CheckState.Checked if indicator in indicators else Qt.CheckState.Unchecked)
