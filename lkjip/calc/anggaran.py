"""Budget (pagu) and its realisation: absorption, totals, remainders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from lkjip.calc.dasar import angka, rasio_persen, tak_negatif

Uang = int | float  # whole rupiah in the data; float only where a caller divides


def serapan(pagu: Uang | None, realisasi: Uang | None) -> float | None:
    """Absorption: realisasi / pagu x 100; ``None`` when pagu is 0 or either is unknown."""
    p = tak_negatif(pagu, "pagu")
    r = tak_negatif(realisasi, "realisasi")
    if p is None or r is None:
        return None
    return rasio_persen(r, p)


def sisa(pagu: Uang | None, realisasi: Uang | None) -> Uang | None:
    """Unspent budget: pagu - realisasi (negative when overspent); ``None`` when unknown."""
    if angka(pagu, "pagu") is None or angka(realisasi, "realisasi") is None:
        return None
    return pagu - realisasi  # type: ignore[operator]  # both known numbers; keeps int as int


def perubahan_poin(persen_sekarang: float | None, persen_lalu: float | None) -> float | None:
    """Change of a percentage in points (96.62 vs 95.00 -> 1.62); ``None`` when unknown."""
    baru = angka(persen_sekarang, "persen_sekarang")
    lama = angka(persen_lalu, "persen_lalu")
    if baru is None or lama is None:
        return None
    return baru - lama


class Baris(NamedTuple):
    """One row of a budget table."""

    nama: str
    pagu: Uang | None
    realisasi: Uang | None
    persen: float | None
    sisa: Uang | None


@dataclass(frozen=True)
class Ringkasan:
    """A budget table: its rows and totals that are, by construction, the sums of the rows."""

    baris: list[Baris]
    total_pagu: Uang | None
    total_realisasi: Uang | None
    total_persen: float | None
    total_sisa: Uang | None


def _jumlah(nilai: list[Uang | None]) -> Uang | None:
    # One unknown row makes the total unknown: a partial sum printed as a total misleads.
    if any(v is None for v in nilai):
        return None
    return sum(v for v in nilai if v is not None)


def ringkas(rows: Iterable[tuple[str, Uang | None, Uang | None]]) -> Ringkasan:
    """Rows ``(nama, pagu, realisasi)`` with their absorption, and the totals.

    Totals are always computed from the rows (never taken from a source's printed total),
    so a table can never disagree with itself.
    """
    baris = []
    for nama, pagu, realisasi in rows:
        tak_negatif(pagu, f"pagu ({nama})")
        tak_negatif(realisasi, f"realisasi ({nama})")
        baris.append(Baris(nama, pagu, realisasi, serapan(pagu, realisasi), sisa(pagu, realisasi)))
    total_pagu = _jumlah([b.pagu for b in baris])
    total_realisasi = _jumlah([b.realisasi for b in baris])
    return Ringkasan(
        baris=baris,
        total_pagu=total_pagu,
        total_realisasi=total_realisasi,
        total_persen=serapan(total_pagu, total_realisasi),
        total_sisa=sisa(total_pagu, total_realisasi),
    )
