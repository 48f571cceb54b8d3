"""A questionnaire with a repeat goes to the server (``kelisim server publish``) and on to a
laptop at its next sync, where the interview of its instances runs."""

from __future__ import annotations

from desktop.cli import main
from survey.interview.instances import INSTANCE_MARK
from survey.interview.session import InterviewSession
from survey.store import Store
from survey.sync import sync
from tests.formbuilder import write_xlsform

ROWS = [
    {"type": "begin_repeat", "name": "members", "label": "Household member"},
    {"type": "integer", "name": "age", "label": "Age"},
    {"type": "end_repeat"},
]


def test_publish_then_sync__form_with_a_repeat_reaches_the_laptop(kelisim_server, tmp_path):
    form = write_xlsform(tmp_path / "household.xlsx", ROWS, None,
                         {"form_id": "household", "version": "1"})

    assert main(["server", "publish", kelisim_server.url, str(form)]) == 0
    Store.open(tmp_path / "laptop.db").close()
    summary = sync(tmp_path / "laptop.db", kelisim_server.address(), None)

    assert summary.forms_received == 1
    with Store.open(tmp_path / "laptop.db") as store:
        uuid = store.start_interview("household", "1", interviewer="Dana", language="")
        session = InterviewSession(store, uuid)
        session.add_instance("members")
        assert session.answer("members[1]/age", 40).ok
        assert store.answers(uuid) == {"members[1]": INSTANCE_MARK, "members[1]/age": 40}
