"""Write the survey used by the R oracle ``r_survey_reports.R`` (report weighting and CIs).

Demo interviews (two waves, all 20 regions) generated through the interview engine, the
consenting respondents' design and answer columns only. The CSV is stored in
``tests/analysis/fixtures/``; regenerate only when the oracle changes:

    .venv/bin/python tests/reference/make_reports_data.py
    Rscript tests/reference/r_survey_reports.R
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from survey.demo import DemoOptions, fill_database
from survey.export import interview_table
from survey.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "analysis" / "fixtures"
COLUMNS = ("region", "sampling_point", "settlement", "sex", "age_group", "wave",
           "campaign_exposed", "heard_mediation")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        with Store.open(path) as store:
            fill_database(store, DemoOptions(interviews=1500, seed=29, draft_share=0.0,
                                             paradata=False))
            frame = interview_table(store, status="complete").frame
    frame = frame[frame["consent"] == "yes"].sort_values("uuid")
    frame[list(COLUMNS)].to_csv(FIXTURES / "reports_survey.csv", index=False)


if __name__ == "__main__":
    main()
