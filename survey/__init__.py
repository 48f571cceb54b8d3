"""Kelisim: offline mediation-awareness surveys, statistics and reports."""
