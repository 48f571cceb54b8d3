"""Benchmark: raking 100,000 interviews on four margins (region, sex, age group, settlement).

Times ``analysis.raking.rake`` and R ``survey::rake`` on the same data in the same run (R is
timed inside R, excluding start-up and reading the CSV) and prints both and the ratio
(ours / R). Target: ours under 1 s. Run by hand:

    .venv/bin/python bench/bench_raking.py [rows]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.design import Design
from analysis.margins import bundled_margins
from analysis.raking import rake

DIMENSIONS = ("region", "sex", "age_group", "settlement")
R_SCRIPT = r"""
suppressPackageStartupMessages({library(survey); library(jsonlite)})
args <- commandArgs(TRUE)
df <- read.csv(args[1], stringsAsFactors = FALSE)
pop <- fromJSON(args[2])
pm <- lapply(names(pop), function(n) { d <- data.frame(names(pop[[n]]), unlist(pop[[n]]));
  names(d) <- c(n, "Freq"); d })
sm <- lapply(names(pop), function(n) as.formula(paste0("~", n)))
des <- svydesign(ids = ~psu, strata = ~region, weights = ~w, data = df, nest = TRUE)
t <- system.time(r <- rake(des, sm, pm, control = list(maxit = 50, epsilon = 1)))[["elapsed"]]
writeLines(sprintf("%.17g", c(t, weights(r))), args[3])
"""


def make_data(rows: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    targets = bundled_margins(DIMENSIONS, total=1.0)
    frame = pd.DataFrame({
        name: rng.choice(list(share.index), rows, p=_tilt(share.to_numpy(), rng))
        for name, share in targets.items()})
    frame = frame.sort_values("region", kind="stable").reset_index(drop=True)
    frame["psu"] = np.arange(rows) // 10
    frame["w"] = np.round(rng.lognormal(0, 0.4, rows), 4)
    return frame


def _tilt(p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    q = p * rng.uniform(0.6, 1.4, len(p))
    return q / q.sum()


def main(rows: int = 100_000) -> None:
    frame = make_data(rows)
    design = Design.from_frame(frame, weights="w", strata="region", psu="psu")
    targets = bundled_margins(DIMENSIONS, total=float(design.weights.sum()))
    rake(design, targets, max_iter=50)  # warm-up
    start = time.perf_counter()
    result = rake(design, targets, max_iter=50)
    ours = time.perf_counter() - start
    print(f"ours: {ours:.3f} s for {rows:,} rows, {result.iterations} sweeps")
    with tempfile.TemporaryDirectory() as tmp:
        data, pop, out = Path(tmp, "d.csv"), Path(tmp, "p.json"), Path(tmp, "o.txt")
        frame.to_csv(data, index=False)
        pop.write_text(json.dumps({k: v.to_dict() for k, v in targets.items()}))
        script = Path(tmp, "rake.R")
        script.write_text(R_SCRIPT)
        try:
            subprocess.run(["Rscript", str(script), str(data), str(pop), str(out)], check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"R survey::rake not run: {exc}")
            return
        values = np.loadtxt(out)
    r_time, r_weights = float(values[0]), values[1:]
    gap = float(np.max(np.abs(r_weights - result.weights) / r_weights))
    print(f"R survey::rake: {r_time:.3f} s")
    print(f"ratio ours/R: {ours / r_time:.3f}  (largest relative weight difference {gap:.2e})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
