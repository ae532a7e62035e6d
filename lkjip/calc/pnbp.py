"""PNBP (non-tax state revenue): total over accounts, share of target, growth."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lkjip.calc.dasar import CalcError, angka, rasio_persen, tak_negatif
from lkjip.calc.riwayat import Perubahan, perubahan


def total(akun_amounts: Mapping[str, int] | Iterable[int]) -> int:
    """Revenue over all accounts (whole rupiah); a mapping's values or an iterable of amounts.

    An account with no revenue has no row, so an empty input is a total of 0.
    """
    jumlah = akun_amounts.values() if isinstance(akun_amounts, Mapping) else akun_amounts
    hasil = 0
    for i, nilai in enumerate(jumlah):
        x = tak_negatif(nilai, f"pnbp[{i}]")
        if x is None or x != int(x):
            raise CalcError(f"pnbp: expected whole rupiah for every account; found {nilai!r}")
        hasil += int(x)
    return hasil


def persen_target(realisasi: float | None, target: float | None) -> float | None:
    """Revenue as a share of its target, %; ``None`` when the target is 0 or unknown."""
    r = angka(realisasi, "realisasi")
    t = tak_negatif(target, "target")
    if r is None or t is None:
        return None
    return rasio_persen(r, t)


def pertumbuhan(sekarang: float | None, sebelumnya: float | None) -> Perubahan:
    """Growth of revenue against an earlier year (see :func:`lkjip.calc.riwayat.perubahan`)."""
    return perubahan(sekarang, sebelumnya)
