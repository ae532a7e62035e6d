"""The house style of the report (``gaya:`` in ``params/defaults.yaml``, a year's params file
may override it): font family, size, line spacing and page margins with a binding margin, as
CSS added after the style sheet.

The default follows common LKjIP practice: an Arial-like sans serif at 12 pt (Liberation Sans,
metric-compatible with Arial, from Debian's fonts-liberation, which ``make sysdeps`` installs),
line spacing 1.4, A4 with a wider margin on the binding side (35 mm against 25 mm).
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

from lkjip.errors import BuildError

GAYA_BAWAAN: dict[str, Any] = {
    "huruf": "Liberation Sans",  # font family
    "ukuran_pt": 12,  # body text size
    "spasi": 1.4,  # line height
    "margin_mm": {"atas": 25, "bawah": 25, "jilid": 35, "luar": 25},  # jilid: the binding side
    "bolak_balik": False,  # printed on both sides: the binding margin alternates left and right
}

_FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,60}$")


def gaya(params: dict[str, Any], where: str = "params") -> dict[str, Any]:
    """The house style: ``params['gaya']`` over the defaults, checked."""
    own = params.get("gaya") or {}
    if not isinstance(own, dict):
        raise BuildError(f"{where}: gaya: seharusnya pasangan kunci: nilai (huruf, ukuran_pt, spasi, margin_mm, bolak_balik)")
    unknown = sorted(set(own) - set(GAYA_BAWAAN))
    if unknown:
        raise BuildError(f"{where}: gaya: kunci tidak dikenal: {', '.join(unknown)}; seharusnya salah satu dari {', '.join(GAYA_BAWAAN)}")
    g = {**GAYA_BAWAAN, **own, "margin_mm": {**GAYA_BAWAAN["margin_mm"], **(own.get("margin_mm") or {})}}
    if not (isinstance(g["huruf"], str) and _FAMILY.match(g["huruf"])):
        raise BuildError(f"{where}: gaya.huruf: seharusnya nama jenis huruf (huruf, angka, spasi); "
                         f"ditemukan: {g['huruf']!r}")
    for key, low, high in (("ukuran_pt", 8, 16), ("spasi", 1.0, 2.5)):
        if not _number(g[key]) or not low <= g[key] <= high:
            raise BuildError(f"{where}: gaya.{key}: seharusnya angka {low} sampai {high}; ditemukan: {g[key]!r}")
    for side, mm in g["margin_mm"].items():
        if side not in GAYA_BAWAAN["margin_mm"] or not _number(mm) or not 5 <= mm <= 60:
            raise BuildError(f"{where}: gaya.margin_mm.{side}: seharusnya atas/bawah/jilid/luar dalam mm, 5 sampai 60; "
                             f"ditemukan: {mm!r}")
    if not isinstance(g["bolak_balik"], bool):
        raise BuildError(f"{where}: gaya.bolak_balik: seharusnya true atau false; ditemukan: {g['bolak_balik']!r}")
    return g


def _number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def css(g: dict[str, Any]) -> str:
    """The house style as CSS (after the style sheet, so it wins)."""
    m = g["margin_mm"]
    lines = [
        "/* ---- house style (params: gaya) ---- */",
        f'html {{ font-family: "{g["huruf"]}", "DejaVu Sans", sans-serif; font-size: {g["ukuran_pt"]}pt; '
        f'line-height: {g["spasi"]}; }}',
        f'@media print {{ html {{ font-size: {g["ukuran_pt"]}pt; }} }}',
        f'@page {{ margin: {m["atas"]}mm {m["luar"]}mm {m["bawah"]}mm {m["jilid"]}mm; }}',
    ]
    if g["bolak_balik"]:
        lines.append(f'@page :left {{ margin-left: {m["luar"]}mm; margin-right: {m["jilid"]}mm; }}')
    # a page of an attached document fills the page body (the first one under its heading)
    body = 297 - m["atas"] - m["bawah"]
    lines.append(f".halaman-dokumen img {{ max-height: {body - 6}mm; }}")
    lines.append(f".halaman-dokumen.pertama img {{ max-height: {body - 30}mm; }}")
    return "\n".join(lines) + "\n"


def installed(family: str) -> bool | None:
    """Whether fontconfig finds ``family`` itself (None: fontconfig's fc-match is not there)."""
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True, text=True,
                               timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return family.lower() in [f.strip().lower() for f in found.split(",")]
