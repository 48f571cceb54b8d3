"""Charts drawn once with matplotlib from the document's :class:`~reports.document.Chart`.

Kinds: ``ranked`` (regions ranked, CI bars, coloured by significance against the rest),
``map`` (a tile grid of Kazakhstan's 20 regions coloured by the estimate), ``distribution``
and ``headline`` (horizontal bars with CI bars), ``did`` (differences in percentage points with
their CIs around zero). :func:`svg_bytes` renders a chart as SVG (vector) for the PDF.
Text uses DejaVu Sans, which matplotlib ships and which has every Kazakh letter; SVG keeps text
as text (``svg.fonttype: none``), which the PDF renders with the same embedded font: smaller and
faster than glyph outlines, and searchable.
"""

from __future__ import annotations

import io
import re
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from reportlab.pdfbase.pdfmetrics import stringWidth

from reports import formatting as fmt
from reports.document import Chart, Series
from reports.fonts import REGULAR, register_fonts

WIDTH = 6.6  # inches: the text width of an A4 page with 2 cm margins
ABOVE, BELOW, PLAIN = "#1b7f79", "#c8553d", "#8c9aa8"
LABEL_BOX: Any = {"facecolor": "white", "edgecolor": "none", "pad": 0.5}
RC: Any = {"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none",
      "svg.hashsalt": "kelisim", "axes.spines.top": False, "axes.spines.right": False}

#: (column, row) of each region in the tile grid, row 0 in the north.
TILES: dict[str, tuple[int, int]] = {
    "west_kazakhstan": (0, 0), "kostanay": (2, 0), "north_kazakhstan": (3, 0),
    "pavlodar": (4, 0), "atyrau": (0, 1), "aktobe": (1, 1), "akmola": (3, 1),
    "astana": (4, 1), "east_kazakhstan": (5, 1), "mangystau": (0, 2), "ulytau": (2, 2),
    "karaganda": (3, 2), "abai": (4, 2), "kyzylorda": (1, 3), "turkistan": (2, 3),
    "jambyl": (3, 3), "almaty_region": (4, 3), "jetisu": (5, 3), "shymkent": (2, 4),
    "almaty": (4, 4),
}
#: Points of a tile's name, and the width (points) it may take: a tile is about 44 points wide
#: on the page (the map's axes keep equal units; the height of 4 inches sets the scale).
TILE_FONT = 5.5
TILE_TEXT = 38.0
_UNIT_WORDS = re.compile(r"(облысы|область|Region|region)")


def figure(chart: Chart, language: str) -> Figure:
    """The matplotlib figure of ``chart`` (not attached to any GUI)."""
    with matplotlib.rc_context(RC):
        if chart.kind == "map":
            return _map(chart, language)
        if chart.kind == "did":
            return _forest(chart, language)
        return _bars(chart, language)


def svg_bytes(chart: Chart, language: str) -> bytes:
    """The chart as SVG; same chart and language give the same bytes."""
    fig = figure(chart, language)
    out = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _bars(chart: Chart, language: str) -> Figure:
    s = chart.series[0]
    n = len(s.labels)
    bottom = 0.75 if chart.kind == "ranked" and chart.legend else 0.45
    height = bottom + 0.25 + 0.19 * max(n, 2)
    fig = Figure(figsize=(WIDTH, height))
    ax = fig.add_axes((0.42, bottom / height, 0.5, 1 - (bottom + 0.25) / height))
    y = list(range(n))[::-1]
    colours = [ABOVE if m > 0 else BELOW if m < 0 else PLAIN for m in (s.marks or (0,) * n)]
    if chart.kind != "ranked":
        colours = ["#3a6ea5"] * n
    est = [100 * v for v in s.estimates]
    err = [[100 * (e - lo) for e, lo in zip(s.estimates, s.ci_low, strict=True)],
           [100 * (hi - e) for e, hi in zip(s.estimates, s.ci_high, strict=True)]]
    ax.barh(y, est, color=colours, height=0.65)
    ax.errorbar(est, y, xerr=err, fmt="none", ecolor="#222222", elinewidth=0.8, capsize=2)
    for yi, e, hi in zip(y, s.estimates, s.ci_high, strict=True):
        ax.text(100 * hi + 1, yi, fmt.percent(e, language), va="center", fontsize=7,
                bbox=LABEL_BOX, zorder=4)  # over the reference line, which stops behind it
    ax.set_yticks(y, [_wrap(label, 48) for label in s.labels], fontsize=7)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, n - 0.4)
    ax.set_xlabel(f"{chart.axis_label}, %" if chart.axis_label else "%")
    if chart.reference is not None:
        ax.axvline(100 * chart.reference, color="#444444", linestyle="--", linewidth=0.8)
        ax.text(100 * chart.reference, n - 0.45, f" {chart.reference_label} "
                f"{fmt.percent(chart.reference, language)}", fontsize=7, va="bottom")
    if chart.kind == "ranked" and chart.legend:
        _legend(fig, chart.legend)
    return fig


