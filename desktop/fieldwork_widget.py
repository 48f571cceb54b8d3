"""Fieldwork from the server on the Home tab: completed interviews per region against the
quotas, per interviewer and per day (as ``kelisim status``), read in a worker."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.background import BackgroundReader, form_of
from desktop.i18n import _, error_text
from desktop.interviews_model import region_label
from survey.store.postgres.reader import Fieldwork, ServerReader


def _read(reader: ServerReader) -> tuple[Any, Fieldwork] | None:
    forms = sorted(reader.forms(), key=lambda r: r.registered_at)
    if not forms:
        return None
    latest = forms[-1]
    return (latest.form_id, latest.version), reader.fieldwork(latest.form_id)


class FieldworkWidget(QGroupBox):
    """Three tables of fieldwork progress on the connected server."""

    def __init__(self, server: ServerReader, language: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Fieldwork on the server {server}", server=server.address.display),
                         parent)
        self.server = server
        self.language = language
        self.work: Fieldwork | None = None
        self.reader = BackgroundReader(server.address.location, self)
        self.reader.ready.connect(self._arrived)
        self.reader.failed.connect(self._failed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.regions = self._table("server_regions", [_("Region"), _("Completed"), _("Target"),
                                                      _("Done")])
        self.people = self._table("server_interviewers", [_("Interviewer"), _("Completed"),
                                                          _("Drafts"), _("Last received")])
        self.days = self._table("server_days", [_("Day"), _("Completed")])
        tables = QHBoxLayout()
        for table in (self.regions, self.people, self.days):
            tables.addWidget(table, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(tables, 1)
        self.refresh()

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def refresh(self) -> None:
        self.status.setText(_("Reading the server…"))
        self.reader.read("fieldwork", _read)

    def is_loading(self) -> bool:
        return self.reader.busy()

    def _failed(self, _tag: object, error: BaseException) -> None:
        self.status.setText(error_text(error))

    def _arrived(self, _tag: object, result: tuple[Any, Fieldwork] | None) -> None:
        if result is None:
            self.status.setText(_("No questionnaire on the server yet."))
            return
        (form_id, version), work = result
        self.work = work
        form = form_of(self.server, form_id, version)
        done = sum(n for _r, n, _t in work.regions)
        target = sum(t for _r, _n, t in work.regions)
        self.status.setText(_("Completed {done} of a target of {target}.", done=done,
                              target=target) if target else
                            _("Completed {done}; no regional targets set yet.", done=done))
        self._fill(self.regions, [(region_label(form, r, self.language), n, t or "—",
                                   f"{100 * n / t:.0f} %" if t else "—")
                                  for r, n, t in work.regions])
        self._fill(self.people, [(name, n, d, "" if last is None else
                                  last.astimezone().strftime("%Y-%m-%d %H:%M"))
                                 for name, n, d, last in work.interviewers])
        self._fill(self.days, [(day.isoformat(), n) for day, n in work.days])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[tuple[Any, ...]]) -> None:
        table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                table.setItem(row, column, QTableWidgetItem(str(value)))
