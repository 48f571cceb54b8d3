"""Message codes of the demo data generator and ``kelisim demo`` (``messages/demo.po``)."""

from __future__ import annotations

from survey.messages import MessageCode


class DemoCode(MessageCode):
    """What ``kelisim demo`` refuses."""

    NEGATIVE_COUNT = ("demo.negative_count", ("count",))
    SEED_TAKEN = ("demo.seed_taken", ("seed",))
