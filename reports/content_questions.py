"""The per-question section: weighted distribution with CIs, a chart, and cross-tabulations."""

from __future__ import annotations

from analysis import TestResult
from reports import formatting as fmt
from reports.compute import Crosstab, QuestionResult, Results
from reports.document import Block, Chart, Column, Heading, Paragraph, Section, Series, Table
from reports.labels import Labels
from reports.method_text import MethodText
from reports.reliability_marks import blank, footnotes, mark_column, statuses
from reports.spec import ReportSpec
from survey.i18n import Translator

SMALL_N = 30


def marked_table(key: str, title: str, columns: tuple[Column, ...], rows: list[tuple],  # type: ignore[type-arg]
                 status: tuple[str, ...], labels: Labels, **extra: object) -> Table:
    """A table whose rows carry reliability statuses: suppressed cells emptied, marks shown,
    one footnote per mark used (after any notes given)."""
    cells = tuple(blank(row, columns, st) for row, st in zip(rows, status, strict=True))
    given: tuple[str, ...] = tuple(extra.pop("notes", ()))  # type: ignore[arg-type]
    notes = given + footnotes(status, labels)
    return Table(key, title, columns, cells, notes=notes, small=tuple(bool(s) for s in status),
                 status=status, **extra)  # type: ignore[arg-type]


def estimate_columns(_: Translator, kind: str = "percent") -> tuple[Column, ...]:
    """Estimate, CI low, CI high and n columns."""
    return (Column("estimate", _("Estimate"), kind),  # type: ignore[arg-type]
            Column("ci_low", _("CI low"), kind),  # type: ignore[arg-type]
            Column("ci_high", _("CI high"), kind),  # type: ignore[arg-type]
            Column("n", _("n"), "integer"))


def questions_section(results: Results, spec: ReportSpec, labels: Labels) -> Section:
    _ = labels._
    blocks: list[Block] = [Paragraph(_(
        "Weighted shares of the answers among respondents who answered each question, with "
        "{level} confidence intervals (logit, on the design degrees of freedom); "
        "cross-tabulations show column percentages and the Rao-Scott test of independence. "
        "n is the number of respondents the share is computed from (its base); a cell count "
        "is the number who gave that answer. Estimates are checked against the NCHS Data "
        "Presentation Standards for Proportions (2017); marks are explained under each table.",
        level=fmt.percent(spec.confidence, spec.language, 0)), "note")]
    for res in results.questions:
        blocks += question_blocks(res, labels, spec)
    return Section("questions", _("Results by question"), _("Questions"), tuple(blocks))


def question_blocks(res: QuestionResult, labels: Labels, spec: ReportSpec) -> list[Block]:
    _ = labels._
    q = res.question
    label = q.label(labels.language)
    blocks: list[Block] = [Heading(label, 2, f"q.{q.name}")]
    if res.problem is not None or res.distribution is None:
        reason = MethodText(labels.language).messages(res.problem or ())
        return [*blocks, Paragraph(_("Not estimated: {reason}", reason=reason), "note")]
    context = ((Column("question", _("Question")), label),)
    frame = res.distribution.table
    if q.kind == "number":
        row = frame.iloc[0]
        table = Table(f"q.{q.name}", label, estimate_columns(_, "number"),
                      ((float(row["estimate"]), float(row["ci_low"]), float(row["ci_high"]),
                        int(row["n"])),), "means", context)
        return [*blocks, Paragraph(_("Mean"), "note"), table]
    answers = [_answer(q.name, q.kind, c, labels) for c in frame["category"]]
    rows = [(a, float(r.estimate), float(r.ci_low), float(r.ci_high), int(r.n), "")
            for a, r in zip(answers, frame.itertuples(), strict=True)]
    columns = (Column("answer", _("Answer")), *estimate_columns(_), mark_column(labels))
    status = statuses(res.reliability, spec.reliability, len(rows))
    table = marked_table(f"q.{q.name}", label, columns, rows, status, labels,
                         group="distribution", context=context)
    blocks.append(table)
    if res.likert is not None:
        blocks.append(_likert_table(res, label, context, labels, spec))
    shown = [i for i, st in enumerate(status) if st != "suppressed"]
    if shown:
        blocks.append(Chart(f"q.{q.name}.chart", "distribution", label,
                            (Series(label, tuple(answers[i] for i in shown),
                                    tuple(rows[i][1] for i in shown),
                                    tuple(rows[i][2] for i in shown),
                                    tuple(rows[i][3] for i in shown)),),
                            axis_label=_("Share of respondents"), source_table=f"q.{q.name}"))
    for crosstab in res.crosstabs:
        blocks.append(crosstab_table(res, crosstab, labels, spec))
    return blocks


def _answer(question: str, kind: str, category: object, labels: Labels) -> str:
    if kind == "select_multiple":
        prefix = f"{question}__"
        name = str(category)
        return labels.choice(question, name[len(prefix):] if name.startswith(prefix) else name)
    return labels.choice(question, category)


def _position(question: str, kind: str, category: object, labels: Labels) -> int:
    if kind == "select_multiple":
        prefix, name = f"{question}__", str(category)
        category = name[len(prefix):] if name.startswith(prefix) else name
    return labels.order(question, category)


