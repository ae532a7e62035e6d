"""The checks of the readiness criteria that apply to the whole report (:data:`PER_LAPORAN`):
the submission date, the standard format, PK alignment, recommendations and the checks of the
narasi text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lkjip.audit import narasi as N
from lkjip.audit.kesiapan_cek import Konteks, nama_baku, sama, target_pk, tulis_nilai
from lkjip.audit.kesiapan_hasil import MET, NOT_CHECKED, NOT_MET, PARTLY, Hasil
from lkjip.audit.kriteria import Kriterium
from lkjip.audit.letak import Tempat, gabung
from lkjip.present import fmt


def _tanggal(v: Any) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v).strip()) if v else None
    except ValueError:
        return None


def tanggal_laporan(F: Any) -> dt.date | None:
    return _tanggal((F.inputs.params or {}).get("tanggal_laporan"))


def _tepat_waktu(c: Konteks, k: Kriterium) -> list[Hasil]:
    tanggal, batas = tanggal_laporan(c.F), c.k.batas_penyampaian(c.year)
    data = [f"params/{c.year}.yaml: tanggal_laporan"]
    if tanggal is None:
        return [Hasil(NOT_MET, "Tanggal laporan (tanggal_laporan) tidak diisi atau bukan tanggal.", data=data)]
    if tanggal > batas:
        return [Hasil(NOT_MET, f"Tanggal laporan {fmt.tanggal(tanggal)} melewati batas penyampaian "
                               f"{fmt.tanggal(batas)}.", data=data)]
    h = Hasil(MET, f"Tanggal laporan {fmt.tanggal(tanggal)}, tidak melewati batas penyampaian "
                   f"{fmt.tanggal(batas)}.", data=data)
    if c.peta is not None:
        h.tempat = c.peta.teks(fmt.tanggal(tanggal))
    return [h]


def _format_baku(c: Konteks, k: Kriterium) -> list[Hasil]:
    if c.peta is None:
        return [Hasil(NOT_CHECKED, "Laporan belum dibangun, sehingga susunan babnya tidak diperiksa.",
                      saran="Bangun laporan (lkjip build), lalu jalankan lkjip kesiapan.")]
    ada: list[Tempat] = []
    hilang: list[str] = []
    for judul in c.k.bab.values():
        found = [Tempat(bab, (), ident) for bab, ident in c.peta.judul_bab if Tempat(bab, (), "").di_bab(judul)]
        if found:
            ada.append(found[0])
        else:
            hilang.append(judul)
    if not hilang:
        return [Hasil(MET, f"Semua {len(ada)} bagian baku ada.", tempat=ada)]
    status = NOT_MET if not ada else PARTLY
    return [Hasil(status, f"Bagian baku yang tidak ada: {', '.join(hilang)}.", rincian=hilang, tempat=ada)]


def _pk_selaras(c: Konteks, k: Kriterium) -> list[Hasil]:
    rincian: list[str] = []
    bab2 = {nama_baku(r["indikator"]): r for r in c.rows}
    df = c.F.inputs.pk_lampiran
    lampiran = df[df["tahun"] == c.year].to_dict("records") if df is not None and len(df) else []
    cocok = set()
    for r in lampiran:
        name, target = nama_baku(r["indikator"]), tulis_nilai(r.get("target"), r.get("satuan"))
        if name not in bab2:
            rincian.append(f"PK lampiran no {r.get('no')}: «{r['indikator']}» (target {target}) tidak ada di PK BAB II.")
            continue
        cocok.add(name)
        mine = target_pk(c, bab2[name])
        if not sama(mine, r.get("target")):
            rincian.append(f"PK lampiran no {r.get('no')}: «{r['indikator']}» bertarget {target}, di PK BAB II "
                           f"{tulis_nilai(mine, bab2[name].get('satuan'))}.")
    if lampiran:
        for name, r in bab2.items():
            if name not in cocok:
                target = tulis_nilai(target_pk(c, r), r.get("satuan"))
                rincian.append(f"PK BAB II: «{r['indikator']}» (target {target}) tidak ada di PK lampiran.")
    tempat: list[Tempat] = []
    if c.peta is not None:
        rincian += _bab_ii_iii(c)
        j2, jl = c.k.bab["bab_ii"], c.k.bab["lampiran"]
        tempat = gabung([t for t in c.peta.angka([f"ikk.{r['kode']}.target" for r in c.rows]) if t.di_bab(j2)]
                        + [t for r in lampiran for t in c.peta.teks(str(r["indikator"])) if t.di_bab(jl)])
    sumber = ("PK lampiran diambil dari pk_lampiran.csv" if lampiran else
              "Data tidak memuat PK lampiran tersendiri (pk_lampiran.csv), sehingga lampiran memuat PK BAB II")
    bab = ("BAB II dan BAB III diperiksa di laporan yang dibangun" if c.peta is not None else
           "BAB II dan BAB III disusun dari indikator.csv yang sama (laporan belum dibangun: tampilannya tidak diperiksa)")
    data = ["indikator.csv"] + (["pk_lampiran.csv"] if lampiran else [])
    if not rincian:
        return [Hasil(MET, f"Indikator dan target sama. {sumber}; {bab}.", rincian=[], tempat=tempat, data=data)]
    ringkas = f"{len(rincian)} perbedaan indikator atau target antara PK BAB II, PK lampiran, dan BAB III"
    return [Hasil(NOT_MET, f"{ringkas}. {sumber}; {bab}.", rincian=rincian, tempat=tempat, data=data,
                  angka=[f"ikk.{r['kode']}.target" for r in c.rows])]


def _bab_ii_iii(c: Konteks) -> list[str]:
    """Every PK indicator's target in BAB II, every one measured in BAB III, and no other
    indicator measured there."""
    assert c.peta is not None
    j2, j3, out = c.k.bab["bab_ii"], c.k.bab["bab_iii"], []
    for r in c.rows:
        p = f"ikk.{r['kode']}"
        if not any(t.di_bab(j2) for t in c.peta.angka((f"{p}.target",))):
            out.append(f"{j2}: target «{r['indikator']}» tidak tampil di PK.")
        if not any(t.di_bab(j3) for t in c.peta.angka(awalan=(p + ".",))):
            out.append(f"{j3}: «{r['indikator']}» tidak diukur.")
    kode = {r["kode"] for r in c.rows}
    lain = sorted({i.split(".")[1] for t in c.peta.angka(awalan=("ikk.",)) if t.di_bab(j3)
                   for i in t.angka if i.count(".") >= 2} - kode)
    out += [f"{j3}: indikator {x} diukur, tetapi tidak ada di PK." for x in lain]
    return out


def _rekomendasi(c: Konteks, k: Kriterium) -> list[Hasil]:
    isi = N.isi(c.narasi, "rekomendasi")
    data = [f"{c.berkas_narasi}: rekomendasi"]
    if not isi:
        return [Hasil(NOT_MET, "Rekomendasi belum ditulis.", data=data)]
    return [c.lihat(Hasil(MET, f"{len(isi)} rekomendasi.", data=data), teks=tuple(isi))]


def _butir(c: Konteks) -> list[N.Butir]:
    return list(N.butir(c.narasi))


def _narasi_pendek(c: Konteks, k: Kriterium) -> list[Hasil]:
    entries, batas = _butir(c), k.param["kata_minimal"]
    out = []
    for b in N.pendek(entries, batas):
        n = N.jumlah_kata(b.teks)
        teks = "kosong" if n == 0 else f"hanya {n} kata: «{b.teks}»"
        out.append(c.lihat(Hasil(PARTLY, f"Butir {b.path} {teks}.", b.indikator,
                                 data=[f"{c.berkas_narasi}: {b.path}"]), teks=(b.teks,) if n else ()))
    return out or [Hasil(MET, f"Semua {len(entries)} butir narasi memuat sedikitnya {batas} kata.")]


def _narasi_berulang(c: Konteks, k: Kriterium) -> list[Hasil]:
    out = []
    for r in N.berulang(_butir(c), k.param["kata_minimal"]):
        h = Hasil(PARTLY, f"Kalimat «{r.kalimat}» dipakai untuk {len(r.indikator)} indikator: "
                          f"{', '.join(r.indikator)}.",
                  data=[f"{c.berkas_narasi}: {p}" for p in r.path])
        out.append(c.lihat(h, teks=(r.kalimat,)))
    return out or [Hasil(MET, "Tidak ada kalimat narasi yang dipakai untuk lebih dari satu indikator.")]


def _narasi_angka(c: Konteks, k: Kriterium) -> list[Hasil]:
    entries = _butir(c)
    out = [c.lihat(Hasil(NOT_MET, f"Butir {b.path} memuat angka yang diketik ({', '.join(found)}): «{b.teks}».",
                         b.indikator, rincian=found, data=[f"{c.berkas_narasi}: {b.path}"]), teks=(b.teks,))
           for b, found in N.angka(entries)]
    return out or [Hasil(MET, f"Tidak ada angka di {len(entries)} butir narasi.")]


def tidak_diperiksa(c: Konteks, k: Kriterium) -> list[Hasil]:
    """A criterion no program can check (``diperiksa: false``)."""
    return [Hasil(NOT_CHECKED, "Tidak dapat diperiksa dari data dan laporan.", saran=k.saran)]


PER_LAPORAN = {
    "tepat_waktu": _tepat_waktu, "format_baku": _format_baku, "pk_selaras": _pk_selaras,
    "rekomendasi": _rekomendasi, "narasi_pendek": _narasi_pendek, "narasi_berulang": _narasi_berulang,
    "narasi_angka": _narasi_angka, "pemanfaatan": tidak_diperiksa,
}


__all__ = ["PER_LAPORAN", "tanggal_laporan", "tidak_diperiksa"]
