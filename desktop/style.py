"""Text colours that stay readable: WCAG 2.1 AA contrast (4.5:1) against the background.

Hints carry the interviewer's instructions, so they must be as readable as any text: their
muted colour is mixed from the palette's text and window colours only as far as the contrast
stays above :data:`MINIMUM_CONTRAST`. Colours are set in the widget's palette (not in a style
sheet), so tests read them back from the widgets and compute the ratio.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

#: WCAG 2.1 AA for normal text; a little margin over 4.5 against rounding in colour mixing.
MINIMUM_CONTRAST = 4.5
_TARGET = 4.8
#: Candidate colours of error messages, darkest first (one suits light, one dark themes).
_ERRORS = ("#A30019", "#FF8A80")
#: Background of the demo-data banner and its text.
DEMO_BACKGROUND = QColor("#FFF1C2")
DEMO_TEXT = QColor("#4A3500")


def _channel(value: float) -> float:
    value /= 255.0
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.1)."""
    return (0.2126 * _channel(colour.red()) + 0.7152 * _channel(colour.green())
            + 0.0722 * _channel(colour.blue()))


def contrast(first: QColor, second: QColor) -> float:
    """Contrast ratio of two colours, 1 to 21 (WCAG 2.1)."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _mix(text: QColor, background: QColor, share: float) -> QColor:
    """``text`` moved ``share`` of the way towards ``background``."""
    return QColor(*(round(t + (b - t) * share) for t, b in
                    ((text.red(), background.red()), (text.green(), background.green()),
                     (text.blue(), background.blue()))))


def muted(palette: QPalette) -> QColor:
    """A softer text colour (hints, notes) that keeps AA contrast on the window colour."""
    text, background = palette.color(QPalette.ColorRole.WindowText), \
        palette.color(QPalette.ColorRole.Window)
    share = 0.45
    colour = _mix(text, background, share)
    while share > 0 and contrast(colour, background) < _TARGET:
        share -= 0.05
        colour = _mix(text, background, max(share, 0.0))
    return colour


def error(palette: QPalette) -> QColor:
    """The colour of error messages: red with AA contrast on the window colour."""
    background = palette.color(QPalette.ColorRole.Window)
    for name in _ERRORS:
        if contrast(QColor(name), background) >= _TARGET:
            return QColor(name)
    return palette.color(QPalette.ColorRole.WindowText)


def set_text_colour(widget: QWidget, colour: QColor) -> None:
    """Show ``widget``'s text in ``colour`` (through its palette, readable back in tests)."""
    palette = widget.palette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(role, colour)
    widget.setPalette(palette)


def make_muted(widget: QWidget) -> None:
    set_text_colour(widget, muted(widget.palette()))


def make_error(widget: QWidget) -> None:
    set_text_colour(widget, error(widget.palette()))


def readable_palette(palette: QPalette) -> QPalette:
    """``palette`` with AA contrast where the default style falls short: placeholder text in
    empty boxes, and white text on the highlight colour (selected rows, the filled part of a
    progress bar), whose blue is darkened until the text reads."""
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    probe = QPalette(palette)
    probe.setColor(QPalette.ColorRole.Window, base)
    probe.setColor(QPalette.ColorRole.WindowText, text)
    palette.setColor(QPalette.ColorRole.PlaceholderText, muted(probe))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        highlight = palette.color(group, QPalette.ColorRole.Highlight)
        on_it = palette.color(group, QPalette.ColorRole.HighlightedText)
        for _step in range(40):
            if contrast(highlight, on_it) >= _TARGET:
                break
            highlight = highlight.darker(110)
        palette.setColor(group, QPalette.ColorRole.Highlight, highlight)
    return palette


def paint_banner(widget: QWidget) -> None:
    """The demo-data banner's colours: dark brown on light yellow (about 10:1)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, DEMO_BACKGROUND)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, DEMO_TEXT)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
