"""The Perjanjian Kinerja as the chapters' templates see it: sasaran and indicators, each with
its figures and the small choices its sentences depend on (nihil or not, up or down, above or
below the national average). A template asks ``ikk.nihil`` or ``ikk.arah``; this module
answers from the registry, so that the template holds words and no arithmetic.

Every indicator comes from the year's ``indikator.csv``: nothing here names an indicator.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from markupsafe import Markup

from lkjip.present import fmt
from lkjip.present.teks import rentang_tahun
from lkjip.present.template import Angka

# a status code of the registry -> how a sentence says it (the labels themselves are rules)
ARAH = ("naik", "turun", "tetap")


class Indikator:
    """One indicator of the year's PK (``ikk``), numbered in PK order ("1.2")."""

    def __init__(self, L: Any, row: Any, nomor: str):
        self.L, self.row, self.nomor = L, row, nomor
        self.kode: str = row.kode
        self.nama: str = row.indikator
        self.satuan: str = row.satuan
        self.jenis: str = row.jenis_realisasi
        self.polaritas: str = row.polaritas
        self.sasaran: str = row.sasaran
        self.p = f"ikk.{row.kode}"

    # ---- figures ---------------------------------------------------------------------------
    def v(self, part: str, kind: str | None = None, desimal: int | None = None) -> Angka:
        """A figure of this indicator: ``ikk.v('tahun.2023.realisasi')``."""
        return self.L.angka_teks(f"{self.p}.{part}", kind, desimal)

    def ada(self, part: str) -> bool:
        return f"{self.p}.{part}" in self.L.fig

    def nilai(self, part: str) -> Any:
        return self.L.fig[f"{self.p}.{part}"].value

    def _dengan_satuan(self, part: str, desimal: int | None = None) -> Markup:
        unit = "" if self.satuan == "persen" else f" {self.satuan}"
        return Markup(self.L.v(f"{self.p}.{part}", digits=desimal)) + unit

    def _desimal_target(self, part: str) -> int | None:
        """The indicator's decimals (``indikator.csv`` desimal): one per column of a table."""
        return int(self.row.desimal)

    @property
    def target(self) -> Markup:
        """The target with its unit: ``90%``, ``3,10 indeks``; a range as ``80–90%``."""
        t = self._dengan_satuan("target", self._desimal_target("target"))
        if self.polaritas != "rentang":
            return t
        atas = self._dengan_satuan("target_atas", self._desimal_target("target_atas"))
        # the unit once, after the upper bound: "80–90%" (a percent's own sign would repeat it)
        bawah = Markup(self.L.v(f"{self.p}.target", kind="angka" if self.satuan == "persen" else None,
                                digits=self._desimal_target("target")))
        return bawah + Markup("–") + atas

    @property
    def target_renstra(self) -> Markup:
        return self._dengan_satuan("target_renstra", self._desimal_target("target_renstra"))

    @property
    def realisasi(self) -> Markup:
        """The year's realisasi with its unit, or the nihil label."""
        if self.nihil:
            return Markup.escape(self.L.label_status("nihil"))
        return self._dengan_satuan("realisasi", int(self.row.desimal))

    @property
    def capaian(self) -> Angka:
        return self.v("capaian")

    @property
    def pembilang(self) -> Angka:
        return self.v("pembilang")

    @property
    def penyebut(self) -> Angka:
        return self.v("penyebut")

    # ---- status ----------------------------------------------------------------------------
    @property
    def status(self) -> str:
        """``tercapai``, ``tidak_tercapai`` or ``nihil``."""
        return self.nilai("status")

    @property
    def status_label(self) -> str:
        return self.L.label_status(self.status)

    @property
    def nihil(self) -> bool:
        return self.status == "nihil"

    @property
    def tercapai(self) -> bool:
        return self.status == "tercapai"

    # ---- how it is measured ----------------------------------------------------------------
    @property
    def kata_pembilang(self) -> str:
        """What is counted above the line: "permohonan yang diselesaikan"."""
        return _kata(self.row.pembilang, "")

    @property
    def kata_penyebut(self) -> str:
        return _kata(self.row.penyebut, "")

    @property
    def survei(self) -> bool:
        return self.jenis == "indeks_survei"

    @property
    def rumus_realisasi(self) -> Markup:
        """How the year's realisasi follows from its base figures, written out with them."""
        if self.survei:
            return (Markup("Realisasi = nilai survei × 4 ÷ skala = ") + self.L.v(f"{self.p}.nilai_survei")
                    + Markup(" × 4 ÷ ") + self.L.v(f"{self.p}.skala", digits=0) + Markup(" = ")
                    + self.L.v(f"{self.p}.realisasi", digits=4) + Markup(", dibulatkan menjadi ")
                    + self.L.v(f"{self.p}.realisasi"))
        return (Markup("Realisasi = jumlah ") + self.kata_pembilang + Markup(" ÷ jumlah ") + self.kata_penyebut
                + Markup(" × 100% = ") + self.L.v(f"{self.p}.pembilang") + Markup(" ÷ ")
                + self.L.v(f"{self.p}.penyebut") + Markup(" × 100% = ") + self.L.v(f"{self.p}.realisasi"))

    @property
    def rumus_capaian(self) -> Markup:
        """How the year's capaian follows from realisasi and target, by polarity, with the figures
        (realisasi with the decimals that let a reader recompute the capaian by hand)."""
        rules = self.L.fig.rules
        real = self.L.v(f"{self.p}.realisasi", digits=4 if self.satuan != "persen" else None)
        cap = self.L.v(f"{self.p}.capaian")
        if self.polaritas == "rentang":
            real_v, bawah, atas = self.nilai("realisasi"), self.nilai("target"), self.nilai("target_atas")
            if bawah <= real_v <= atas:
                return Markup("Realisasi ") + real + Markup(" berada di dalam rentang target ") + self.target \
                    + Markup(", sehingga capaian = ") + cap
            side = "di_atas" if real_v > atas else "di_bawah"
            bound = self.L.v(f"{self.p}.{'target_atas' if side == 'di_atas' else 'target'}")
            rumus = rules.rumus_rentang[side]
            lead = Markup("Realisasi ") + real + Markup(" berada " + ("di atas" if side == "di_atas" else "di bawah")
                                                        + " rentang target, sehingga dibandingkan dengan batas ") + bound
            return lead + Markup(": capaian = ") + _rumus(rumus, real, bound) + Markup(" = ") + cap
        tgt = self.L.v(f"{self.p}.target", digits=self._desimal_target("target"))
        return Markup("Capaian = ") + _rumus(rules.rumus_capaian[self.polaritas], real, tgt) + Markup(" = ") + cap

    # ---- over the years --------------------------------------------------------------------
    @cached_property
    def tahun_riwayat(self) -> list[int]:
        """Every year for which the registry holds the indicator's realisasi (known or nihil)."""
        return self.L.fig.years(f"{self.p}.tahun.", ".realisasi")

    @cached_property
    def tahun_terukur(self) -> list[int]:
        """The years whose realisasi is known (not nihil)."""
        return [y for y in self.tahun_riwayat if self.nilai(f"tahun.{y}.realisasi") is not None]

    @property
    def rentang_riwayat(self) -> str:
        return rentang_tahun(self.tahun_riwayat)

    @property
    def rentang_terukur(self) -> str:
        return rentang_tahun(self.tahun_terukur)

    @cached_property
    def puncak(self) -> tuple[int, int] | None:
        """(year of the highest, of the lowest realisasi) over measured years; the latest wins a tie."""
        ys = self.tahun_terukur
        if len(ys) < 2:
            return None
        val = {y: self.nilai(f"tahun.{y}.realisasi") for y in ys}
        return max(reversed(ys), key=lambda y: val[y]), min(reversed(ys), key=lambda y: val[y])

    @property
    def tahun_tertinggi(self) -> int | None:
        return self.puncak[0] if self.puncak else None

    @property
    def tahun_terendah(self) -> int | None:
        return self.puncak[1] if self.puncak else None

    @property
    def tetap(self) -> bool:
        """Whether every measured year has the same realisasi (at two decimals)."""
        vals = {fmt.round_half_up(self.nilai(f"tahun.{y}.realisasi"), 2) for y in self.tahun_terukur}
        return len(vals) == 1

    @property
    def tahun_lalu(self) -> int | None:
        """The year before the report's year, if the indicator has a known realisasi for it."""
        y = self.L.year - 1
        return y if y in self.tahun_terukur and not self.nihil else None

    @property
    def arah(self) -> str:
        """The change of realisasi from last year: ``naik``, ``turun`` or ``tetap``."""
        return _arah(self.nilai(f"tahun.{self.L.year}.perubahan") if self.ada(f"tahun.{self.L.year}.perubahan") else None)

    @property
    def arah_penyebut(self) -> str:
        """The change of what there was to do (the penyebut) from last year."""
        y = self.tahun_lalu
        if y is None or self.survei:
            return "tetap"
        return _arah_antara(self.nilai(f"tahun.{y}.penyebut"), self.nilai("penyebut"))

    # ---- the medium-term target and the benchmark -------------------------------------------
    @property
    def ada_target_renstra(self) -> bool:
        return self.nilai("target_renstra") is not None

    @property
    def status_renstra(self) -> str:
        from lkjip.calc.kinerja import status

        return status(self.nilai("capaian_renstra"), rules=self.L.fig.rules)

    @property
    def ada_rata_rata(self) -> bool:
        return self.nilai("rata_rata_nasional") is not None

    @property
    def banding_kata(self) -> str:
        """How the own capaian compares with the national average, in words."""
        return self._banding("rata_rata_nasional", "rata-rata nasional")

    @property
    def ada_banding(self) -> bool:
        """A batch average to compare with (``lkjip batch --banding``)."""
        return self.ada("rata_rata_kelompok") and self.nilai("rata_rata_kelompok") is not None

    @property
    def kelompok(self) -> str:
        """The group of offices the average is of, as printed after "rata-rata"."""
        return self.nilai("kelompok")

    @property
    def banding_kelompok_kata(self) -> str:
        """How the own capaian compares with the group's average, in words."""
        return self._banding("rata_rata_kelompok", "rata-rata itu")

    def _banding(self, rata_rata: str, nama: str) -> str:
        """The own capaian against the average ``rata_rata`` (called ``nama`` in the sentence):
        above, below or the same as printed (2 decimals), or not comparable."""
        a, b = self.nilai("capaian"), self.nilai(rata_rata)
        if a is None or b is None:
            return f"belum dapat dibandingkan dengan {nama}"
        if fmt.round_half_up(a, 2) == fmt.round_half_up(b, 2):
            return f"sama dengan {nama}"
        return f"berada di atas {nama}" if a > b else f"berada di bawah {nama}"

    # ---- the office's own judgement ------------------------------------------------------------
    @cached_property
    def narasi(self) -> dict[str, list[str]]:
        """faktor_keberhasilan, kendala, solusi, program_pendukung (lists; empty when missing)."""
        n = ((self.L.inputs.narasi or {}).get("indikator") or {}).get(self.kode) or {}
        return {k: list(n.get(k) or []) for k in ("faktor_keberhasilan", "kendala", "solusi", "program_pendukung")}

    # ---- the budget behind it -------------------------------------------------------------------
    @property
    def anggaran(self) -> str:
        """``tidak_ada`` (no budget line), ``pagu_nol``, ``tidak_terserap`` or ``terserap``."""
        q = f"anggaran.indikator.{self.kode}"
        if f"{q}.pagu" not in self.L.fig:
            return "tidak_ada"
        if not self.L.fig[f"{q}.pagu"].value:
            return "pagu_nol"
        return "tidak_terserap" if not self.L.fig[f"{q}.realisasi"].value else "terserap"

    @property
    def terserap_penuh(self) -> bool:
        q = f"anggaran.indikator.{self.kode}"
        return self.anggaran == "terserap" and fmt.round_half_up(self.L.fig[f"{q}.persen"].value, 2) >= 100

    def anggaran_v(self, part: str) -> Angka:
        return self.L.angka_teks(f"anggaran.indikator.{self.kode}.{part}")

    # ---- the action plan's quarters -------------------------------------------------------------
    @cached_property
    def triwulan(self) -> list[int]:
        """The quarters with recorded progress (an action-plan indicator)."""
        pre = f"{self.p}.triwulan."
        return sorted({int(i.split(".")[3]) for i in self.L.fig.ids(pre) if i.endswith(".capaian")})

    @property
    def ada_rincian(self) -> bool:
        """Whether the year's counts are broken down (by type of case or service)."""
        return any(".rincian." in i for i in self.L.fig.ids(f"{self.p}.rincian."))

    @property
    def ada_kasus(self) -> bool:
        """Whether the data lists the year's cases of this indicator one by one."""
        df = self.L.inputs.kasus
        return bool(((df["tahun"] == self.L.year) & (df["indikator"] == self.kode)).any())

    @property
    def kata_rincian(self) -> str:
        """What the breakdown is ("jenis layanan"), as the PK says; "jenis" when it says nothing."""
        return _kata(self.row.rincian, "jenis")


