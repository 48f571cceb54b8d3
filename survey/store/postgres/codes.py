"""Message codes of the central PostgreSQL store, the sync and fieldwork monitoring.

Templates: ``survey/i18n/locale/<lang>/messages/server.po``.
"""

from __future__ import annotations

from survey.messages import MessageCode


class ServerCode(MessageCode):
    """Errors and notes of ``kelisim server``, ``kelisim sync`` and ``kelisim status``."""

    BAD_URL = ("server.bad_url", ("url",))
    UNREADABLE_VALUES = ("server.unreadable_values", ("count",))
    CANNOT_CONNECT = ("server.cannot_connect", ("server", "detail"))
    PASSWORD_REFUSED = ("server.password_refused", ("server", "user"))
    NOT_INITIALISED = ("server.not_initialised", ("server",))
    NEWER_SCHEMA = ("server.newer_schema", ("server", "version", "known"))
    OLDER_SCHEMA = ("server.older_schema", ("server", "version", "known"))
    NOT_ALLOWED = ("server.not_allowed", ("server", "user", "detail"))
    CONNECTION_LOST = ("server.connection_lost", ("server", "detail"))
    BUSY = ("server.busy", ("server",))
    DATABASE_ERROR = ("server.database_error", ("server", "detail"))
    BAD_LOGIN = ("server.bad_login", ("login",))
    UNKNOWN_ROLE = ("server.unknown_role", ("role", "roles"))
    INTERVIEWER_REQUIRED = ("server.interviewer_required", ("login",))
    LAPTOP_FAILED = ("server.laptop_failed", ("laptop", "detail"))
    CANCELLED = ("server.cancelled", ())
    PASSWORD_PROMPT = ("server.password_prompt", ("server",))
    # -- notes of a sync -----------------------------------------------------------------------
    SYNC_SENT = ("server.sync_sent", ("laptop", "added", "identical", "updated", "conflicts"))
    SYNC_OUTDATED = ("server.sync_outdated", ("count",))
    SYNC_NOT_YOURS = ("server.sync_not_yours", ("count", "interviewers"))
    SYNC_UNKNOWN_FORM = ("server.sync_unknown_form", ("count", "form_id", "version"))
    SYNC_RECEIVED = ("server.sync_received", ("forms", "quotas"))
    SYNC_BAD_FORM = ("server.sync_bad_form", ("form_id", "version"))
    # -- administration ----------------------------------------------------------------------
    INIT_DONE = ("server.init_done", ("server", "version"))
    USER_ADDED = ("server.user_added", ("login", "role"))
    FORM_PUBLISHED = ("server.form_published", ("form_id", "version"))
    QUOTA_SET = ("server.quota_set", ("form_id", "region", "target"))
    BAD_QUOTA = ("server.bad_quota", ("text",))
    PASSWORDS_DIFFER = ("server.passwords_differ", ())
    NEW_PASSWORD_PROMPT = ("server.new_password_prompt", ("login",))
    # -- fieldwork monitoring ------------------------------------------------------------------
    STATUS_HEADER = ("server.status_header", ("server", "form_id", "complete", "drafts"))
    STATUS_REGIONS = ("server.status_regions", ())
    STATUS_REGION = ("server.status_region", ("region", "completed", "target"))
    STATUS_REGION_NO_TARGET = ("server.status_region_no_target", ("region", "completed"))
    STATUS_INTERVIEWERS = ("server.status_interviewers", ())
    STATUS_INTERVIEWER = ("server.status_interviewer", ("interviewer", "completed", "drafts",
                                                        "last"))
    STATUS_DAYS = ("server.status_days", ())
    STATUS_DAY = ("server.status_day", ("day", "completed"))
    NO_FORM = ("server.no_form", ("server",))
