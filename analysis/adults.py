"""Population margins of adults (18+), the population the survey samples.

``analysis/data/kz_population_adults.csv`` holds, per dimension, the adult figures and how each
was obtained (``status``): ``derived`` where an official table gives them (national adults by
sex: the BNS total minus the 0-17 band), ``approximated`` where none exists (regions and
settlement types: the all-ages total times the national adult share, which assumes the same
adult share everywhere), and the age bands as published (adult by definition). Design weights
and raking targets are taken from here; :func:`adult_notes` says plainly, per dimension, what
is approximated, for the methodology section.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd

from analysis.codes import RakingCode, RakingProblem
from analysis.errors import RakingError
from analysis.margins import MarginSource
from survey.messages import Message, MessageCode

FILE = "kz_population_adults.csv"


class PopulationCode(MessageCode):
    """How the adult figures of each bundled dimension were obtained."""

    ADULTS_SEX = ("population.adults_sex", ())
    ADULTS_REGION = ("population.adults_region", ("share",))
    ADULTS_SETTLEMENT = ("population.adults_settlement", ("share",))
    ADULTS_AGE = ("population.adults_age", ())


def adult_table() -> pd.DataFrame:
    path = resources.files("analysis") / "data" / FILE
    with path.open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype={"population": float}, keep_default_na=False)


def adult_counts(dimension: str) -> pd.Series:
    """Adult population of one dimension, indexed by the questionnaire's category codes."""
    table = adult_table()
    rows = table[table["dimension"] == dimension]
    if rows.empty:
        raise RakingError(RakingCode.UNKNOWN_MARGIN, dimension=dimension,
                          known=list(dict.fromkeys(table["dimension"])))
    counts = pd.Series(rows["population"].to_numpy(dtype=float), index=rows["category"])
    counts.index.name, counts.name = dimension, "population"
    return counts


def adult_margin(dimension: str, *, total: float) -> pd.Series:
    """Adult shares of ``dimension`` scaled to ``total`` (e.g. the sum of design weights)."""
    if not total > 0:
        raise RakingError(RakingCode.BAD_ARGUMENT, argument="total", value=f"{total:g}",
                          problem=RakingProblem.NOT_POSITIVE.message())
    counts = adult_counts(dimension)
    return (counts / counts.sum() * float(total)).rename("population")


def adult_source(dimension: str) -> MarginSource:
    """Source, reference date and the derivation of every figure of one dimension."""
    rows = adult_table()
    rows = rows[rows["dimension"] == dimension]
    if rows.empty:
        raise RakingError(RakingCode.UNKNOWN_MARGIN, dimension=dimension,
                          known=list(dict.fromkeys(adult_table()["dimension"])))
    notes = tuple(f"{r.category}: {r.status}; {r.derivation}" for r in rows.itertuples()
                  if r.status != "read")
    dates = tuple(dict.fromkeys(d for cell in rows["reference_date"]
                                for d in str(cell).split("; ")))
    return MarginSource(dimension, "; ".join(dict.fromkeys(rows["source"])), dates, notes)


def adult_share() -> float:
    """National adults (18+, by sex) over the all-ages total of the regions."""
    from analysis.margins import population_counts

    return float(adult_counts("sex").sum() / population_counts("region").sum())


def adult_notes(dimensions: tuple[str, ...]) -> tuple[Message, ...]:
    """One message per bundled dimension: how its adult figures were obtained."""
    share = round(100 * adult_share(), 1)
    known = {"sex": PopulationCode.ADULTS_SEX.message(),
             "region": PopulationCode.ADULTS_REGION.message(share=share),
             "settlement": PopulationCode.ADULTS_SETTLEMENT.message(share=share),
             "age_group": PopulationCode.ADULTS_AGE.message()}
    return tuple(known[d] for d in dimensions if d in known)
