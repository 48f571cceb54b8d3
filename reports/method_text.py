"""How a result was computed, and what the analysis left out, in the report's language.

``analysis`` records its methods as data (:class:`analysis.Method`: enumerations and records
with fields, see :mod:`analysis.methods`), its notes and errors as
:class:`~survey.messages.Message` objects. Here they are rendered from the ``messages``
catalogs in the report's language; margins of a raking are named as the report names them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis import Method
from analysis.design import Design
from analysis.margins import MarginSource
from analysis.weighting import Weighting
from survey.i18n import translator
from survey.messages import Message, render


def _(message: str) -> str:
    """Marks a msgid of the ``reports`` catalog; translated when the language is known."""
    return message


SAME_DESIGN = _("Design: the sample design described above")


@dataclass(frozen=True)
class MethodText:
    """Renders analysis methods, notes and errors in one language.

    ``dimension`` names a weighting margin (a column such as ``sex``) for the raking phrase.
    """

    language: str
    dimension: Callable[[str], str] = str

    def render(self, message: Message) -> str:
        return render(message, self.language)

    def method(self, method: Method, sample: Design | None = None) -> str:
        """Design, variance, CI with level, test and adjustment, as sentences.

        When the method's design is ``sample``'s (described once elsewhere in the report), the
        design sentence refers to it instead of repeating it.
        """
        parts = [self.render(part) for part in method.parts(self.dimension)]
        if sample is not None and method.design == sample.summary():
            parts[0] = translator("reports", self.language)(SAME_DESIGN)
        return " ".join(part + "." for part in parts)

    def design(self, design: Design) -> str:
        """The sampling design from its counts."""
        return self.render(design.summary().message())

    def weighting(self, weighting: Weighting) -> str:
        """The weighting scheme and, when raked, the raking."""
        return self.render(weighting.message(self.dimension))

    def reference(self, source: MarginSource) -> str:
        """The reference date of a margin's population figures."""
        return self.render(source.reference())

    def messages(self, messages: Iterable[Message]) -> str:
        """Several messages (e.g. an analysis error's) as one text."""
        return " ".join(self.render(message) for message in messages)
