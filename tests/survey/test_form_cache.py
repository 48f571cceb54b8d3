"""Parsed questionnaires shared in a process (survey.form.cache): a workbook another thread is
parsing is not parsed a second time; the reader waits for that parse and gets its form."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import survey.form.xlsform as xlsform
from survey.errors import FormError
from survey.form import cache
from survey.form.model import Form
from tests.formbuilder import write_xlsform

SURVEY = [{"type": "integer", "name": "age", "label": "Age"},
          {"type": "text", "name": "note", "label": "Note", "relevant": "${age} > 17"}]


@pytest.fixture
def workbook(tmp_path: Path) -> bytes:
    return write_xlsform(tmp_path / "f.xlsx", SURVEY, settings={"form_id": "f",
                                                                "version": "1"}).read_bytes()


@pytest.fixture
def held_parse(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event,
                                                          list[str]]:
    """The real reader, held at its start until ``release`` is set; ``started`` is set when
    the first parse has begun; the list names every parse."""
    started, release = threading.Event(), threading.Event()
    parses: list[str] = []
    real = xlsform.load_form

    def held(source, **kwargs):  # type: ignore[no-untyped-def]
        parses.append(str(kwargs.get("filename")))
        started.set()
        assert release.wait(30)
        return real(source, **kwargs)

    monkeypatch.setattr(xlsform, "load_form", held)
    cache.clear()
    return started, release, parses


def _in_thread(workbook: bytes, out: list[Form | BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            out.append(cache.parsed_form(workbook, filename="f.xlsx", files={}))
        except BaseException as error:  # handed to the test thread
            out.append(error)
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_parsed_form__asked_while_another_thread_parses__one_parse_same_form(
        workbook: bytes, held_parse: tuple[threading.Event, threading.Event, list[str]]) -> None:
    started, release, parses = held_parse
    first: list[Form | BaseException] = []
    worker = _in_thread(workbook, first)
    assert started.wait(30)
    second: list[Form | BaseException] = []
    waiting = _in_thread(workbook, second)
    waiting.join(0.2)
    assert waiting.is_alive()  # waits for the parse under way instead of parsing again
    release.set()
    worker.join(30)
    waiting.join(30)
    assert parses == ["f.xlsx"]
    assert isinstance(first[0], Form) and second[0] is first[0]
    assert [q.name for q in first[0].questions] == ["age", "note"]


def test_parsed_form__parse_under_way_fails__the_waiting_reader_parses_and_fails_too(
        tmp_path: Path,
        held_parse: tuple[threading.Event, threading.Event, list[str]]) -> None:
    started, release, parses = held_parse
    bad = write_xlsform(tmp_path / "bad.xlsx", [{"type": "integer", "name": "age"},
                                                {"type": "integer", "name": "age"}]).read_bytes()
    first: list[Form | BaseException] = []
    worker = _in_thread(bad, first)
    assert started.wait(30)
    second: list[Form | BaseException] = []
    waiting = _in_thread(bad, second)
    release.set()
    worker.join(30)
    waiting.join(30)
    assert isinstance(first[0], FormError) and isinstance(second[0], FormError)
    assert len(parses) == 2  # a failed parse is not kept: the waiting reader tries itself
