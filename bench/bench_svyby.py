"""Benchmark: 40 variables x 20 regions by-group means with SEs, ours vs R ``svyby``.

Run by hand: ``.venv/bin/python bench/bench_svyby.py`` (needs Rscript with ``survey``).
Generates 100,000 interviews (20 regions as strata, 25 clusters per region as PSUs, unequal
weights; 15 binary, 10 categorical and 15 numeric variables), times
``analysis.by_group`` and, in the same run, R's ``svyby(~v1+...+v40, ~region, design,
svymean)`` (``system.time`` around ``svyby`` only), checks that the first estimate and SE
agree, and prints both times and the ratio ours / R (target <= 1.0). Each side runs
``REPEATS`` times in its own process; the first (cold) run and the best run are reported, as
timings on a shared machine are noisy.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis import Design, by_group

N, REGIONS, PSUS, SEED, REPEATS = 100_000, 20, 25, 7, 5


def make_data() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    region = rng.integers(0, REGIONS, N)
    psu = rng.integers(0, PSUS, N)
    data = {"region": [f"r{r:02d}" for r in region], "psu": psu + 1,
            "w": rng.gamma(3.0, 100.0, N) + 10}
    effect = rng.normal(0, 0.5, (REGIONS, PSUS))[region, psu]
    for j in range(40):
        latent = effect + rng.normal(0, 1, N)
        if j < 15:
            data[f"v{j + 1}"] = (latent > rng.normal(0, 0.5)).astype(float)
        elif j < 25:
            data[f"v{j + 1}"] = np.array(list("abcde"))[np.digitize(latent, [-1, -0.3, 0.3, 1])]
        else:
            data[f"v{j + 1}"] = np.round(40 + 10 * latent, 3)
    return pd.DataFrame(data)


def time_ours(data: pd.DataFrame) -> tuple[float, float, pd.DataFrame]:
    start = time.perf_counter()
    design = Design.from_frame(data, weights="w", strata="region", psu="psu")
    built = time.perf_counter()
    table = by_group(design, [f"v{j + 1}" for j in range(40)], by="region").table
    done = time.perf_counter()
    return built - start, done - built, table


def time_r(path: Path) -> tuple[list[float], str]:
    script = Path(__file__).with_name("bench_svyby.R")
    out = subprocess.run(["Rscript", str(script), str(path), str(REPEATS)], check=True,
                         capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("seconds"))
    first = next(line for line in out.splitlines() if line.startswith("first"))
    return [float(v) for v in line.split()[1:]], first


def main() -> None:
    data = make_data()
    runs = [time_ours(data) for _ in range(REPEATS)]
    ours = [r[1] for r in runs]
    table = runs[0][2]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        data.to_csv(path, index=False)
        r_times, first = time_r(path)
    row = table.iloc[0]
    print(f"rows {N}, regions {REGIONS}, PSUs {REGIONS * PSUS}, variables 40, "
          f"table rows {len(table)}, repeats {REPEATS}")
    print(f"ours  by_group: first {ours[0]:.3f} s, best {min(ours):.3f} s "
          f"(design build {runs[0][0]:.3f} s)")
    print(f"R     svyby:    first {r_times[0]:.3f} s, best {min(r_times):.3f} s")
    print(f"ratio ours/R:   first {ours[0] / r_times[0]:.3f}, best {min(ours) / min(r_times):.3f}")
    print(f"check first estimate/SE  ours {row['estimate']:.10g} {row['se']:.10g}  R {first[6:]}")


if __name__ == "__main__":
    main()
