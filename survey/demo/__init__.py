"""Synthetic, realistic demo data generated through the interview engine."""

from survey.demo.filling import fill_database
from survey.demo.generator import DemoOptions, generate_interviews

__all__ = ["DemoOptions", "fill_database", "generate_interviews"]
