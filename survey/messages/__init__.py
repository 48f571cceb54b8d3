"""User-facing messages as data, rendered in Kazakh, Russian or English at the edge.

    from survey.messages import Message, MessageCode, Location, render

See :mod:`survey.messages.model` for how codes are declared and :mod:`survey.messages.render`
for the catalogs. :class:`CodedError` is the mix-in every package's base error uses, so an
error carries its :class:`Message` (code, fields, location) rather than an English sentence.
"""

from survey.messages.errors import CodedError, error_messages
from survey.messages.model import Field, Location, Message, MessageCode
from survey.messages.render import has_template, render, render_all, render_location

__all__ = [
    "CodedError",
    "Field",
    "Location",
    "Message",
    "MessageCode",
    "error_messages",
    "has_template",
    "render",
    "render_all",
    "render_location",
]
