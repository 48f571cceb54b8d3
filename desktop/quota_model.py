"""``QuotaTableModel``: fieldwork progress per region against a target quota."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from desktop.background import BackgroundReader, location_of
from desktop.i18n import _
from desktop.interviews_model import REGION_QUESTION
from survey.form.model import Form
from survey.store import Store

Index = QModelIndex | QPersistentModelIndex


class QuotaTableModel(QAbstractTableModel):
    """One row per region choice of the form: completed interviews, target, percentage.

    The target column is editable; an edit is stored at once with ``Store.set_quota``.
    Completed counts are read in a worker (``loaded`` is emitted when they arrive).
    """

    loaded = Signal()

    COLUMNS = ("region", "completed", "target", "percent")

    def __init__(self, store: Store, form: Form, language: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.form = form
        self.language = language
        try:
            self.regions = form.question(REGION_QUESTION).choices
        except KeyError:
            self.regions = ()
        self._completed: dict[str, int] = {}
        self._targets: dict[str, int] = {}
        self.reader = BackgroundReader(location_of(store), self)
        self.reader.ready.connect(self._counts_arrived)
        self.reload()

    def reload(self) -> None:
        """Read the targets again, and the completed counts in a worker."""
        self.beginResetModel()
        self._targets = self.store.quotas(self.form.form_id)
        self.endResetModel()
        if self.regions:
            form_id = self.form.form_id
            self.reader.read(form_id, lambda store: store.answer_counts(
                form_id, REGION_QUESTION, status="complete"))

    def is_loading(self) -> bool:
        return self.reader.busy()

    def _counts_arrived(self, _tag: object, counts: dict[str, int]) -> None:
        self._completed = counts
        if self.regions:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.regions) - 1, 3))
        self.loaded.emit()

    def totals(self) -> tuple[int, int]:
        """(completed, target) over all regions."""
        return (sum(self._completed.get(c.name, 0) for c in self.regions),
                sum(self._targets.get(c.name, 0) for c in self.regions))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.regions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (_("Region"), _("Completed"), _("Target"), _("Done"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.COLUMNS[index.column()] == "target":
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        choice = self.regions[index.row()]
        column = self.COLUMNS[index.column()]
        done = self._completed.get(choice.name, 0)
        target = self._targets.get(choice.name, 0)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "region":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.EditRole and column == "target":
            return target
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "region":
            return choice.label.get(self.language, (self.form.default_language(),)) or choice.name
        if column == "completed":
            return done
        if column == "target":
            return target or "—"
        return f"{100 * done / target:.0f} %" if target else "—"

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.COLUMNS[index.column()] != "target":
            return False
        try:
            target = int(value)
        except (TypeError, ValueError):
            return False
        if target < 0:
            return False
        region = self.regions[index.row()].name
        self.store.set_quota(self.form.form_id, region, target)
        self._targets[region] = target
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
        return True
