"""Rules that need the whole survey sheet: unique names, references and cycles.

A cycle is a set of questions whose values depend on each other in a circle: a calculation
uses its own result through other calculations, or a question's relevance depends on a value
that depends on that question (a question that is not relevant holds ''). Relevance of a
group counts for every question inside it. Constraints and ``required`` only check a value,
so they never create a cycle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from survey.form.codes import FormCode
from survey.form.expr import Reference
from survey.form.model import OTHER_CHOICE, QuestionType
from survey.form.paths import SheetPaths
from survey.form.problems import Problems, suggestion
from survey.form.survey_sheet import SurveySheet

#: Columns whose value decides others'. A repeat's count may read its own instances' answers
#: (ODK's "add another?" pattern, ``sum(${add_more}) + 1``): it is computed again after each
#: answer, never in a circle, so it is not one of them.
_VALUE_COLUMNS = ("calculation", "relevant")


def check_survey(sheet: SurveySheet, title: str, problems: Problems,
                 choice_references: Iterable[Reference] = (),
                 paths: SheetPaths | None = None) -> None:
    """Report duplicate names, unknown, ambiguous and self references, and cycles."""
    paths = paths or SheetPaths(())
    check_names(sheet, title, problems, paths)
    check_references(sheet, title, problems, choice_references, paths)
    check_cycles(sheet, title, problems)
    check_choice_names(sheet, problems)


def check_names(sheet: SurveySheet, title: str, problems: Problems,
                paths: SheetPaths | None = None) -> None:
    """Siblings need different names (pyxform's rule); questions in different groups may
    share one (told apart by their paths), groups may not (Kelisim names a group once)."""
    paths = paths or SheetPaths(())
    seen: dict[tuple[tuple[str, ...], str], int] = {}
    group_rows = {g.location.row: g.name for g in sheet.groups}
    groups: dict[str, int] = {}
    others = {f"{q.name}_{OTHER_CHOICE}": q for q in sheet.questions if q.or_other}
    for name, row, column in sheet.names:
        place = (paths.parent(row), name)
        if place in seen:
            problems.add(FormCode.DUPLICATE_NAME, title, row, column, name=name,
                         row=seen[place])
        elif row in group_rows and name in groups:
            problems.add(FormCode.DUPLICATE_GROUP_NAME, title, row, column, name=name,
                         row=groups[name])
        elif name in others:
            problems.add(FormCode.NAME_OF_OTHER_TEXT, title, row, column, name=name,
                         question=others[name].name)
        seen.setdefault(place, row)
        if row in group_rows:
            groups.setdefault(name, row)


def check_references(sheet: SurveySheet, title: str, problems: Problems,
                     choice_references: Iterable[Reference] = (),
                     paths: SheetPaths | None = None) -> None:
    ambiguous = (paths or SheetPaths(())).ambiguous
    # ${repeat} is the node-set of its instances (count(${members}), indexed-repeat()).
    questions = {q.name for q in sheet.questions} | {g.name for g in sheet.groups if g.repeat}
    groups = {g.name for g in sheet.groups}
    for bare in sheet.bare_names:
        # ODK reads a bare name as a child path, empty; one naming a question lacks its ${}.
        if bare.name in questions:
            problems.add(FormCode.BARE_NAME, title, bare.row, bare.column, name=bare.name,
                         column=bare.column)
    for ref in [*sheet.references, *choice_references]:
        where = (ref.sheet or title, ref.row, ref.column)
        if ref.name in ambiguous:
            problems.add(FormCode.AMBIGUOUS_REFERENCE, *where, name=ref.name,
                         rows=ambiguous[ref.name])
        elif ref.name == ref.owner and ref.base in _VALUE_COLUMNS:
            problems.add(FormCode.SELF_REFERENCE, *where, column=ref.column, owner=ref.owner,
                         name=ref.name)
        elif ref.name in groups and ref.name not in questions:
            problems.add(FormCode.GROUP_REFERENCE, *where, name=ref.name)
        elif ref.name not in questions:
            close = suggestion(ref.name, questions)
            advice = (FormCode.SUGGEST_QUESTION.message(suggestion=close) if close
                      else FormCode.FIX_REFERENCE.message())
            problems.add(FormCode.UNKNOWN_REFERENCE, *where, name=ref.name, advice=advice)


def check_choice_names(sheet: SurveySheet, problems: Problems) -> None:
    reported: set[str] = set()
    for question in sheet.questions:
        if question.type is not QuestionType.SELECT_MULTIPLE or question.list_name in reported:
            continue
        for choice in question.choices:
            if " " in choice.name or not choice.name.strip():
                reported.add(question.list_name or "")
                problems.add(FormCode.INVALID_CHOICE_NAME, choice.location.sheet,
                             choice.location.row, "name", name=choice.name,
                             list=question.list_name)
                break


def check_cycles(sheet: SurveySheet, title: str, problems: Problems) -> None:
    edges, where = _dependencies(sheet)
    order = [*(g.name for g in sheet.groups), *(q.name for q in sheet.questions)]
    rows = {**{g.name: g.location.row or 0 for g in sheet.groups},
            **{q.name: q.location.row or 0 for q in sheet.questions}}
    order = sorted(dict.fromkeys(order), key=lambda n: rows[n])
    reported: set[str] = set()
    for found in _cycles(order, edges):
        first = min(range(len(found)), key=lambda i: rows[found[i]])
        cycle = found[first:] + found[:first]
        if reported.isdisjoint(cycle):
            reported.update(cycle)
            row, column = where[(cycle[0], cycle[1])]
            path = " → ".join([*cycle, cycle[0]])
            problems.add(FormCode.CYCLE, title, row, column, path=path)


def _dependencies(sheet: SurveySheet) -> tuple[dict[str, list[str]], dict[tuple[str, str], tuple[int, str]]]:
    nodes = {q.name for q in sheet.questions} | {g.name for g in sheet.groups}
    edges: dict[str, list[str]] = defaultdict(list)
    where: dict[tuple[str, str], tuple[int, str]] = {}

    def link(source: str, target: str, row: int, column: str) -> None:
        if target in nodes and target != source and (source, target) not in where:
            edges[source].append(target)
            where[(source, target)] = (row, column)

    for ref in _value_references(sheet.references):
        link(ref.owner, ref.name, ref.row, ref.column)
    for question in sheet.questions:
        if question.group:
            link(question.name, question.group, question.location.row or 0, "type")
    for group in sheet.groups:
        if group.parent:
            link(group.name, group.parent, group.location.row or 0, "type")
    return edges, where


def _value_references(references: Iterable[Reference]) -> Iterable[Reference]:
    return (r for r in references if r.base in _VALUE_COLUMNS)


def _cycles(order: list[str], edges: dict[str, list[str]]) -> Iterable[list[str]]:
    """One cycle through each strongly connected part (iterative, any form size)."""
    remaining = _in_or_before_cycles(order, edges)
    for start in order:
        if start not in remaining:
            continue
        path: list[str] = []
        position: dict[str, int] = {}
        node = start
        while node not in position:
            position[node] = len(path)
            path.append(node)
            node = next(t for t in edges[node] if t in remaining)
        yield path[position[node]:]


def _in_or_before_cycles(order: list[str], edges: dict[str, list[str]]) -> set[str]:
    """Nodes left after repeatedly removing nodes that depend on nothing left (Kahn)."""
    remaining = set(order)
    dependants: dict[str, list[str]] = defaultdict(list)
    pending = {n: 0 for n in order}
    for source in order:
        for target in edges.get(source, []):
            dependants[target].append(source)
            pending[source] += 1
    ready = [n for n in order if pending[n] == 0]
    while ready:
        node = ready.pop()
        remaining.discard(node)
        for source in dependants[node]:
            pending[source] -= 1
            if pending[source] == 0:
                ready.append(source)
    return remaining
