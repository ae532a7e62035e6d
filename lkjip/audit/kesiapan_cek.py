"""The checks of the readiness criteria that apply to every PK indicator, one function per
criterion code of ``lkjip/rules/kesiapan/<y>.yaml`` (:data:`PER_INDIKATOR`), and what every
check reads (:class:`Konteks`). The checks of the whole report are in
:mod:`lkjip.audit.kesiapan_laporan`.

They read the registry by id (``ikk.<kode>.*``, ``anggaran.indikator.<kode>.*``), the rows of
``F.indikator()`` (kode, indikator, satuan, polaritas) and the office's inputs (narasi,
pk_lampiran, params); the places come from the stitched report when it is given.
"""

from __future__ import annotations

import math
import re
from typing import Any

from lkjip.audit import narasi as N
from lkjip.audit.kesiapan_hasil import MET, NOT_MET, PARTLY, Hasil
from lkjip.audit.kriteria import Kriteria, Kriterium
from lkjip.audit.letak import PetaLaporan, gabung
from lkjip.present import fmt


class Konteks:
    """What every check reads: the registry, the inputs, the criteria and the map of the report."""

    def __init__(self, F: Any, kriteria: Kriteria, peta: PetaLaporan | None):
        self.F, self.k, self.peta = F, kriteria, peta
        self.year = int(F.year)
        self.narasi = F.inputs.narasi or {}
        self.rows = F.indikator().to_dict("records")
        self.berkas_narasi = f"narasi/{self.year}.yaml"

    def v(self, fid: str) -> Any:
        f = self.F.get(fid)
        return None if f is None else f.value

    def lihat(self, h: Hasil, ids: tuple[str, ...] = (), awalan: tuple[str, ...] = (),
              teks: tuple[str, ...] = ()) -> Hasil:
        """Record where ``h``'s evidence is in the report: for an indicator's analysis, in BAB III
        (where PermenPAN-RB 53/2014 puts the analyses). With the report given and nothing of it
        found there, a finding met in the data is only partly met."""
        h.angka += [i for i in ids if self.F.get(i) is not None and i not in h.angka]
        if self.peta is None:
            return h
        places = (self.peta.angka(ids, awalan) if ids or awalan else []) + [t for s in teks for t in self.peta.teks(s)]
        if h.indikator is not None:
            places = [t for t in places if t.di_bab(self.k.bab["bab_iii"])]
        h.tempat = gabung(h.tempat + places)
        h.angka = list(dict.fromkeys(h.angka + [i for t in places for i in t.angka]))
        if not places and h.status in (MET, PARTLY):
            h.status = PARTLY
            h.keterangan += " Namun tidak ditemukan di laporan yang dibangun."
        return h


def tulis_nilai(v: Any, satuan: Any) -> str:
    if isinstance(v, bool) or not isinstance(v, int | float):
        return "–" if v is None else str(v)
    if satuan == "persen":
        return fmt.persen(v, 2)
    if satuan == "indeks":
        return f"{fmt.indeks(v, 2)} indeks"
    return fmt.angka(v, 2)


def target_pk(c: Konteks, row: dict) -> Any:
    """The indicator's target: its figure, else the PK row's own (a form the registry does not
    give as one number, e.g. a range)."""
    target = c.v(f"ikk.{row['kode']}.target")
    if target is None and not _kosong(row.get("target")):
        return row.get("target")
    return target


def _kosong(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip())


