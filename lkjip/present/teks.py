"""Small pieces every chapter's text is made of: lists and joins the Indonesian way, year spans,
and comparisons of figures turned into words (naik / turun / tetap)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from lkjip.present import fmt


def e(x: Any) -> str:
    return html.escape(str(x))


def gabung(items: Iterable[Any], kata: str = "dan") -> str:
    """``a, b, dan c``: items joined the Indonesian way."""
    xs = [str(x) for x in items if str(x).strip()]
    if len(xs) <= 1:
        return "".join(xs)
    if len(xs) == 2:
        return f"{xs[0]} {kata} {xs[1]}"
    return ", ".join(xs[:-1]) + f", {kata} {xs[-1]}"


def daftar(items: Iterable[Any], bernomor: bool = False) -> str:
    """A Markdown list, one item a line (numbered from 1 if ``bernomor``)."""
    return "\n".join(f"{i}. {x}" if bernomor else f"- {x}" for i, x in enumerate(items, start=1))


def huruf_kecil_awal(text: str) -> str:
    """'Mengelola ...' -> 'mengelola ...' (an item continued inside a sentence)."""
    return text[:1].lower() + text[1:] if text else text


def tahun_sebelumnya(year: int) -> int:
    """The year before ``year``."""
    return int(year) - 1


def rentang_tahun(years: Sequence[int]) -> str:
    """``2020–2024`` (or one year)."""
    ys = sorted(years)
    if not ys:
        return ""
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


def ada(L: Any, id: str) -> bool:
    """Whether the registry has the figure."""
    return id in L.fig


def diketahui(L: Any, id: str) -> bool:
    """Whether the registry has the figure and its value is known (not ``None``)."""
    return id in L.fig and L.fig[id].value is not None


def arah(L: Any, id: str) -> str:
    """The sign of a change figure in words: ``naik``, ``turun`` or ``tetap`` (also when unknown)."""
    v = L.fig[id].value
    if v is None or v == 0:
        return "tetap"
    return "naik" if v > 0 else "turun"


def arah_antara(L: Any, id_lama: str, id_baru: str) -> str:
    """``naik``, ``turun`` or ``tetap`` from one figure to another (e.g. a count last year and now)."""
    a, b = L.fig[id_lama].value, L.fig[id_baru].value
    if a is None or b is None or a == b:
        return "tetap"
    return "naik" if b > a else "turun"


def banding(L: Any, id_a: str, id_b: str) -> str:
    """How figure ``a`` compares with figure ``b``: ``lebih tinggi``, ``lebih rendah`` or ``sama``."""
    a, b = L.fig[id_a].value, L.fig[id_b].value
    if a is None or b is None:
        return "tidak dapat dibandingkan"
    if fmt.round_half_up(a, 2) == fmt.round_half_up(b, 2):
        return "sama"
    return "lebih tinggi" if a > b else "lebih rendah"


def status_nilai(L: Any, id: str) -> str:
    """Whether a capaian figure reaches the rules' threshold: ``tercapai`` / ``tidak_tercapai`` /
    ``nihil`` (unknown)."""
    from lkjip.calc.kinerja import status as _status

    return _status(L.fig[id].value, rules=L.fig.rules)


def pertama_terakhir(xs: Sequence[Any]) -> tuple[Any, Any]:
    """The first and the last item of a non-empty sequence."""
    return xs[0], xs[-1]
