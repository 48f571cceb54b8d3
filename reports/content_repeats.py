"""The section of repeat-level indicators (household members, disputes): shares, means and
counts per interview of the instances listed in the interviews, each with its interview's
design, and how they were computed (the method names the instances as clustered within
interviews). Each indicator is headed with the labels of its question and answer (or of the
roster) in the report's language."""

from __future__ import annotations

from dataclasses import replace

from analysis.methods import Method
from analysis.repeat_level import InstanceDesignSummary
from reports import formatting as fmt
from reports.compute import Results
from reports.content_questions import estimate_columns, marked_table
from reports.document import Block, Column, Heading, Paragraph, Section
from reports.labels import Labels
from reports.method_text import MethodText
from reports.reliability_marks import mark_column, statuses
from reports.repeat_results import RepeatIndicatorResult
from reports.spec import ReportSpec


def repeats_section(results: Results, spec: ReportSpec, labels: Labels) -> Section | None:
    """The section, or None when the spec has no repeat indicator."""
    if not results.repeats:
        return None
    _ = labels._
    intro = Paragraph(_(
        "Shares among the items listed in the interviews (such as household members or "
        "disputes), each item weighted with its interview's weight, with {level} confidence "
        "intervals; n is the number of items, and items of one interview are a cluster.",
        level=fmt.percent(spec.confidence, spec.language, 0)), "note")
    if any(not res.indicator.is_proportion for res in results.repeats):
        intro = Paragraph(f"{intro.text} " + _(
            "Means are taken over the items that answered; a figure per interview is averaged "
            "over every interview, those listing no item counting zero."), "note")
    if any(res.indicator.statistic == "per_interview" for res in results.repeats):
        intro = Paragraph(f"{intro.text} " + _(
            "For a figure per interview, n is the number of interviews."), "note")
    blocks = (intro, *(block for res in results.repeats for block in _blocks(res, spec, labels)))
    return Section("repeats", _("Roster indicators"), _("Rosters"), blocks)


def _name(res: RepeatIndicatorResult, labels: Labels) -> str:
    """The indicator's heading: its question's and answer's labels, or what it averages."""
    ind, _ = res.indicator, labels._
    question = _question(res, labels, ind.question)
    if ind.statistic == "proportion":
        return f"{question}: {_choice(res, labels, ind.question, ind.category)}"
    if ind.statistic == "mean":
        return _("{question}: mean", question=question)
    if ind.question:
        return _("{question}: sum per interview", question=question)
    return _("{roster}: number per interview", roster=_roster(labels, ind.level))


def _question(res: RepeatIndicatorResult, labels: Labels, name: str) -> str:
    """The label of a question of the repeat in the report's language (the frame's questions
    first: the report's form holds only the interview-level ones)."""
    q = res.questions.get(name)
    return (q.label.get(labels.language) if q is not None else "") or labels.question(name)


def _choice(res: RepeatIndicatorResult, labels: Labels, name: str, value: str) -> str:
    q = res.questions.get(name)
    c = q.choice(value) if q is not None else None
    return (c.label.get(labels.language) if c is not None else "") or labels.choice(name, value)


def _roster(labels: Labels, level: str) -> str:
    """The label of the repeat ``level`` in the report's language (its name without one)."""
    group = next((g for g in labels.snapshot.form.groups if g.name == level and g.repeat), None)
    return (group.label.get(labels.language) or level) if group is not None else level


def _blocks(res: RepeatIndicatorResult, spec: ReportSpec, labels: Labels) -> list[Block]:
    _ = labels._
    name, key = _name(res, labels), res.indicator.key
    text = MethodText(labels.language, labels.dimension)
    blocks: list[Block] = [Heading(name, 2, f"repeats.{key}")]
    if res.national is None:
        reason = text.messages(res.problems)
        return [*blocks, Paragraph(_("Not estimated: {reason}", reason=reason), "note")]
    context = ((Column("repeat", _("Roster")), _roster(labels, res.indicator.level)),
               (Column("indicator", _("Indicator")), name))
    row = res.national.table.iloc[0]
    estimates = _estimate_columns(res, labels)
    columns = (*estimates, Column("interviews", _("Interviews with items"), "integer"),
               mark_column(labels))
    rows: list[tuple[object, ...]] = [(float(row["estimate"]), float(row["ci_low"]),
                                       float(row["ci_high"]), int(row["n"]), res.interviews, "")]
    method = _named_method(res.national.method, _roster(labels, res.indicator.level))
    blocks += [marked_table(f"repeats.{key}", name, columns, rows,
                            statuses(res.reliability, spec.reliability, 1), labels,
                            group="repeats", context=context),
               Paragraph(text.method(method), "note")]
    if res.regions is not None:
        regional = res.regions.table
        columns = (Column("region", _("Region")), *estimates, mark_column(labels))
        rows = [(labels.region(str(r["region"])), float(r["estimate"]), float(r["ci_low"]),
                 float(r["ci_high"]), int(r["n"]), "") for _i, r in regional.iterrows()]
        blocks.append(marked_table(
            f"repeats.{key}.regions", _("{indicator} by region", indicator=name), columns, rows,
            statuses(res.region_reliability, spec.reliability, len(rows)), labels,
            group="repeats.regions", context=context))
    return blocks


def _estimate_columns(res: RepeatIndicatorResult, labels: Labels) -> tuple[Column, ...]:
    """Estimate, CI and n, the n headed with what it counts: the items (the instances
    analysed) or, for a figure per interview, every interview of the design."""
    _ = labels._
    kind = "percent" if res.indicator.is_proportion else "number"
    *estimate, n = estimate_columns(_, kind)
    counted = (_("n (interviews)") if res.indicator.statistic == "per_interview"
               else _("n (items)"))
    return (*estimate, replace(n, title=counted))


def _named_method(method: Method, roster: str) -> Method:
    """``method`` with its design naming the repeat by ``roster`` (its label in the report's
    language; the analysis names it by its name)."""
    design = method.design
    if not isinstance(design, InstanceDesignSummary):
        return method
    return replace(method, design=replace(design, repeat=roster))
