"""The headless interview engine: one respondent's pass through a ``Form``.

    from survey.interview import Interview, Page, Validation, Answer

Modules: ``engine`` (:class:`Interview`), ``answers`` (the one ``Answer`` type and its ODK text
form, shared with the store), ``checks`` (type, choices, required, constraint), ``graph`` (what
to recompute after a change), ``pages`` (screens), ``filters`` (``choice_filter``),
``messages`` (validation messages as data) and ``session`` (an interview kept in step with the
store, for the GUI; imported from ``survey.interview.session``, not from here, because the
store itself imports ``survey.interview.answers``).
"""

from survey.interview.answers import Answer
from survey.interview.engine import Interview, Validation
from survey.interview.pages import Page

__all__ = ["Answer", "Interview", "Page", "Validation"]
