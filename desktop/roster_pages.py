"""Where rosters go among the interview's pages, and how instances are named on screen.

A form with repeats is shown as the engine's pages (one per instance question or field list)
with a roster page before the instances of each repeat (per parent instance for nested
repeats): the list of its instances, where they are added, removed, moved and opened
(``desktop.roster_widget``). A roster stands where the repeat's first instance starts, or where
it would start when there is none yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.answers_view import answer_text, instance_of, repeat_label
from desktop.i18n import _
from survey.errors import SurveyError
from survey.expressions.nodesets import InstancePath
from survey.form.repeats import repeats
from survey.interview import Page
from survey.interview.session import InterviewSession


@dataclass(frozen=True, slots=True)
class Roster:
    """The roster of ``repeat`` inside the ``parent`` instance (``()`` outside repeats)."""

    repeat: str
    parent: InstancePath = ()


#: What one step of the interview shows: a page of questions or a roster.
Screen = Page | Roster


def screens(session: InterviewSession) -> list[Screen]:
    """The engine's pages with the rosters among them, in the order the interview goes."""
    pages = session.pages()
    if session.repeats is None:
        return list(pages)
    expansion = session.repeats.expansion
    flat = [q.name for q in expansion.form.questions]
    where = {name: index for index, name in enumerate(flat)}
    keyed: list[tuple[tuple[int, int, InstancePath], Screen]] = [
        ((where[p.questions[0].name], 1, ()), p) for p in pages if p.questions]
    for roster in rosters(session):
        keyed.append(((_position(session, roster, flat), 0, roster.parent), roster))
    keyed.sort(key=lambda pair: pair[0])
    return [screen for _key, screen in keyed]


def rosters(session: InterviewSession) -> list[Roster]:
    """A roster for every repeat in every instance of the repeats around it."""
    if session.repeats is None:
        return []
    paths = session.repeats.expansion.layout.repeat_paths
    found: list[Roster] = []
    for group in repeats(session.form):
        if not _questions_of(session, group.name):
            continue
        parents: list[InstancePath] = [()]
        for around in paths[group.name][:-1]:
            parents = [(*p, (around, i)) for p in parents
                       for i in range(1, session.repeats.count(around, p) + 1)]
        found.extend(r for r in (Roster(group.name, p) for p in parents)
                     if is_relevant(session, r))
    return found


def is_relevant(session: InterviewSession, roster: Roster) -> bool:
    """Whether the form asks the roster's repeat now (a condition that cannot be read shows
    the roster rather than hide it)."""
    try:
        return session.repeat_asked(roster.repeat, roster.parent)
    except SurveyError:
        return True


def _questions_of(session: InterviewSession, repeat: str) -> list[str]:
    assert session.repeats is not None
    paths = session.repeats.expansion.layout.repeat_paths
    return [q.name for q in session.form.questions if repeat in paths.get(q.name, ())]


def _position(session: InterviewSession, roster: Roster, flat: list[str]) -> int:
    """The index in the laid-out questions before which ``roster`` stands."""
    assert session.repeats is not None
    expansion = session.repeats.expansion
    base = {q.name: i for i, q in enumerate(session.form.questions)}
    start = base[_questions_of(session, roster.repeat)[0]]
    depth = len(roster.parent)
    within = [i for i, name in enumerate(flat) if expansion.here[name][:depth] == roster.parent]
    later = [i for i in within if base[expansion.base[flat[i]]] >= start]
    if later:
        return later[0]
    return within[-1] + 1 if within else len(flat)


def count(session: InterviewSession, roster: Roster) -> int:
    return session.repeats.count(roster.repeat, roster.parent) if session.repeats else 0


def is_fixed(session: InterviewSession, repeat: str) -> bool:
    """Whether a ``repeat_count`` fixes the instances (no adding, removing or moving)."""
    return session.form.group(repeat).repeat_count is not None


def place(session: InterviewSession, path: InstancePath) -> str:
    """Where an instance page is: "Household member 2 of 4" (nested: "… › Visit 1 of 2")."""
    parts = []
    for depth, (repeat, number) in enumerate(path):
        total = session.repeats.count(repeat, path[:depth]) if session.repeats else number
        parts.append(_("{label} {number} of {count}", label=repeat_label(session, repeat),
                       number=number, count=total))
    return " › ".join(parts)


def summary(session: InterviewSession, path: InstancePath, limit: int = 2) -> str:
    """The first answers of the instance at ``path`` ("Aigerim, 34"), else "Member 3"."""
    assert session.repeats is not None
    expansion = session.repeats.expansion
    texts: list[str] = []
    for question in expansion.form.questions:
        if len(texts) >= limit:
            break
        if expansion.here.get(question.name) == path and question.type.takes_input \
                and question.calculation is None:
            text = answer_text(session, question)
            if text:
                texts.append(text)
    repeat, number = path[-1]
    return ", ".join(texts) or f"{repeat_label(session, repeat)} {number}"


def answered(session: InterviewSession, roster: Roster) -> dict[int, tuple[int, int]]:
    """Instance number -> (questions answered, questions asked) of the roster's instances
    (their nested instances' questions included), as the progress bar counts them."""
    assert session.repeats is not None
    here = session.repeats.expansion.here
    depth = len(roster.parent)
    counts: dict[int, tuple[int, int]] = {}
    for question in session.visible_questions():
        path = here.get(question.name, ())
        if len(path) <= depth or path[:depth] != roster.parent \
                or path[depth][0] != roster.repeat or not question.type.takes_input \
                or question.calculation is not None:
            continue
        done, asked = counts.get(path[depth][1], (0, 0))
        counts[path[depth][1]] = (done + session.is_answered(question.name), asked + 1)
    return counts


def path_of(session: InterviewSession, screen: Screen) -> InstancePath:
    """The instance a screen is in: a page's instance path, a roster's parent instance."""
    if isinstance(screen, Roster):
        return screen.parent
    return instance_of(session, screen.questions[0].name) if screen.questions else ()


def step(session: InterviewSession, found: list[Screen], index: int,
         forward: bool) -> tuple[int, int | None]:
    """Where Next (``forward``) or Back leads from screen ``index``, and the instance to
    select there: an instance's pages lead back to its roster when they end (Next selects the
    following instance), a roster's Next goes past its instances, and coming to instances from
    outside goes to their roster first."""
    here = found[index] if index < len(found) else None
    target = index + (1 if forward else -1)
    if isinstance(here, Roster) and forward:
        while target < len(found) and _inside(session, found[target], here):
            target += 1
    if here is None or target < 0:
        return max(target, 0), None
    mine = path_of(session, here)
    there = path_of(session, found[target]) if target < len(found) else ()
    common = 0
    while common < min(len(mine), len(there)) and mine[common] == there[common]:
        common += 1
    if len(mine) > common:  # leaving an instance: back to its roster
        roster = Roster(mine[common][0], mine[:common])
        number = mine[common][1]
        if forward and number < count(session, roster):
            number += 1
        return _index_of(found, roster, target), number
    if len(there) > common:  # coming to instances from outside: their roster first
        return _index_of(found, Roster(there[common][0], there[:common]), target), None
    return target, None


def _inside(session: InterviewSession, screen: Screen, roster: Roster) -> bool:
    """Whether ``screen`` belongs to an instance of ``roster``."""
    path = path_of(session, screen)
    depth = len(roster.parent)
    return len(path) > depth and path[:depth] == roster.parent and path[depth][0] == roster.repeat


def _index_of(found: list[Screen], roster: Roster, otherwise: int) -> int:
    return found.index(roster) if roster in found else otherwise
