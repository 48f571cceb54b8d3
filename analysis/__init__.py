"""Kelisim analysis package."""

from analysis.campaign import DiDResult as DiDResult
from analysis.campaign import WaveDifference as WaveDifference
from analysis.campaign import difference_in_differences as difference_in_differences
from analysis.campaign import wave_difference as wave_difference
from analysis.crosstab import CrosstabResult as CrosstabResult
from analysis.crosstab import crosstab as crosstab
from analysis.margins import margin as margin
from analysis.margins import margins as margins
from analysis.margins import population_counts as population_counts
from analysis.margins import source_of as source_of
from analysis.raking import RakedDesign as RakedDesign
from analysis.raking import RakingResult as RakingResult
from analysis.raking import rake as rake
from analysis.raking import trim_weights as trim_weights
from analysis.regions import RegionComparison as RegionComparison
from analysis.regions import adjust_pvalues as adjust_pvalues
from analysis.regions import region_vs_rest as region_vs_rest
