"""Checks before Qt starts, so that a missing display or system library gets a clear message.

Qt aborts the whole process (no Python exception) when it cannot load its platform plugin, so
these conditions are checked first.
"""

from __future__ import annotations

import ctypes.util
import os
import sys

#: Libraries Qt's X11 platform plugin loads that desktop installations may lack, with the
#: Debian/Ubuntu package of each.
XCB_LIBRARIES: dict[str, str] = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0", "xcb-render-util": "libxcb-render-util0",
    "xkbcommon-x11": "libxkbcommon-x11-0", "xcb-shape": "libxcb-shape0", "xcb-xkb": "libxcb-xkb1",
    "xcb-randr": "libxcb-randr0",
}


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
    if not env.get("WAYLAND_DISPLAY"):
        missing = [package for library, package in XCB_LIBRARIES.items()
                   if ctypes.util.find_library(library) is None]
        if missing:
            return ("system libraries that Qt needs on X11 are missing. Install them "
                    f"(Debian/Ubuntu: sudo apt-get install {' '.join(missing)}) and start "
                    "Kelisim again.")
    return None
