"""Message codes of the demo data generator and ``kelisim demo`` (``messages/demo.po``)."""

from __future__ import annotations

from survey.messages import MessageCode


class DemoCode(MessageCode):
    """What ``kelisim demo`` refuses or notes."""

    NEGATIVE_COUNT = ("demo.negative_count", ("count",))
    #: Every interview asked for is there already (the same command was run before).
    SEED_TAKEN = ("demo.seed_taken", ("seed", "count"))
    #: Some were there from an interrupted run; the missing ones were added.
    RESUMED = ("demo.resumed", ("seed", "existing"))
