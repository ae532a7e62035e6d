"""Small summaries the Ikhtisar Eksekutif, BAB III and BAB IV say in words: how many indicators
reached their target, the direction of a change, where the year stands in the Renstra period."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

_STATUS = (
    ("tercapai", "mencapai atau melampaui target"),
    ("tidak_tercapai", "belum mencapai target"),
    ("nihil", "berstatus nihil karena tidak ada kasus yang perlu ditangani"),
)


def bagian_status(L: Any) -> list[Markup]:
    """"lima indikator mencapai atau melampaui target", ... for each status that occurs."""
    out = []
    for st, frasa in _STATUS:
        id = f"ikk.jumlah_{st}"
        if L.fig[id].value:
            out.append(L.v(id, kind="terbilang") + Markup(f" indikator {frasa}"))
    return out


def kata_perubahan(L: Any, id: str, naik: str = "naik", turun: str = "turun", tetap: str = "tidak berubah") -> str:
    """The direction of a change figure (e.g. ``anggaran.perubahan_persen``) in words."""
    v = L.fig[id].value
    if v is None or v == 0:
        return tetap
    return naik if v > 0 else turun


def akhir_renstra(L: Any) -> bool:
    """Whether the report's year is the last year of the Renstra period (``renstra.yaml`` periode)."""
    periode = str((L.inputs.renstra or {}).get("periode", ""))
    akhir = periode.replace("–", "-").split("-")[-1].strip()
    return akhir.isdigit() and int(akhir) == L.year
