"""Interview identifiers: time-ordered UUIDs (RFC 9562 version 7).

The first 48 bits are the creation time in milliseconds, the rest random, so ids made on
different laptops never collide while new interviews land at the end of the answers index
instead of at random places in it (bulk writes stay fast on large stores).
"""

from __future__ import annotations

import secrets
import time
import uuid as uuidlib


def new_uuid() -> str:
    """A new version-7 UUID as 32 lowercase hex digits."""
    millis = time.time_ns() // 1_000_000
    value = (millis & ((1 << 48) - 1)) << 80 | secrets.randbits(80)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return uuidlib.UUID(int=value).hex
