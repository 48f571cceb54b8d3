"""Bundled population margins for Kazakhstan (raking targets).

The figures live in ``analysis/data/`` with their source, reference date and, for computed or
derived figures, the arithmetic (see ``analysis/data/README.md``). Region and age-group codes are
those of the bundled questionnaire. Caveat: region, sex and settlement margins count the total
population (all ages), the age margin counts adults (18+); for a survey of adults use
proportions scaled to one adult total (``margin(dimension, total=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import pandas as pd

from analysis.codes import RakingCode, RakingProblem
from analysis.errors import RakingError
from analysis.phrases import joined
from survey.messages import Message, MessageCode

#: Dimensions :func:`margin` knows, with the questionnaire column each one targets.
DIMENSIONS: tuple[str, ...] = ("region", "settlement", "sex", "age_group")
#: Region codes of the bundled questionnaire, in its order.
REGION_CODES: tuple[str, ...] = (
    "abai", "akmola", "aktobe", "almaty_region", "atyrau", "east_kazakhstan", "jambyl", "jetisu",
    "karaganda", "kostanay", "kyzylorda", "mangystau", "north_kazakhstan", "pavlodar",
    "turkistan", "ulytau", "west_kazakhstan", "astana", "almaty", "shymkent",
)


class MarginCode(MessageCode):
    """Reference dates of the bundled figures."""

    DATE = ("analysis.margin.date", ("date",))
    YEAR = ("analysis.margin.year", ("year",))


@dataclass(frozen=True, slots=True)
class MarginSource:
    """Where a margin comes from: source text, reference date and any derivation notes.

    ``source`` and ``notes`` are the data files' provenance text, quoted as recorded;
    ``dates`` are the reference dates of its rows (an ISO date, or a year alone when the source
    states no date); :meth:`reference` gives them as a message.
    """

    dimension: str
    source: str
    dates: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def reference_date(self) -> str:
        return "; ".join(self.dates)

    def reference(self) -> Message:
        """The reference date(s): a date, or a year with "date not stated by source"."""
        return joined([MarginCode.YEAR.message(year=d) if len(d) == 4 and d.isdigit()
                       else MarginCode.DATE.message(date=d) for d in self.dates])


def _read(name: str) -> pd.DataFrame:
    path = resources.files("analysis") / "data" / name
    with path.open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype={"population": "Int64", "reference_date": str},
                           keep_default_na=False,
                           na_values={"population": [""]})


def regional_table() -> pd.DataFrame:
    """The 20 units with population, urban and rural counts (BNS, 1 January 2023)."""
    return _read("kz_population_regions.csv")


def national_table() -> pd.DataFrame:
    """National rows (sex, settlement, age group, source bands) with status and derivation."""
    return _read("kz_population_national.csv")


def population_counts(dimension: str) -> pd.Series:
    """Population counts of one dimension, indexed by the questionnaire's category codes."""
    if dimension == "region":
        table = regional_table()
        counts = pd.Series(table["population"].astype(float).to_numpy(), index=table["region"])
    else:
        table = national_table()
        rows = table[table["dimension"] == dimension]
        if rows.empty:
            raise RakingError(RakingCode.UNKNOWN_MARGIN, dimension=dimension,
                              known=("region", *dict.fromkeys(table["dimension"])))
        if rows["population"].isna().any():
            missing = tuple(rows.loc[rows["population"].isna(), "category"])
            raise RakingError(RakingCode.MISSING_FIGURE, dimension=dimension, categories=missing)
        counts = pd.Series(rows["population"].astype(float).to_numpy(), index=rows["category"])
    counts.index.name = dimension
    counts.name = "population"
    return counts


def margin(dimension: str, *, total: float | None = None, proportions: bool = False) -> pd.Series:
    """A bundled margin as counts, proportions, or counts scaled to ``total``.

    ``total`` (e.g. the sum of the sample's design weights, or the adult population) rescales
    the population shares; ``proportions=True`` returns shares summing to 1.
    """
    counts = population_counts(dimension)
    shares = counts / counts.sum()
    if proportions:
        if total is not None:
            raise RakingError(RakingCode.BAD_ARGUMENT, argument="proportions", value="True",
                              problem=RakingProblem.NOT_BOTH.message())
        return shares.rename("proportion")
    if total is None:
        return counts
    if not total > 0:
        raise RakingError(RakingCode.BAD_ARGUMENT, argument="total", value=f"{total:g}",
                          problem=RakingProblem.NOT_POSITIVE.message())
    return (shares * float(total)).rename("population")


def bundled_margins(dimensions: tuple[str, ...] = DIMENSIONS, *, total: float) -> dict[str, pd.Series]:
    """Several bundled margins scaled to one total, ready for :func:`analysis.raking.rake`."""
    return {name: margin(name, total=total) for name in dimensions}


def source_of(dimension: str) -> MarginSource:
    """Source, reference date and derivation notes of a bundled margin, for reports."""
    if dimension == "region":
        table = regional_table()
        return MarginSource("region", str(table["source"].iloc[0]),
                            (str(table["reference_date"].iloc[0]),), ())
    table = national_table()
    rows = table[table["dimension"] == dimension]
    if rows.empty:
        raise RakingError(RakingCode.UNKNOWN_MARGIN, dimension=dimension,
                          known=("region", *dict.fromkeys(table["dimension"])))
    notes = tuple(f"{r.category}: {r.status}; {r.derivation}" for r in rows.itertuples()
                  if r.status != "read")
    dates = tuple(dict.fromkeys(str(d) for d in rows["reference_date"]))
    return MarginSource(dimension, "; ".join(dict.fromkeys(rows["source"])), dates, notes)
