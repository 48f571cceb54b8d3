"""DejaVu Sans for PDF reports: every Kazakh letter (ә ғ қ ң ө ұ ү һ і), embedded in the file.

The TrueType files come from matplotlib's own data folder (``mpl-data/fonts/ttf``), present
wherever matplotlib (a dependency) is installed, so no font has to be shipped or found on the
system. reportlab embeds the glyphs used (subset) with a Unicode map, so text stays searchable,
chart labels included (charts keep their text as text, see :mod:`reports.charts`).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from svglib.fonts import register_font as register_svg_font

from reports.codes import ReportCode
from reports.errors import ReportError
from survey.messages import Location

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
SVG_FAMILY = "DejaVu Sans"
KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"


def font_folder() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique) with reportlab once; return the family."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return REGULAR
    folder = font_folder()
    files = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
             OBLIQUE: "DejaVuSans-Oblique.ttf"}
    for name, file in files.items():
        path = folder / file
        if not path.is_file():
            raise ReportError(ReportCode.FONT_MISSING, Location(file=str(path)))
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, OBLIQUE)
    addMapping(REGULAR, 1, 1, BOLD)
    # Charts arrive as SVG naming the family "DejaVu Sans": map it to the same embedded fonts.
    register_svg_font(SVG_FAMILY, str(folder / files[REGULAR]), rlgFontName=REGULAR)
    register_svg_font(SVG_FAMILY, str(folder / files[BOLD]), weight="bold", rlgFontName=BOLD)
    return REGULAR
