"""The ``survey`` sheet: rows to ``Question`` and ``Group`` objects.

Row-level rules live here (types, names, labels, columns that make no sense for a type,
yes/no cells, defaults, groups opened and closed). Rules that need the whole form (duplicate
names, references, cycles) live in ``survey.form.checks``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from survey.expressions import Expression
from survey.form.choices import ChoiceLists
from survey.form.codes import FormCode
from survey.form.columns import PII_COLUMN, Column, ColumnKind
from survey.form.expr import NO, YES, Reference, parse_cell, text_references
from survey.form.files import FileChoices
from survey.form.model import Choice, Group, Question, QuestionType, Text
from survey.form.parameters import parse_parameters
from survey.form.paths import SheetPaths
from survey.form.problems import Problems, suggestion
from survey.form.repeat_codes import RepeatCode
from survey.form.repeats import count_problem
from survey.form.search import has_search, parse_search
from survey.form.table import Languages, Row, Table
from survey.form.types import EXTERNAL, FROM_FILE, ParsedType, RowKind, parse_type
from survey.form.values import check_default, other_choice
from survey.messages import Field, Message

#: Groups nested deeper than this are refused (real forms use a handful of levels).
MAX_DEPTH = 100
_NOTE_NAME = Column(-1, "name", "name", None, ColumnKind.KNOWN)
_NAME = re.compile(r"[^\W\d][\w.\-]*")
#: Columns that mean nothing for a kind of row, and would be silently lost if accepted.
#: ``required`` and ``read_only`` of a group are accepted as pyxform accepts them: Collect
#: ignores ``required`` on a group and makes every question inside a read-only group read-only.
_GROUP_COLUMNS = frozenset({"type", "name", "label", "hint", "relevant", "appearance",
                            "required", "required_message", "read_only"})
_REPEAT_COLUMNS = _GROUP_COLUMNS | {"repeat_count"}
#: Types whose value is never typed in: ``default``, ``required`` and ``constraint`` on them are
#: accepted and do nothing, as in ODK Collect (a calculation replaces any default).
_NOT_TYPED = frozenset({QuestionType.CALCULATE, QuestionType.NOTE, QuestionType.HIDDEN})
#: A default computed from the form: a reference or a function call (pyxform's dynamic default).
_DYNAMIC_DEFAULT = re.compile(r"\$\{|[A-Za-z][\w:-]*\s*\(")


def is_valid_name(name: str) -> bool:
    """Whether ``name`` is a valid XML element name without a namespace (as ODK requires)."""
    return _NAME.fullmatch(name) is not None


@dataclass(slots=True)
class SurveySheet:
    """What the survey sheet holds once read."""

    questions: list[Question] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    #: Bare names outside choice filters (paths to no node: empty in ODK), checked against
    #: the question names once the sheet is read.
    bare_names: list[Reference] = field(default_factory=list)
    #: Rows of the names of questions and groups, in sheet order (duplicates included).
    names: list[tuple[str, int, str]] = field(default_factory=list)


class SurveyReader:
    """Reads the survey sheet row by row, recording problems as it goes."""

    def __init__(self, table: Table, languages: Languages, choices: ChoiceLists,
                 problems: Problems, *, external: ChoiceLists | None = None,
                 files: FileChoices | None = None, paths: SheetPaths | None = None,
                 repeats: bool = False) -> None:
        self.table = table
        self.languages = languages
        self.choices = choices
        self.external = external or ChoiceLists(sheet="external_choices")
        self.files = files or FileChoices((), languages.plain_key)
        self.problems = problems
        self.paths = paths or SheetPaths(())
        self.sheet = SurveySheet()
        self.repeats = repeats
        #: Open blocks, innermost last: (name, row, whether it is a repeat).
        self._open: list[tuple[str, int, bool]] = []
        self._read_only_groups: set[str] = set()

    def read(self) -> SurveySheet:
        if not self.table.has("type"):
            self._add(FormCode.MISSING_TYPE_COLUMN, 1)
            return self.sheet
        for row in self.table.rows:
            self._read_row(row)
        for name, number, repeat in self._open:
            if repeat:
                self._report(RepeatCode.UNCLOSED.message(name=name), number, "type")
            else:
                self._add(FormCode.UNMATCHED_GROUP, number, "type", name=name)
        return self.sheet

    def _add(self, code: FormCode, row: int, column: str | None = None, /,
             **fields: Field) -> None:
        self.problems.add(code, self.table.title, row, column, **fields)

    def _report(self, problem: Message, row: int, column: str | None) -> None:
        self.problems.report(problem, self.table.title, row, column)

    def _read_row(self, row: Row) -> None:
        text = row.value("type")
        if not text:
            if any(c.kind is not ColumnKind.IGNORED for c, _ in row.cells):
                self._add(FormCode.MISSING_TYPE, row.number, "type")
            return
        parsed = parse_type(text, repeats=self.repeats)
        if isinstance(parsed, Message):
            self.problems.report(parsed, self.table.title, row.number, row.header("type"))
        elif parsed.kind in (RowKind.BEGIN_GROUP, RowKind.BEGIN_REPEAT):
            self._begin_group(row, repeat=parsed.kind is RowKind.BEGIN_REPEAT)
        elif parsed.kind in (RowKind.END_GROUP, RowKind.END_REPEAT):
            self._end_group(row, repeat=parsed.kind is RowKind.END_REPEAT)
        else:
            self._question(row, parsed)

    def _name(self, row: Row) -> str | None:
        name = row.value("name")
        if not name:
            self._add(FormCode.MISSING_NAME, row.number, "name")
            return None
        if not is_valid_name(name):
            self._add(FormCode.INVALID_NAME, row.number, row.header("name"), name=name)
        self.sheet.names.append((name, row.number, row.header("name")))
        return name

    def _begin_group(self, row: Row, *, repeat: bool = False) -> None:
        if len(self._open) >= MAX_DEPTH:
            self._add(FormCode.TOO_DEEP, row.number, row.header("type"), limit=MAX_DEPTH)
            self.problems.raise_if_any()
        name = self._name(row) or f"_row{row.number}"
        allowed = _REPEAT_COLUMNS if repeat else _GROUP_COLUMNS
        self._misplaced(row, lambda base: base not in allowed, None)
        group = Group(
            name=name,
            label=self._text(row, name, "label"),
            relevant=self._expression(row, name, "relevant"),
            appearance=self._appearance(row),
            parent=self._open[-1][0] if self._open else None,
            location=self.problems.location(self.table.title, row.number),
            repeat=repeat, repeat_count=self._repeat_count(row, name) if repeat else None,
        )
        self.sheet.groups.append(group)
        self._open.append((name, row.number, repeat))
        if self._yes_no(row, "read_only"):
            self._read_only_groups.add(name)

    def _repeat_count(self, row: Row, name: str) -> Expression | None:
        count = self._expression(row, name, "repeat_count")
        problem = count_problem(count) if count is not None else None
        if problem is not None:
            self._report(problem, row.number, row.header("repeat_count"))
        return count

    def _end_group(self, row: Row, *, repeat: bool = False) -> None:
        column = row.header("type")
        if not self._open:
            if repeat:
                self._report(RepeatCode.UNMATCHED_END.message(), row.number, column)
            else:
                self._add(FormCode.UNMATCHED_END_GROUP, row.number, column)
            return
        name, _, open_repeat = self._open.pop()
        if open_repeat and not repeat:
            self._report(RepeatCode.END_GROUP_CLOSES_REPEAT.message(name=name), row.number,
                         column)
        elif repeat and not open_repeat:
            self._report(RepeatCode.END_REPEAT_CLOSES_GROUP.message(name=name), row.number,
                         column)

    def _question(self, row: Row, parsed: ParsedType) -> None:
        qtype = parsed.question_type
        assert qtype is not None
        if qtype is QuestionType.NOTE and not row.value("name"):
            # pyxform names a nameless note itself (the note only shows its label).
            row = Row(row.number, (*row.cells, (_NOTE_NAME, f"generated_note_name_{row.number}")))
        name = self.paths.key(row.number, self._name(row) or f"_row{row.number}")
        self._check_columns(row, qtype)
        parameters = self._parameters(row, qtype, parsed.source == FROM_FILE)
        choices, search_filter = self._choices(row, parsed, dict(parameters))
        group_path = tuple(n for n, _, _ in self._open)
        default, default_expression = self._default(row, name, qtype)
        question = Question(
            name=name, type=qtype, label=self._text(row, name, "label"),
            hint=self._text(row, name, "hint"), image=self.languages.text(row, "image"),
            audio=self.languages.text(row, "audio"),
            list_name=parsed.list_name, choices=choices,
            or_other=parsed.or_other, required=self._required(row, name),
            required_message=self._text(row, name, "required_message"),
            relevant=self._expression(row, name, "relevant"),
            constraint=self._expression(row, name, "constraint"),
            constraint_message=self._text(row, name, "constraint_message"),
            calculation=self._expression(row, name, "calculation"),
            choice_filter=self._filter(row, name, search_filter),
            default=default, default_expression=default_expression,
            appearance=self._appearance(row), parameters=parameters,
            read_only=self._yes_no(row, "read_only")
            or not self._read_only_groups.isdisjoint(group_path),
            pii=self._yes_no(row, PII_COLUMN), group_path=group_path,
            location=self.problems.location(self.table.title, row.number),
        )
        self._check_question(row, question)
        self.sheet.questions.append(question)

    def _check_columns(self, row: Row, qtype: QuestionType) -> None:
        misplaced = {"repeat_count"} if qtype.is_select else {"choice_filter", "repeat_count"}
        self._misplaced(row, misplaced.__contains__, qtype)

    def _default(self, row: Row, owner: str,
                 qtype: QuestionType) -> tuple[str | None, Expression | None]:
        text = row.value("default")
        if not text or qtype in _NOT_TYPED:
            return None, None
        if _DYNAMIC_DEFAULT.search(text):
            return None, self._expression(row, owner, "default")
        return text, None

    def _parameters(self, row: Row, qtype: QuestionType,
                    from_file: bool) -> tuple[tuple[str, str], ...]:
        pairs, problems = parse_parameters(row.value("parameters"), qtype, from_file=from_file)
        for problem in problems:
            self.problems.report(problem, self.table.title, row.number, row.header("parameters"))
        accept = row.value("body::accept")
        if accept:
            pairs["accept"] = accept
        return tuple(pairs.items())

    def _misplaced(self, row: Row, rejects: Callable[[str], bool],
                   qtype: QuestionType | None) -> None:
        """Report columns ``rejects`` refuses for a question of ``qtype`` (None: a group)."""
        for column, _ in row.cells:
            if column.kind in (ColumnKind.KNOWN, ColumnKind.TRANSLATED) and rejects(column.base):
                advice = FormCode.EMPTY_CELL.message()
                if qtype is None:
                    self._add(FormCode.MISPLACED_GROUP_COLUMN, row.number, column.header,
                              column=column.header, advice=advice)
                else:
                    self._add(FormCode.MISPLACED_COLUMN, row.number, column.header,
                              column=column.header, type=qtype.value, advice=advice)

    def _check_question(self, row: Row, question: Question) -> None:
        qtype = question.type
        if qtype is QuestionType.CALCULATE and not row.value("calculation"):
            self._add(FormCode.MISSING_CALCULATION, row.number, "calculation",
                      name=question.name)
        if (qtype.takes_input or qtype is QuestionType.NOTE) and not question.label:
            self._add(FormCode.MISSING_LABEL, row.number, self.table.header_of("label"),
                      type=qtype.value, name=question.name)
        if question.choice_filter is not None and question.choices:
            self._check_filter_columns(row, question)
        if question.or_other and question.choice_filter is not None:
            self._add(FormCode.FILTER_WITH_OTHER, row.number, row.header("choice_filter"))
        if question.default is not None:
            problem = check_default(question)
            if problem:
                self.problems.report(problem, self.table.title, row.number,
                                     row.header("default"))

    def _check_filter_columns(self, row: Row, question: Question) -> None:
        assert question.choice_filter is not None
        known = {"name", *(key for key, _ in question.choices[0].extra)}
        for name in sorted(question.choice_filter.columns - known):
            # Another bare name is a path to no node: ODK reads it as empty (``yes`` written
            # for ``'yes'``). One close to a column of the list is a misspelt column.
            if not suggestion(name, known):
                continue
            self._add(FormCode.UNKNOWN_CHOICE_COLUMN, row.number, row.header("choice_filter"),
                      name=name, list=question.list_name, columns=sorted(known),
                      sheet=self.choices.sheet)

    def _choices(self, row: Row, parsed: ParsedType,
                 parameters: dict[str, str]) -> tuple[tuple[Choice, ...], str]:
        """The question's choices and the choice filter a search() means ('' for none)."""
        if parsed.list_name is None:
            return (), ""
        if parsed.source == FROM_FILE:
            found = self.files.choices(parsed.list_name, parameters.get("value", "name"),
                                       parameters.get("label", "label"))
            return self._file_choices(row, "type", found), ""
        lists = self.external if parsed.source == EXTERNAL else self.choices
        choices = lists.get(parsed.list_name)
        if choices is None:
            self._add(FormCode.MISSING_LIST, row.number, row.header("type"),
                      list=parsed.list_name, sheet=lists.sheet)
            return (), ""
        if not choices:
            self._add(FormCode.EMPTY_LIST, row.number, row.header("type"),
                      list=parsed.list_name)
            return (), ""
        if has_search(row.value("appearance")):
            return self._search(row, choices)
        if parsed.or_other:
            choices = other_choice(choices, self.languages.keys)
        return choices, ""

    def _search(self, row: Row, choices: tuple[Choice, ...]) -> tuple[tuple[Choice, ...], str]:
        search = parse_search(row.value("appearance"))
        if search is None:
            self._add(FormCode.UNSUPPORTED_APPEARANCE, row.number, row.header("appearance"))
            return (), ""
        value, label = choices[0].name, choices[0].label.get() or choices[0].name
        found = self.files.choices(search.file, value, label)
        return self._file_choices(row, "appearance", found), search.choice_filter

    def _file_choices(self, row: Row, base: str,
                      found: tuple[Choice, ...] | Message) -> tuple[Choice, ...]:
        if isinstance(found, Message):
            self.problems.report(found, self.table.title, row.number, row.header(base))
            return ()
        return found

    def _filter(self, row: Row, owner: str, search_filter: str) -> Expression | None:
        written = self._expression(row, owner, "choice_filter")
        if not search_filter:
            return written
        combined = f"({written.source}) and ({search_filter})" if written else search_filter
        return parse_cell(combined, self.problems, self.table.title, row.number,
                          row.header("appearance"))

    def _text(self, row: Row, owner: str, base: str) -> Text:
        for column, value in row.translations(base):
            for name in text_references(value):
                self.sheet.references.append(Reference(owner, name, row.number, column.header,
                                                       base))
        return self.languages.text(row, base)

    def _expression(self, row: Row, owner: str, base: str) -> Expression | None:
        text = self.paths.rewrite(row.value(base), row.number,
                                  choice_filter=base == "choice_filter")
        if not text:
            return None
        column = row.header(base)
        expression = parse_cell(text, self.problems, self.table.title, row.number, column)
        if expression is None:
            return None
        for name in sorted(expression.references):
            self.sheet.references.append(Reference(owner, name, row.number, column, base))
        if base != "choice_filter":
            self.sheet.bare_names.extend(Reference(owner, name, row.number, column, base)
                                         for name in sorted(expression.columns))
        return expression

    def _required(self, row: Row, owner: str) -> Expression | None:
        text = row.value("required")
        if not text or text.lower() in NO:
            return None
        if text.lower() in YES:
            return parse_cell("true()", self.problems, self.table.title, row.number, "required")
        return self._expression(row, owner, "required")

    def _yes_no(self, row: Row, base: str) -> bool:
        text = row.value(base).lower()
        if text and text not in YES | NO:
            self._add(FormCode.BAD_VALUE, row.number, row.header(base), column=row.header(base),
                      value=row.value(base), expected=FormCode.EXPECT_YES_NO.message())
        return text in YES

    @staticmethod
    def _appearance(row: Row) -> frozenset[str]:
        return frozenset(row.value("appearance").split())
