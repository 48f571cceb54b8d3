"""The questionnaire model: plain frozen dataclasses, free of any file format.

The XLSForm reader (``survey.form.xlsform``) builds these; the interview engine, the store, the
export and the GUI read them. Text in several languages is a ``Text``; expressions are parsed
``Expression`` objects from ``survey.expressions``.
"""

from __future__ import annotations

import hashlib
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
    """The question types Kelisim supports (XLSForm's, less repeats and external data)."""

    TEXT = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    SELECT_ONE = "select_one"
    SELECT_MULTIPLE = "select_multiple"
    RANK = "rank"
    NOTE = "note"
    DATE = "date"
    TIME = "time"
    DATETIME = "datetime"
    RANGE = "range"
    CALCULATE = "calculate"
    HIDDEN = "hidden"
    ACKNOWLEDGE = "acknowledge"
    BARCODE = "barcode"
    GEOPOINT = "geopoint"
    GEOTRACE = "geotrace"
    GEOSHAPE = "geoshape"
    IMAGE = "image"
    AUDIO = "audio"
    VIDEO = "video"
    FILE = "file"
    # Metadata: filled by the laptop, never asked.
    START = "start"
    END = "end"
    TODAY = "today"
    DEVICEID = "deviceid"
    USERNAME = "username"
    PHONENUMBER = "phonenumber"
    EMAIL = "email"
    SIMSERIAL = "simserial"
    SUBSCRIBERID = "subscriberid"
    AUDIT = "audit"
    START_GEOPOINT = "start-geopoint"

    @property
    def is_select(self) -> bool:
        """A question answered from a choice list (``rank`` orders the whole list)."""
        return self._value_ in _SELECT_VALUES

    @property
    def is_metadata(self) -> bool:
        return self._value_ in _METADATA_VALUES

    @property
    def is_geo(self) -> bool:
        return self in (QuestionType.GEOPOINT, QuestionType.GEOTRACE, QuestionType.GEOSHAPE)

    @property
    def is_media(self) -> bool:
        return self in (QuestionType.IMAGE, QuestionType.AUDIO, QuestionType.VIDEO,
                        QuestionType.FILE)

    @property
    def takes_input(self) -> bool:
        """Whether the interviewer enters a value (notes, calculations, hidden and metadata
        rows do not)."""
        return self._value_ not in _NO_INPUT_VALUES


METADATA_TYPES = frozenset({
    QuestionType.START, QuestionType.END, QuestionType.TODAY, QuestionType.DEVICEID,
    QuestionType.USERNAME, QuestionType.PHONENUMBER, QuestionType.EMAIL,
    QuestionType.SIMSERIAL, QuestionType.SUBSCRIBERID, QuestionType.AUDIT,
    QuestionType.START_GEOPOINT,
})
# Type tests by the member's text (a str hash is C code; an Enum member's is Python code):
# the interview engine asks them hundreds of times per interview.
_SELECT_VALUES = frozenset({"select_one", "select_multiple", "rank"})
_METADATA_VALUES = frozenset(t.value for t in METADATA_TYPES)
_NO_INPUT_VALUES = _METADATA_VALUES | {"note", "calculate", "hidden"}


#: The choice name used for the free-text "other" option of ``or_other`` selects.
OTHER_CHOICE = "other"


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice list."""

    name: str
    label: Text
    #: Extra columns of the choices sheet (used by choice filters), e.g. (("region", "almaty"),).
    extra: tuple[tuple[str, str], ...] = ()
    location: Location = field(default_factory=Location)
    #: ``"dont_know"`` or ``"refused"`` when the choice records a missing answer (column
    #: ``kelisim::missing`` / ``kelisim_missing``), None for a real answer.
    missing: str | None = None
    #: A picture shown with the choice: a file name per language (column ``image``).
    image: Text = field(default_factory=Text)

    def extra_value(self, column: str) -> str:
        return dict(self.extra).get(column, "")


@dataclass(frozen=True, slots=True)
class Group:
    """A ``begin_group`` … ``end_group`` block, or a ``begin_repeat`` … ``end_repeat`` one
    (``repeat``): its questions are asked once per instance (``survey.form.repeats``)."""

    name: str
    label: Text = field(default_factory=Text)
    relevant: Expression | None = None
    appearance: frozenset[str] = frozenset()
    #: Name of the enclosing group or repeat, or None at the top level.
    parent: str | None = None
    location: Location = field(default_factory=Location)
    repeat: bool = False
    #: A repeat's number of instances (``repeat_count``, pyxform's ``jr:count``): a number or
    #: an expression; None for an open-ended repeat (instances are added as needed).
    repeat_count: Expression | None = None

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
    #: A picture shown with the label: a file name per language (column ``image``).
    image: Text = field(default_factory=Text)
    #: A recording played beside the label: a file name per language (column ``audio``).
    audio: Text = field(default_factory=Text)
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
    #: A ``default`` computed from other answers (``${age} + 1``, ``today()``): evaluated once,
    #: when the question is first relevant without an answer (ODK's first-load default).
    default_expression: Expression | None = None
    appearance: frozenset[str] = frozenset()
    #: The ``parameters`` column as pairs (``(("start", "0"), ("end", "10"))``).
    parameters: tuple[tuple[str, str], ...] = ()
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

    def parameter(self, key: str, default: str = "") -> str:
        return dict(self.parameters).get(key, default)

    @property
    def missing_choices(self) -> dict[str, str]:
        """Choice name -> missing kind of the choices marked ``kelisim::missing``."""
        return {c.name: c.missing for c in self.choices if c.missing is not None}


@dataclass(frozen=True, slots=True)
class FormFile:
    """A file that comes with the questionnaire (``cities.csv``): its name and bytes."""

    name: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class Settings:
    """The ``settings`` sheet."""

    form_id: str
    title: Text
    version: str = ""
    default_language: str | None = None
    #: The largest file a media question accepts (settings ``kelisim::max_file_mb``).
    max_file_mb: float = 10.0
    #: The project's public key (settings ``public_key``, base64 DER as ODK): completed
    #: interviews are sealed with it. Empty: not sealed (unless the store has a study key).
    public_key: str = ""


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
    #: Files that come with it (choice lists from files, pulldata() tables), by name.
    files: tuple[FormFile, ...] = ()
    _index: dict[str, Question | Group] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Question | Group] = {g.name: g for g in self.groups}
        index.update((q.name, q) for q in reversed(self.questions))
        object.__setattr__(self, "_index", index)

    @property
    def form_id(self) -> str:
        return self.settings.form_id

    @property
    def version(self) -> str:
        return self.settings.version

    def question(self, name: str) -> Question:
        found = self._index.get(name)
        if isinstance(found, Question):
            return found
        raise KeyError(name)

    def group(self, name: str) -> Group:
        found = self._index.get(name)
        if isinstance(found, Group):
            return found
        for g in self.groups:  # a group whose name a question also uses
            if g.name == name:
                return g
        raise KeyError(name)

    def default_language(self) -> str:
        lang = self.settings.default_language
        return lang if lang in self.languages else self.languages[0]
