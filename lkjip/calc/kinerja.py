"""Realisasi, capaian and status of an indikator kinerja kegiatan (IKK).

Percentages are on the 0-100 scale; ``None`` means undefined (nothing to divide by, or an
unknown input) and is never silently turned into 0.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from lkjip.calc.dasar import (
    CalcError,
    angka,
    capai,
    kosong,
    melebihi,
    rasio_persen,
    tak_negatif,
)
from lkjip.calc.indeks import indeks_dari_skor

if TYPE_CHECKING:
    from lkjip.calc.rules import Rules

Target = float | tuple[float, float]

POLARITAS = ("positif", "negatif", "rentang")


def _langsung(realisasi: float, target: float) -> float:
    return realisasi / target * 100


def _terbalik(realisasi: float, target: float) -> float:
    return (2 * target - realisasi) / target * 100


# Capaian formulas by the name a rule file uses for them (lkjip.calc.rules.RUMUS lists the names).
RUMUS: dict[str, Callable[[float, float], float]] = {
    "langsung": _langsung,  # R / T x 100 (more is better)
    "terbalik": _terbalik,  # (2T - R) / T x 100 (less is better)
}


def realisasi_rasio(pembilang: float | None, penyebut: float | None) -> float | None:
    """Realisasi of a ratio indicator: pembilang / penyebut x 100.

    ``None`` for 0 of 0 (the "nihil" case: nothing happened, so nothing to measure) and when
    either count is unknown. A pembilang above the penyebut is returned as computed (over 100):
    whether that is plausible is for the data checks to say.

    Raises
    ------
    CalcError
        A negative count, or a pembilang above 0 with a penyebut of 0.
    """
    p = tak_negatif(pembilang, "pembilang")
    q = tak_negatif(penyebut, "penyebut")
    if p is None or q is None:
        return None
    if q == 0 and p > 0:
        raise CalcError(f"realisasi: {pembilang!r} handled out of 0 cases cannot be a ratio")
    return rasio_persen(p, q)


def realisasi_indeks(nilai_survei: float | None, pembagi: float = 25.0) -> float | None:
    """Realisasi of an index indicator: a 0-100 survey score on the 1-4 scale (score / 25)."""
    return indeks_dari_skor(nilai_survei, pembagi)


def realisasi_rencana_aksi(selesai: float | None, rencana: float | None) -> float | None:
    """Realisasi of an action-plan indicator: actions completed / planned x 100."""
    return realisasi_rasio(selesai, rencana)


def _target_rentang(target: object) -> tuple[float, float]:
    if not isinstance(target, Sequence) or isinstance(target, str) or len(target) != 2:
        raise CalcError(f"target: a range target must be (bawah, atas); found {target!r}")
    bawah, atas = (angka(t, "target") for t in target)
    if bawah is None or atas is None or bawah > atas:
        raise CalcError(f"target: a range target must be (bawah, atas) with bawah <= atas; "
                        f"found {target!r}")
    return bawah, atas


def capaian(
    realisasi: float | None,
    target: Target | None,
    polaritas: str,
    *,
    rules: Rules,
) -> float | None:
    """Capaian (achievement, %) of a realisasi against its target.

    Parameters
    ----------
    realisasi, target
        On the indicator's own scale (percent or index). A ``rentang`` target is
        ``(bawah, atas)``.
    polaritas
        ``positif`` (R / T x 100), ``negatif`` ((2T - R) / T x 100) or ``rentang`` (100
        inside the range; outside, the formula the rules name for the bound crossed, applied
        to that bound). Formula names come from ``rules``.

    Returns
    -------
    float or None
        ``None`` when realisasi or target is unknown, and when the target (or the bound
        crossed) is 0: both formulas divide by it, and a capaian against "nothing" has no
        meaning. The cap of ``rules.cap`` applies when enabled.
    """
    if polaritas not in POLARITAS:
        raise CalcError(f"polaritas: expected one of {', '.join(POLARITAS)}; found {polaritas!r}")
    r = angka(realisasi, "realisasi")
    if r is None or kosong(target):
        return None
    if polaritas == "rentang":
        bawah, atas = _target_rentang(target)
        if bawah <= r <= atas:
            hasil: float | None = 100.0
        elif r > atas:
            hasil = _hitung(rules.rumus_rentang["di_atas"], r, atas)
        else:
            hasil = _hitung(rules.rumus_rentang["di_bawah"], r, bawah)
    else:
        t = angka(target, "target")
        assert t is not None
        hasil = _hitung(rules.rumus_capaian[polaritas], r, t)
    if hasil is not None and rules.cap.enabled and melebihi(hasil, rules.cap.batas):
        hasil = rules.cap.nilai
    return hasil


def _hitung(rumus: str, realisasi: float, target: float) -> float | None:
    if target == 0:
        return None
    return RUMUS[rumus](realisasi, target)


def status(capaian: float | None, *, rules: Rules) -> str:
    """Status code of a capaian: ``tercapai``, ``tidak_tercapai`` or ``nihil``.

    ``nihil`` stands for a capaian that is ``None``; call this with ``None`` only for the
    zero case (0 of 0), since an unknown input is a data gap, not a "nihil" year.
    """
    if capaian is None:
        return "nihil"
    return "tercapai" if capai(capaian, rules.ambang_tercapai) else "tidak_tercapai"


def label_status(kode: str, *, rules: Rules) -> str:
    """The printed label of a status code (``Tercapai``, ``Tidak tercapai``, ``Nihil``)."""
    try:
        return rules.status_label[kode]
    except KeyError:
        raise CalcError(f"status: expected one of {', '.join(rules.status_label)}; "
                        f"found {kode!r}") from None


def banding_nasional(capaian_sendiri: float | None, rata_rata: float | None) -> float | None:
    """Own result against the national average: own / average x 100.

    ``None`` when either is unknown (the average often is, early in the year) or the average
    is 0.
    """
    sendiri = angka(capaian_sendiri, "capaian_sendiri")
    rata = angka(rata_rata, "rata_rata")
    if sendiri is None or rata is None:
        return None
    return rasio_persen(sendiri, rata)
