"""The interviewer guide of a questionnaire, built from the form itself, in one language.

What the guide holds (rendered to PDF by :mod:`reports.guide_pdf`):

* general rules for asking questions;
* the introduction and consent script: the form's notes up to its ``consent`` question, that
  question, and the notes shown when the respondent refuses;
* how to record "don't know" and refusals, naming the form's own codes (the choices its
  ``kelisim::missing`` column declares) and where "don't know" is an answer in its own right;
* question by question, section by section: the text to read, when it is asked, the answers
  (codes not to be read out marked), the form's instruction (hint) and its checks.

Fixed text comes from the ``guide`` catalog (kk, ru, en); everything else from the form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.document import Heading, Paragraph
from survey.form.model import Form, Group, Question, QuestionType
from survey.i18n import Translator, translator

CONSENT = "consent"
_CONDITION = re.compile(r"^\s*(?:\$\{(\w+)\}\s*(=|!=)\s*'([^']*)'|selected\(\s*\$\{(\w+)\}\s*,"
                        r"\s*'([^']*)'\s*\))\s*$")


@dataclass(frozen=True)
class Option:
    """One answer as the interviewer sees it."""

    label: str
    read_out: bool = True  # False: a "don't know" / "refused" code, recorded only if volunteered


@dataclass(frozen=True)
class Item:
    """One question (or text to read out) of the question-by-question part."""

    number: int
    name: str
    text: str
    kind: str  # how it is answered, in the guide's language
    condition: str = ""
    options: tuple[Option, ...] = ()
    instruction: str = ""
    check: str = ""
    required: bool = False


Block = Heading | Paragraph | Item


@dataclass(frozen=True)
class Guide:
    language: str
    title: str
    subtitle: str
    blocks: tuple[Block, ...]

    def text(self) -> str:
        """Every text of the guide, in order (for searching and tests)."""
        parts: list[str] = [self.title, self.subtitle]
        for block in self.blocks:
            if isinstance(block, Item):
                parts += [block.text, block.condition, *(o.label for o in block.options),
                          block.instruction, block.check]
            else:
                parts.append(block.text)
        return "\n".join(p for p in parts if p)


def build_guide(form: Form, language: str) -> Guide:
    """The guide of ``form`` in ``language`` (one of the form's languages)."""
    _ = translator("guide", language)
    numbers = _numbers(form)
    blocks: list[Block] = [Heading(_("How to ask the questions"), 1),
                           *(Paragraph(rule, "finding") for rule in _rules(_))]
    blocks += _consent(form, language, numbers, _)
    blocks += _missing(form, language, _)
    blocks.append(Heading(_("Question by question"), 1))
    blocks += _questions(form, language, numbers, _)
    title = form.settings.title.get(language) or form.form_id
    subtitle = _("Questionnaire {form_id}, version {version}", form_id=form.form_id,
                 version=form.version or "–")
    return Guide(language, _("Interviewer guide: {title}", title=title), subtitle,
                 tuple(blocks))


def _numbers(form: Form) -> dict[str, int]:
    shown = [q for q in form.questions if q.type is not QuestionType.CALCULATE]
    return {q.name: index for index, q in enumerate(shown, 1)}


def _rules(_: Translator) -> tuple[str, ...]:
    return (
        _("Read every question exactly as it is written and in the order of the questionnaire. "
          "Do not explain or reword a question; if the respondent asks, read it again slowly."),
        _("Read out the answers unless the instruction says not to. Instructions (in this "
          "guide and on the screen under the question) are for you and are never read out."),
        _("Stay neutral: do not show agreement or surprise, and do not give your own opinion. "
          "If an answer is unclear, use a neutral probe such as “Which answer is closest "
          "to your view?” or “Whatever it means to you.”"),
        _("Every answer is saved as soon as it is entered. If the interview is interrupted, "
          "leave it as a draft and continue it later."),
    )


def _consent(form: Form, language: str, numbers: dict[str, int], _: Translator) -> list[Block]:
    names = [q.name for q in form.questions]
    if CONSENT not in names:
        return []
    before = form.questions[:names.index(CONSENT)]
    blocks: list[Block] = [Heading(_("Introduction and consent"), 1),
                           Paragraph(_("Read the introduction word for word before the first "
                                       "question about the respondent, then ask for consent."),
                                     "note")]
    blocks += [_item(q, form, language, numbers, _) for q in before if q.type is QuestionType.NOTE]
    blocks.append(_item(form.question(CONSENT), form, language, numbers, _))
    refused = [q for q in form.questions[names.index(CONSENT) + 1:]
               if q.type is QuestionType.NOTE and q.relevant is not None
               and CONSENT in q.relevant.references]
    blocks += [_item(q, form, language, numbers, _) for q in refused]
    return blocks


def _missing(form: Form, language: str, _: Translator) -> list[Block]:
    codes: dict[str, str] = {}
    for question in form.questions:
        for choice in question.choices:
            kind = choice.missing
            if kind is not None and kind not in codes:
                codes[kind] = choice.label.get(language) or choice.name
    blocks: list[Block] = [Heading(_("Recording “don't know” and refusals"), 1)]
    if "dont_know" in codes:
        blocks.append(Paragraph(_(
            "“{code}”: the respondent says they do not know or have no opinion, after "
            "you have read the question once more. Do not read this answer out; record it only "
            "when the respondent gives it.", code=codes["dont_know"]), "finding"))
    if "refused" in codes:
        blocks.append(Paragraph(_(
            "“{code}”: the respondent does not want to answer. Accept it at once, "
            "without insisting, and go on. Before a question whose instruction marks it as "
            "sensitive, remind the respondent that they may decline.", code=codes["refused"]),
            "finding"))
    if not codes:
        return [*blocks, Paragraph(_("This questionnaire declares no “don't know” "
                                     "or refusal codes."), "note")]
    blocks += [Paragraph(text, "finding") for text in (
        _("Never leave an opinion question empty: record the answer, “don't know” or the "
          "refusal, so that the data show why an answer is missing."),
        _("Where “don't know” is offered on a question about what the respondent has "
          "heard or knows, it is a real answer (the respondent does not know) and is recorded "
          "like any other; read it out only if the instruction says so."),
        _("Where several answers are allowed, “don't know” and the refusal cannot be "
          "combined with other answers."),
    )]
    return blocks


def _questions(form: Form, language: str, numbers: dict[str, int], _: Translator
               ) -> list[Block]:
    groups = {g.name: g for g in form.groups}
    blocks: list[Block] = []
    open_path: tuple[str, ...] = ()
    for question in form.questions:
        if question.type is QuestionType.CALCULATE:
            continue
        path = question.group_path
        for depth, name in enumerate(path):
            if open_path[:depth + 1] != path[:depth + 1]:
                blocks += _group(groups[name], depth, form, language, numbers, _)
        open_path = path
        blocks.append(_item(question, form, language, numbers, _))
    return blocks


def _group(group: Group, depth: int, form: Form, language: str, numbers: dict[str, int],
           _: Translator) -> list[Block]:
    label = group.label.get(language) or group.name
    blocks: list[Block] = [Heading(label, 2 if depth == 0 else 3)]
    if group.is_field_list:
        blocks.append(Paragraph(_("One screen: read this introduction, then each statement "
                                  "with the answer scale."), "note"))
    condition = _condition(group.relevant.source if group.relevant else "", form, language,
                           numbers, _)
    if condition:
        blocks.append(Paragraph(condition, "note"))
    if group.repeat:
        blocks.append(Paragraph(_count_rule(group, numbers, _), "note"))
    return blocks


def _count_rule(group: Group, numbers: dict[str, int], _: Translator) -> str:
    """How many times a repeat's questions are asked: as many as a question's answer, a
    fixed number, an expression, or one round per item named (an open-ended repeat)."""
    count = group.repeat_count
    if count is None:
        return _("These questions are asked once for each item the respondent names; add "
                 "an item for each.")
    source = count.source.strip()
    match = re.fullmatch(r"\$\{(\w+)\}", source)
    if match is not None and match.group(1) in numbers:
        return _("These questions are asked once for each item: as many times as the answer "
                 "to {question}.", question=_("Q{number}", number=numbers[match.group(1)]))
    return _("These questions are asked once for each item; number of items: {count}.",
             count=source)


def _item(q: Question, form: Form, language: str, numbers: dict[str, int],
          _: Translator) -> Item:
    options = tuple(Option(c.label.get(language) or c.name, c.missing is None)
                    for c in q.choices)
    check = q.constraint_message.get(language) if q.constraint is not None else ""
    return Item(numbers[q.name], q.name, q.label.get(language) or q.name, _kind(q, _),
                _condition(q.relevant.source if q.relevant else "", form, language, numbers, _),
                options, q.hint.get(language), check, q.required is not None)


def _kind(q: Question, _: Translator) -> str:
    kinds = {QuestionType.SELECT_ONE: _("One answer"),
             QuestionType.SELECT_MULTIPLE: _("Several answers possible"),
             QuestionType.INTEGER: _("Whole number"), QuestionType.DECIMAL: _("Number"),
             QuestionType.DATE: _("Date"), QuestionType.TEXT: _("Text, in the respondent's words"),
             QuestionType.NOTE: _("Read out or follow; no answer"),
             QuestionType.ACKNOWLEDGE: _("Confirm")}
    return kinds.get(q.type, q.type.value)


def _condition(source: str, form: Form, language: str, numbers: dict[str, int],
               _: Translator) -> str:
    """``Asked only if …`` in words for simple conditions; the expression itself otherwise."""
    if not source:
        return ""
    words = []
    for part in re.split(r"\s+(or|and)\s+", source.strip()):
        if part in ("or", "and"):
            words.append(_("or") if part == "or" else _("and"))
            continue
        match = _CONDITION.match(part)
        if match is None:
            return _("Asked only if: {condition}", condition=source)
        name = match.group(1) or match.group(4)
        value = match.group(3) if match.group(1) else match.group(5)
        if name not in numbers:
            return _("Asked only if: {condition}", condition=source)
        question = form.question(name)
        choice = question.choice(value)
        answer = (choice.label.get(language) or value) if choice is not None else value
        number = _("Q{number}", number=numbers[name])
        if match.group(2) == "!=":
            words.append(_("the answer to {question} is not “{answer}”", question=number,
                           answer=answer))
        else:
            words.append(_("the answer to {question} is “{answer}”", question=number,
                           answer=answer))
    return _("Asked only if {condition}.", condition=" ".join(words))
