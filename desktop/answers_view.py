"""The answers of one interview, page by page: the review before finishing, the read-only
view of a completed interview and the Data tab's detail pane.

Each page is a row (its number and section heading) holding its questions with their answers
as the respondent heard them (choice labels in the form language, dates as 30.11.2026).
Enter or a double click on a question emits ``jump(name)``; on a page's row nothing happens,
so Enter held down on the review stays there.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop.i18n import _
from desktop.style import error
from survey.expressions.nodesets import InstancePath
from survey.form.model import Group, Question
from survey.interview import Page
from survey.interview.dates import format_date
from survey.interview.session import InterviewSession


def page_group(session: InterviewSession, page: Page) -> Group | None:
    """The group a page belongs to: its field-list group, else the innermost labelled group
    around its first question (shown as the page's heading)."""
    if page.group is not None and page.group.label:
        return page.group
    for name in reversed(page.questions[0].group_path if page.questions else ()):
        group = session.laid_out.group(name)  # with repeats: ``members[2]`` too
        if group.label:
            return group
    return None


def page_heading(session: InterviewSession, page: Page) -> str:
    """The heading of a page in the form language ("" when it has none)."""
    group = page_group(session, page)
    if group is None:
        return ""
    return group.label.get(session.language, (session.form.default_language(),)) or ""


def instance_of(session: InterviewSession, name: str) -> InstancePath:
    """The instance path of laid-out question ``name`` (``()`` outside repeats)."""
    if session.repeats is None:
        return ()
    return session.repeats.expansion.here.get(name, ())


def repeat_label(session: InterviewSession, repeat: str) -> str:
    """The repeat's label in the form language (its name when it has none)."""
    label = session.form.group(repeat).label
    return label.get(session.language, (session.form.default_language(),)) or repeat


def trail(session: InterviewSession, name: str) -> str:
    """The instances around question ``name`` as a prefix: "Members › 2 › " ("" outside)."""
    return "".join(f"{repeat_label(session, repeat)} › {number} › "
                   for repeat, number in instance_of(session, name))


def answer_text(session: InterviewSession, question: Question) -> str:
    """The answer to ``question`` as shown to people ("" when unanswered)."""
    value = session.value(question.name)
    if value is None:
        return ""
    if question.type.is_select:
        names = value if isinstance(value, tuple) else (str(value),)
        return "; ".join(_choice_label(session, question, name) for name in names)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _choice_label(session: InterviewSession, question: Question, name: str) -> str:
    available = {c.name: c for c in session.available_choices(question.name)}
    choice = available.get(name) or question.choice(name)
    label = session.choice_text(choice) if choice is not None else name
    other = session.other_text(question) if name == "other" else ""
    return f"{label}: {other}" if other else label


class AnswersView(QTreeWidget):
    """Pages and their questions with the answers given; ``jump(name)`` on Enter."""

    jump = Signal(str)

    def __init__(self, session: InterviewSession | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answers")
        self.session = session
        self.setColumnCount(2)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activated)
        self.refresh()

    def set_session(self, session: InterviewSession | None) -> None:
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        """Re-read the session's pages and answers (in the current form language)."""
        self.clear()
        self.setHeaderLabels([_("Question"), _("Answer")])
        if self.session is None:
            return
        missing = {q.name for q in self.session.missing_required()}
        for number, page in enumerate(self.session.pages(), 1):
            questions = [q for q in page.questions if q.type.takes_input]
            if not questions:
                continue
            heading = page_heading(self.session, page)
            title = _("Page {page}", page=number) + (f" · {heading}" if heading else "")
            top = QTreeWidgetItem(self, [title, ""])
            top.setFirstColumnSpanned(True)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for question in questions:
                self._question_item(top, question, question.name in missing)
        self.expandAll()

    def _question_item(self, top: QTreeWidgetItem, question: Question, missing: bool) -> None:
        text = answer_text(self.session, question) if self.session is not None else ""
        if not text:
            text = _("Required — not answered") if missing else _("Not answered")
        label = trail(self.session, question.name) + self.session.text(question) \
            if self.session is not None else ""
        item = QTreeWidgetItem(top, [label, text])
        item.setData(0, Qt.ItemDataRole.UserRole, question.name)
        if missing:
            item.setForeground(1, error(self.palette()))

    def rows(self) -> list[tuple[str, str]]:
        """(question, answer) of every question row, page after page (for tests)."""
        out: list[tuple[str, str]] = []
        for index in range(self.topLevelItemCount()):
            top = self.topLevelItem(index)
            out += [(top.child(i).text(0), top.child(i).text(1)) for i in range(top.childCount())]
        return out

    def pages_shown(self) -> list[str]:
        return [self.topLevelItem(i).text(0) for i in range(self.topLevelItemCount())]

    def select_question(self, name: str) -> bool:
        """Make the row of question ``name`` current (False if it is not listed)."""
        for index in range(self.topLevelItemCount()):
            top = self.topLevelItem(index)
            for child in range(top.childCount()):
                if top.child(child).data(0, Qt.ItemDataRole.UserRole) == name:
                    self.setCurrentItem(top.child(child))
                    return True
        return False

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        name = item.data(0, Qt.ItemDataRole.UserRole)
        if name:
            self.jump.emit(str(name))