def _likert_table(res: QuestionResult, label: str, context: tuple[tuple[Column, object], ...],
                  labels: Labels, spec: ReportSpec) -> Table:
    _ = labels._
    mean = res.likert.mean.table.iloc[0]  # type: ignore[union-attr]
    top = res.likert.top_box.table.iloc[0]  # type: ignore[union-attr]
    columns = (Column("mean", _("Mean score"), "number"),
               Column("mean_low", _("CI low"), "number"),
               Column("mean_high", _("CI high"), "number"),
               Column("top2", _("Agree (top 2)"), "percent"),
               Column("top2_low", _("CI low"), "percent"),
               Column("top2_high", _("CI high"), "percent"), Column("n", _("n"), "integer"),
               mark_column(labels))
    row = (float(mean["estimate"]), float(mean["ci_low"]), float(mean["ci_high"]),
           float(top["estimate"]), float(top["ci_low"]), float(top["ci_high"]), int(top["n"]),
           "")
    notes: tuple[str, ...] = ()
    if res.question.missing:
        left, right = ("«", "»") if labels.language in ("kk", "ru") else ("“", "”")
        notes = (_("The mean score and the top-2 share leave out the answers {answers}.",
                   answers=", ".join(f"{left}{labels.choice(res.question.name, m)}{right}"
                                     for m in res.question.missing)),)
    status = statuses(res.top_reliability, spec.reliability, 1)
    return marked_table(f"q.{res.question.name}.likert", label, columns, [row], status, labels,
                        group="likert", context=context, notes=notes, sheet=_("Scales"))


def _test_note(test: TestResult, labels: Labels) -> str:
    """The test of independence by name with its statistic: F form, or chi-square."""
    _, language = labels._, labels.language
    name = MethodText(language).render(test.method.test.message()) if test.method.test else ""
    p = fmt.p_text(test.p_value, language)
    if test.df_den is None:  # Pearson or first-order Rao-Scott: X^2 on chi-square df
        return _("Test of independence, {test}: chi-square = {x} on {df} df, {p}.", test=name,
                 x=fmt.number(test.statistic, language),
                 df=fmt.number(round(test.df_num), language), p=p)
    return _("Test of independence, {test}: F = {f} on {df1} and {df2} df, {p}.", test=name,
             f=fmt.number(test.statistic, language), df1=fmt.number(test.df_num, language),
             df2=fmt.number(test.df_den, language), p=p)


def crosstab_table(res: QuestionResult, crosstab: Crosstab, labels: Labels,
                   spec: ReportSpec) -> Block:
    _ = labels._
    q, by = res.question, crosstab.breakdown
    label, by_label = q.label(labels.language), labels.question(by)
    title = _("{question} by {breakdown}", question=label, breakdown=by_label)
    if crosstab.problem is not None:
        reason = MethodText(labels.language).messages(crosstab.problem)
        return Paragraph(_("{title}: not estimated: {reason}", title=title, reason=reason),
                         "note")
    columns = (Column("group", _("Group")), Column("answer", _("Answer")),
               Column("estimate", _("Column %"), "percent"),
               Column("ci_low", _("CI low"), "percent"), Column("ci_high", _("CI high"), "percent"),
               Column("count", _("Cell count"), "integer"), Column("n", _("n"), "integer"),
               mark_column(labels))
    context: list[tuple[Column, object]] = [(Column("question", _("Question")), label),
                                            (Column("breakdown", _("Breakdown")), by_label)]
    if crosstab.result is not None:
        frame, row_col = crosstab.result.table, q.name
        test = crosstab.result.test
        notes: tuple[str, ...] = (_test_note(test, labels),)
        context += [(Column("F", _("F"), "number"), float(test.statistic)),
                    (Column("p_value", _("p"), "pvalue"), float(test.p_value))]
        counts, base = frame["n"], frame["base"]
    else:
        frame, row_col = crosstab.groups.table, "category"  # type: ignore[union-attr]
        notes = (_("Several answers were allowed: no test of independence."),)
        context += [(Column("F", _("F"), "number"), None), (Column("p_value", _("p"), "pvalue"), None)]
        counts, base = frame["n"] * 0 - 1, frame["n"]
    status = statuses(crosstab.reliability, spec.reliability, len(frame))
    cells = sorted(zip(frame[by], frame[row_col], frame["estimate"], frame["ci_low"],
                       frame["ci_high"], counts, base, status, strict=True),
                   key=lambda c: (labels.order(by, c[0]), _position(q.name, q.kind, c[1], labels)))
    kept = [c for c in cells if c[5] != 0]  # answers nobody in the group gave are not listed
    rows = [(labels.choice(by, g), _answer(q.name, q.kind, a, labels), float(e), float(lo),
             float(hi), int(k) if k >= 0 else None, int(b), "")
            for g, a, e, lo, hi, k, b, _st in kept]
    if len(kept) < len(cells):
        notes += (_("Answers nobody in a group gave (0%) are not listed."),)
    return marked_table(f"q.{q.name}.by.{by}", title, columns, rows,
                        tuple(c[7] for c in kept), labels, group="crosstab",
                        context=tuple(context), notes=notes, sheet=_("Cross-tabs"))
