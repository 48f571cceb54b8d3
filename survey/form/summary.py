"""A one-screen description of a loaded form (``kelisim validate``)."""

from __future__ import annotations

from collections import Counter

from survey.form.model import NO_LANGUAGE, Form, Group


def form_summary(form: Form) -> str:
    """Title per language, id, version, languages, questions by type, groups, required count."""
    names = dict(form.language_names)
    lines = ["Title:"]
    for key, text in form.settings.title.values:
        lines.append(f"  {_language(key, names)}: {text}")
    lines.append(f"form_id: {form.form_id}    version: {form.version or '(none)'}")
    described = ", ".join(_language(key, names) for key in form.languages)
    lines.append(f"Languages: {described}    default: {_language(form.default_language(), names)}")
    counts = Counter(q.type.value for q in form.questions)
    required = sum(1 for q in form.questions if q.required is not None)
    lines.append(f"Questions: {len(form.questions)} ({required} required)")
    lines.extend(f"  {kind:<16} {count}" for kind, count in counts.most_common())
    repeats = sum(1 for g in form.groups if g.repeat)
    lines.append(f"Groups: {len(form.groups) - repeats}" + (f"    repeats: {repeats}"
                                                             if repeats else ""))
    lines.extend(_group_line(form, group) for group in form.groups)
    return "\n".join(lines)


def _language(key: str, names: dict[str, str]) -> str:
    if key == NO_LANGUAGE:
        return "(no language)"
    name = names.get(key, key)
    return f"{name} ({key})" if name != key else key


def _group_line(form: Form, group: Group) -> str:
    depth = 0
    parent = group.parent
    while parent is not None:
        depth += 1
        parent = form.group(parent).parent
    inside = sum(1 for q in form.questions if group.name in q.group_path)
    label = group.label.get(form.default_language())
    title = f" {label}" if label else ""
    kind = ""
    if group.repeat:
        count = group.repeat_count.source if group.repeat_count is not None else "open-ended"
        kind = f" (repeat, {count})"
    return f"  {'  ' * depth}{group.name}{title}{kind}: {inside} questions"
