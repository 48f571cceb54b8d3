"""Test configuration shared by the whole suite."""

import os

# Qt must find the offscreen platform before any Qt module loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
