"""The ``choices`` sheet: choice lists by name."""

from __future__ import annotations

from dataclasses import dataclass, field

from survey.form.codes import FormCode
from survey.form.columns import MISSING_COLUMN, MISSING_KINDS, ColumnKind
from survey.form.expr import Reference, text_references
from survey.form.model import Choice
from survey.form.problems import Problems
from survey.form.table import Languages, Row, Table


@dataclass(slots=True)
class ChoiceLists:
    """Choice lists in sheet order, with the row where each list starts."""

    lists: dict[str, list[Choice]] = field(default_factory=dict)
    first_row: dict[str, int] = field(default_factory=dict)
    sheet: str = "choices"
    #: ``${name}`` used in choice labels (checked with the survey's references).
    references: list[Reference] = field(default_factory=list)
    #: Names already in each list (duplicates found in constant time).
    names: dict[str, set[str]] = field(default_factory=dict)

    def get(self, name: str) -> tuple[Choice, ...] | None:
        found = self.lists.get(name)
        return None if found is None else tuple(found)


def read_choices(table: Table | None, languages: Languages, problems: Problems, *,
                 allow_duplicates: bool = False) -> ChoiceLists:
    """Read every choice list, reporting rows without list name, name or label, and duplicates
    (unless the settings allow them: ``allow_choice_duplicates``, as pyxform)."""
    result = ChoiceLists(sheet=table.title if table else "choices")
    if table is None:
        return result
    if table.rows and not (table.has("list_name") and table.has("name")):
        problems.add(FormCode.MISSING_CHOICES_COLUMNS, table.title, 1)
        return result
    extra_headers = tuple(c.header for c in table.columns if c.kind is ColumnKind.EXTRA)
    for row in table.rows:
        _read_row(row, table, extra_headers, languages, problems, result, allow_duplicates)
    return result


def _read_row(row: Row, table: Table, extra_headers: tuple[str, ...], languages: Languages,
              problems: Problems, result: ChoiceLists, allow_duplicates: bool) -> None:
    sheet = table.title
    list_name, name = row.value("list_name"), row.value("name")
    if not list_name:
        if row.value("name") or row.translations("label"):
            problems.add(FormCode.MISSING_LIST_NAME, sheet, row.number, row.header("list_name"))
        return
    choices = result.lists.setdefault(list_name, [])
    result.first_row.setdefault(list_name, row.number)
    if not name:
        problems.add(FormCode.MISSING_CHOICE_NAME, sheet, row.number, "name", list=list_name)
        return
    seen = result.names.setdefault(list_name, set())
    if not allow_duplicates and name in seen:
        problems.add(FormCode.DUPLICATE_CHOICE, sheet, row.number, row.header("name"),
                     list=list_name, name=name)
        return
    for column, text in row.translations("label"):
        result.references.extend(Reference(list_name, ref, row.number, column.header, "label",
                                           sheet) for ref in text_references(text))
    label = languages.text(row, "label")
    if not label:
        problems.add(FormCode.MISSING_CHOICE_LABEL, sheet, row.number, table.header_of("label"),
                     name=name, list=list_name)
    given = dict((c.header, v) for c, v in row.extras())
    extra = tuple((header, given.get(header, "")) for header in extra_headers)
    choices.append(Choice(name, label, extra, problems.location(sheet, row.number),
                          _missing(row, sheet, list_name, name, problems),
                          languages.text(row, "image")))
    seen.add(name)


def _missing(row: Row, sheet: str, list_name: str, name: str, problems: Problems) -> str | None:
    """The ``kelisim::missing`` kind of a choice; a value that is not one is a problem."""
    value = row.value(MISSING_COLUMN).strip()
    if not value:
        return None
    if value.lower() in MISSING_KINDS:
        return value.lower()
    problems.add(FormCode.BAD_MISSING, sheet, row.number, row.header(MISSING_COLUMN),
                 value=value, name=name, list=list_name, kinds=list(MISSING_KINDS))
    return None
