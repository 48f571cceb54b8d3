"""Checks before Qt starts, so that a missing display or system library gets a clear message.

Qt aborts the whole process (no Python exception) when it cannot load its platform plugin, so
these conditions are checked first.
"""

from __future__ import annotations

import ctypes.util
import os
import sys


def display_problem(environ: dict[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why the GUI cannot start here, or None when it can (as far as can be told)."""
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if not system.startswith("linux") or env.get("QT_QPA_PLATFORM"):
        return None
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return ("no graphical display was found (DISPLAY and WAYLAND_DISPLAY are not set). "
                "Start Kelisim from a desktop session; the headless verbs (validate, demo, "
                "merge, export, report) work without one: see 'kelisim --help'.")
    if not env.get("WAYLAND_DISPLAY") and ctypes.util.find_library("xcb-cursor") is None:
        return ("the system library libxcb-cursor, which Qt needs on X11, is missing. "
                "Install it (Debian/Ubuntu: sudo apt-get install libxcb-cursor0) and start "
                "Kelisim again.")
    return None
