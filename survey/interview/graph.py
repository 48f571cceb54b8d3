"""The dependency graph the interview engine uses to recompute only what an answer affects.

Every question and group is a node. A node's *output* is its value in ODK text form (questions,
including the ``<name>_other`` text of ``or_other`` selects) or its relevance (groups). A node
reads the outputs named in its ``relevant`` and ``calculation`` and the relevance of its
enclosing group. Nodes are numbered in an evaluation order that is topological over those reads
(ties and any cycle broken by form order), so a change is propagated by visiting dirty nodes in
increasing number. *Checks* (``required``, ``constraint``, ``choice_filter``) read outputs but
produce none; they are listed separately so they never create ordering cycles.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from survey.form.model import Form, Group, Question


@dataclass(frozen=True, slots=True)
class Node:
    """One question or group, at its place in the evaluation order."""

    index: int
    question: Question | None
    group: Group | None
    #: Node index of the enclosing group, or None at the top level.
    parent: int | None

    @property
    def name(self) -> str:
        item = self.question or self.group
        assert item is not None
        return item.name


@dataclass(frozen=True, slots=True)
class DependencyGraph:
    """Nodes in evaluation order and who reads whose output."""

    nodes: tuple[Node, ...]
    #: Question name -> node index.
    question_node: dict[str, int]
    #: Group name -> node index.
    group_node: dict[str, int]
    #: Name readable in expressions (question, ``<name>_other``, group) -> node index producing it.
    owner: dict[str, int]
    #: Node index -> indices of nodes whose relevance or calculation reads its output.
    dependents: tuple[tuple[int, ...], ...]
    #: Node index -> names of questions whose checks read its output.
    checkers: tuple[tuple[str, ...], ...]


def other_name(question: Question) -> str:
    """The name holding the free text of an ``or_other`` select."""
    return f"{question.name}_other"


#: Graphs of recently used forms. The form object is kept beside its graph, so its ``id``
#: cannot be reused by another form while the entry lives.
_RECENT_GRAPHS: dict[int, tuple[Form, DependencyGraph]] = {}
_RECENT_LIMIT = 8


#: (reader's name, referenced name) -> the names the reference means (repeat instances).
Resolve = Callable[[str, str], Iterable[str]]


def _same(reader: str, name: str) -> Iterable[str]:
    del reader
    return (name,)


def build_graph(form: Form, resolve: Resolve | None = None) -> DependencyGraph:
    """The dependency graph of ``form``, built once per form object (forms are immutable).

    ``resolve`` says which names a ``${name}`` of an item means (an expanded form with repeat
    instances, ``survey.interview.expansion``); by default the name itself.
    """
    cached = _RECENT_GRAPHS.get(id(form))
    if cached is not None and cached[0] is form:
        return cached[1]
    graph = _build_graph(form, resolve or _same)
    if len(_RECENT_GRAPHS) >= _RECENT_LIMIT:
        _RECENT_GRAPHS.pop(next(iter(_RECENT_GRAPHS)))
    _RECENT_GRAPHS[id(form)] = (form, graph)
    return graph


def _build_graph(form: Form, resolve: Resolve) -> DependencyGraph:
    """Order the form's questions and groups for evaluation and index their readers."""
    items = _items_in_form_order(form)
    position = {_key(item): i for i, item in enumerate(items)}
    owner_key = _owner_keys(form)
    group_names = {g.name for g in form.groups}
    reads = {_key(item): _reads(item, owner_key, group_names, resolve) for item in items}
    order = _topological(items, reads, position)
    index = {_key(item): i for i, item in enumerate(order)}
    nodes = tuple(_node(i, item, index) for i, item in enumerate(order))
    dependents: list[set[int]] = [set() for _ in nodes]
    for item in order:
        for source in reads[_key(item)]:
            dependents[index[source]].add(index[_key(item)])
    checkers: list[set[str]] = [set() for _ in nodes]
    for question in form.questions:
        for name in (found for reference in _check_references(question)
                     for found in resolve(question.name, reference)):
            if name in owner_key:
                checkers[index[owner_key[name]]].add(question.name)
    return DependencyGraph(
        nodes=nodes,
        question_node={q.name: index[("q", q.name)] for q in form.questions},
        group_node={g.name: index[("g", g.name)] for g in form.groups},
        owner={name: index[key] for name, key in owner_key.items()},
        dependents=tuple(tuple(sorted(d)) for d in dependents),
        checkers=tuple(tuple(sorted(c)) for c in checkers),
    )


Item = Question | Group
Key = tuple[str, str]


def _key(item: Item) -> Key:
    return ("q", item.name) if isinstance(item, Question) else ("g", item.name)


def _items_in_form_order(form: Form) -> list[Item]:
    """Questions in sheet order with each group placed just before its first question."""
    groups = {g.name: g for g in form.groups}
    seen: set[str] = set()
    items: list[Item] = []
    for question in form.questions:
        for name in question.group_path:
            if name in groups and name not in seen:
                seen.add(name)
                items.append(groups[name])
        items.append(question)
    items.extend(g for g in form.groups if g.name not in seen)
    return items


def _owner_keys(form: Form) -> dict[str, Key]:
    owners: dict[str, Key] = {g.name: ("g", g.name) for g in form.groups}
    for question in form.questions:
        owners[question.name] = ("q", question.name)
        if question.or_other and question.type.is_select:
            owners.setdefault(other_name(question), ("q", question.name))
    return owners


def _parent(item: Item) -> str | None:
    if isinstance(item, Question):
        return item.group
    return item.parent


def _reads(item: Item, owner_key: dict[str, Key], group_names: set[str],
           resolve: Resolve) -> set[Key]:
    expressions = [item.relevant]
    if isinstance(item, Question):
        expressions.append(item.calculation)
    names: set[str] = set()
    for expression in expressions:
        if expression is not None:
            names.update(found for name in expression.references
                         for found in resolve(item.name, name))
    keys = {owner_key[n] for n in names if n in owner_key}
    parent = _parent(item)
    if parent is not None and parent in group_names:
        keys.add(("g", parent))
    keys.discard(_key(item))
    return keys


def _check_references(question: Question) -> Iterable[str]:
    for expression in (question.required, question.constraint, question.choice_filter):
        if expression is not None:
            yield from expression.references


def _topological(items: list[Item], reads: dict[Key, set[Key]], position: dict[Key, int]) -> list[Item]:
    """Kahn's algorithm, smallest form position first; nodes left in a cycle follow in form order."""
    by_key = {_key(item): item for item in items}
    waiting = {key: len(sources) for key, sources in reads.items()}
    readers: dict[Key, list[Key]] = {key: [] for key in by_key}
    for key, sources in reads.items():
        for source in sources:
            readers[source].append(key)
    ready = [position[key] for key, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    keys_by_position = {p: k for k, p in position.items()}
    order: list[Key] = []
    while ready:
        key = keys_by_position[heapq.heappop(ready)]
        order.append(key)
        for reader in readers[key]:
            waiting[reader] -= 1
            if waiting[reader] == 0:
                heapq.heappush(ready, position[reader])
    placed = set(order)
    order.extend(sorted((k for k in by_key if k not in placed), key=position.__getitem__))
    return [by_key[key] for key in order]


def _node(index: int, item: Item, indices: dict[Key, int]) -> Node:
    parent = _parent(item)
    parent_index = indices.get(("g", parent)) if parent is not None else None
    if isinstance(item, Question):
        return Node(index, item, None, parent_index)
    return Node(index, None, item, parent_index)
