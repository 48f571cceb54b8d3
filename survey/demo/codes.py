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
    #: ``--if-empty`` and the database already holds interviews.
    NOT_EMPTY = ("demo.not_empty", ())
    #: The database holds real interviews (not marked as demo data).
    REAL_INTERVIEWS = ("demo.real_interviews", ("count", "option"))
    #: The laptop's real database (``default_database_path()``).
    REAL_DATABASE = ("demo.real_database", ("option",))
