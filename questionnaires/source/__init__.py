"""Readable Python sources of the bundled questionnaire; ``build_mediation_awareness`` writes the xlsx."""
