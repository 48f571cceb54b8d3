"""Qt table models over a real store, without any view."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.interviews_model import InterviewsTableModel
from desktop.quota_model import QuotaTableModel
from survey.form.xlsform import load_form
from survey.store import NewInterview, Store
from tests.formbuilder import write_xlsform

START = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def _bulk(store: Store, count: int, *, complete_every: int = 2) -> None:
    store.import_interviews(
        NewInterview(form_id="small", form_version="1", interviewer=f"int{i % 7}",
                     device_id="laptop1", language="en", answers={"consent": "yes"},
                     started_at=START + timedelta(minutes=i),
                     completed_at=(START + timedelta(minutes=i, seconds=754)
                                   if i % complete_every == 0 else None))
        for i in range(count))


def _loaded(qtbot, model) -> None:
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=10000)


@pytest.mark.slow
def test_interviews_model__5000_rows__loads_in_batches_as_fetchmore_is_called(qtbot, store):
    _bulk(store, 5000)
    model = InterviewsTableModel(store, batch=500)
    assert model.total() == 5000
    assert model.rowCount() == 0  # the first batch is being read in a worker
    _loaded(qtbot, model)

    assert model.rowCount() == 500  # the first batch only
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.loaded):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    while model.canFetchMore(QModelIndex()):
        with qtbot.waitSignal(model.loaded):
            model.fetchMore(QModelIndex())
    assert model.rowCount() == 5000
    uuids = {model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(5000)}
    assert len(uuids) == 5000


def test_interviews_model__status_filter__counts_and_rows_follow(qtbot, store):
    _bulk(store, 30, complete_every=3)
    model = InterviewsTableModel(store, batch=7)

    model.set_filter(status="complete", form_id=None)
    _loaded(qtbot, model)

    assert model.total() == 10
    assert model.rowCount() == 7
    status_column = InterviewsTableModel.COLUMNS.index("status")
    duration_column = InterviewsTableModel.COLUMNS.index("duration")
    assert {model.data(model.index(r, status_column)) for r in range(7)} == {"Complete"}
    assert model.data(model.index(0, duration_column)) == "0:12:34"


def test_interviews_model__region_column__shows_choice_label_of_answer(qtbot, tmp_path):
    path = write_xlsform(tmp_path / "r.xlsx",
                         [{"type": "select_one regions", "name": "region", "label": "Region"}],
                         [{"list_name": "regions", "name": "abai", "label::en": "Abai region",
                           "label::kk": "Абай облысы"}],
                         {"form_id": "r", "version": "1"})
    with Store.open(tmp_path / "r.db") as store:
        store.register_form(load_form(path.read_bytes(), filename="r.xlsx"), path.read_bytes())
        uuid = store.start_interview("r", "1", interviewer="A")
        store.save_answer(uuid, "region", "abai")
        model = InterviewsTableModel(store, form_language="kk")
        region = InterviewsTableModel.COLUMNS.index("region")
        _loaded(qtbot, model)

        assert model.data(model.index(0, region)) == "Абай облысы"


def test_quota_model__target_typed__stored_and_percentage_shown(qtbot, tmp_path):
    path = write_xlsform(tmp_path / "q.xlsx",
                         [{"type": "select_one regions", "name": "region", "label": "Region"}],
                         [{"list_name": "regions", "name": n, "label": n.title()}
                          for n in ("abai", "astana")],
                         {"form_id": "q", "version": "1"})
    with Store.open(tmp_path / "q.db") as store:
        form = load_form(path.read_bytes(), filename="q.xlsx")
        store.register_form(form, path.read_bytes())
        for _ in range(3):
            uuid = store.start_interview("q", "1", interviewer="A")
            store.save_answer(uuid, "region", "abai")
            store.complete(uuid)
        model = QuotaTableModel(store, form)
        _loaded(qtbot, model)
        target = model.index(0, QuotaTableModel.COLUMNS.index("target"))

        assert model.flags(target) & Qt.ItemFlag.ItemIsEditable
        assert model.setData(target, "12")
        assert not model.setData(target, "many")

        assert store.quotas("q") == {"abai": 12}
        assert model.data(model.index(0, 1)) == 3
        assert model.data(model.index(0, 3)) == "25 %"
        assert model.data(model.index(1, 3)) == "—"
        assert model.totals() == (3, 12)


def test_home__no_regional_targets__says_so_then_counts_against_the_target(qtbot, tmp_path):
    from desktop.home_widget import HomeWidget

    path = write_xlsform(tmp_path / "h.xlsx",
                         [{"type": "select_one regions", "name": "region", "label": "Region"}],
                         [{"list_name": "regions", "name": "abai", "label": "Abai"}],
                         {"form_id": "h", "version": "1"})
    store = Store.open(tmp_path / "h.db")  # outlives the widget: closed after Qt teardown
    store.register_form(load_form(path.read_bytes(), filename="h.xlsx"), path.read_bytes())
    uuid = store.start_interview("h", "1", interviewer="A")
    store.save_answer(uuid, "region", "abai")
    store.complete(uuid)
    home = HomeWidget(store, "en")
    qtbot.addWidget(home)
    qtbot.waitUntil(lambda: home.quota_total.text().startswith("Completed 1"), timeout=10_000)
    assert home.quota_total.text() == "Completed 1; no regional targets set yet."
    model = home.quota_model
    assert model is not None
    model.setData(model.index(0, QuotaTableModel.COLUMNS.index("target")), "4")
    assert home.quota_total.text() == "Completed 1 of a target of 4."
