"""Message codes of repeats (templates: ``locale/<lang>/messages/repeats.po``).

Problems of ``begin_repeat`` … ``end_repeat`` blocks in a questionnaire, reported with the cell
they are found in, as the reader's other problems (``form.*``) are.
"""

from __future__ import annotations

from survey.messages import MessageCode


class RepeatCode(MessageCode):
    """Codes of the problems of repeats."""

    UNCLOSED = ("repeats.unclosed", ("name",))
    UNMATCHED_END = ("repeats.unmatched_end", ())
    END_GROUP_CLOSES_REPEAT = ("repeats.end_group_closes_repeat", ("name",))
    END_REPEAT_CLOSES_GROUP = ("repeats.end_repeat_closes_group", ("name",))
    #: ``value`` is the cell's text.
    BAD_COUNT = ("repeats.bad_count", ("value",))

    # Errors of the interview (``InterviewError``).
    #: Instances of a repeat with a ``repeat_count`` follow the count.
    FIXED_COUNT = ("repeats.fixed_count", ("name",))
    NO_INSTANCE = ("repeats.no_instance", ("name", "index"))
    NOT_A_REPEAT = ("repeats.not_a_repeat", ("name",))
    TOO_MANY = ("repeats.too_many", ("name", "limit"))
    TOO_MANY_IN_ALL = ("repeats.too_many.total", ("limit",))
    #: What the interview screen says when a list can take no more (``label``: the
    #: repeat's label in the form language).
    FULL = ("repeats.full", ("label", "limit"))
    FULL_IN_ALL = ("repeats.full.total", ("label", "limit"))
