"""Headless verbs of the kelisim command owned by the survey package."""
