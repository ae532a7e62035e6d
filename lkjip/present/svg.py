"""Charts as inline SVG: Matplotlib's settings for every chart, and a figure written as an
``<svg>`` element with stable ids (no date, no random salt), so two builds give the same bytes."""

from __future__ import annotations

import html
import io
import re
import sys
from typing import Any

# Matplotlib settings of every chart, applied when a chapter starts.
GAYA_MATPLOTLIB: dict[str, Any] = {
    "svg.hashsalt": "lkjip",  # clip-path ids from a fixed salt, not a random one
    "svg.fonttype": "none",  # text stays text: searchable in the PDF, and a smaller SVG
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "figure.figsize": (6.4, 3.6),
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def siapkan_matplotlib() -> None:
    """Matplotlib's defaults plus GAYA_MATPLOTLIB, whatever ran before in the kernel (a chapter
    that draws no chart does not load Matplotlib for it). ``rcdefaults`` keeps the backend."""
    import warnings

    if "matplotlib" not in sys.modules:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            return
    mpl = sys.modules["matplotlib"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mpl.rcdefaults()
    mpl.rcParams.update(GAYA_MATPLOTLIB)


def svg_figure(fig: Any, prefix: str = "g", judul: str | None = None, deskripsi: str | None = None) -> str:
    """``fig`` as an inline ``<svg>`` element (no XML prolog, no date); closes the figure.

    Matplotlib's element ids ("figure_1", clip paths) repeat from figure to figure; each is
    prefixed with ``prefix`` so that a page holding many figures has unique ids.

    ``judul`` (the chart's title) and ``deskripsi`` (what it shows, in words: the text a reader
    who cannot see it gets) become the SVG's ``<title>`` and ``<desc>``; with either the
    element is an image (``role="img"``) labelled by them. Both are plain text (escaped).
    """
    import matplotlib as mpl

    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "lkjip"}):
        fig.savefig(buf, format="svg",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'(\bid="|url\(#|href="#)', lambda m: f"{m.group(1)}{prefix}-", svg)
    return _label(svg.strip(), prefix, judul, deskripsi)


def _label(svg: str, prefix: str, judul: str | None, deskripsi: str | None) -> str:
    """The ``<svg>`` element with a ``<title>`` and a ``<desc>`` first, and labelled by them."""
    if not judul and not deskripsi:
        return svg
    parts, ids = [], []
    if judul:
        ids.append(f"{prefix}-judul")
        parts.append(f'<title id="{prefix}-judul">{html.escape(judul)}</title>')
    if deskripsi:
        ids.append(f"{prefix}-deskripsi")
        parts.append(f'<desc id="{prefix}-deskripsi">{html.escape(deskripsi)}</desc>')
    head_end = svg.index(">") + 1
    head = svg[:head_end - 1] + f' role="img" aria-labelledby="{" ".join(ids)}">'
    return head + "\n" + "\n".join(parts) + svg[head_end:]
