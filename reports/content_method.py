"""The methodology section and the data dictionary."""

from __future__ import annotations

from collections.abc import Sequence

from analysis import Method
from analysis.phrases import unique
from reports.compute import Results
from reports.data import Snapshot
from reports.document import Block, Column, Heading, Paragraph, Section, Table
from reports.labels import Labels
from reports.method_text import MethodText
from reports.spec import ReportSpec
from survey.export import Variable
from survey.i18n import Translator
from survey.messages import Message

#: Wald intervals are symmetric, so near 0% a bound can be negative; reports print it as computed.
WALD_NOTE = ("Wald intervals (see the table above) are symmetric around the estimate, as R's "
             "confint: near 0% or 100% a bound can fall below 0% or above 100%. Such bounds are "
             "shown as computed; one that rounds to zero is shown as 0.0%.")


def methodology_section(snapshot: Snapshot, results: Results, spec: ReportSpec, labels: Labels,
                        earlier: Sequence[Section]) -> Section:
    _ = labels._
    weighting = results.weighting
    text = method_text(labels)
    blocks: list[Block] = [
        Heading(_("Design and weights")),
        Paragraph(_("Sample design: {design}.", design=text.design(weighting.design))),
        Paragraph(_("Weighting: {scheme} ({detail}).", scheme=labels.weighting(weighting.scheme),
                    detail=text.weighting(weighting))),
    ]
    blocks += [Paragraph(_("Population figures for '{margin}' (source as recorded with the "
                           "figures, in English): {source} (reference date {date}).",
                           margin=labels.dimension(s.dimension), source=s.source,
                           date=text.reference(s)), "note") for s in weighting.sources]
    if weighting.raking is not None:
        blocks.append(_margins_table(weighting.raking.report, labels))
    blocks += [Heading(_("Variance, confidence intervals and tests")), _methods_table(results, labels),
               Paragraph(_(WALD_NOTE), "note")]
    blocks += [Heading(_("Margins of error")), _moe_table(results, labels)]
    blocks += [Heading(_("Response and completion")), _counts_table(snapshot, labels)]
    blocks += [Heading(_("Items with few answers")), _small_table(earlier, labels)]
    blocks += [Heading(_("Estimates left out or left empty")), *notes_blocks(results, labels)]
    return Section("methodology", _("Methodology"), _("Methodology"), tuple(blocks))


def method_text(labels: Labels) -> MethodText:
    """Method descriptions in the report's language, margins named as in the report."""
    return MethodText(labels.language, labels.dimension)


def _margins_table(report: object, labels: Labels) -> Table:
    _ = labels._
    columns = (Column("margin", _("Margin")), Column("category", _("Category")),
               Column("target", _("Target"), "number"), Column("achieved", _("Achieved"), "number"),
               Column("difference", _("Difference"), "number"))
    rows = tuple((labels.dimension(str(r.margin)), labels.choice(str(r.margin), r.category),
                  float(r.target), float(r.achieved), float(r.difference))
                 for r in report.itertuples())  # type: ignore[attr-defined]
    return Table("method.margins", _("Achieved raking margins"), columns, rows, "margins")


def _methods_table(results: Results, labels: Labels) -> Table:
    _ = labels._
    text, sample = method_text(labels), results.weighting.design

    def describe(method: Method) -> str:
        return text.method(method, sample)

    found: list[tuple[str, str]] = []
    first = next((r for r in results.indicators if r.national is not None), None)
    if first is not None:
        found.append((_("Headline indicators"), describe(first.national.method)))  # type: ignore[union-attr]
        if first.regions is not None:
            found.append((_("Regional comparison"), describe(first.regions.method)))
    with_change = next((r for r in results.indicators if r.change is not None), None)
    if with_change is not None:
        found.append((_("Change between waves"), describe(with_change.change.method)))  # type: ignore[union-attr]
        if with_change.did is not None:
            found.append((_("Difference-in-differences"), describe(with_change.did.method)))
    likert = next((q for q in results.questions if q.likert is not None), None)
    if likert is not None:
        found.append((_("Mean scores"), describe(likert.likert.mean.method)))  # type: ignore[union-attr]
    tab = next((c.result for q in results.questions for c in q.crosstabs if c.result), None)
    if tab is not None:
        found.append((_("Cross-tabulations"), describe(tab.method)))
    if results.weighting.raking is not None:
        found.append((_("Raking"), describe(results.weighting.raking.method)))
    columns = (Column("what", _("Result")), Column("method", _("Method")))
    return Table("method.methods", _("Methods"), columns, tuple(found), "methods")


def _moe_table(results: Results, labels: Labels) -> Table:
    _ = labels._
    columns = (Column("indicator", _("Indicator")), Column("estimate", _("Estimate"), "percent"),
               Column("moe", _("Margin of error"), "percent"),
               Column("deff", _("Design effect"), "number"),
               Column("n_effective", _("Effective n"), "number"), Column("n", _("n"), "integer"))
    rows = []
    for res in results.indicators:
        est = res.estimate()
        if est is not None:
            rows.append((labels.indicator(res.indicator.key), float(est["estimate"]),
                         float(est["moe"]), float(est["deff"]), float(est["n_effective"]),
                         int(est["n"])))
    return Table("method.moe", _("Margins of error"), columns, tuple(rows), "moe")


