"""Kelisim reports: Excel and PDF reports of the analysis results in Kazakh, Russian or English.

    from reports import ReportSpec, build_report
    build_report("field.db", spec=ReportSpec(language="ru"), xlsx="r.xlsx", pdf="r.pdf")
"""

from reports.api import ReportResult as ReportResult
from reports.api import build_report as build_report
from reports.errors import ReportCancelled as ReportCancelled
from reports.errors import ReportError as ReportError
from reports.errors import SpecError as SpecError
from reports.spec import ReportSpec as ReportSpec
from reports.spec import load_spec as load_spec
from reports.spec import save_spec as save_spec
