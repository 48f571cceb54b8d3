"""Offering, at start, the interview that was open when the application stopped.

The main window remembers the interview on its Interview tab (``AppSettings.open_interview``)
until it is completed or the user declines to resume it; answers are in the store already
(every answer is committed when given), so resuming loses nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.confirm import question_box
from desktop.i18n import _
from desktop.interviews_model import time_text
from desktop.settings import AppSettings
from survey.errors import SurveyError
from survey.store import Store


def interrupted_interview(settings: AppSettings, store: Store) -> str | None:
    """The uuid of the remembered interview when it is in ``store``, still a draft and
    readable (its drafts not locked)."""
    remembered = settings.open_interview
    if remembered is None:
        return None
    path, uuid = remembered
    try:
        same = Path(path).resolve() == store.path.resolve()
        record = store.interview(uuid) if same else None
    except (OSError, SurveyError):
        return None
    if record is None or record.is_complete:
        return None
    # drafts locked (started without the drafts passphrase): nothing to offer
    return None if store.drafts_locked(record.form_id, record.form_version) else uuid


def resume_question(parent: QWidget, store: Store, uuid: str) -> QMessageBox:
    """"Resume the interrupted interview?" with Resume (the default, ``resume_button``) and
    Later."""
    record = store.interview(uuid)
    answered = len(store.answers(uuid))
    box = question_box(parent, _("Interrupted interview"), _(
        "An interview was not finished when Kelisim last stopped (started {started}, {count} "
        "answer(s) saved). Resume it now?", started=time_text(record, record.started_at),
        count=answered), ("resume_button", _("Resume interview")), ("later_button", _("Later")),
        default_act=True)
    box.setObjectName("resume")
    return box
