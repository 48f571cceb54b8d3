"""Run the R scripts that exports write, and store what R says (the oracle of the export tests).

Builds the demo database the test builds (bundled questionnaire, ``DEMO`` options), exports it
as sav, dta, csv and xlsx with the design columns and syntax files, runs each export's R
script with ``Rscript`` (packages ``survey``, ``haven``, ``readxl``) and writes
``tests/reports/fixtures/export_r_headline.json``: per format, the estimate and standard error
R prints for the report's first headline indicator, and a copy of each R script, so the test
knows the fixture belongs to the scripts the code writes today.

Run: ``.venv/bin/python tests/reference/make_export_r_fixture.py`` (needs R; CI does not).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from reports.exports import ExportOptions, export_survey
from survey.demo import DemoOptions, fill_database
from survey.store import Store

OUT = Path(__file__).resolve().parents[1] / "reports" / "fixtures" / "export_r_headline.json"
DEMO = {"interviews": 400, "seed": 11, "paradata": False}
FORMATS = ("sav", "dta", "csv", "xlsx")


def build_database(path: Path) -> Path:
    with Store.open(path) as store:
        fill_database(store, DemoOptions(**DEMO))  # type: ignore[arg-type]
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = build_database(Path(folder) / "demo.db")
        results = {}
        for fmt in FORMATS:
            out = Path(folder) / f"export_{fmt}.{fmt}"
            export_survey(db, out, ExportOptions(fmt, language="en", codebook=False))
            script = out.with_suffix(".R")
            run = subprocess.run(["Rscript", str(script)], capture_output=True, text=True,
                                 check=True)
            line = next(x for x in run.stdout.splitlines() if x.startswith("headline "))
            _, estimate, se = line.split()
            results[fmt] = {"estimate": float(estimate), "se": float(se),
                            "script": script.read_text(encoding="utf-8")}
        versions = subprocess.run(
            ["Rscript", "-e", 'cat(R.version.string, "survey", '
             'as.character(packageVersion("survey")), "haven", '
             'as.character(packageVersion("haven")))'],
            capture_output=True, text=True, check=True).stdout
    OUT.write_text(json.dumps({"demo": DEMO, "r": versions, "formats": results},
                              ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
