"""Headless verbs of the kelisim command owned by the survey package.

Shared by every verb (also ``kelisim report``): the language messages are printed in, and
printing a coded error rendered in it::

    lang = cli_language(args.lang)          # --lang, else $KELISIM_LANG, else English
    print_error("export", error, lang)      # "kelisim export: out.csv: ... [export.cannot_write]"
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from survey.i18n import DEFAULT_LANGUAGE, LANGUAGES
from survey.messages import Message, error_messages, render

#: The environment variable naming the language of command-line messages (kk, ru or en).
LANGUAGE_VARIABLE = "KELISIM_LANG"


def cli_language(requested: str | None = None) -> str:
    """``requested`` (a verb's ``--lang``), else ``$KELISIM_LANG`` when it names a supported
    language, else English."""
    for candidate in (requested, os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()):
        if candidate in LANGUAGES:
            return str(candidate)
    return DEFAULT_LANGUAGE


def message_line(message: Message, language: str) -> str:
    """``message`` in ``language`` followed by its code, e.g. ``... [store.corrupt]``."""
    return f"{render(message, language)} [{message.code}]"


def print_error(verb: str, error: BaseException | Sequence[Message], language: str, *,
                file: TextIO | None = None) -> None:
    """Print ``error`` to stderr as ``kelisim VERB: <message in language> [code]``, one line
    per message; an error without messages (not ours) is printed as it reads."""
    messages = error if isinstance(error, Sequence) else error_messages(error)
    out = sys.stderr if file is None else file
    if not messages:
        print(f"kelisim {verb}: {error}", file=out)
    for message in messages:
        print(f"kelisim {verb}: {message_line(message, language)}", file=out)
