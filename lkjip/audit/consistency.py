"""Consistency checks over the registry of figures: totals are sums of their rows, percentages
follow from their parts, capaian follows from realisasi, target and polarity, categories follow
from their thresholds, a figure shown under two ids has one value.

They are recomputed here with plain arithmetic, independently of ``lkjip.calc``, so a bug in a
calculation or in the registry shows up as a failed check. They hold by construction: a failure
is a bug and fails the build.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

TOL = 1e-6  # absolute tolerance for recomputed floats (values are full precision)


# ---- consistency checks ---------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    message: str
    figures: list[str] = field(default_factory=list)


class _Checker:
    def __init__(self, figs: dict[str, Any]):
        self.v = figs  # id -> value
        self.results: list[Check] = []

    def eq(self, name: str, fid: str, expected: Any, parts: Iterable[str], how: str) -> None:
        got = self.v.get(fid)
        ok = same(got, expected)
        msg = f"{fid} = {got!r}" + ("" if ok else f", but {how} gives {expected!r}")
        self.results.append(Check(name, ok, msg, [fid, *parts]))


def same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=TOL)


def _ratio(num: Any, den: Any) -> float | None:
    if num is None or den is None or den == 0:
        return None
    return num / den * 100


def consistency_checks(figs: dict[str, Any], rules: Any, indikator: list[dict[str, Any]]) -> list[Check]:
    """Recompute every derived figure from its parts. ``figs`` maps id -> value.

    ``indikator`` lists the year's indicators as dicts with kode, polaritas, jenis_realisasi.
    """
    c = _Checker(figs)
    ids = sorted(figs)

    # every percentage of a pagu/realisasi pair
    for fid in ids:
        m = re.fullmatch(r"(.+)\.persen", fid)
        if m and f"{m[1]}.pagu" in figs and f"{m[1]}.realisasi" in figs:
            c.eq(
                "persentase = realisasi / pagu",
                fid,
                _ratio(figs[f"{m[1]}.realisasi"], figs[f"{m[1]}.pagu"]),
                [f"{m[1]}.pagu", f"{m[1]}.realisasi"],
                "realisasi / pagu × 100",
            )

    # totals are sums of their rows
    def sum_of(prefix_re: str, total_id: str) -> None:
        rows = [i for i in ids if re.fullmatch(prefix_re, i)]
        if total_id in figs and rows:
            c.eq("jumlah = jumlah rincian", total_id, sum(figs[i] for i in rows), rows, "the sum of its rows")

    years = sorted({int(m[1]) for i in ids if (m := re.fullmatch(r"anggaran\.tahun\.(\d{4})\.pagu", i))})
    for y in years:
        for part in ("pagu", "realisasi"):
            sum_of(rf"anggaran\.tahun\.{y}\.jenis\.[a-z_]+\.{part}", f"anggaran.tahun.{y}.{part}")
    for part in ("pagu", "realisasi"):
        sum_of(rf"anggaran\.sasaran\.(?!total\.|tidak_terbagi\.)[a-z_]+\.{part}", f"anggaran.sasaran.total.{part}")
    sum_of(r"anggaran\.sumber\.[a-z_]+\.pagu", "anggaran.sumber.total")
    for y in sorted({int(m[1]) for i in ids if (m := re.fullmatch(r"pnbp\.tahun\.(\d{4})\.realisasi", i))}):
        sum_of(rf"pnbp\.akun\.[0-9a-z_]+\.tahun\.{y}", f"pnbp.tahun.{y}.realisasi")
    if "pnbp.persen" in figs:
        c.eq(
            "persentase = realisasi / target",
            "pnbp.persen",
            _ratio(figs.get("pnbp.realisasi"), figs.get("pnbp.target")),
            ["pnbp.realisasi", "pnbp.target"],
            "realisasi / target × 100",
        )
    if "pegawai.laki_laki" in figs:
        c.eq(
            "jumlah = jumlah rincian",
            "pegawai.jumlah",
            figs["pegawai.laki_laki"] + figs["pegawai.perempuan"],
            ["pegawai.laki_laki", "pegawai.perempuan"],
            "laki-laki + perempuan",
        )
        groups = [i for i in ids if i.startswith("pegawai.kelompok.")]
        c.eq(
            "jumlah = jumlah rincian",
            "pegawai.jumlah",
            sum(figs[i] for i in groups),
            groups,
            "the sum of position groups",
        )
    sum_of(r"wilayah\.kabupaten\.[a-z_]+\.kecamatan", "wilayah.kecamatan")

    # indicators: realisasi from its parts, capaian from realisasi/target/polarity, status
    threshold = float(getattr(rules, "ambang_tercapai", 100.0))
    for ind in indikator:
        p = f"ikk.{ind['kode']}"
        for fid in ids:
            m = re.fullmatch(rf"{re.escape(p)}\.tahun\.(\d{{4}})\.realisasi", fid)
            if not m:
                continue
            q = f"{p}.tahun.{m[1]}"
            if f"{q}.penyebut" in figs:
                c.eq(
                    "realisasi = pembilang / penyebut",
                    fid,
                    _ratio(figs[f"{q}.pembilang"], figs[f"{q}.penyebut"]),
                    [f"{q}.pembilang", f"{q}.penyebut"],
                    "pembilang / penyebut × 100",
                )
            elif f"{q}.nilai_survei" in figs:
                c.eq(
                    "indeks = nilai survei × 4 / skala",
                    fid,
                    figs[f"{q}.nilai_survei"] * 4 / figs[f"{q}.skala"],
                    [f"{q}.nilai_survei", f"{q}.skala"],
                    "nilai survei × 4 / skala",
                )
        # the year's counts are the sums of their breakdown
        for part in ("pembilang", "penyebut"):
            sum_of(rf"{re.escape(p)}\.rincian\.[a-z0-9_]+\.{part}", f"{p}.tahun.{_year(figs)}.{part}")
        expected = _capaian(figs.get(f"{p}.realisasi"), figs.get(f"{p}.target"), figs.get(f"{p}.target_atas"),
                            ind["polaritas"], rules)
        cap_rule = getattr(rules, "cap", None)
        if expected is not None and cap_rule is not None and getattr(cap_rule, "enabled", False):
            if expected > cap_rule.batas:
                expected = cap_rule.nilai
        c.eq(
            "capaian mengikuti realisasi, target dan polaritas",
            f"{p}.capaian",
            expected,
            [f"{p}.realisasi", f"{p}.target"],
            f"polarity {ind['polaritas']}",
        )
        cap = figs.get(f"{p}.capaian")
        st = "nihil" if cap is None else ("tercapai" if cap >= threshold - 1e-9 else "tidak_tercapai")
        c.eq("status mengikuti capaian", f"{p}.status", st, [f"{p}.capaian"], f"threshold {threshold:g}")
        if f"{p}.banding_kelompok" in figs:
            c.eq("banding = capaian / rata-rata kelompok", f"{p}.banding_kelompok",
                 _ratio(figs.get(f"{p}.capaian"), figs.get(f"{p}.rata_rata_kelompok")),
                 [f"{p}.capaian", f"{p}.rata_rata_kelompok"], "capaian / rata-rata kelompok × 100")
        c.eq(
            "realisasi tahun ini = realisasi seri",
            f"{p}.realisasi",
            figs.get(f"{p}.tahun.{_year(figs)}.realisasi"),
            [f"{p}.tahun.{_year(figs)}.realisasi"],
            "the series value of the year",
        )

    # IKPA
    comps = sorted({m[1] for i in ids if (m := re.fullmatch(r"ikpa\.komponen\.([a-z_]+)\.nilai", i))})
    if comps:
        weighted = []
        for k in comps:
            q = f"ikpa.komponen.{k}"
            val, w = figs.get(f"{q}.nilai"), figs.get(f"{q}.bobot")
            expected = None if val is None or w is None else val * w / 100
            c.eq(
                "nilai tertimbang = nilai × bobot",
                f"{q}.nilai_tertimbang",
                expected,
                [f"{q}.nilai", f"{q}.bobot"],
                "nilai × bobot / 100",
            )
            if expected is not None:
                weighted.append((expected, w))
        applicable = sum(w for _, w in weighted)
        c.eq(
            "konversi bobot = jumlah bobot yang berlaku",
            "ikpa.konversi_bobot",
            applicable,
            [f"ikpa.komponen.{k}.bobot" for k in comps],
            "the sum of applicable weights",
        )
        total = sum(x for x, _ in weighted)
        c.eq(
            "nilai total IKPA = jumlah nilai tertimbang",
            "ikpa.nilai_total",
            total,
            [f"ikpa.komponen.{k}.nilai_tertimbang" for k in comps],
            "Σ nilai tertimbang",
        )
        akhir = total / applicable * 100 - (figs.get("ikpa.dispensasi") or 0) if applicable else None
        c.eq(
            "nilai akhir = nilai total / konversi bobot − dispensasi",
            "ikpa.nilai_akhir",
            akhir,
            ["ikpa.nilai_total", "ikpa.konversi_bobot", "ikpa.dispensasi"],
            "nilai total / konversi bobot × 100 − dispensasi SPM",
        )
        c.eq(
            "kategori mengikuti ambang",
            "ikpa.kategori",
            _kategori(figs.get("ikpa.nilai_akhir"), rules),
            ["ikpa.nilai_akhir"],
            "the thresholds of the year's rules",
        )
    return c.results


def _capaian(real: float | None, target: float | None, atas: float | None, polaritas: str, rules: Any) -> float | None:
    """Capaian recomputed by hand: R / T x 100 (positif), (2T - R) / T x 100 (negatif); a range
    scores 100 inside it, and outside is compared with the bound it crosses by the formula the
    rules name for that side."""
    def rumus(nama: str, r: float, t: float) -> float | None:
        if not t:
            return None
        return r / t * 100 if nama == "langsung" else (2 * t - r) / t * 100

    if real is None or target is None:
        return None
    if polaritas == "rentang":
        if atas is None:
            return None
        if target <= real <= atas:
            return 100.0
        side, bound = ("di_atas", atas) if real > atas else ("di_bawah", target)
        return rumus(rules.rumus_rentang[side], real, bound)
    return rumus("terbalik" if polaritas == "negatif" else "langsung", real, target)


def _year(figs: dict[str, Any]) -> int | None:
    return figs.get("__year__")


def _kategori(nilai: float | None, rules: Any) -> str | None:
    if nilai is None:
        return None
    for k in getattr(rules, "ikpa_kategori", []):
        if nilai >= k.min - 1e-9:
            return k.nama
    return None


def check_aliases(F: Any) -> list[Check]:
    """A figure shown under two ids (e.g. ``anggaran.pagu`` and ``anggaran.tahun.2024.pagu``)."""
    out = []
    for fid, f in F.all().items():
        if f.note.startswith("sama dengan "):
            src = f.note.removeprefix("sama dengan ")
            ok = same(f.value, F[src].value)
            out.append(
                Check("satu figur, satu nilai", ok, f"{fid} = {f.value!r}; {src} = {F[src].value!r}", [fid, src])
            )
    return out
