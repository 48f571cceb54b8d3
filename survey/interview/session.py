"""One interview being filled in on this laptop: the engine and the store kept in step.

What the interview screen talks to (its widgets never reach the engine behind it). Every
answer goes to the engine first (``Interview.set_answer`` decides validity, relevance and
calculations); what it accepts is written to the store at once, with paradata events. Nothing
here decides a rule of the form.

Imported as ``survey.interview.session`` (not re-exported by ``survey.interview``, which the
store itself imports for the ``Answer`` type).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from survey.errors import InterviewError
from survey.form.model import Choice, Form, Question, QuestionType, Text
from survey.form.repeat_codes import RepeatCode
from survey.form.repeats import repeat_names
from survey.interview.answers import Answer
from survey.interview.dates import DateReading, read_date
from survey.interview.engine import Interview, Validation
from survey.interview.graph import other_name
from survey.interview.instances import RepeatInterview
from survey.interview.messages import InterviewCode, message_language
from survey.interview.metadata import Device, end_names, stamp, start_values
from survey.interview.pages import Page
from survey.messages import Message, render
from survey.store import Store
from survey.store.media import MediaFile, stored_name

#: The store's status of a finished interview.
COMPLETE = "complete"
#: Names of a form's question recording who interviews; the application fills it in.
INTERVIEWER_QUESTIONS = ("interviewer_id", "interviewer", "enumerator_id", "enumerator")


class InterviewSession:
    """An open interview: ``Interview`` engine plus autosave to the ``Store``."""

    def __init__(self, store: Store, uuid: str, form: Form | None = None, *,
                 reading: bool = False) -> None:
        """``form``: the interview's questionnaire when the caller has it parsed already;
        ``reading``: only shown (the Data tab, also over a server), so the metadata a laptop
        fills in when a draft opens are not written."""
        self.store = store
        self.uuid = uuid
        record = store.interview(uuid)
        self.record = record
        self.form: Form = form if form is not None else store.load_form(
            record.form_id, record.form_version, repeats=True)
        language = record.language if record.language in self.form.languages else None
        stored = store.answers(uuid)
        #: A form with repeats: answers by instance path (``members[2]/age``), see
        #: ``survey.interview.instances``; ``interview`` is then the engine of the instances.
        self.repeats: RepeatInterview | None = None
        if repeat_names(self.form):
            self.repeats = RepeatInterview(self.form, stored, language)
        else:
            self._interview = Interview(self.form, answers=stored, language=language)
        # What the store holds, so that the first answer writes every calculation that differs.
        self._calculated = {name: stored.get(name) for name in self._calculations()}
        if record.status != COMPLETE and not reading:
            device = Device(device_id=record.device_id, username=record.interviewer)
            self._fill(start_values(self.form, device, record.started_at))

    # -- state -------------------------------------------------------------------------------
    @property
    def interview(self) -> Interview:
        """The engine; with repeats, the one of the current instances."""
        return self.repeats.engine if self.repeats is not None else self._interview

    @property
    def laid_out(self) -> Form:
        """The form the interview runs: with repeats, laid out for the current instances
        (questions ``members[2]/age``, groups ``members[2]``); else ``form`` itself."""
        return self.interview.form

    def repeat_asked(self, repeat: str, parent: tuple[tuple[str, int], ...] = ()) -> bool:
        """Whether ``repeat`` is asked in the ``parent`` instance now
        (``RepeatInterview.is_asked``)."""
        return self._repeats().is_asked(repeat, parent)

    @property
    def is_complete(self) -> bool:
        return self.store.interview(self.uuid).status == COMPLETE

    @property
    def language(self) -> str:
        return str(self.interview.language)

    def set_language(self, language: str) -> None:
        """Switch the form language of the engine and remember it on the interview."""
        self.interview.language = language
        self.store.set_language(self.uuid, language)

    def read_in(self, language: str) -> None:
        """Show labels in ``language`` when the form has it, without recording it on the
        interview (for reading a completed interview or one in a list)."""
        if language in self.form.languages:
            self.interview.language = language

    def pages(self) -> list[Page]:
        return self.interview.pages()

    def visible_questions(self) -> list[Question]:
        return self.interview.visible_questions()

    def progress(self) -> tuple[int, int]:
        """(answered, relevant questions the interviewer answers)."""
        return self.interview.progress()

    def can_finish(self) -> bool:
        return self.interview.can_finish()

    # -- what a question shows ---------------------------------------------------------------
    def text(self, question: Question) -> str:
        """The label in the form language, ``${name}`` references filled in."""
        return self.interview.text(question)

    def hint(self, question: Question) -> str:
        return self.interview.hint(question)

    def choice_text(self, choice: Choice) -> str:
        return self.interview.choice_text(choice)

    def label_image(self, question: Question) -> tuple[str, bytes | None]:
        """The picture shown with the label in the form language: (file name, bytes); the
        bytes are None when the form came without that file; ("", None) when there is none."""
        return self._form_file(question.image)

    def label_audio(self, question: Question) -> tuple[str, bytes | None]:
        """The recording played beside the label, as ``label_image`` gives the picture."""
        return self._form_file(question.audio)

    def choice_image(self, choice: Choice) -> tuple[str, bytes | None]:
        """The picture shown with a choice, as ``label_image`` gives a label's."""
        return self._form_file(choice.image)

    def _form_file(self, names: Text) -> tuple[str, bytes | None]:
        name = names.get(self.language, (self.form.default_language(),))
        if not name:
            return "", None
        found = next((f for f in self.form.files if f.name == name), None)
        return name, None if found is None else found.data

    def available_choices(self, name: str) -> tuple[Choice, ...]:
        return self.interview.available_choices(name)

    def value(self, name: str) -> Answer | None:
        """The answer to ``name`` (or a calculation's value), None when unanswered."""
        return self.interview.value(name)

    def other_text(self, question: Question) -> str:
        """The free text given with ``other`` of an ``or_other`` select ("" when none)."""
        text = self.interview.answers.get(other_name(question))
        return str(text) if text else ""

    def is_answered(self, name: str) -> bool:
        """Whether ``name`` holds an answer (kept even while the question is hidden)."""
        return self.interview.answers.get(name) is not None

    def validate(self, name: str, value: Any) -> Validation:
        """The engine's verdict on a candidate value, nothing stored."""
        return self.interview.validate(name, value)

    def read_date(self, text: str, language: str) -> DateReading:
        """What a typed date means for an interviewer working in ``language`` (nothing
        stored); see :mod:`survey.interview.dates`."""
        return read_date(text, language)

    def describe(self, validation: Validation, interface_language: str) -> str:
        """The message of a refused answer, in the form language when Kelisim speaks it,
        else in ``interface_language``; "" for an accepted answer."""
        if validation.message is None:
            return ""
        return render(validation.message, message_language(self.language, interface_language))

    # -- answers -----------------------------------------------------------------------------
    def answer(self, name: str, value: Any, *, paradata: bool = True) -> Validation:
        """Give ``value`` to the engine; store what it accepted (or cleared). ``paradata``
        False: no "answered" event (a value the application fills in, not an answer given).

        A ``Path`` given to a media question attaches that file (``attach_file``)."""
        if isinstance(value, Path):
            return self.attach_file(name, value)
        if isinstance(value, str) and value.strip() == "":
            value = None
        before = self.interview.value(name)
        if self.repeats is not None:
            validation = self.repeats.set_answer(name, value)
        else:
            validation = self.interview.set_answer(name, value)
        # An empty value clears the answer even when the engine reports it as required.
        after = self._value_now(name)
        if after != before:
            self._persist(name, after)
            if paradata:
                self.store.record_event(self.uuid, name, "answered")
        self._persist_calculations()
        return validation

    def _value_now(self, name: str) -> Answer | None:
        try:
            return self.interview.value(name)
        except InterviewError:  # an instance the answer itself took away (its count)
            return None

    # -- repeat instances ----------------------------------------------------------------------
    def add_instance(self, repeat: str, parent: tuple[tuple[str, int], ...] = (),
                     ) -> tuple[tuple[str, int], ...]:
        """A new instance of an open-ended repeat (``RepeatInterview.add_instance``), stored at
        once by its mark (``members[3]``), so it is there on resume before any answer."""
        path = self._repeats().add_instance(repeat, parent)
        self._persist_all()
        return path

    def add_refusal(self, repeat: str, parent: tuple[tuple[str, int], ...] = (),
                    ) -> Message | None:
        """Why ``repeat`` takes no instance more in ``parent`` (a cap reached), else None
        (``RepeatInterview.add_refusal``)."""
        return self._repeats().add_refusal(repeat, parent)

    def remove_instance(self, repeat: str, index: int,
                        parent: tuple[tuple[str, int], ...] = ()) -> dict[str, object]:
        """Remove an instance; the later ones move up, and the store follows (answers written
        under their new instance paths, the removed ones cleared). Returns what was removed."""
        removed = self._repeats().remove_instance(repeat, index, parent)
        self._persist_all()
        return removed

    def move_instance(self, repeat: str, index: int, to: int,
                      parent: tuple[tuple[str, int], ...] = ()) -> None:
        self._repeats().move_instance(repeat, index, to, parent)
        self._persist_all()

    def _repeats(self) -> RepeatInterview:
        if self.repeats is None:
            raise InterviewError(RepeatCode.NOT_A_REPEAT, name=self.form.form_id)
        return self.repeats

    def _persist_all(self) -> None:
        """Write every answer whose instance path changed, clear those that are gone."""
        assert self.repeats is not None
        wanted = self.repeats.answers()
        stored = self.store.answers(self.uuid)
        calculated = set(self._calculated)
        for name in stored:
            if name not in wanted and name not in calculated:
                self._persist(name, None)
        for name, value in wanted.items():
            if stored.get(name) != value:
                self._persist(name, value)
        self._persist_calculations()

    def prefill_interviewer(self, who: str) -> Validation | None:
        """Answer the form's interviewer question (``INTERVIEWER_QUESTIONS``) with ``who``, the
        interviewer set in the application, so it is entered once. Only an unanswered text
        question is filled, and only with what the engine accepts (a value the form refuses
        is left for the interviewer to type, with the form's message). None when the form
        has no such question or it already has an answer."""
        for name in INTERVIEWER_QUESTIONS:
            try:
                question = self.form.question(name)
            except KeyError:
                continue
            if question.type is not QuestionType.TEXT or self.is_answered(name) or not who.strip():
                return None
            verdict = self.interview.validate(name, who.strip())
            return self.answer(name, who.strip(), paradata=False) if verdict.ok else verdict
        return None

    def attach_file(self, name: str, path: Path) -> Validation:
        """Attach the file at ``path`` as the answer of media question ``name``.

        The file must fit the form's size limit (settings ``kelisim::max_file_mb``); its bytes
        are kept in the store with their SHA-256 and original name, and the answer is the
        stored name (``photo-3f2a9c1b.jpg``)."""
        question = self.form.question(name)
        limit = self.form.settings.max_file_mb
        data = path.read_bytes()
        if not question.type.is_media:
            return self.interview.validate(name, path.name)
        if len(data) > limit * 1024 * 1024:
            return Validation(False, "file.too_large", InterviewCode.FILE_TOO_LARGE.message(
                size=round(len(data) / (1024 * 1024), 1), limit=limit))
        stored = stored_name(path.name, hashlib.sha256(data).hexdigest())
        verdict = self.interview.validate(name, stored)
        if not verdict.ok:
            return verdict
        self.store.attach_file(self.uuid, name, path.name, data)
        self.interview.set_answer(name, stored)
        self.store.record_event(self.uuid, name, "answered")
        self._persist_calculations()
        return verdict

    def attached_file(self, name: str) -> MediaFile | None:
        """The file attached to media question ``name`` (None when there is none)."""
        return self.store.media_file(self.uuid, name)

    def shown(self, page: Page) -> None:
        """Record that the questions of ``page`` were shown (paradata)."""
        for question in page.questions:
            self.store.record_event(self.uuid, question.name, "shown")

    def _persist(self, name: str, value: Any) -> None:
        if value is None:
            self.store.clear_answer(self.uuid, name)
        else:
            self.store.save_answer(self.uuid, name, value)

    def _calculations(self) -> dict[str, Any]:
        return {q.name: self.interview.value(q.name) for q in self.interview.form.questions
                if q.calculation is not None}

    def _persist_calculations(self) -> None:
        current = self._calculations()
        for name, value in current.items():
            if self._calculated.get(name) != value:
                self._persist(name, value if value not in ("",) else None)
        for name in self._calculated.keys() - current.keys():  # an instance no longer there
            if self._calculated[name] is not None:
                self._persist(name, None)
        self._calculated = current

    # -- resuming ----------------------------------------------------------------------------
    def resume_page(self) -> int:
        """Index of the page where the interviewer stopped.

        The furthest page whose questions were shown (the store's paradata); without paradata,
        the page after the last answered one. Past the last page (the review) when that page
        is the last and fully answered.
        """
        pages = self.pages()
        if not pages:
            return 0
        where = {name: index for index, page in enumerate(pages) for name in page.names}
        shown = [where[q] for q, event, _at in self.store.events(self.uuid)
                 if event == "shown" and q in where]
        answers: Mapping[str, Any] = self.interview.answers
        answered = [where[name] for name, value in answers.items()
                    if value is not None and name in where]
        furthest = max(shown or answered or [0])
        if not shown and answered:
            furthest = min(furthest + 1, len(pages) - 1)
        last = pages[furthest]
        done = all(answers.get(q.name) is not None for q in last.questions if q.type.takes_input)
        return furthest + 1 if furthest == len(pages) - 1 and done and answered else furthest

    # -- finishing ---------------------------------------------------------------------------
    def page_problems(self, page: Page) -> dict[str, Validation]:
        """The engine's verdict on each question of ``page`` whose current answer fails."""
        problems: dict[str, Validation] = {}
        for question in page.questions:
            if not question.type.takes_input or not self.interview.is_relevant(question.name):
                continue
            verdict = self.interview.validate(question.name, self.interview.value(question.name))
            if not verdict.ok:
                problems[question.name] = verdict
        return problems

    def missing_required(self) -> list[Question]:
        return self.interview.missing_required()

    def _fill(self, values: Mapping[str, Answer], *, replace: bool = False) -> None:
        """Metadata rows the laptop fills in, written to the store with what they change."""
        changed = self.interview.fill(values, replace=replace)
        for name in changed:
            self._persist(name, self.interview.value(name))
        if changed:
            self._persist_calculations()

    def finish(self) -> None:
        """Mark the interview complete, keeping only answers the engine's result holds.

        Answers given to questions that later became irrelevant are cleared, as ODK does when
        a form is finalised; added instances stay, answered or not (their marks). ``end`` metadata rows get the time of finishing.
        """
        moment = stamp(datetime.now().astimezone())
        self._fill(dict.fromkeys(end_names(self.form), moment), replace=True)
        result = self.interview.result()
        if self.repeats is not None:
            result.update(self.repeats.marks())
        for name in self.store.answers(self.uuid):
            if name not in result:
                self.store.clear_answer(self.uuid, name)
        for name, value in result.items():
            self._persist(name, value)
        self.store.complete(self.uuid)

    def reopen(self, who: str, reason: str) -> None:
        """Reopen a complete interview for changes (audited by the store)."""
        self.store.reopen(self.uuid, who=who, reason=reason)
