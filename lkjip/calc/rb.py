"""Rencana Aksi Reformasi Birokrasi: quarterly progress and the year's completed actions."""

from __future__ import annotations

from collections.abc import Sequence

from lkjip.calc.dasar import CalcError, angka
from lkjip.calc.kinerja import realisasi_rasio


def capaian_triwulan(capaian_indikator: Sequence[float]) -> float | None:
    """A quarter's total: the mean progress (0-100) over its indicators; ``None`` if none.

    An unknown progress value is an error rather than skipped: dropping it would raise or
    lower the mean without anyone seeing.
    """
    nilai = [angka(c, f"capaian_indikator[{i}]") for i, c in enumerate(capaian_indikator)]
    if not nilai:
        return None
    hilang = [i for i, v in enumerate(nilai) if v is None]
    if hilang:
        raise CalcError(f"capaian_triwulan: indicator progress unknown at positions {hilang}")
    return sum(v for v in nilai if v is not None) / len(nilai)


def persen_aksi(selesai: float | None, rencana: float | None) -> float | None:
    """Actions completed / planned x 100; ``None`` when nothing was planned."""
    return realisasi_rasio(selesai, rencana)
