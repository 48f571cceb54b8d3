"""Kelisim desktop package."""