def _counts_table(snapshot: Snapshot, labels: Labels) -> Table:
    _ = labels._
    c = snapshot.counts
    rows: tuple[tuple[str, int], ...] = (
            (_("Complete interviews in the database"), c["complete"]),
            (_("Unfinished interviews (drafts)"), c["draft"]),
            (_("Interviews exported for this report"), c["exported"]),
            (_("Consented to the interview"), c["consent_yes"]),
            (_("Refused"), c["consent_no"]),
            (_("Respondents analysed"), c["analysed"]))
    if c.get("sealed"):  # not unsealed with the project's key: not in the report
        rows += ((_("Sealed interviews left out (not unsealed)"), c["sealed"]),)
    columns = (Column("what", _("Count")), Column("n", _("n"), "integer"))
    return Table("method.counts", _("Response and completion"), columns, rows, "counts")


def _small_table(sections: Sequence[Section], labels: Labels) -> Block:
    _ = labels._
    rows = []
    for section in sections:
        for table in section.tables():
            keys = [c.key for c in table.columns]
            if not table.small or "n" not in keys:
                continue
            text = [i for i, c in enumerate(table.columns) if c.kind == "text"]
            for row, small in zip(table.rows, table.small, strict=True):
                if small:
                    label = " / ".join(str(row[i]) for i in text)
                    rows.append((section.title, table.title, label, row[keys.index("n")]))
    if not rows:
        return Paragraph(_("Every estimate rests on at least 30 answers."), "note")
    columns = (Column("section", _("Section")), Column("table", _("Table")),
               Column("row", _("Row")), Column("n", _("n"), "integer"))
    return Table("method.small", _("Estimates resting on fewer than 30 answers (shown but "
                                   "marked)"), columns, tuple(rows), "small")


def analysis_notes(results: Results) -> tuple[Message, ...]:
    """Every note of the analysis results behind the report, once each, in report order."""
    found: list[Message] = []
    for item in results.indicators:
        for result in (item.national, item.regions, item.change, item.did):
            found += getattr(result, "notes", ())
    for question in results.questions:
        found += getattr(question.distribution, "notes", ())
        found += getattr(question.likert, "notes", ())
        for cross in question.crosstabs:
            found += getattr(cross.result, "notes", ())
            found += getattr(cross.groups, "notes", ())
    return unique(found)


def notes_blocks(results: Results, labels: Labels, key: str = "method.notes") -> list[Block]:
    """The notes of the analysis engine in the report language, as a table under ``key``."""
    _ = labels._
    notes = analysis_notes(results)
    if not notes:
        return [Paragraph(_("No estimate was left out and no cell was left empty."), "note")]
    text = method_text(labels)
    rows = tuple((text.render(note),) for note in notes)
    table = Table(key, _("Notes of the analysis engine"),
                  (Column("note", _("Note")),), rows, "notes")
    return [Paragraph(_("Groups without respondents are left out of tables and cells without a "
                        "defined value (for example the design effect of an answer nobody or "
                        "everybody gave) are left empty, as R's survey package leaves them. "
                        "The analysis engine names each case; its notes are listed here. "
                        "Variables, groups and answers are named by their codes in the data."),
                      "note"), table]


def dictionary_section(snapshot: Snapshot, labels: Labels) -> Section:
    _ = labels._
    columns = (Column("name", _("Variable")), Column("label", _("Label")),
               Column("kind", _("Type")), Column("values", _("Values")))
    kinds = variable_kinds(_)
    rows = tuple((v.name, v.label, kinds.get(v.kind, v.kind), _values(v, labels))
                 for v in snapshot.table.variables)
    table = Table("dictionary", _("Data dictionary"), columns, rows, "dictionary")
    return Section("dictionary", _("Data dictionary"), _("Dictionary"), (table,), in_pdf=False)


def variable_kinds(_: Translator) -> dict[str, str]:
    """Kinds of exported columns (``survey.export.Variable.kind``), XLSForm name kept."""
    return {"meta": _("interview record (meta)"), "text": _("text (text)"),
            "integer": _("whole number (integer)"), "decimal": _("number (decimal)"),
            "date": _("date (date)"), "select_one": _("one answer (select_one)"),
            "select_multiple": _("several answers (select_multiple)"),
            "choice_dummy": _("chosen or not, 1/0 (choice_dummy)"),
            "calculate": _("calculated (calculate)")}


def _values(variable: Variable, labels: Labels) -> str:
    if variable.kind == "choice_dummy" and "choice" in variable.value_labels:
        return labels._("1 = chose '{choice}', 0 = did not", choice=variable.value_labels["choice"])
    return "; ".join(f"{k} = {t}" for k, t in variable.value_labels.items())
