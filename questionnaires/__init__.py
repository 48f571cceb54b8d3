"""Kelisim questionnaires package."""
