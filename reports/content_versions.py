"""What the campaign section says when its waves were recorded on different questionnaire versions:
the versions of each wave, the recorded notes on the changes, a table of what changed for each
indicator and whether it is compared, and the reasons (from the questionnaire's version
changes), each once with the indicators it applies to."""

from __future__ import annotations

from reports.compute import Results
from reports.document import Block, Column, Paragraph, Table
from reports.labels import Labels
from survey.versions import ItemVerdict

_STATUS = {"reworded": "reworded in version {version}", "moved": "moved in version {version}",
           "new": "new in version {version}"}


def version_blocks(results: Results, labels: Labels) -> list[Block]:
    """Nothing when every wave was recorded on the same version."""
    versions = results.versions
    if versions is None or not versions.mixed:
        return []
    _, lang = labels._, labels.language
    recorded = "; ".join(_("{wave}: version {versions}", wave=labels.wave_short(wave),
                           versions=", ".join(found)) for wave, found in versions.versions)
    blocks: list[Block] = [Paragraph(_(
        "The waves were recorded on different versions of the questionnaire ({recorded}). A "
        "change of wording, answer options or question order can change the answers by itself, "
        "so only indicators asked the same way in every version are compared between the "
        "waves; the reasons follow the table below.", recorded=recorded), "note")]
    if versions.changes is None:
        blocks.append(Paragraph(_("No record of the changes between these versions exists for "
                                  "this questionnaire, so no indicator is compared."), "note"))
    else:
        present = set(versions.all_versions)
        blocks += [Paragraph(_("Version {version}: {note}", version=step.version,
                               note=step.note.get(lang)), "note")
                   for step in versions.changes.steps
                   if step.version in present and step.note]
    rows = [_row(labels.indicator(r.indicator.key), r.verdict, labels)
            for r in results.indicators if r.verdict is not None]
    if results.exposure is not None:
        rows.append(_row(_("Exposure to the campaign"), results.exposure, labels))
    columns = (Column("indicator", _("Indicator")), Column("change", _("Change")),
               Column("compared", _("Compared")))
    blocks.append(Table("campaign.versions", _("Indicators across questionnaire versions"),
                        columns, tuple(row[:3] for row in rows), "versions"))
    reasons: dict[str, list[str]] = {}
    for name, _change, _compared, reason in rows:
        if reason:
            reasons.setdefault(reason, []).append(name)
    blocks += [Paragraph(_("{indicators}: {reason}", indicators="; ".join(names),
                           reason=reason), "note") for reason, names in reasons.items()]
    if results.exposure is not None and not results.exposure.comparable:
        blocks.append(Paragraph(_(
            "The difference-in-differences is not shown: the question on exposure to the "
            "campaign was not asked the same way in every version (see the table), so the "
            "exposed and not exposed groups of the two waves are not defined alike."), "note"))
    return blocks


def _row(name: str, verdict: ItemVerdict, labels: Labels) -> tuple[str, str, str, str]:
    _, lang = labels._, labels.language
    compared = _("yes") if verdict.comparable else _("no")
    if verdict.unknown_versions:
        return (name, _("not recorded"), compared,
                _("No record of the changes in version {versions}.",
                  versions=", ".join(verdict.unknown_versions)))
    if not verdict.changes:
        return name, _("unchanged"), compared, ""
    what, why = [], []
    for step, change in verdict.changes:
        if change is None:
            what.append(_("not listed for version {version}", version=step.version))
            continue
        text = (_(_STATUS[change.status], version=step.version)
                if change.status in _STATUS else _("unchanged"))
        if change.previous:
            text += " " + _("(was {name})", name=change.previous)
        what.append(text)
        if change.note:
            why.append(change.note.get(lang))
    return name, "; ".join(what), compared, " ".join(why)
