"""Choose the widget class for a question from its type and appearance."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.choice_widgets import ChoiceButtonsWidget, ComboChoiceWidget
from desktop.geo_widgets import GeoPointsWidget, GeoPointWidget
from desktop.input_widgets import AcknowledgeWidget, DateWidget, NumberWidget, TextWidget
from desktop.label_media import add_label_audio, add_label_image
from desktop.media_widgets import MediaWidget
from desktop.question_widgets import NoteWidget, QuestionWidget
from desktop.range_rank_widgets import RangeWidget, RankWidget
from desktop.time_widgets import DateTimeWidget, TimeWidget
from survey.form.model import Question, QuestionType
from survey.interview.session import InterviewSession

WIDGETS: dict[QuestionType, type[QuestionWidget]] = {
    QuestionType.SELECT_ONE: ChoiceButtonsWidget,
    QuestionType.SELECT_MULTIPLE: ChoiceButtonsWidget,
    QuestionType.INTEGER: NumberWidget,
    QuestionType.DECIMAL: NumberWidget,
    QuestionType.DATE: DateWidget,
    QuestionType.TEXT: TextWidget,
    QuestionType.NOTE: NoteWidget,
    QuestionType.ACKNOWLEDGE: AcknowledgeWidget,
    # Types of ODK forms, in their own modules.
    QuestionType.BARCODE: TextWidget,
    QuestionType.TIME: TimeWidget,
    QuestionType.DATETIME: DateTimeWidget,
    QuestionType.GEOPOINT: GeoPointWidget,
    QuestionType.GEOTRACE: GeoPointsWidget,
    QuestionType.GEOSHAPE: GeoPointsWidget,
    QuestionType.IMAGE: MediaWidget,
    QuestionType.AUDIO: MediaWidget,
    QuestionType.VIDEO: MediaWidget,
    QuestionType.FILE: MediaWidget,
    QuestionType.RANGE: RangeWidget,
    QuestionType.RANK: RankWidget,
}


def widget_for(question: Question, session: InterviewSession,
               parent: QWidget | None = None) -> QuestionWidget:
    """A new widget showing ``question`` of the interview open in ``session``."""
    if question.type is QuestionType.SELECT_ONE and "minimal" in question.appearance:
        widget: QuestionWidget = ComboChoiceWidget(question, session, parent)
    else:
        widget = WIDGETS.get(question.type, NoteWidget)(question, session, parent)
    if question.image:
        add_label_image(widget)
    if question.audio:
        add_label_audio(widget)
    return widget
