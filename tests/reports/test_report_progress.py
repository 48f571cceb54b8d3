"""The progress of a report keeps moving while the PDF is laid out and drawn."""

from __future__ import annotations

from pathlib import Path

from reports.api import PDF_TICKS, build_report
from reports.spec import ReportSpec


def test_report_pdf__progress__many_steps_while_the_pdf_is_written(demo_db: Path, tmp_path: Path):
    calls: list[tuple[int, int]] = []

    build_report(demo_db, spec=ReportSpec(breakdowns=("sex",)), pdf=tmp_path / "r.pdf",
                 progress=lambda done, total: calls.append((done, total)))

    total = calls[-1][1]
    assert calls[-1][0] == total
    done = [d for d, _t in calls]
    assert done == sorted(done)  # never goes back
    in_pdf = {d for d in done if total - 1 - PDF_TICKS <= d < total - 1}
    assert len(in_pdf) >= PDF_TICKS // 2  # not stuck at one value while the PDF is written
