"""Column headers of XLSForm sheets: normalisation, aliases, languages and column policy.

A header such as ``Label::Kazakh (kk)`` becomes ``Column(base="label", language="Kazakh (kk)")``;
the older single-colon spelling ``label:English`` is read the same way when no header of the
sheet uses ``::`` (as pyxform does). Project columns keep their whole header as the base
(``kelisim::pii``).

Column policy (what happens to a column that holds a value):

* ``image`` (``big-image``, ``media::image::<language>``) shows a picture with the question's
  label and ``audio`` (``media::audio::<language>``) plays a recording beside it, from the files
  that come with the form; video in labels is not supported; on the choices sheet ``image``
  shows a picture with the choice;
* known columns are read, also in pyxform's other spellings (``bind::relevant``,
  ``bind::jr:constraintMsg``, settings ``title``);
* columns pyxform knows but Kelisim does not implement (media, ``guidance_hint``, ``kobo--*``, ``body::<attribute>`` other than those below ...) are errors
  (``form.unsupported_column``): they would change what the form does;
* ``body::`` (also spelt ``control::``) columns are attributes pyxform copies to the question's
  or group's control: ``body::accept`` is read; ``body::intent`` (an Android app that fills the
  answers) and ``body::accuracyThreshold`` (when Collect accepts a GPS fix) are ignored: the
  questions are answered by hand, as Collect lets them be when the app is not installed, and a
  position is read once, as ``capture-accuracy`` is ignored in ``parameters``;
* annotation columns are ignored: headers starting with ``#`` or ``$`` (KoboToolbox keeps
  ``$kuid`` and ``$autoname`` there) and the headers ``comment(s)``, ``note(s)``, ``remark(s)``;
* columns that only add attributes for other software are ignored, as ODK Collect ignores
  them: ``instance::*`` (attributes of the data node) and ``bind::<ns>:*`` of a namespace other
  than XForms' own (``bind::oc:external``);
* other columns pyxform does not know are ignored too, as pyxform ignores them (analysis
  plans keep ``indicator``, ``theme`` ... beside the questions), unless the header is a likely
  misspelling of a known column (``lable``, ``relevent``): that is an error
  (``form.unknown_column``), since the column would silently do nothing;
* ``kelisim::`` is the project's own prefix: only the columns listed in ``PROJECT_COLUMNS``
  (survey sheet) and ``MISSING_COLUMN`` (choices sheet) exist, so a misspelt one
  (``kelisim::pi``) is an error rather than silently dropped;
* ``kelisim::missing`` on the choices sheet declares a choice that records a missing answer
  (``dont_know`` or ``refused``; empty for a real answer). pyxform reads ``a::b`` on the choices
  sheet as a translation of ``a`` and cannot convert such a workbook, so the same column is
  also accepted as ``kelisim_missing``, which ODK keeps as harmless choice data;
  ``kelisim::form_title::Kazakh (kk)`` on the settings sheet gives the title per language
  (pyxform cannot read a translated ``form_title`` and ignores ``kelisim::`` columns, so the
  same workbook still converts for ODK with its plain ``form_title``);
* any other column is an error (``form.unknown_column``), except on the choices sheet, where
  extra columns are data for choice filters and are kept.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import Enum

#: The project's own columns on the survey sheet.
PII_COLUMN = "kelisim::pii"
PROJECT_COLUMNS = frozenset({PII_COLUMN})
#: Settings column: the largest file a media question accepts, in megabytes (default 10).
MAX_FILE_COLUMN = "kelisim::max_file_mb"
PROJECT_PREFIX = "kelisim::"

SURVEY_COLUMNS = frozenset({
    "type", "name", "label", "hint", "required", "required_message", "relevant", "constraint",
    "constraint_message", "calculation", "choice_filter", "default", "appearance", "read_only",
    "parameters", "body::accept", "repeat_count",
})
SURVEY_ALIASES = {
    "caption": "label", "relevance": "relevant", "readonly": "read_only",
    "big-image": "image", "big_image": "image",
    "calculate": "calculation", "constraining_message": "constraint_message",
    "jr:constraintmsg": "constraint_message", "requiredmsg": "required_message",
    "jr:requiredmsg": "required_message", "constraint-msg": "constraint_message",
    "bind::readonly": "read_only", "bind::relevant": "relevant", "bind::required": "required",
    "bind::constraint": "constraint", "bind::calculate": "calculation",
    "bind::jr:constraintmsg": "constraint_message", "bind::jr:requiredmsg": "required_message",
    "bind:jr:constraintmsg": "constraint_message", "bind:jr:requiredmsg": "required_message",
    "compact_tag": "instance::odk:tag", "jr:count": "repeat_count",
}
SURVEY_TRANSLATED = frozenset({"label", "hint", "required_message", "constraint_message",
                               "image", "audio"})
#: Columns pyxform reads whose behaviour Kelisim does not implement.
SURVEY_UNSUPPORTED = frozenset({
    "media", "video", "guidance_hint", "trigger",
    "count", "autoplay", "rows", "body", "control", "bind",
    "save_to", "noapperrorstring", "no_app_error_string", "sms_field", "sms_option",
    "intent",
})

#: The choices-sheet column declaring missing-answer choices, and the spelling pyxform converts.
MISSING_COLUMN = "kelisim::missing"
MISSING_COLUMN_PLAIN = "kelisim_missing"
#: What ``kelisim::missing`` may say of a choice.
MISSING_KINDS = ("dont_know", "refused")

CHOICES_COLUMNS = frozenset({"list_name", "name", "label", MISSING_COLUMN})
CHOICES_ALIASES = {"caption": "label", "value": "name", MISSING_COLUMN_PLAIN: MISSING_COLUMN,
                   "big-image": "image", "big_image": "image"}
#: ``image`` (``media::image::<language>``): a picture shown with the choice.
CHOICES_TRANSLATED = frozenset({"label", "image"})
CHOICES_UNSUPPORTED = frozenset({"media", "audio", "video"})

#: ``public_key``: completed interviews are sealed with it (as ODK's encrypted forms).
SETTINGS_COLUMNS = frozenset({"form_title", "form_id", "version", "default_language",
                              "allow_choice_duplicates", "public_key"})
SETTINGS_ALIASES = {"set_form_title": "form_title", "set_form_id": "form_id",
                    "id_string": "form_id", "title": "form_title"}
SETTINGS_TRANSLATED = frozenset({"form_title"})
#: Settings for ODK servers and phones; they change nothing in an offline interview.
SETTINGS_IGNORED = frozenset({
    "instance_name", "style", "submission_url", "auto_send", "auto_delete", "name",
    "namespaces", "clean_text_values", "prefix", "delimiter", "client_editable", "xml_root",
})
SETTINGS_UNSUPPORTED = frozenset({"sms_keyword"})

#: Namespaces of XForms itself: a ``bind::`` attribute in one of them changes behaviour.
_XFORMS_NAMESPACES = frozenset({"", "jr", "odk", "orx", "xf", "h"})
_ANNOTATION_NAMES = frozenset({"comment", "comments", "note", "notes", "remark", "remarks"})
_UNSUPPORTED_PREFIXES = ("kobo--",)
#: ``body::`` attributes of Android software a laptop goes without (see the module docstring).
_IGNORED_BODY = frozenset(f"{prefix}::{name}" for prefix in ("body", "control")
                          for name in ("intent", "accuracythreshold"))
_LANGUAGE = re.compile(r"^(?P<name>.*?)\s*\((?P<code>[^()]+)\)\s*$")


class ColumnKind(Enum):
    """How the reader treats a column (see the module docstring)."""

    KNOWN = "known"
    TRANSLATED = "translated"
    UNSUPPORTED = "unsupported"
    IGNORED = "ignored"
    EXTRA = "extra"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Column:
    """One header cell: where it is, its text, and what it means."""

    index: int
    header: str
    base: str
    language: str | None
    kind: ColumnKind


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """The columns one kind of sheet understands."""

    known: frozenset[str]
    aliases: dict[str, str]
    translated: frozenset[str]
    unsupported: frozenset[str]
    ignored: frozenset[str] = frozenset()
    keeps_extra: bool = False
    project: frozenset[str] = frozenset()
    #: Columns written ``kelisim::<base>::<language>`` that translate ``<base>``.
    project_translated: frozenset[str] = frozenset()


SURVEY = SheetSpec(SURVEY_COLUMNS, SURVEY_ALIASES, SURVEY_TRANSLATED, SURVEY_UNSUPPORTED,
                   project=PROJECT_COLUMNS)
CHOICES = SheetSpec(CHOICES_COLUMNS, CHOICES_ALIASES, CHOICES_TRANSLATED, CHOICES_UNSUPPORTED,
                    keeps_extra=True, project=frozenset({MISSING_COLUMN}))
SETTINGS = SheetSpec(SETTINGS_COLUMNS, SETTINGS_ALIASES, SETTINGS_TRANSLATED,
                     SETTINGS_UNSUPPORTED, ignored=SETTINGS_IGNORED,
                     project=frozenset({MAX_FILE_COLUMN}),
                     project_translated=frozenset({"form_title"}))


def parse_headers(header: tuple[str, ...], spec: SheetSpec) -> tuple[Column, ...]:
    """Interpret every non-empty header cell of a sheet."""
    double_colon = any("::" in h for h in header)
    return tuple(
        parse_header(index, text, spec, double_colon=double_colon)
        for index, text in enumerate(header)
        if text
    )


def parse_header(index: int, header: str, spec: SheetSpec, *, double_colon: bool) -> Column:
    """Interpret one header cell (see the module docstring for the policy)."""
    text = header.strip()
    lowered = " ".join(text.split()).lower()
    if lowered.startswith(PROJECT_PREFIX):
        tokens = [t.strip() for t in text[len(PROJECT_PREFIX):].split("::")]
        base = snake_case(tokens[0])
        if base in spec.project_translated and len(tokens) == 2 and tokens[1]:
            return Column(index, text, base, tokens[1], ColumnKind.TRANSLATED)
        kind = ColumnKind.KNOWN if lowered in spec.project else ColumnKind.UNKNOWN
        return Column(index, text, lowered, None, kind)
    whole = spec.aliases.get(lowered, lowered)
    if whole in spec.known or whole in spec.translated:
        return Column(index, text, whole, None, _kind(text, whole, None, 1, spec))
    if _attribute_only(lowered):
        return Column(index, text, lowered, None, ColumnKind.IGNORED)
    tokens = _split(text, double_colon)
    base = snake_case(tokens[0])
    base = spec.aliases.get(base, base)
    language = tokens[1] if len(tokens) > 1 and tokens[1] else None
    return Column(index, text, base, language, _kind(text, base, language, len(tokens), spec))


def _attribute_only(lowered: str) -> bool:
    """``instance::*``, ``bind::<ns>:*`` of another program's namespace (Collect ignores them)
    and KoboToolbox's library locking (``kobo--locking-profile``, ``kobo--lock_all``: who may
    edit the form in Kobo's builder)."""
    if lowered.startswith(("instance::", "kobo--lock")) or lowered in _IGNORED_BODY:
        return True
    if lowered.startswith("bind::"):
        namespace, colon, _ = lowered[len("bind::"):].partition(":")
        return bool(colon) and namespace not in _XFORMS_NAMESPACES
    return False


