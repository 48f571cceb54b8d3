"""The drafts passphrase, asked when the application starts on a database whose unfinished
interviews are encrypted (a sealed study, see ``survey.store.drafts``).

The first time it is set (typed twice, with the warning that losing it loses the drafts);
afterwards it unlocks the drafts. A wrong passphrase is said in the dialog, which stays open.
*Start locked* goes on without it: interviews are listed and can be sent, but unfinished ones
cannot be opened.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, error_text, language
from survey.errors import SurveyError
from survey.messages import render
from survey.sealing import SealingCode
from survey.sealing.keys import MIN_PASSPHRASE
from survey.store import Store


class DraftsPassphraseDialog(QDialog):
    """Sets (first use) or asks for the passphrase that unlocks the drafts of ``store``."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drafts_passphrase")
        self.setWindowTitle(_("Drafts passphrase"))
        self._store = store
        self.setting = not store.drafts.is_set()
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(self._intro()))
        if self.setting:
            warning = _wrapped(_("If this passphrase is lost, nobody can read the answers of "
                                 "the unfinished interviews on this laptop. Completed, sealed "
                                 "interviews are not affected."))
            warning.setObjectName("warning")
            warning.setStyleSheet("font-weight: bold;")
            layout.addWidget(warning)
        self.passphrase = _secret(_("Passphrase"), "passphrase", layout)
        self.confirm = _secret(_("Repeat the passphrase"), "confirm", layout) \
            if self.setting else None
        self.error = _wrapped("")
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        layout.addWidget(self._buttons())
        self.setMinimumWidth(480)

    def _intro(self) -> str:
        if self.setting:
            return _("Unfinished interviews of sealed studies are kept encrypted on this "
                     "laptop. Choose a passphrase of at least {minimum} characters; Kelisim "
                     "asks for it each time it starts.", minimum=MIN_PASSPHRASE)
        return _("Enter the drafts passphrase to open the unfinished interviews on this "
                 "laptop. Without it Kelisim starts locked: interviews are listed and can be "
                 "sent, but unfinished ones cannot be opened.")

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Set passphrase") if self.setting else _("Unlock"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Start locked"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        return box

    def accept(self) -> None:
        """Set or unlock; on a problem say it here and stay open."""
        text = self.passphrase.text()
        if self.confirm is not None and self.confirm.text() != text:
            self._show(render(SealingCode.PASSPHRASES_DIFFER.message(), language()))
            return
        try:
            self._store.unlock_drafts(text)
        except SurveyError as error:
            self._show(error_text(error))
            return
        super().accept()

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.passphrase.clear()
        if self.confirm is not None:
            self.confirm.clear()
        self.passphrase.setFocus()


def ask_drafts_passphrase(store: Store, parent: QWidget | None = None) -> bool:
    """At start: ask for the drafts passphrase when ``store`` encrypts drafts; True when the
    drafts are unlocked (or there are none to encrypt)."""
    if not store.needs_drafts_key():
        return True
    return DraftsPassphraseDialog(store, parent).exec() == QDialog.DialogCode.Accepted


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _secret(caption: str, name: str, layout: QVBoxLayout) -> QLineEdit:
    layout.addWidget(QLabel(caption))
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    layout.addWidget(edit)
    return edit
