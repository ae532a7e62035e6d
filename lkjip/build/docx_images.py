"""Pictures for the Word edition: the charts' inline SVG drawn as PNG at print resolution
(CairoSVG), and images given as ``data:`` URIs.

The stitched HTML's charts are inline ``<svg>`` elements. An HTML parser lower-cases SVG's
attribute names (``viewBox``), so the SVG sources are taken out of the page text before it is
parsed (:func:`take_svgs`) and each is replaced by an ``<img data-lkjip-svg="N">`` that marks
its place.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass

DPI = 300  # print resolution
EMU_PER_INCH = 914400
_UNITS = {"": 1 / 96, "px": 1 / 96, "pt": 1 / 72, "pc": 1 / 6, "in": 1.0, "mm": 1 / 25.4, "cm": 1 / 2.54}
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*([a-z]*)\s*$")
_OPEN, _CLOSE = re.compile(r"<svg\b", re.I), re.compile(r"</svg\s*>", re.I)


@dataclass(frozen=True)
class Picture:
    png: bytes
    width_emu: int
    height_emu: int


def take_svgs(page: str) -> tuple[str, list[str]]:
    """(the page with every outermost ``<svg>...</svg>`` replaced by a placeholder image, the
    SVG sources in order). Nested ``<svg>`` elements stay inside their outer one."""
    out, svgs, pos = [], [], 0
    while (m := _OPEN.search(page, pos)) is not None:
        depth, scan = 1, m.end()
        while depth:
            o, c = _OPEN.search(page, scan), _CLOSE.search(page, scan)
            if c is None:  # not closed: leave the rest as it is
                out.append(page[pos:])
                return "".join(out), svgs
            if o is not None and o.start() < c.start():
                depth, scan = depth + 1, o.end()
            else:
                depth, scan = depth - 1, c.end()
        out.append(page[pos:m.start()])
        out.append(f'<img data-lkjip-svg="{len(svgs)}">')
        svgs.append(page[m.start():scan])
        pos = scan
    out.append(page[pos:])
    return "".join(out), svgs


def _inches(value: str | None) -> float | None:
    m = _LENGTH.match(value or "")
    if not m or m.group(2) not in _UNITS:
        return None
    return float(m.group(1)) * _UNITS[m.group(2)]


def svg_size(svg: str) -> tuple[float, float]:
    """The drawing's size in inches, from its width and height (else its viewBox, in px)."""
    head = svg[: svg.find(">") + 1]
    attr = {k.lower(): v for k, v in re.findall(r'([\w:-]+)\s*=\s*"([^"]*)"', head)}
    w, h = _inches(attr.get("width")), _inches(attr.get("height"))
    if w and h:
        return w, h
    box = [float(x) for x in re.split(r"[\s,]+", attr.get("viewbox", "").strip()) if x] or [0, 0, 600, 400]
    return box[2] / 96, box[3] / 96


def svg_picture(svg: str, max_width_emu: int) -> Picture:
    """The SVG drawn as a PNG at :data:`DPI`, sized as the page shows it (never wider than
    ``max_width_emu``)."""
    import cairosvg

    w_in, h_in = svg_size(svg)
    scale = min(1.0, max_width_emu / (w_in * EMU_PER_INCH))
    w_in, h_in = w_in * scale, h_in * scale
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=round(w_in * DPI),
                           output_height=round(h_in * DPI))
    return Picture(png, round(w_in * EMU_PER_INCH), round(h_in * EMU_PER_INCH))


def data_picture(src: str, width_px: str | None, max_width_emu: int) -> Picture | None:
    """An ``<img src="data:image/png;base64,...">`` (PNG or JPEG) at its width (else its own
    size at 96 px per inch), never wider than ``max_width_emu``; None for any other source."""
    m = re.match(r"data:image/(png|jpeg);base64,(.*)$", src or "", re.S)
    if not m:
        return None
    data = base64.b64decode(re.sub(r"\s+", "", m.group(2)))
    from docx.image.image import Image

    img = Image.from_blob(data)
    w_in = _inches(width_px) or img.px_width / 96
    h_in = w_in * img.px_height / max(img.px_width, 1)
    scale = min(1.0, max_width_emu / (w_in * EMU_PER_INCH))
    return Picture(data, round(w_in * scale * EMU_PER_INCH), round(h_in * scale * EMU_PER_INCH))
