"""Benchmark: 40 variables x 20 regions by-group means with SEs, ours vs R ``svyby``.

Run by hand: ``.venv/bin/python bench/bench_svyby.py`` (needs Rscript with ``survey``).
Generates 100,000 interviews (20 regions as strata, 25 clusters per region as PSUs, unequal
weights; 15 binary, 10 categorical and 15 numeric variables), times
``analysis.by_group`` and, in the same run, R's ``svyby(~v1+...+v40, ~region, design,
svymean)`` (``system.time`` around ``svyby`` only), checks that the first estimate and SE
agree, and prints both times and the ratio ours / R (target <= 1.0). Each side runs
``REPEATS`` times (R once on a raked design) in its own process; the first (cold) run and the best run are reported, as
timings on a shared machine are noisy.

``--raked``: the design is first raked to margins of region, sex, age group and settlement
(``analysis.rake`` / R ``rake``, outside the timed part) and the same table is timed on the
raked design (variances from raking residuals on both sides).
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

from analysis import Design, by_group, rake

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
    extra = np.random.default_rng(SEED + 1)
    data["sex"] = extra.choice(["m", "f"], N)
    data["age"] = extra.choice(["18-29", "30-49", "50+"], N, p=[0.3, 0.4, 0.3])
    data["settle"] = extra.choice(["urban", "rural"], N, p=[0.6, 0.4])
    return pd.DataFrame(data)


def population(data: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Raking targets: sample shares of each margin, tilted, on 10 million people."""
    margins = {}
    for column in ("region", "sex", "age", "settle"):
        share = data[column].value_counts(normalize=True).sort_index()
        tilt = np.linspace(0.8, 1.2, len(share))
        share = share * tilt / (share * tilt).sum()
        margins[column] = {str(k): float(v) * 1e7 for k, v in share.items()}
    return margins


def time_ours(data: pd.DataFrame, raked: bool) -> tuple[float, float, pd.DataFrame]:
    start = time.perf_counter()
    design = Design.from_frame(data, weights="w", strata="region", psu="psu")
    if raked:
        design = rake(design, population(data)).design
    built = time.perf_counter()
    table = by_group(design, [f"v{j + 1}" for j in range(40)], by="region").table
    done = time.perf_counter()
    return built - start, done - built, table


def time_r(path: Path, raked: bool) -> tuple[list[float], str]:
    script = Path(__file__).with_name("bench_svyby.R")
    # R's svyby on a raked design takes minutes per run: time it once
    repeats = 1 if raked else REPEATS
    command = ["Rscript", str(script), str(path), str(repeats)] + (["raked"] if raked else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("seconds"))
    first = next(line for line in out.splitlines() if line.startswith("first"))
    return [float(v) for v in line.split()[1:]], first


def main() -> None:
    raked = "--raked" in sys.argv[1:]
    data = make_data()
    runs = [time_ours(data, raked) for _ in range(REPEATS)]
    ours = [r[1] for r in runs]
    table = runs[0][2]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        data.to_csv(path, index=False)
        if raked:
            margins = pd.DataFrame([(c, k, v) for c, m in population(data).items()
                                    for k, v in m.items()], columns=["margin", "level", "freq"])
            margins.to_csv(Path(tmp) / "margins.csv", index=False)
        r_times, first = time_r(path, raked)
    row = table.iloc[0]
    print(f"design: {'raked to region, sex, age, settlement' if raked else 'as sampled'}")
    print(f"rows {N}, regions {REGIONS}, PSUs {REGIONS * PSUS}, variables 40, "
          f"table rows {len(table)}, repeats {REPEATS}")
    print(f"ours  by_group: first {ours[0]:.3f} s, best {min(ours):.3f} s "
          f"(design build {runs[0][0]:.3f} s)")
    print(f"R     svyby:    first {r_times[0]:.3f} s, best {min(r_times):.3f} s")
    print(f"ratio ours/R:   first {ours[0] / r_times[0]:.3f}, best {min(ours) / min(r_times):.3f}")
    print(f"check first estimate/SE  ours {row['estimate']:.10g} {row['se']:.10g}  R {first[6:]}")


if __name__ == "__main__":
    main()
