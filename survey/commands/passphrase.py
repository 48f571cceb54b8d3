"""Reading a passphrase for the command line: never from an argument.

In order: the ``KELISIM_PASSPHRASE`` variable (scripts), the first line of standard input when
it is not a terminal (``echo ... | kelisim unseal``), else typed at the terminal, unseen.
"""

from __future__ import annotations

import getpass
import os
import sys

from survey.sealing import SealingCode
from survey.sealing.codes import sealing_error

VARIABLE = "KELISIM_PASSPHRASE"


def read_passphrase(prompt: str, *, confirm: bool = False) -> str:
    """The passphrase; ``confirm`` asks twice at a terminal. SealingError when none."""
    text = os.environ.get(VARIABLE)
    if text is None and not sys.stdin.isatty():
        text = sys.stdin.readline().rstrip("\r\n")
    if text is None:
        text = getpass.getpass(prompt)
        if confirm and getpass.getpass(prompt) != text:
            raise sealing_error(SealingCode.PASSPHRASES_DIFFER)
    if not text:
        raise sealing_error(SealingCode.NO_PASSPHRASE, variable=VARIABLE)
    return text
