"""Autosave survives a killed process: every confirmed answer is on disk afterwards."""

import pytest

from survey.store import Store
from tests.survey.hostile import kill_after_lines

CONFIRMED = 150

WRITER = """
import sys
from survey.form.model import Form, Settings, Text
from survey.store import Store

store = Store.open(sys.argv[1])
form = Form(settings=Settings(form_id="f", title=Text.of({"en": "F"}), version="1"), questions=())
store.register_form(form, b"xlsform")
uuid = store.start_interview("f", "1", interviewer="Dana", language="kk")
print("uuid", uuid, flush=True)
number = 0
while True:
    store.save_answer(uuid, f"q{number}", number if number % 2 else f"text {number}")
    print("saved", number, flush=True)
    number += 1
"""


@pytest.mark.slow
def test_save_answer__process_killed_mid_interview__confirmed_answers_kept_draft_resumable(
        tmp_path):
    path = tmp_path / "laptop.db"
    first, lines = kill_after_lines(WRITER, [str(path)], CONFIRMED)
    uuid = first.split()[1]
    confirmed = [int(line.split()[1]) for line in lines]

    with Store.open(path) as store:
        answers = store.answers(uuid)
        for number in confirmed:
            expected = number if number % 2 else f"text {number}"
            assert answers[f"q{number}"] == expected
        record = store.interview(uuid)
        assert record.status == "draft" and record.language == "kk"
        store.save_answer(uuid, "after_restart", 1)
        store.complete(uuid)
        assert store.answers(uuid)["after_restart"] == 1
