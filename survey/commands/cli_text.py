"""Printing messages on the command line in the chosen language (server verbs)."""

from __future__ import annotations

import sys
from typing import TextIO

from survey.errors import SurveyError
from survey.messages import Message, error_messages, render


def say(message: Message, language: str, stream: TextIO | None = None) -> None:
    print(render(message, language), file=stream or sys.stdout)


def fail(verb: str, error: SurveyError, language: str) -> int:
    """Print ``error`` on stderr as ``kelisim VERB: text [code]``; returns exit code 1."""
    messages = error_messages(error)
    text = "\n".join(render(m, language) for m in messages) if messages else str(error)
    print(f"kelisim {verb}: {text} [{error.code}]", file=sys.stderr)
    return 1
