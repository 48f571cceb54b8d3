"""Exports with everything an analyst needs beside the data: design, syntax files, codebook.

The data itself is written by ``survey.export``; this package adds what needs the statistics
(the design's weights, from ``analysis``) and the PDF codebook (``reports`` fonts), and runs
``kelisim export``.
"""

from reports.exports.api import ExportOptions, ExportResult, export_survey, sidecars

__all__ = ["ExportOptions", "ExportResult", "export_survey", "sidecars"]