def _legend(fig: Figure, items: tuple[tuple[str, str], ...]) -> None:
    """Colour patches explaining the bars, under the plot."""
    handles = [Patch(facecolor=colour, label=label) for colour, label in items if colour]
    if handles:
        fig.legend(handles=handles, loc="lower right", ncols=len(handles), fontsize=6.5,
                   frameon=False, bbox_to_anchor=(0.99, 0.0))


def _forest(chart: Chart, language: str) -> Figure:
    s = chart.series[0]
    n = len(s.labels)
    height = 0.7 + 0.24 * max(n, 2)
    fig = Figure(figsize=(WIDTH, height))
    ax = fig.add_axes((0.42, 0.45 / height, 0.5, 1 - 0.7 / height))
    y = list(range(n))[::-1]
    for yi, e, lo, hi in zip(y, s.estimates, s.ci_low, s.ci_high, strict=True):
        colour = ABOVE if lo > 0 else BELOW if hi < 0 else PLAIN
        ax.plot([100 * lo, 100 * hi], [yi, yi], color=colour, linewidth=1.6)
        ax.plot([100 * e], [yi], "o", color=colour, markersize=4)
        ax.text(100 * hi + 0.5, yi, fmt.points(e, language), va="center", fontsize=7)
    ax.axvline(0, color="#444444", linewidth=0.8)
    ax.set_yticks(y, [_wrap(label, 48) for label in s.labels], fontsize=7)
    ax.set_ylim(-0.6, n - 0.4)
    low = min(min(s.ci_low), 0.0) * 100
    high = max(max(s.ci_high), 0.0) * 100
    ax.set_xlim(low - 2, high + 0.25 * (high - low) + 2)
    ax.set_xlabel(chart.axis_label)
    return fig


def _short(label: str) -> str:
    """A region's name for a tile: the unit word dropped, wrapped between words."""
    return "\n".join(textwrap.wrap(" ".join(_UNIT_WORDS.sub("", label).split()), 11,
                                    break_long_words=False)) or label


def _tile_font(name: str) -> float:
    """Points of a tile's name: 5.5, smaller when its longest line (a long one-word name, such
    as "Кызылординская") would not fit the tile."""
    register_fonts()
    widest = max(stringWidth(line, REGULAR, TILE_FONT) for line in name.split("\n"))
    return TILE_FONT * min(1.0, TILE_TEXT / widest) if widest else TILE_FONT


def _map(chart: Chart, language: str) -> Figure:
    s: Series = chart.series[0]
    fig = Figure(figsize=(WIDTH, 4.0))
    fig.suptitle(chart.title, fontsize=9, weight="bold", x=0.02, ha="left", y=0.985)
    ax = fig.add_axes((0.01, 0.09, 0.84, 0.82))
    cax = fig.add_axes((0.88, 0.2, 0.025, 0.6))
    shown = [i for i, k in enumerate(s.keys) if k not in s.hidden]
    known = [v for i in shown for v in (s.ci_low[i], s.ci_high[i])] or [0.0, 1.0]
    norm = Normalize(vmin=100 * min(known), vmax=100 * max(known))
    cmap = matplotlib.colormaps["YlGnBu"]
    values = dict(zip(s.keys, zip(s.labels, s.estimates, s.marks or (0,) * len(s.keys),
                                  strict=True), strict=True))
    for key, (col, row) in TILES.items():
        label, est, mark = values.get(key, ("", None, 0))
        blank = est is None or key in s.hidden
        colour = "#eeeeee" if blank or est is None else cmap(norm(100 * est))
        ax.add_patch(Rectangle((col, -row), 0.94, 0.94, facecolor=colour,
                               edgecolor="#222222" if mark and not blank else "white",
                               linewidth=2.0 if mark and not blank else 0.5))
        dark = est is not None and not blank and norm(100 * est) > 0.55
        ink = "white" if dark else "#111111"
        name = _short(label or key)
        ax.text(col + 0.47, -row + 0.64, name, ha="center", va="center",
                fontsize=_tile_font(name), color=ink, linespacing=1.0)
        text = "–" if est is None else "*" if blank else fmt.percent(est, language)
        ax.text(col + 0.47, -row + 0.2, text, ha="center", va="center", fontsize=8,
                weight="bold", color=ink)
    ax.set_xlim(-0.05, 6.0)
    ax.set_ylim(-4.05, 1.0)
    ax.set_aspect("equal")
    ax.axis("off")
    bar = fig.colorbar(matplotlib.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax)
    bar.set_label(f"{chart.axis_label}, %" if chart.axis_label else "%", fontsize=7)
    notes = [text for _colour, text in chart.legend if text]
    if notes:
        fig.text(0.02, 0.02, "   ".join(notes), fontsize=6.5, color="#333333")
    return fig
