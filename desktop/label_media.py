"""The picture of a question's label (XLSForm column ``image``), shown under the label.

The file comes with the form (stored with it); when the form came without it, a line says so,
as ODK Collect does, instead of leaving a silent gap.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel

from desktop.i18n import _
from desktop.question_widgets import QuestionWidget

#: The largest size a label picture is shown at (pixels); larger pictures are scaled down.
MAX_WIDTH, MAX_HEIGHT = 640, 360


def add_label_image(widget: QuestionWidget) -> QLabel | None:
    """Put the question's picture under its label; None when the question has none."""
    name, data = widget.session.label_image(widget.question)
    if not name:
        return None
    picture = QLabel()
    picture.setObjectName("label_image")
    pixmap = QPixmap()
    if data is not None and pixmap.loadFromData(data):
        if pixmap.width() > MAX_WIDTH or pixmap.height() > MAX_HEIGHT:
            pixmap = pixmap.scaled(MAX_WIDTH, MAX_HEIGHT, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        picture.setPixmap(pixmap)
    else:
        picture.setText(_("The picture {name} did not come with the questionnaire.", name=name))
        picture.setStyleSheet("color: palette(mid); font-style: italic;")
    layout = widget.layout()
    layout.insertWidget(layout.indexOf(widget.label) + 1, picture)  # type: ignore[attr-defined]
    return picture
