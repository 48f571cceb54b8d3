"""Laptops and a central Kelisim server: sending interviews, receiving forms and quotas.

    from survey.sync import sync, connect_server
    summary = sync("laptop.db", address, password, progress=..., cancel=...)

See :mod:`survey.sync.run` for the semantics (exactly those of ``kelisim merge``) and
:mod:`survey.sync.credentials` for where passwords come from.
"""

from survey.sync.credentials import (
    forget_password,
    remember_password,
    resolve_password,
    stored_password,
)
from survey.sync.run import SyncSummary, sync

__all__ = ["SyncSummary", "forget_password", "remember_password", "resolve_password",
           "stored_password", "sync"]
