"""Change of a figure against an earlier year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from lkjip.calc.dasar import angka


class Perubahan(NamedTuple):
    """A change: ``selisih`` in the figure's own unit, ``persen`` relative to the earlier value."""

    selisih: float | None
    persen: float | None


def perubahan(sekarang: float | None, sebelumnya: float | None) -> Perubahan:
    """Change from ``sebelumnya`` to ``sekarang``.

    ``selisih`` is ``None`` when either value is unknown; ``persen`` is also ``None`` when the
    earlier value is 0 (growth from nothing has no percentage). For a percentage figure,
    ``selisih`` is the change in points.
    """
    baru = angka(sekarang, "sekarang")
    lama = angka(sebelumnya, "sebelumnya")
    if baru is None or lama is None:
        return Perubahan(None, None)
    selisih = baru - lama
    # abs(): a rise from a negative base is still a rise, so the sign follows selisih.
    persen = None if lama == 0 else selisih / abs(lama) * 100
    return Perubahan(selisih, persen)


def deret_perubahan(values: Mapping[int, float | None]) -> dict[int, Perubahan]:
    """Year-on-year changes of a series: ``{year: perubahan(values[year], values[year - 1])}``.

    Only years whose previous calendar year is in ``values`` get an entry: a gap in the series
    is not bridged, so every change is over exactly one year.
    """
    return {
        tahun: perubahan(values[tahun], values[tahun - 1])
        for tahun in sorted(values)
        if tahun - 1 in values
    }
