"""Survey scores: the 1-4 index and the IKM quality band (PermenPAN-RB 14/2017)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from lkjip.calc.dasar import CalcError, angka

if TYPE_CHECKING:
    from lkjip.calc.rules import Rules


class Mutu(NamedTuple):
    """The quality band of a survey score: grade (A-D), its label, and the 1-4 index."""

    grade: str
    label: str
    indeks: float


def indeks_dari_skor(skor: float | None, pembagi: float = 25.0) -> float | None:
    """A 0-100 survey score on the 1-4 index scale: ``skor / pembagi`` (25 in IKM practice).

    Kept at full precision; round half-up only when printing.
    """
    nilai = angka(skor, "skor")
    if nilai is None:
        return None
    if not 0 <= nilai <= 100:
        raise CalcError(f"skor: expected a survey score between 0 and 100; found {skor!r}")
    if pembagi <= 0:
        raise CalcError(f"pembagi: expected a number > 0; found {pembagi!r}")
    return nilai / pembagi


def mutu_ikm(skor_0_100: float | None, *, rules: Rules) -> Mutu | None:
    """The IKM band of a 0-100 score, from the bands in ``rules``.

    A score belongs to the first band whose lower bound it reaches, compared at full
    precision. The printed bands leave gaps (88.30 | 88.31): a score inside one (88.305) is
    below the upper band's bound, so it falls in the lower band (B). ``None`` for an unknown
    score; a CalcError for a score outside the scale the bands cover.
    """
    nilai = angka(skor_0_100, "skor")
    if nilai is None:
        return None
    pita = rules.ikm_pita
    if not pita[-1].min <= nilai <= pita[0].maks:
        raise CalcError(f"skor IKM: expected a score between {pita[-1].min:g} and "
                        f"{pita[0].maks:g}; found {skor_0_100!r}")
    for band in pita:
        if nilai >= band.min:
            indeks = indeks_dari_skor(nilai, rules.indeks_pembagi)
            assert indeks is not None
            return Mutu(band.grade, band.label, indeks)
    raise AssertionError("unreachable: the lowest band's bound was checked above")


def indeks_survei(nilai: float | None, skala: float | None) -> float | None:
    """A survey value on its own scale as a 1-4 index: ``nilai × 4 ÷ skala`` (a 0-100 score is
    divided by 25; a value already on the 1-4 scale stays as it is)."""
    return _pada_skala(nilai, skala, 4)


def skor_100(nilai: float | None, skala: float | None) -> float | None:
    """A survey value on the 0-100 scale of the IKM bands: ``nilai × 100 ÷ skala``."""
    return _pada_skala(nilai, skala, 100)


def _pada_skala(nilai: float | None, skala: float | None, atas: float) -> float | None:
    """A survey value on its own scale (0 to ``skala``) moved to the scale 0 to ``atas``:
    ``nilai × atas ÷ skala``; ``None`` when either is unknown."""
    n, s = angka(nilai, "nilai"), angka(skala, "skala")
    if n is None or s is None:
        return None
    if s <= 0 or not 0 <= n <= s:
        raise CalcError(f"nilai survei: expected 0 <= nilai <= skala (> 0); found nilai {nilai!r}, skala {skala!r}")
    return n * atas / s
