"""Kelisim reports package."""
