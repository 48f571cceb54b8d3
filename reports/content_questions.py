"""The per-question section: weighted distribution with CIs, a chart, and cross-tabulations."""

from __future__ import annotations

from reports import formatting as fmt
from reports.compute import Crosstab, QuestionResult, Results
from reports.document import Block, Chart, Column, Heading, Paragraph, Section, Series, Table
from reports.labels import Labels
from reports.spec import ReportSpec
from survey.i18n import Translator

SMALL_N = 30


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
        "{level} confidence intervals; cross-tabulations show column percentages and the "
        "Rao-Scott test of independence. Rows marked in the n < 30 column rest on fewer than "
        "30 answers.", level=f"{spec.confidence:.0%}"), "note")]
    for res in results.questions:
        blocks += question_blocks(res, labels)
    return Section("questions", _("Results by question"), _("Questions"), tuple(blocks))


def question_blocks(res: QuestionResult, labels: Labels) -> list[Block]:
    _ = labels._
    q = res.question
    label = q.label(labels.language)
    blocks: list[Block] = [Heading(label, 2, f"q.{q.name}")]
    if res.problem is not None or res.distribution is None:
        return [*blocks, Paragraph(_("Not estimated: {reason}", reason=res.problem), "note")]
    context = ((Column("question", _("Question")), label),)
    frame = res.distribution.table
    if q.kind == "number":
        row = frame.iloc[0]
        table = Table(f"q.{q.name}", label, estimate_columns(_, "number"),
                      ((float(row["estimate"]), float(row["ci_low"]), float(row["ci_high"]),
                        int(row["n"])),), "means", context)
        return [*blocks, Paragraph(_("Mean"), "note"), table]
    answers = [_answer(q.name, q.kind, c, labels) for c in frame["category"]]
    rows = tuple((a, float(r.estimate), float(r.ci_low), float(r.ci_high), int(r.n),
                  int(r.n) < SMALL_N) for a, r in zip(answers, frame.itertuples(), strict=True))
    columns = (Column("answer", _("Answer")), *estimate_columns(_),
               Column("few", _("n < 30"), "flag"))
    blocks.append(Table(f"q.{q.name}", label, columns, rows, "distribution", context,
                        small=tuple(r[-1] for r in rows)))
    if res.likert is not None:
        blocks.append(_likert_table(res, label, context, labels))
    blocks.append(Chart(f"q.{q.name}.chart", "distribution", label,
                        (Series(label, tuple(answers), tuple(r[1] for r in rows),
                                tuple(r[2] for r in rows), tuple(r[3] for r in rows)),),
                        axis_label=_("Share of respondents"), source_table=f"q.{q.name}"))
    for crosstab in res.crosstabs:
        blocks.append(crosstab_table(res, crosstab, labels))
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
                  labels: Labels) -> Table:
    _ = labels._
    mean = res.likert.mean.table.iloc[0]  # type: ignore[union-attr]
    top = res.likert.top_box.table.iloc[0]  # type: ignore[union-attr]
    columns = (Column("mean", _("Mean score"), "number"),
               Column("mean_low", _("CI low"), "number"),
               Column("mean_high", _("CI high"), "number"),
               Column("top2", _("Agree (top 2)"), "percent"),
               Column("top2_low", _("CI low"), "percent"),
               Column("top2_high", _("CI high"), "percent"), Column("n", _("n"), "integer"))
    row = (float(mean["estimate"]), float(mean["ci_low"]), float(mean["ci_high"]),
           float(top["estimate"]), float(top["ci_low"]), float(top["ci_high"]), int(top["n"]))
    notes: tuple[str, ...] = ()
    if res.question.missing:
        left, right = ("«", "»") if labels.language in ("kk", "ru") else ("“", "”")
        notes = (_("The mean score and the top-2 share leave out the answers {answers}.",
                   answers=", ".join(f"{left}{labels.choice(res.question.name, m)}{right}"
                                     for m in res.question.missing)),)
    return Table(f"q.{res.question.name}.likert", label, columns, (row,), "likert",
                 context, notes, small=(int(top["n"]) < SMALL_N,),  # type: ignore[arg-type]
                 sheet=_("Scales"))


def crosstab_table(res: QuestionResult, crosstab: Crosstab, labels: Labels) -> Block:
    _ = labels._
    q, by = res.question, crosstab.breakdown
    label, by_label = q.label(labels.language), labels.question(by)
    title = _("{question} by {breakdown}", question=label, breakdown=by_label)
    if crosstab.problem is not None:
        return Paragraph(_("{title}: not estimated: {reason}", title=title,
                           reason=crosstab.problem), "note")
    columns = (Column("group", _("Group")), Column("answer", _("Answer")),
               Column("estimate", _("Column %"), "percent"),
               Column("ci_low", _("CI low"), "percent"), Column("ci_high", _("CI high"), "percent"),
               Column("n", _("n"), "integer"), Column("few", _("n < 30"), "flag"))
    context: list[tuple[Column, object]] = [(Column("question", _("Question")), label),
                                            (Column("breakdown", _("Breakdown")), by_label)]
    if crosstab.result is not None:
        frame, row_col = crosstab.result.table, q.name
        test = crosstab.result.test
        notes = (_("Rao-Scott test of independence: F = {f} on {df1} and {df2} df, {p}.",
                   f=fmt.number(test.statistic, labels.language),
                   df1=fmt.number(test.df_num, labels.language),
                   df2=fmt.number(test.df_den, labels.language),
                   p=fmt.p_text(test.p_value, labels.language)),)
        context += [(Column("F", _("F"), "number"), float(test.statistic)),
                    (Column("p_value", _("p"), "pvalue"), float(test.p_value))]
        base = frame.groupby(by, sort=False)["n"].transform("sum")
    else:
        frame, row_col = crosstab.groups.table, "category"  # type: ignore[union-attr]
        notes = (_("Several answers were allowed: no test of independence."),)
        context += [(Column("F", _("F"), "number"), None), (Column("p_value", _("p"), "pvalue"), None)]
        base = frame["n"]
    cells = sorted(zip(frame[by], frame[row_col], frame["estimate"], frame["ci_low"],
                       frame["ci_high"], frame["n"], base, strict=True),
                   key=lambda c: (labels.order(by, c[0]), _position(q.name, q.kind, c[1], labels)))
    rows = tuple((labels.choice(by, g), _answer(q.name, q.kind, a, labels), float(e), float(lo),
                  float(hi), int(n), int(b) < SMALL_N) for g, a, e, lo, hi, n, b in cells)
    return Table(f"q.{q.name}.by.{by}", title, columns, rows, "crosstab",
                 tuple(context), notes, tuple(r[-1] for r in rows),  # type: ignore[arg-type]
                 sheet=_("Cross-tabs"))

