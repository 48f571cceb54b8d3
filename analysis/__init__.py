"""Kelisim analysis package."""