def _split(text: str, double_colon: bool) -> list[str]:
    if double_colon or "::" in text:
        tokens = [t.strip() for t in text.split("::")]
        # media::image::English is the image column in English (pyxform's long spelling).
        if (len(tokens) > 1 and tokens[0].lower() == "media"
                and tokens[1].lower() in ("image", "audio")):
            return tokens[1:]
        return tokens
    if text.lower().startswith("jr:"):
        head, _, rest = text[3:].partition(":")
        return [f"jr:{head}".strip(), *([rest.strip()] if rest else [])]
    return [t.strip() for t in text.split(":")]


def _kind(text: str, base: str, language: str | None, parts: int, spec: SheetSpec) -> ColumnKind:
    if base in spec.unsupported or text.lower().startswith(_UNSUPPORTED_PREFIXES):
        return ColumnKind.UNSUPPORTED
    if is_annotation(text) or base in spec.ignored:
        return ColumnKind.IGNORED
    if base in spec.translated and parts <= 2:
        return ColumnKind.TRANSLATED
    if base in spec.known and language is None and parts == 1:
        return ColumnKind.KNOWN
    if spec.keeps_extra:
        return ColumnKind.EXTRA
    if base in spec.known or base in spec.translated or _misspelt(base, spec):
        return ColumnKind.UNKNOWN
    return ColumnKind.IGNORED


def _misspelt(base: str, spec: SheetSpec) -> bool:
    """Whether ``base`` is close to a column of the sheet (``lable``, ``relevent``)."""
    names = [*spec.known, *spec.translated, *spec.aliases]
    return bool(difflib.get_close_matches(base, names, n=1, cutoff=0.8))


def is_annotation(header: str) -> bool:
    """Whether a column is a note for people (``# ...``, ``$kuid``, ``comments``)."""
    text = header.strip()
    return text.startswith(("#", "$")) or snake_case(text) in _ANNOTATION_NAMES


def snake_case(value: str) -> str:
    """``'List  Name'`` -> ``'list_name'`` (pyxform's header normalisation)."""
    return "_".join(value.split()).lower()


def split_language(token: str) -> tuple[str, str]:
    """``'Kazakh (kk)'`` -> ``('kk', 'Kazakh')``; ``'English'`` -> ``('English', 'English')``."""
    text = " ".join(token.split())
    match = _LANGUAGE.match(text)
    if match:
        code = match.group("code").strip()
        return code, match.group("name").strip() or code
    return text, text


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index (0 -> ``A``, 26 -> ``AA``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
