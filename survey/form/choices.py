"""The ``choices`` sheet: choice lists by name."""

from __future__ import annotations

from dataclasses import dataclass, field

from survey.form.columns import ColumnKind
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

    def get(self, name: str) -> tuple[Choice, ...] | None:
        found = self.lists.get(name)
        return None if found is None else tuple(found)


def read_choices(table: Table | None, languages: Languages, problems: Problems) -> ChoiceLists:
    """Read every choice list, reporting rows without list name, name or label, and duplicates."""
    result = ChoiceLists(sheet=table.title if table else "choices")
    if table is None:
        return result
    if table.rows and not (table.has("list_name") and table.has("name")):
        problems.add("form.missing_column",
                     "the choices sheet needs the columns 'list_name' and 'name'. Add the "
                     "missing header in row 1.", table.title, 1)
        return result
    extra_headers = tuple(c.header for c in table.columns if c.kind is ColumnKind.EXTRA)
    for row in table.rows:
        _read_row(row, table, extra_headers, languages, problems, result)
    return result


def _read_row(row: Row, table: Table, extra_headers: tuple[str, ...], languages: Languages,
              problems: Problems, result: ChoiceLists) -> None:
    sheet = table.title
    list_name, name = row.value("list_name"), row.value("name")
    if not list_name:
        if row.value("name") or row.translations("label"):
            problems.add("form.missing_list_name",
                         "this choice has no list name. Fill in 'list_name' so a select "
                         "question can use it.", sheet, row.number, row.header("list_name"))
        return
    choices = result.lists.setdefault(list_name, [])
    result.first_row.setdefault(list_name, row.number)
    if not name:
        problems.add("form.missing_name",
                     f"a choice of list '{list_name}' has no name. Give every choice a "
                     "name (the value stored for it).", sheet, row.number, "name")
        return
    if any(c.name == name for c in choices):
        problems.add("form.duplicate_choice",
                     f"the list '{list_name}' already has a choice named '{name}'. Choice "
                     "names must be unique within a list; rename one.", sheet, row.number,
                     row.header("name"))
        return
    for column, text in row.translations("label"):
        result.references.extend(Reference(list_name, ref, row.number, column.header, "label",
                                           sheet) for ref in text_references(text))
    label = languages.text(row, "label")
    if not label:
        problems.add("form.missing_label",
                     f"the choice '{name}' of list '{list_name}' has no label. Add a label "
                     "(in every language of the form).", sheet, row.number,
                     table.header_of("label"))
    given = dict((c.header, v) for c, v in row.extras())
    extra = tuple((header, given.get(header, "")) for header in extra_headers)
    choices.append(Choice(name, label, extra, problems.location(sheet, row.number)))