class Sasaran:
    """One sasaran kegiatan of the year's PK, numbered ("1"), with its indicators."""

    def __init__(self, L: Any, row: Any, nomor: str, indikator: list[Indikator]):
        self.L, self.row, self.nomor, self.indikator = L, row, nomor, indikator
        self.kode: str = row.kode
        self.nama: str = row.sasaran

    @property
    def jumlah_ikk(self) -> Angka:
        return self.L.angka_teks(f"sasaran.{self.kode}.jumlah_ikk", "terbilang", 0)

    @property
    def ada_anggaran(self) -> bool:
        return f"anggaran.sasaran.{self.kode}.pagu" in self.L.fig

    def anggaran_v(self, part: str) -> Angka:
        return self.L.angka_teks(f"anggaran.sasaran.{self.kode}.{part}")

    @property
    def mitigasi(self) -> list[str]:
        s = ((self.L.inputs.narasi or {}).get("sasaran") or {}).get(self.kode) or {}
        return list(s.get("mitigasi_risiko") or [])


def perjanjian(L: Any) -> list[Sasaran]:
    """The year's sasaran in PK order, each with its indicators (numbered 1.1, 1.2, 2.1 ...)."""
    sas = L.inputs.sasaran
    sas = sas[sas["tahun"] == L.year].sort_values("urutan")
    ind = L.fig.indikator()
    out = []
    for i, s in enumerate(sas.itertuples(index=False), start=1):
        rows = list(ind[ind["sasaran"] == s.kode].itertuples(index=False))
        out.append(Sasaran(L, s, str(i), [Indikator(L, r, f"{i}.{j}") for j, r in enumerate(rows, start=1)]))
    return out


def _kata(cell: Any, kosong: str) -> str:
    """A text cell of indikator.csv; ``kosong`` for an empty one (read as NaN, which is truthy)."""
    return cell if isinstance(cell, str) and cell.strip() else kosong


def _rumus(nama: str, realisasi: Markup, target: Markup) -> Markup:
    if nama == "langsung":
        return realisasi + Markup(" ÷ ") + target + Markup(" × 100%")
    return Markup("(2 × ") + target + Markup(" − ") + realisasi + Markup(") ÷ ") + target + Markup(" × 100%")


def _arah(change: float | None) -> str:
    if change is None or fmt.round_half_up(change, 2) == 0:
        return "tetap"
    return "naik" if change > 0 else "turun"


def _arah_antara(old: float | None, new: float | None) -> str:
    if old is None or new is None or old == new:
        return "tetap"
    return "naik" if new > old else "turun"
