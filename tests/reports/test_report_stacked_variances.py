"""A report's Excel cells are the same whatever way the variances are stacked.

The analysis takes the PSU totals of raking residuals from the scores' PSU totals and category
sums, the variances of a crosstab's columns one call per column domain and every region
against the rest from one pass. Here the same report is built a second time with the former
computations (raking residuals formed row by row, one variance call per column) put back: every
text cell is identical and every number equal up to rounding (1e-9 relative).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from analysis.design import Design
from analysis.raking import RakedDesign
from reports.api import build_report
from reports.spec import ReportSpec
from tests.reports.conftest import FIXED_NOW


def _row_level_totals(self: RakedDesign, scores: np.ndarray) -> np.ndarray:
    return self.psu_totals(self.residuals(scores))


def _column_by_column(self: Design, scores: np.ndarray, domains: list[np.ndarray]) -> np.ndarray:
    totals = self.influence_psu_totals(scores)
    return np.array([self.variance_of_psu_totals(totals[:, j:j + 1], self.rules_domain(domain),
                                                 diagonal=True)[0]
                     for j, domain in enumerate(domains)])


def _cells(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [[cell.value for cell in row] for row in ws.iter_rows()]
            for ws in book.worksheets}


def _same(now: object, before: object) -> bool:
    if isinstance(now, float) and isinstance(before, float):
        return math.isclose(now, before, rel_tol=1e-9, abs_tol=1e-12)
    return now == before


@pytest.mark.parametrize("weighting", ["raked", "design"])
def test_report_xlsx__stacked_variances__same_cells_as_column_by_column(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, weighting: str) -> None:
    spec = ReportSpec(language="ru", weighting=weighting, breakdowns=("region", "sex"))
    build_report(demo_db, spec=spec, xlsx=tmp_path / "now.xlsx", now=FIXED_NOW)
    monkeypatch.setattr(RakedDesign, "influence_psu_totals", _row_level_totals)
    monkeypatch.setattr(Design, "domain_variances", _column_by_column)
    build_report(demo_db, spec=spec, xlsx=tmp_path / "before.xlsx", now=FIXED_NOW)
    now, before = _cells(tmp_path / "now.xlsx"), _cells(tmp_path / "before.xlsx")
    assert list(now) == list(before)
    numbers = 0
    for sheet, rows in now.items():
        assert len(rows) == len(before[sheet]), sheet
        for r, (row, old) in enumerate(zip(rows, before[sheet], strict=True), start=1):
            assert len(row) == len(old), (sheet, r)
            for c, (value, was) in enumerate(zip(row, old, strict=True), start=1):
                assert _same(value, was), (sheet, r, c, value, was)
                numbers += isinstance(value, float)
    assert numbers > 1000  # the estimates, intervals and tests of every table were compared
