"""The interface language of the desktop application.

Interface strings are English msgids looked up in the ``desktop`` message catalogs of
``survey.i18n``. The language can change while the application runs; windows rebuild their
widgets after :func:`set_language`, so every call of :func:`_` reads the current catalog.
Errors of the domain packages carry messages (code, fields, location), rendered here in the
interface language by :func:`error_text`.
"""

from __future__ import annotations

from survey.i18n import DEFAULT_LANGUAGE, LANGUAGE_NAMES, LANGUAGES, Translator, translator
from survey.messages import error_messages, render_all

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "_", "error_text", "language", "set_language"]

_state: dict[str, object] = {"language": DEFAULT_LANGUAGE,
                             "translate": translator("desktop", DEFAULT_LANGUAGE)}


def set_language(code: str) -> None:
    """Make ``code`` (kk, ru or en) the interface language; unknown codes fall back to English."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    _state["language"] = code
    _state["translate"] = translator("desktop", code)


def language() -> str:
    """The current interface language code."""
    return str(_state["language"])


def _(message: str, /, **fields: object) -> str:
    """``message`` in the current interface language, placeholders filled with ``fields``."""
    translate: Translator = _state["translate"]  # type: ignore[assignment]
    return translate(message, **fields)


def error_text(error: BaseException) -> str:
    """``error`` in the interface language: each of its messages on its own line, with its
    location; an error that carries no messages is shown as it reads."""
    messages = error_messages(error)
    if messages:
        return render_all(messages, language())
    return str(error)
