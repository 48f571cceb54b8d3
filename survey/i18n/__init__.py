"""Message catalogs for interface, report and error text in Kazakh, Russian and English.

One gettext ``.po`` file per domain and language under ``survey/i18n/locale/<lang>/<domain>.po``
(``desktop``, ``reports``, ``export``, ``guide``: English msgids), and the ``messages`` domain,
a folder ``locale/<lang>/messages/`` of files keyed by message code (see
:mod:`survey.messages`). The catalogs live in the lowest package so that
``desktop/`` and ``reports/`` share them without depending on each other. Questionnaire text
comes from the form itself, not from here.

    _ = translator("reports", "kk")
    _("Key findings")            # -> "Негізгі қорытындылар"
    _("{n} interviews", n=12)    # placeholders are filled with str.format
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from babel.messages.pofile import read_po

LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
LANGUAGE_NAMES: dict[str, str] = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "en"
#: The babel locale each language's numbers and dates are written in.
LOCALES: dict[str, str] = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}

Translator = Callable[..., str]


@cache
def catalog(domain: str, language: str) -> dict[str, str]:
    """msgid -> msgstr for one domain and language (empty translations left out).

    A domain is one file ``locale/<lang>/<domain>.po`` or a folder ``locale/<lang>/<domain>/``
    of ``.po`` files, one per package (the ``messages`` domain), merged; a msgid defined in two
    files of a folder is an error.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unsupported interface language '{language}' (use one of {LANGUAGES})")
    table: dict[str, str] = {}
    for path in _domain_files(domain, language):
        with path.open("rb") as handle:
            po = read_po(handle)
        for m in po:
            if not m.id or not m.string:
                continue
            if str(m.id) in table:
                raise ValueError(f"msgid '{m.id}' defined twice in the '{domain}' catalog of "
                                 f"'{language}' ({path.name})")
            table[str(m.id)] = str(m.string)
    return table


def _domain_files(domain: str, language: str) -> list[Traversable]:
    base = resources.files("survey.i18n").joinpath("locale", language)
    single = base.joinpath(f"{domain}.po")
    if single.is_file():
        return [single]
    folder = base.joinpath(domain)
    if folder.is_dir():
        return sorted((p for p in folder.iterdir() if p.name.endswith(".po")),
                      key=lambda p: p.name)
    return []


def locale_of(language: str) -> str:
    """The babel locale of a supported language (``"kk"`` -> ``"kk_KZ"``)."""
    return LOCALES[language]


def translator(domain: str, language: str) -> Translator:
    """A ``_(msgid, **fields)`` function for one domain and language.

    English msgids are the source text, so an untranslated message falls back to English.
    """
    table = catalog(domain, language)

    def _(message: str, /, **fields: object) -> str:
        text = table.get(message, message)
        return text.format(**fields) if fields else text

    return _


def missing_translations(domain: str) -> dict[str, list[str]]:
    """Per language, the msgids of the English catalog that lack a translation (for tests)."""
    reference = catalog(domain, "en").keys() | _msgids(domain)
    return {lang: sorted(reference - catalog(domain, lang).keys()) for lang in LANGUAGES if lang != "en"}


def _msgids(domain: str) -> set[str]:
    ids: set[str] = set()
    for lang in LANGUAGES:
        for path in _domain_files(domain, lang):
            with path.open("rb") as handle:
                ids.update(str(m.id) for m in read_po(handle) if m.id)
    return ids
