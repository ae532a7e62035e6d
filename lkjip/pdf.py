"""The report's PDF: WeasyPrint renders the stitched HTML with the CSS paged-media rules of
``lkjip/templates/lkjip.css`` (A4, cover without header and footer, table of contents with
page numbers, running title, page numbers, tables and figures kept whole).

The PDF is reproducible: the HTML carries no date, so WeasyPrint writes no /CreationDate or
/ModDate; the file identifier (/ID) is derived from the HTML instead of being random; and the
embedded font subsets, which fontTools stamps with the current time ('head.modified'), get a
fixed time through SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import base64
import gc
import hashlib
import logging
import os
import re
from pathlib import Path

# The time stamped into embedded fonts unless the caller's environment sets SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH = "0"


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def svg_as_images(html_text: str) -> str:
    """Every inline ``<svg>`` as an ``<img>`` holding the same SVG (a data: URI).

    WeasyPrint draws it the same way, but an inline SVG's every element also joins the HTML
    tree (parsed, styled by the CSS cascade): with a few dozen charts that is a large part of
    the render time. The HTML report keeps its inline SVG.
    """
    def img(m: re.Match) -> str:
        data = base64.b64encode(m.group(0).encode("utf-8")).decode("ascii")
        return f'<img class="svg" alt="" src="data:image/svg+xml;base64,{data}">'

    return _SVG.sub(img, html_text)


# A number's span (lkjip.report: class "angka", data-fig and data-fmt name its figure for the audit
# and for a reader tracing it) whose text has no break opportunity anyway: digits, letters, "." ","
# "%", no space, no dash.
_ANGKA_POLOS = re.compile(r'<span class="angka[^"]*"[^>]*>([0-9A-Za-z.,%]+)</span>')


def plain_numbers(html_text: str) -> str:
    """Number spans whose text could not break across lines in any case, as their bare text.

    The span's only style is ``white-space: nowrap`` (``.angka``), which such text does not
    need: every line keeps its text and page, and moves by a fraction of a point at most (a run
    no longer split at the span may kern differently). But WeasyPrint lays out every span as an
    inline box of its own: ~500 of them, ~15% of the render. Spans with a space or a dash
    ("3 (tiga)", "–") stay. The HTML report keeps every span.
    """
    return _ANGKA_POLOS.sub(r"\1", html_text)


def render_pdf(html_text: str, out: Path, base_url: Path | None = None) -> None:
    """Write ``html_text`` as a PDF to ``out``."""
    from weasyprint import HTML

    # WeasyPrint logs every CSS property it ignores (e.g. 'hyphens'); the report does not care.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    identifier = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:32].encode("ascii")
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved or SOURCE_DATE_EPOCH
    # The render makes ~700 garbage collections over objects that all live until its end (~0.5 s
    # of a 6 s render); collection waits until it is done. Peak memory stays the same.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        HTML(string=plain_numbers(svg_as_images(html_text)), base_url=str(base_url) if base_url else None).write_pdf(
            str(out), pdf_identifier=identifier)
    finally:
        if gc_was_enabled:
            gc.enable()
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
