"""The interview screen: one page at a time from the engine, autosaved to the store.

Keyboard: digits pick choices (two digits from option 10 on), Enter goes on, Alt+Left goes
back, Ctrl+F opens the navigator. A page of Likert items is a grid (``desktop.likert_grid``).
Finishing is deliberate: the review page's Finish button asks for confirmation, and Enter on
the review never finishes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.answers_view import instance_of, page_group, page_heading
from desktop.confirm import chose, question_box
from desktop.i18n import LANGUAGE_NAMES, _
from desktop.interview_focus import FocusMixin
from desktop.likert_grid import LikertHeader, LikertRowWidget, is_grid_page
from desktop.navigator_dialog import NavigatorDialog
from desktop.question_factory import widget_for
from desktop.question_widgets import QuestionWidget
from desktop.review_widget import ReviewWidget
from desktop.roster_pages import Roster, Screen, place, screens, step
from desktop.roster_widget import RosterWidget
from desktop.style import readable_palette
from survey.interview import Page
from survey.interview.session import InterviewSession


class InterviewWidget(FocusMixin, QWidget):
    """Shows the pages of ``session`` from ``start_page`` (default: where the interviewer
    stopped); emits ``completed(uuid)`` after Finish."""

    completed = Signal(str)

    def __init__(self, session: InterviewSession, parent: QWidget | None = None, *,
                 start_page: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.widgets: list[QuestionWidget] = []
        self.page_names: tuple[str, ...] = ()
        self.index = 0
        self.heading: QLabel | None = None
        self.grid_header: LikertHeader | None = None
        self.finish_dialog: QMessageBox | None = None
        #: The page whose blank battery rows were flagged: the next Next leaves them blank.
        self._flagged_page: tuple[str, ...] = ()
        self.setPalette(readable_palette(self.palette()))
        self._build()
        self._shortcuts()
        self.show_page(self._resume_screen() if start_page is None else start_page)

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("form_title")
        self.title.setWordWrap(True)  # long multilingual titles must not widen the window
        self.title.setMinimumWidth(1)
        self.language = QComboBox()
        self.language.setObjectName("form_language")
        for code in [c for c in self.session.form.languages if c] or [""]:
            self.language.addItem(self._language_name(code), code)
        self.language.setCurrentIndex(max(self.language.findData(self.session.language), 0))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.navigator_button = QPushButton()
        self.navigator_button.clicked.connect(self.open_navigator)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.language_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(self._row(self.title, self.language_label, self.language,
                                   self.navigator_button))
        layout.addWidget(self._pages(), 1)
        self.back_button = QPushButton()
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("next")
        self.next_button.clicked.connect(self.go_next)
        self.position = QLabel()
        layout.addLayout(self._row(self.back_button, self.progress, self.position,
                                   self.next_button, stretch=1))
        self.retranslate()

    @staticmethod
    def _row(*widgets: QWidget, stretch: int = 0) -> QHBoxLayout:
        """A row of widgets; the one at index ``stretch`` takes the free width."""
        row = QHBoxLayout()
        for index, widget in enumerate(widgets):
            row.addWidget(widget, 1 if index == stretch else 0)
        return row

    def _pages(self) -> QStackedWidget:
        """The question pages (scrollable) and the review, stacked."""
        self.page_area = QWidget()
        self.page_area.setObjectName("page")
        self.page_layout = QVBoxLayout(self.page_area)
        self.page_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.page_area)
        self.review = ReviewWidget(self.session)
        self.review.jump.connect(self.jump_to)
        self.review.finish.connect(self.ask_finish)
        self.roster = RosterWidget(self.session)
        self.roster.open_instance.connect(self.open_instance)
        self.roster.changed.connect(self._roster_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self.review)
        self.stack.addWidget(self.roster)
        return self.stack

    def _language_name(self, code: str) -> str:
        names = dict(self.session.form.language_names)
        return LANGUAGE_NAMES.get(code) or names.get(code) or code or "—"

    def _shortcuts(self) -> None:
        for sequence, slot in (("Alt+Left", self.go_back), ("Ctrl+F", self.open_navigator)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def retranslate(self) -> None:
        self.title.setText(self.session.form.settings.title.get(self.session.language)
                           or self.session.form.form_id)
        self.language_label.setText(_("Form language:"))
        self.navigator_button.setText(_("Questions (Ctrl+F)"))
        self.back_button.setText(_("← Back (Alt+Left)"))
        self.review.refresh()

    # -- pages -------------------------------------------------------------------------------
    @property
    def on_review(self) -> bool:
        return self.stack.currentWidget() is self.review

    @property
    def on_roster(self) -> bool:
        return self.stack.currentWidget() is self.roster

    def screens(self) -> list[Screen]:
        """The engine's pages with a roster before the instances of each repeat."""
        return screens(self.session)

    def current_page(self) -> Page | None:
        found = self.screens()
        screen = found[self.index] if 0 <= self.index < len(found) else None
        return screen if isinstance(screen, Page) else None

    def _resume_screen(self) -> int:
        """Where the interviewer stopped, among the screens."""
        pages, found = self.session.pages(), self.screens()
        index = self.session.resume_page()
        if index == 0:
            return 0  # the start, a roster before the first page included
        return found.index(pages[index]) if index < len(pages) else len(found)

    def show_page(self, index: int, select: int | None = None) -> None:
        """Show screen ``index`` (a page or a roster, instance ``select`` selected), or the
        review past the last one."""
        found = self.screens()
        self.index = max(0, min(index, len(found)))
        if self.index == len(found):
            self._show_review()
            return
        page = found[self.index]
        if isinstance(page, Roster):
            self._show_roster(page, select)
            return
        self._build_page(page)
        self.stack.setCurrentWidget(self.scroll_area)
        self.session.shown(page)
        self._update_chrome()
        self._focus_first()

    def _show_roster(self, roster: Roster, select: int | None = None) -> None:
        self._clear_page()
        self.roster.show_roster(roster, select)
        self.stack.setCurrentWidget(self.roster)
        self._update_chrome()
        self.roster.focus_first()

    def _roster_changed(self) -> None:
        """After an add, remove or move: the roster's place among the screens may change."""
        found = self.screens()
        if self.roster.roster in found:
            self.index = found.index(self.roster.roster)
        self._update_chrome()

    def open_instance(self, number: int) -> None:
        """Show the first page of instance ``number`` of the roster on screen."""
        roster = self.roster.roster
        path = (*roster.parent, (roster.repeat, number))
        for index, screen in enumerate(self.screens()):
            if isinstance(screen, Page) and screen.questions \
                    and instance_of(self.session, screen.questions[0].name)[:len(path)] == path:
                self.show_page(index)
                return

    def _clear_page(self) -> None:
        for widget in self.widgets:
            # Already flushed; a focus-out while it goes must not answer again.
            widget.blockSignals(True)
            widget.setParent(None)
            widget.deleteLater()
        self.widgets = []
        while self.page_layout.count():
            item = self.page_layout.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:  # headings: gone now, not when the event loop next runs
                old.hide()
                old.setParent(None)
                old.deleteLater()
        self.page_names = ()

    def _build_page(self, page: Page) -> None:
        self._clear_page()
        self._place(page)
        self.heading = self._heading(page)
        grid = is_grid_page(page.questions, self.session)
        self.grid_header = LikertHeader(page.questions[0], self.session, self.page_area) \
            if grid else None
        if self.grid_header is not None:
            self.page_layout.addWidget(self.grid_header)
            self.grid_header.show()
        for question in page.questions:
            widget: QuestionWidget = LikertRowWidget(question, self.session, self.page_area) \
                if grid else widget_for(question, self.session, self.page_area)
            widget.edited.connect(self._edited)
            widget.picked.connect(self._focus_after)
            if isinstance(widget, LikertRowWidget):
                widget.move_row.connect(self._move_row)
            self.page_layout.addWidget(widget)
            widget.show()  # shown now, so that focus can move into it at once
            self.widgets.append(widget)
        self.page_layout.addStretch(1)
        self.page_names = tuple(q.name for q in page.questions)

    def _place(self, page: Page) -> None:
        """Which instance a page belongs to ("Household member 2 of 4"), above its heading."""
        path = instance_of(self.session, page.questions[0].name) if page.questions else ()
        if not path:
            return
        label = _bold_label("instance_place", 1.1, place(self.session, path))
        self.page_layout.addWidget(label)
        label.show()

    def _heading(self, page: Page) -> QLabel | None:
        """The section or battery heading above the questions (None without one; an
        instance's own group is named by ``_place`` already)."""
        group = page_group(self.session, page)
        if group is None or group.repeat:
            return None
        header = _bold_label("heading", 1.25)
        self.page_layout.addWidget(header)
        header.show()
        self.heading, self._heading_page = header, page
        self._retranslate_heading()
        return header

    def _retranslate_heading(self) -> None:
        if self.heading is not None:
            self.heading.setText(page_heading(self.session, self._heading_page))

    def _show_review(self) -> None:
        self.page_names = ()
        self.review.refresh()
        self.stack.setCurrentWidget(self.review)
        self._update_chrome()
        self.review.focus_first()

    def _update_chrome(self) -> None:
        answered, relevant = self.session.progress()
        self.progress.setRange(0, max(relevant, 1))
        self.progress.setValue(answered)
        self.progress.setFormat(_("{answered} of {relevant} answered",
                                  answered=answered, relevant=relevant))
        pages = len(self.screens())
        self.next_button.setEnabled(True)
        if self.on_review:
            self.position.setText(_("Review"))
            self.next_button.setText(_("Finish…"))
            self.next_button.setEnabled(self.session.can_finish())
        else:
            self.position.setText(_("Page {page} of {pages}", page=self.index + 1, pages=pages))
            self.next_button.setText(_("Next (Enter) →"))
        self.back_button.setEnabled(self.index > 0 or self.on_review)

    # -- answering ---------------------------------------------------------------------------
    def _edited(self, name: str, value: Any) -> None:
        validation = self.session.answer(name, value)
        for widget in self.widgets:
            question = widget.question
            if question.name == name or (question.or_other and name == question.name + "_other"):
                widget.show_validation(validation)
        self._after_change()

    def _after_change(self) -> None:
        """Apply skip logic live: rebuild the page when its visible questions changed."""
        pages = self.screens()
        located = self._locate(pages)
        if located >= len(pages):
            self.show_page(located)
            return
        self.index = located
        page = pages[located]
        names = tuple(q.name for q in page.questions) if isinstance(page, Page) else ()
        if names != self.page_names or not isinstance(page, Page):
            focused = self._focused_question()
            if not isinstance(page, Page):
                self.show_page(located)
                return
            self._build_page(page)
            self._restore_focus(focused)
        else:
            for widget in self.widgets:
                widget.refresh(keep_pending=True)
        self._update_chrome()

    def _locate(self, pages: list[Screen]) -> int:
        """The page now holding the shown questions (skip logic may have moved them)."""
        shown = set(self.page_names)
        questions = [p for p in pages if isinstance(p, Page)]
        for page in questions:
            if shown & {q.name for q in page.questions}:
                return pages.index(page)
        order = [q.name for q in self.session.laid_out.questions]
        first = order.index(self.page_names[0]) if self.page_names[:1] \
            and self.page_names[0] in order else 0
        for page in questions:
            if page.questions and order.index(page.questions[0].name) > first:
                return pages.index(page)
        return len(pages)

    def flush(self) -> None:
        """Send typed-but-unsent text and digits to the engine (before moving, switching or
        closing)."""
        for widget in list(self.widgets):
            widget.commit_digits()
            flush = getattr(widget, "flush", None)
            if flush is not None:
                flush()

    # -- moving ------------------------------------------------------------------------------
    def go_next(self) -> None:
        """Next page if every answer on this one is accepted (battery rows left blank are
        flagged once); on the review nothing happens: finishing needs the Finish button."""
        if self.on_review:
            return
        self.flush()
        blocked = [w for w in self.widgets if w.has_message()]
        page = self.current_page()
        problems = self.session.page_problems(page) if page is not None else {}
        for widget in self.widgets:
            if widget.question.name in problems and not widget.has_message():
                widget.show_validation(problems[widget.question.name])
                blocked.append(widget)
        if not blocked and self._flagged_page != self.page_names:
            blocked = self._flag_blank_rows()
        if blocked:
            blocked[0].focus_editor()
            return
        self.show_page(*step(self.session, self.screens(), self.index, forward=True))

    def _flag_blank_rows(self) -> list[QuestionWidget]:
        """Battery rows without an answer get a note; Next again leaves them blank."""
        blank = [w for w in self.widgets if isinstance(w, LikertRowWidget)
                 and not self.session.is_answered(w.question.name)]
        for widget in blank:
            widget.flag(_("No answer yet. Answer it, or press Next again to leave it blank."))
        self._flagged_page = self.page_names if blank else ()
        return list(blank)

    def go_back(self) -> None:
        self.flush()
        if self.on_review:
            self.show_page(len(self.screens()) - 1)
        elif self.index > 0:
            self.show_page(*step(self.session, self.screens(), self.index, forward=False))

    def jump_to(self, name: str) -> None:
        """Show the page holding question ``name``."""
        self.flush()
        for index, page in enumerate(self.screens()):
            if isinstance(page, Page) and name in {q.name for q in page.questions}:
                self.show_page(index)
                self._restore_focus(name)
                return

    def open_navigator(self) -> None:
        self.flush()
        current = self.page_names[0] if self.page_names else None
        dialog = NavigatorDialog(self.session, current, self)
        dialog.setObjectName("navigator")
        dialog.accepted.connect(lambda: self.jump_to(dialog.chosen) if dialog.chosen else None)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        dialog.filter.setFocus()

    # -- finishing ---------------------------------------------------------------------------
    def ask_finish(self) -> QMessageBox | None:
        """Ask before finishing (window-modal); "Keep editing" is the default, so Enter held
        down never finishes. None when something required is still missing."""
        self.flush()
        if not self.session.can_finish():
            self._show_review()
            return None
        box = question_box(self, _("Finish interview"), _(
            "Finish this interview? It is saved as complete; after that an answer can only be "
            "changed by reopening the interview with a reason, which is recorded."),
            ("confirm", _("Finish interview")), ("keep_editing", _("Keep editing")))
        box.setObjectName("confirm_finish")
        box.finished.connect(lambda _r: self._finish_answered(chose(box, "confirm")))
        self.finish_dialog = box
        box.open()
        return box

    def _finish_answered(self, confirmed: bool) -> None:
        self.finish_dialog = None
        if confirmed:
            self.finish()
        else:
            self.review.focus_first()

    def finish(self) -> None:
        """Complete the interview (after confirmation) when the engine allows it; else stay
        on the review."""
        self.flush()
        if not self.session.can_finish():
            self._show_review()
            return
        self.session.finish()
        self.completed.emit(self.session.uuid)

    # -- language ----------------------------------------------------------------------------
    def _language_changed(self, _index: int) -> None:
        code = self.language.currentData()
        if code is None or code == self.session.language:
            return
        self.flush()
        self.session.set_language(str(code))
        self._retranslate_heading()
        if self.grid_header is not None:
            self.grid_header.refresh()
        for widget in self.widgets:
            widget.refresh(keep_pending=True)
            widget.recheck()
        self.retranslate()
        self._update_chrome()


def _bold_label(name: str, scale: float, text: str = "") -> QLabel:
    """A wrapping bold label ``scale`` times the normal size (headings above questions)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