def sama(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return str(a).strip() == str(b).strip()


def nama_baku(teks: Any) -> str:
    return " ".join(str(teks).casefold().split())


def _pk_diungkap(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    p, kode = f"ikk.{row['kode']}", row["kode"]
    if c.F.get(f"{p}.realisasi") is None:
        return Hasil(NOT_MET, "Indikator PK ini tidak punya realisasi di registri angka.", kode, data=["indikator.csv"])
    nihil = c.v(f"{p}.status") == "nihil"
    h = Hasil(MET, "Hasilnya disajikan" + (" (nihil: tidak ada kasus, dinyatakan dengan kata)." if nihil else "."),
              kode, data=["indikator.csv"])
    if c.peta is not None:
        bab3 = c.k.bab["bab_iii"]
        h.tempat = [t for t in c.peta.angka(awalan=(p + ".",)) if t.di_bab(bab3)]
        h.angka = list(dict.fromkeys(i for t in h.tempat for i in t.angka))
        if not h.tempat:
            h.status, h.keterangan = NOT_MET, f"Tidak ada angka indikator ini ({p}.*) di {bab3} laporan yang dibangun."
    else:
        h.angka = [f"{p}.realisasi", f"{p}.capaian"]
    return h


def _target_realisasi(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    p, kode, sat = f"ikk.{row['kode']}", row["kode"], row.get("satuan")
    target, real, status = target_pk(c, row), c.v(f"{p}.realisasi"), c.v(f"{p}.status")
    if target is None:
        return Hasil(NOT_MET, "Target tahun ini tidak ada.", kode, data=["indikator.csv"])
    if real is None and status != "nihil":
        return Hasil(NOT_MET, f"Target {tulis_nilai(target, sat)}, tetapi realisasinya belum ada.", kode)
    if real is None:
        h = Hasil(MET, f"Target {tulis_nilai(target, sat)}; nihil (tidak ada kasus), sehingga realisasi dan capaian "
                       "dinyatakan dengan kata.", kode)
        return c.lihat(h, (f"{p}.target",))
    h = Hasil(MET, f"Target {tulis_nilai(target, sat)}, realisasi {tulis_nilai(real, sat)}, capaian "
                   f"{fmt.persen(c.v(f'{p}.capaian'), 2)}.", kode)
    return c.lihat(h, (f"{p}.target", f"{p}.realisasi", f"{p}.capaian"))


def _tahun_lalu(c: Konteks, p: str) -> list[int]:
    found = {int(m[1]) for i in c.F.ids(f"{p}.tahun.") if (m := re.match(rf"{re.escape(p)}\.tahun\.(\d{{4}})\.", i))}
    return sorted(y for y in found if y < c.year)


def _tahun_sebelumnya(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    p, kode = f"ikk.{row['kode']}", row["kode"]
    years = _tahun_lalu(c, p)
    if not years:
        return Hasil(NOT_MET, f"Belum ada data realisasi sebelum {c.year}: indikator ini baru diukur tahun ini, "
                              "atau data tahun lalu belum diisi.", kode)
    nihil = [y for y in years if c.v(f"{p}.tahun.{y}.realisasi") is None]
    status = MET if len(years) >= k.param["tahun_minimal"] else PARTLY
    teks = f"Data {len(years)} tahun sebelumnya ({', '.join(map(str, years))})"
    teks += f", {len(nihil)} di antaranya nihil." if nihil else "."
    if status == PARTLY:
        teks += f" Perbandingan lebih kuat dengan sedikitnya {k.param['tahun_minimal']} tahun."
    return c.lihat(Hasil(status, teks, kode), awalan=tuple(f"{p}.tahun.{y}." for y in years))


def _target_renstra(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    p, kode = f"ikk.{row['kode']}", row["kode"]
    tr = c.v(f"{p}.target_renstra")
    if tr is None:
        return Hasil(NOT_MET, "Target jangka menengah (Renstra) tidak ada.", kode, data=["indikator.csv"])
    cap = c.v(f"{p}.capaian_renstra")
    teks = f"Target Renstra {tulis_nilai(tr, row.get('satuan'))}" + (
        f", capaian terhadapnya {fmt.persen(cap, 2)}." if cap is not None else "; capaian tidak dihitung (nihil).")
    return c.lihat(Hasil(MET, teks, kode), (f"{p}.target_renstra", f"{p}.capaian_renstra"))


def _pembanding(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    p, kode = f"ikk.{row['kode']}", row["kode"]
    ids = tuple(f"{p}.{name}" for name in k.param["figur"])
    known = [(i, c.v(i)) for i in ids if c.v(i) is not None]
    if not known:
        h = Hasil(NOT_MET, "Pembanding (rata-rata nasional atau pembanding lain) belum tersedia di data.", kode,
                  data=["rata_rata_nasional.csv"])
        h.angka = [i for i in ids if c.F.get(i) is not None]
        return h
    teks = "; ".join(f"{c.F.get(i).label or i}: {fmt.persen(v, 2)}" for i, v in known)
    return c.lihat(Hasil(MET, f"{teks}.", kode), ids)


def _menurun(c: Konteks, row: dict) -> bool:
    """Whether this year's realisasi is worse than last year's, given the indicator's polarity."""
    p = f"ikk.{row['kode']}"
    now, before = c.v(f"{p}.tahun.{c.year}.realisasi"), c.v(f"{p}.tahun.{c.year - 1}.realisasi")
    if not all(isinstance(x, int | float) for x in (now, before)) or math.isclose(now, before, abs_tol=1e-9):
        return False
    return {"positif": now < before, "negatif": now > before}.get(row.get("polaritas"), False)


def _sebab_upaya(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    kode = row["kode"]
    isi = {key: N.isi(c.narasi, "indikator", kode, key) for key in ("faktor_keberhasilan", "kendala", "solusi")}
    data = [f"{c.berkas_narasi}: indikator.{kode}"]
    if not any(isi.values()):
        return Hasil(NOT_MET, "Narasi indikator ini kosong: tidak ada faktor penentu, kendala, atau solusi.",
                     kode, data=data)
    alasan = [a for a, ya in (("di bawah target", c.v(f"ikk.{kode}.status") == "tidak_tercapai"),
                              ("menurun dari tahun lalu", _menurun(c, row))) if ya]
    kurang = [key for key in ("kendala", "solusi") if not isi[key]]
    teks = (f"Narasi memuat {len(isi['faktor_keberhasilan'])} faktor penentu, {len(isi['kendala'])} kendala, "
            f"{len(isi['solusi'])} solusi.")
    if alasan and kurang:
        h = Hasil(PARTLY, f"{teks} Indikator ini {' dan '.join(alasan)}, tetapi {' dan '.join(kurang)} belum ditulis.",
                  kode, data=data)
    else:
        h = Hasil(MET, teks + (f" Indikator ini {' dan '.join(alasan)}; kendala dan solusi ada." if alasan else ""),
                  kode, data=data)
    return c.lihat(h, teks=tuple(t for v in isi.values() for t in v))


def _efisiensi(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    kode = row["kode"]
    a = f"anggaran.indikator.{kode}"
    pagu, persen, cap = c.v(f"{a}.pagu"), c.v(f"{a}.persen"), c.v(f"ikk.{kode}.capaian")
    data = ["anggaran_indikator.csv"]
    if pagu is None:
        return Hasil(NOT_MET, "Pagu anggaran indikator ini tidak ada di data.", kode, data=data)
    ada_narasi = any(N.isi(c.narasi, "efisiensi", key) for key in (c.narasi.get("efisiensi") or {}))
    if pagu == 0:
        h = Hasil(PARTLY, "Indikator ini tidak memiliki pos anggaran sendiri (pagu Rp0): efisiensinya hanya "
                          "dapat diuraikan secara umum.", kode, data=data)
    elif persen is None:
        h = Hasil(PARTLY, f"Pagu {fmt.rupiah(pagu)}, tetapi realisasi anggarannya belum ada.", kode, data=data)
    elif cap is None:
        h = Hasil(PARTLY, f"Pagu {fmt.rupiah(pagu)}, terserap {fmt.persen(persen, 2)}; capaian tidak dihitung "
                          "(nihil), sehingga serapan tidak dapat dibandingkan dengan hasil.", kode, data=data)
    else:
        h = Hasil(MET, f"Pagu {fmt.rupiah(pagu)}, terserap {fmt.persen(persen, 2)}, dengan capaian "
                       f"{fmt.persen(cap, 2)}.", kode, data=data)
    if not ada_narasi and h.status == MET:
        h.status, h.keterangan = PARTLY, h.keterangan + " Uraian efisiensi kantor (narasi efisiensi) kosong."
        h.data.append(f"{c.berkas_narasi}: efisiensi")
    return c.lihat(h, (f"{a}.pagu", f"{a}.realisasi", f"{a}.persen"))


def _program_pendukung(c: Konteks, k: Kriterium, row: dict) -> Hasil:
    kode = row["kode"]
    isi = N.isi(c.narasi, "indikator", kode, "program_pendukung")
    data = [f"{c.berkas_narasi}: indikator.{kode}.program_pendukung"]
    if not isi:
        return Hasil(NOT_MET, "Program dan kegiatan pendukung belum ditulis.", kode, data=data)
    return c.lihat(Hasil(MET, f"{len(isi)} program/kegiatan pendukung.", kode, data=data), teks=tuple(isi))


PER_INDIKATOR = {
    "pk_diungkap": _pk_diungkap, "target_realisasi": _target_realisasi, "tahun_sebelumnya": _tahun_sebelumnya,
    "target_renstra": _target_renstra, "pembanding": _pembanding, "sebab_upaya": _sebab_upaya,
    "efisiensi": _efisiensi, "program_pendukung": _program_pendukung,
}


__all__ = ["PER_INDIKATOR", "Konteks", "nama_baku", "sama", "target_pk", "tulis_nilai"]
