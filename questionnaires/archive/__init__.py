"""Earlier versions of the bundled questionnaire, exactly as they were fielded.

Interviews recorded on them stay readable (the store keeps each form version it registered),
and the demo data records its baseline wave on the previous version. Never edit these files.
"""
