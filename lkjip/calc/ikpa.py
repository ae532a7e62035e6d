"""IKPA (Indikator Kinerja Pelaksanaan Anggaran): weighted total, deduction, category.

Weights, aspects, the deduction, re-basing and category thresholds all come from the fiscal
year's rule file (PER-5/PB/2022, PER-5/PB/2024); nothing here knows a weight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lkjip.calc.dasar import CalcError, angka, capai

if TYPE_CHECKING:
    from lkjip.calc.rules import Rules


@dataclass(frozen=True)
class HasilIkpa:
    """The IKPA of one year.

    Attributes
    ----------
    nilai_total
        Sum of value x weight / 100 over the weighted components that apply.
    konversi_bobot
        Sum of the weights that apply, % (100 when every component applies).
    nilai_konversi
        ``nilai_total`` re-based on ``konversi_bobot`` (equal to it when all apply or
        re-basing is off).
    dispensasi
        Points deducted (the 2024 rule's SPM dispensation); ``None`` when the rules have no
        deduction (the 2022 rule weighs it as a component instead).
    nilai_akhir
        ``nilai_konversi - dispensasi``.
    kategori
        Category name of ``nilai_akhir`` from the rules' thresholds.
    tertimbang
        Every weighted component -> value x weight / 100; ``None`` for one that does not apply.
    aspek
        perencanaan / pelaksanaan / hasil -> 0-100 score of the components that apply in it.
    """

    nilai_total: float | None
    konversi_bobot: float
    nilai_konversi: float | None
    dispensasi: float | None
    nilai_akhir: float | None
    kategori: str | None
    tertimbang: dict[str, float | None]
    aspek: dict[str, float | None]


def kategori_ikpa(nilai_akhir: float | None, *, rules: Rules) -> str | None:
    """Category of an IKPA value: the first whose lower bound it reaches (Sangat Baik >= 95 ...).

    Also for years whose final value is taken as data. Below every bound: the last category.
    """
    nilai = angka(nilai_akhir, "nilai_akhir")
    if nilai is None:
        return None
    for kategori in rules.ikpa_kategori:
        if capai(nilai, kategori.min):
            return kategori.nama
    return rules.ikpa_kategori[-1].nama


def hitung_ikpa(nilai: Mapping[str, float | None], *, rules: Rules) -> HasilIkpa:
    """IKPA from component values (0-100, keyed by component code).

    A weighted component that is missing or ``None`` does not apply. When re-basing is on
    (``rules.ikpa_konversi_bobot``, unconfirmed) the total is divided by the applicable
    weights ("konversi bobot"); otherwise a missing component simply scores nothing. A
    deduction component that is missing deducts 0.

    Raises
    ------
    CalcError
        An unknown component code, or a weighted value outside 0-100.
    """
    dikenal = set(rules.ikpa_komponen)
    asing = sorted(set(nilai) - dikenal)
    if asing:
        raise CalcError(f"IKPA ({rules.path.name}): unknown component(s) {', '.join(asing)}; "
                        f"expected codes among {', '.join(sorted(dikenal))}")

    tertimbang: dict[str, float | None] = {}
    bobot_berlaku: dict[str, float] = {}
    dispensasi: float | None = None
    for komponen in rules.ikpa_komponen.values():
        v = angka(nilai.get(komponen.kode), komponen.kode)
        if komponen.pengurang:
            dispensasi = (dispensasi or 0.0) + (v or 0.0)
            continue
        if v is None:
            tertimbang[komponen.kode] = None
            continue
        if not 0 <= v <= 100:
            raise CalcError(f"IKPA {komponen.kode}: expected a value between 0 and 100; "
                            f"found {v!r}")
        tertimbang[komponen.kode] = v * komponen.bobot / 100
        bobot_berlaku[komponen.kode] = komponen.bobot

    konversi_bobot = sum(bobot_berlaku.values())
    aspek = {
        kode: _nilai_aspek(kode, tertimbang, bobot_berlaku, rules) for kode in rules.ikpa_aspek
    }
    if not bobot_berlaku:
        return HasilIkpa(None, 0.0, None, dispensasi, None, None, tertimbang, aspek)

    nilai_total = sum(t for t in tertimbang.values() if t is not None)
    nilai_konversi = (
        nilai_total / konversi_bobot * 100 if rules.ikpa_konversi_bobot else nilai_total
    )
    nilai_akhir = nilai_konversi - (dispensasi or 0.0)
    return HasilIkpa(
        nilai_total=nilai_total,
        konversi_bobot=konversi_bobot,
        nilai_konversi=nilai_konversi,
        dispensasi=dispensasi,
        nilai_akhir=nilai_akhir,
        kategori=kategori_ikpa(nilai_akhir, rules=rules),
        tertimbang=tertimbang,
        aspek=aspek,
    )


def _nilai_aspek(
    aspek: str,
    tertimbang: Mapping[str, float | None],
    bobot_berlaku: Mapping[str, float],
    rules: Rules,
) -> float | None:
    # An aspect's score is its weighted values over its own applicable weights, so an aspect
    # with one component scores that component's value.
    kode = [k.kode for k in rules.ikpa_komponen.values()
            if k.aspek == aspek and k.kode in bobot_berlaku]
    bobot = sum(bobot_berlaku[k] for k in kode)
    if bobot == 0:
        return None
    return sum(tertimbang[k] or 0.0 for k in kode) / bobot * 100


__all__ = ["HasilIkpa", "hitung_ikpa", "kategori_ikpa"]
