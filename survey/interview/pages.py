"""Pages of an interview: what one screen shows, and moving between screens in form order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from survey.form.model import Form, Group, Question


@dataclass(frozen=True, slots=True)
class Page:
    """What one screen shows: the relevant questions of a field-list group, or one question."""

    questions: tuple[Question, ...]
    #: The field-list group shown on this page; None for a single-question page.
    group: Group | None = None

    @property
    def is_field_list(self) -> bool:
        return self.group is not None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(q.name for q in self.questions)


class Paginator:
    """Cuts visible questions into pages; finds the page before or after another."""

    def __init__(self, form: Form) -> None:
        self._position = {q.name: i for i, q in enumerate(form.questions)}
        groups = {g.name: g for g in form.groups}
        # The outermost field-list group holds the whole screen (nested groups included).
        self._screen: dict[str, Group] = {}
        for question in form.questions:
            lists = [groups[n] for n in question.group_path if n in groups and groups[n].is_field_list]
            if lists:
                self._screen[question.name] = lists[0]

    def pages(self, visible: Iterable[Question]) -> list[Page]:
        """A field-list group's visible questions together, every other question alone."""
        pages: list[Page] = []
        for question in visible:
            group = self._screen.get(question.name)
            if group is not None and pages and pages[-1].group is group:
                pages[-1] = Page((*pages[-1].questions, question), group)
            else:
                pages.append(Page((question,), group))
        return pages

    def after(self, pages: list[Page], current: Page | None) -> Page | None:
        """The first page after ``current`` in form order (the first page for None)."""
        last = -1 if current is None or not current.questions else self._at(current.questions[-1])
        return next((p for p in pages if self._at(p.questions[0]) > last), None)

    def before(self, pages: list[Page], current: Page | None) -> Page | None:
        """The last page before ``current`` in form order (the last page for None)."""
        if current is None or not current.questions:
            return pages[-1] if pages else None
        first = self._at(current.questions[0])
        return next((p for p in reversed(pages) if self._at(p.questions[-1]) < first), None)

    def _at(self, question: Question) -> int:
        return self._position[question.name]
