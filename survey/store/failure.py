"""Building ``StoreError`` values that carry a stable code.

``survey.errors.StoreError`` holds a class-level ``code``; the store raises it with a more
precise code per instance (``store.corrupt``, ``store.read_only``, ...) so tests and the
interface can tell the cases apart without parsing messages.
"""

from __future__ import annotations

from survey.errors import StoreError


def store_error(code: str, message: str) -> StoreError:
    """A ``StoreError`` with ``code`` (e.g. ``"store.newer_schema"``) and a full message."""
    error = StoreError(f"{message} [{code}]")
    error.code = code
    return error
