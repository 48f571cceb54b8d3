"""The methodology as the report prints it, and the appendix the detail goes to.

:func:`methodology` takes the methodology section of :mod:`reports.content_method` and adapts
it to what this report computed: the adult population figures (what is derived, what is
approximated), the reliability standard, and margins of error that match the printed logit
intervals; the long lists (items with reliability marks, notes of the analysis engine) move to
the appendix (:func:`appendix_section`) as compact tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from analysis.adults import adult_notes
from analysis.reliability import NCHS_2017
from reports import formatting as fmt
from reports.compute import Results
from reports.content_method import WALD_NOTE, methodology_section, notes_blocks
from reports.data import Snapshot
from reports.document import Block, Column, Heading, Paragraph, Section, Table
from reports.labels import Labels
from reports.reliability_marks import mark_column, statuses
from reports.spec import ReportSpec
from survey.messages import render


def methodology(snapshot: Snapshot, results: Results, spec: ReportSpec, labels: Labels,
                earlier: Sequence[Section]) -> Section:
    """The methodology section, adapted (see the module docstring)."""
    _ = labels._
    section = methodology_section(snapshot, results, spec, labels, earlier)
    moved = {_("Items with few answers"), _("Estimates left out or left empty")}
    blocks: list[Block] = []
    skipping = False
    for block in section.blocks:
        if isinstance(block, Heading):
            skipping = block.text in moved
            if block.text == _("Variance, confidence intervals and tests"):
                blocks += population_blocks(results, labels)
                blocks += [Heading(_("Reliability of the estimates")),
                           Paragraph(standard_text(spec, labels))]
        if skipping or (isinstance(block, Paragraph) and block.text == _(WALD_NOTE)):
            continue
        if isinstance(block, Table) and block.key == "method.moe":
            block = moe_table(results, spec, labels)
        blocks.append(block)
    blocks.append(Paragraph(_("Items marked for reliability and the notes of the analysis "
                              "engine are listed in the appendix."), "note"))
    return Section(section.key, section.title, section.sheet, tuple(blocks), section.in_pdf)


def population_blocks(results: Results, labels: Labels) -> list[Block]:
    """How the adult population figures behind the weights were obtained."""
    if results.weighting.scheme == "none":
        return []
    _ = labels._
    notes = adult_notes(results.weighting.margins)
    return [Paragraph(_("The survey interviews adults (18+), so weights use adult population "
                        "figures:"), "note"),
            *(Paragraph(render(note, labels.language), "note") for note in notes)]


def standard_text(spec: ReportSpec, labels: Labels) -> str:
    _, lang, s = labels._, spec.language, NCHS_2017
    action = (_("is not shown (*)") if spec.reliability == "suppress"
              else _("is shown with the mark †"))
    return _("Every proportion is checked against the {standard}. An estimate {action} when "
             "its effective sample size is below {n}, when its Korn-Graubard confidence "
             "interval is {wide} percentage points wide or more, or when the interval is wider "
             "than {ok} points and more than {relative} of the estimate. An estimate that "
             "passes is marked ‡ for care when it rests on fewer than {df} design degrees of "
             "freedom, is 0% or 100%, or its interval is more than {relative} of the "
             "complementary share. Statements about the highest and lowest regions consider "
             "only estimates that pass.",
             standard=render(s.name(), lang), action=action,
             n=fmt.number(int(s.min_effective_n), lang),
             wide=fmt.number(int(100 * s.width_max), lang),
             ok=fmt.number(int(100 * s.width_present), lang),
             relative=fmt.percent(s.relative_max, lang, 0), df=fmt.number(s.min_df, lang))


def moe_table(results: Results, spec: ReportSpec, labels: Labels) -> Table:
    """Margins of error as half the width of the printed interval, with reliability figures."""
    from reports.content_questions import marked_table

    _ = labels._
    columns = (Column("indicator", _("Indicator")), Column("estimate", _("Estimate"), "percent"),
               Column("ci_low", _("CI low"), "percent"), Column("ci_high", _("CI high"), "percent"),
               Column("moe", _("Margin of error (±)"), "points"),
               Column("deff", _("Design effect"), "number"),
               Column("n_effective", _("Effective n"), "number"),
               Column("df", _("Design df"), "integer"), Column("n", _("n"), "integer"),
               mark_column(labels))
    rows: list[tuple[object, ...]] = []
    status: list[str] = []
    for res in results.indicators:
        est, rel = res.estimate(), res.national_reliability
        if est is None or rel is None:
            continue
        low, high = float(est["ci_low"]), float(est["ci_high"])
        rows.append((labels.indicator(res.indicator.key), float(est["estimate"]), low, high,
                     (high - low) / 2, float(est["deff"]), float(rel.n_effective[0]),
                     int(est["df"]), int(est["n"]), ""))
        status += statuses(rel, spec.reliability, 1)
    return marked_table("method.moe", _("Margins of error"), columns, rows, tuple(status), labels,
                        group="moe", notes=(_(
                            "Effective n is p (1 − p) / SE², as the NCHS standard defines it; "
                            "the margin of error is half the width of the interval."),))


def appendix_section(results: Results, spec: ReportSpec, labels: Labels,
                     sections: Sequence[Section]) -> Section:
    _ = labels._
    blocks: list[Block] = [Heading(_("Reliability marks by table")), _marks_table(sections, labels),
                           Heading(_("Notes of the analysis engine")), *_notes(results, labels)]
    return Section("appendix", _("Appendix"), _("Appendix"), tuple(blocks))


def _marks_table(sections: Sequence[Section], labels: Labels) -> Block:
    _ = labels._
    rows = []
    for section in sections:
        for table in section.tables():
            counts = Counter(table.status)
            if counts["suppressed"] or counts["flagged"] or counts["review"]:
                rows.append((section.title, table.title, len(table.rows), counts["suppressed"],
                             counts["flagged"], counts["review"]))
    if not rows:
        return Paragraph(_("Every estimate meets the reliability standard."), "note")
    columns = (Column("section", _("Section")), Column("table", _("Table")),
               Column("rows", _("Rows"), "integer"), Column("suppressed", _("Not shown (*)"), "integer"),
               Column("flagged", _("Flagged (†)"), "integer"),
               Column("review", _("For care (‡)"), "integer"))
    return Table("appendix.marks", _("Estimates marked for reliability, by table"), columns,
                 tuple(rows), "marks")


def _notes(results: Results, labels: Labels) -> list[Block]:
    return notes_blocks(results, labels, key="appendix.notes")
