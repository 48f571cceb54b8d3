"""A merge killed at any moment loses nothing: each input is in the master whole or not at all,
the inputs are untouched, and running the merge again completes it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from survey.store import NewInterview, Store, merge
from tests.survey.hostile import DAY1, field_form, kill_after, laptop

PER_LAPTOP = 2000

MERGER = """
import sys
from survey.store import merge
print("merging", flush=True)
merge(sys.argv[1], sys.argv[2:])
print("merged", flush=True)
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _by_interviewer(path: Path) -> dict[str, int]:
    with Store.open(path) as store:
        found: dict[str, int] = {}
        for record in store.interviews():
            found[record.interviewer] = found.get(record.interviewer, 0) + 1
        return found


@pytest.mark.slow
def test_merge__killed_at_any_moment__inputs_whole_or_absent_and_untouched(tmp_path):
    form = field_form(tmp_path / "field.xlsx")
    usb = tmp_path / "usb"
    inputs = []
    for name in ("north", "south", "west"):
        path = usb / f"{name}.db"
        laptop(path, form, 0)
        with Store.open(path) as store:
            store.import_interviews(
                NewInterview("field", "1", name, name, "ru", {"comment": "word " * 30,
                                                              "age": i % 90}, DAY1, DAY1)
                for i in range(PER_LAPTOP))
        inputs.append(path)
    digests = {p: _digest(p) for p in inputs}
    names = sorted(p.name for p in usb.iterdir())
    master = tmp_path / "master.db"
    for delay in (0.2, 0.6, 1.0, 1.4, 1.8, 2.4, 3.2):
        kill_after(MERGER, [str(master), *map(str, inputs)], delay)
        if master.exists():
            counts = _by_interviewer(master)
            assert set(counts.values()) <= {PER_LAPTOP}, counts  # whole or absent
        assert {p: _digest(p) for p in inputs} == digests
        assert sorted(p.name for p in usb.iterdir()) == names
    summaries = merge(master, inputs)
    assert all(s.ok for s in summaries)
    assert _by_interviewer(master) == {"north": PER_LAPTOP, "south": PER_LAPTOP,
                                       "west": PER_LAPTOP}
