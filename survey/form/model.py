"""The questionnaire model: plain frozen dataclasses, free of any file format.

The XLSForm reader (``survey.form.xlsform``) builds these; the interview engine, the store, the
export and the GUI read them. Text in several languages is a ``Text``; expressions are parsed
``Expression`` objects from ``survey.expressions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from survey.errors import Location

if TYPE_CHECKING:
    from survey.expressions import Expression

#: Language key used for columns without a language (plain ``label``).
NO_LANGUAGE = ""


@dataclass(frozen=True, slots=True)
class Text:
    """A piece of text in one or more languages, keyed by language code."""

    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, mapping: dict[str, str]) -> Text:
        return cls(tuple((k, v) for k, v in mapping.items() if v))

    def get(self, language: str | None = None, fallbacks: tuple[str, ...] = ()) -> str:
        """The text in ``language``, else the first of ``fallbacks`` present, else any, else ''."""
        table = dict(self.values)
        for key in (language, *fallbacks, NO_LANGUAGE):
            if key is not None and table.get(key):
                return table[key]
        return next(iter(table.values()), "")

    def languages(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.values)

    def __bool__(self) -> bool:
        return bool(self.values)


class QuestionType(Enum):
    """The question types Kelisim supports (a subset of XLSForm)."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    NOTE = "note"
    DATE = "date"
    CALCULATE = "calculate"
    ACKNOWLEDGE = "acknowledge"

    @property
    def is_select(self) -> bool:
        return self in (QuestionType.SELECT_ONE, QuestionType.SELECT_MULTIPLE)

    @property
    def takes_input(self) -> bool:
        """Whether the interviewer enters a value (notes and calculations do not)."""
        return self not in (QuestionType.NOTE, QuestionType.CALCULATE)


#: The choice name used for the free-text "other" option of ``or_other`` selects.
OTHER_CHOICE = "other"

#: Kinds of missing answer a choice can stand for (column ``kelisim::missing`` of the choices
#: sheet): the respondent does not know, or refuses to answer. Exports give them declared
#: missing codes and ``analysis`` leaves them out of estimates unless asked to show them.
DONT_KNOW = "dont_know"
REFUSED = "refused"
MISSING_KINDS: tuple[str, ...] = (DONT_KNOW, REFUSED)


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice list."""

    name: str
    label: Text
    #: Extra columns of the choices sheet (used by choice filters), e.g. (("region", "almaty"),).
    extra: tuple[tuple[str, str], ...] = ()
    location: Location = field(default_factory=Location)
    #: ``"dont_know"`` or ``"refused"`` when the choice is a missing answer (``MISSING_KINDS``).
    missing: str | None = None

    def extra_value(self, column: str) -> str:
        return dict(self.extra).get(column, "")


@dataclass(frozen=True, slots=True)
class Group:
    """A ``begin_group`` … ``end_group`` block."""

    name: str
    label: Text = field(default_factory=Text)
    relevant: Expression | None = None
    appearance: frozenset[str] = frozenset()
    #: Name of the enclosing group, or None at the top level.
    parent: str | None = None
    location: Location = field(default_factory=Location)

    @property
    def is_field_list(self) -> bool:
        return "field-list" in self.appearance


@dataclass(frozen=True, slots=True)
class Question:
    """One row of the survey sheet that holds a value (or a note)."""

    name: str
    type: QuestionType
    label: Text = field(default_factory=Text)
    hint: Text = field(default_factory=Text)
    list_name: str | None = None
    choices: tuple[Choice, ...] = ()
    or_other: bool = False
    #: ``required`` as an expression (``yes`` becomes ``true()``), None when not required.
    required: Expression | None = None
    required_message: Text = field(default_factory=Text)
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: Text = field(default_factory=Text)
    calculation: Expression | None = None
    choice_filter: Expression | None = None
    default: str | None = None
    appearance: frozenset[str] = frozenset()
    read_only: bool = False
    #: Personal data (column ``kelisim::pii``): left out of exports unless asked for.
    pii: bool = False
    #: Enclosing group names, outermost first.
    group_path: tuple[str, ...] = ()
    location: Location = field(default_factory=Location)

    @property
    def group(self) -> str | None:
        return self.group_path[-1] if self.group_path else None

    def choice(self, name: str) -> Choice | None:
        return next((c for c in self.choices if c.name == name), None)

    @property
    def missing_choices(self) -> dict[str, str]:
        """Choice name -> missing kind of the choices marked ``kelisim::missing``."""
        return {c.name: c.missing for c in self.choices if c.missing is not None}


@dataclass(frozen=True, slots=True)
class Settings:
    """The ``settings`` sheet."""

    form_id: str
    title: Text
    version: str = ""
    default_language: str | None = None


@dataclass(frozen=True, slots=True)
class Form:
    """A whole questionnaire."""

    settings: Settings
    #: Questions (including notes and calculations) in sheet order.
    questions: tuple[Question, ...]
    groups: tuple[Group, ...] = ()
    #: Language keys in column order, e.g. ("kk", "ru", "en"); ("",) for an unlabelled form.
    languages: tuple[str, ...] = (NO_LANGUAGE,)
    #: Display names of the languages, e.g. {"kk": "Kazakh"}.
    language_names: tuple[tuple[str, str], ...] = ()
    #: The file it came from, if any (for messages).
    source: str | None = None

    @property
    def form_id(self) -> str:
        return self.settings.form_id

    @property
    def version(self) -> str:
        return self.settings.version

    def question(self, name: str) -> Question:
        for q in self.questions:
            if q.name == name:
                return q
        raise KeyError(name)

    def group(self, name: str) -> Group:
        for g in self.groups:
            if g.name == name:
                return g
        raise KeyError(name)

    def default_language(self) -> str:
        lang = self.settings.default_language
        return lang if lang in self.languages else self.languages[0]
