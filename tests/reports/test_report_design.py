"""The design a report is computed on: the bundled form's strata and PSUs when present."""

from __future__ import annotations

from reports.api import ReportResult


def test_report_design__bundled_form__stratified_by_region_clustered_by_sampling_point(
        kazakh_report: ReportResult):
    design = kazakh_report.results.weighting.design
    assert design.strata_column == "region"
    assert design.psu_column == "sampling_point"
    analysed = kazakh_report.snapshot.analysed
    assert design.n_strata == analysed["region"].nunique()
    assert design.n_psu == analysed.groupby("region")["sampling_point"].nunique().sum()
    campaign = kazakh_report.results.campaign_weighting
    assert campaign is not None  # the demo data has two waves
    assert (campaign.design.strata_column, campaign.design.psu_column) == ("region",
                                                                          "sampling_point")
