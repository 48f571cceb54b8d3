"""The response store: SQLite files, migrations, audit trail and merging laptops."""

from survey.store.merge import merge
from survey.store.paths import default_database_path, demo_database_path
from survey.store.records import (
    COMPLETE,
    DRAFT,
    AuditEntry,
    FormRecord,
    InterviewRecord,
    MergeSummary,
    NewInterview,
)
from survey.store.store import Store
from survey.store.values import Answer

__all__ = [
    "COMPLETE",
    "DRAFT",
    "Answer",
    "AuditEntry",
    "FormRecord",
    "InterviewRecord",
    "MergeSummary",
    "NewInterview",
    "Store",
    "default_database_path",
    "demo_database_path",
    "merge",
]
