"""The tables of BAB III part A (capaian kinerja): the summary of the PK's results, and per
indicator its history, the breakdown or the cases behind its realisasi, an action plan's
quarters, a survey's band.

Every function takes the chapter's :class:`lkjip.present.laporan.Laporan` (``L``) and, where it
is about one indicator, the indicator (:class:`lkjip.present.pk.Indikator`, as a template has
it, or its code); it returns the keyword arguments of ``L.tabel_html`` (caption included), or
``None`` when there is nothing to show. Numbers come from the registry through ``L.v`` (so the
audit can trace them) or, for base facts no figure holds (an action plan's items), from
:mod:`lkjip.present.fmt`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lkjip.present import fmt
from lkjip.present.markup import sel
from lkjip.present.pk import Indikator, perjanjian
from lkjip.present.tabel import KOSONG, Sel
from lkjip.present.teks import rentang_tahun

TRIWULAN = ("I", "II", "III", "IV")


def _ikk(L: Any, x: Any) -> Indikator:
    """The indicator view of ``x`` (a view already, or an indicator code)."""
    if isinstance(x, Indikator):
        return x
    return next(i for s in perjanjian(L) for i in s.indikator if i.kode == x)


def _judul(x: str) -> str:
    return x[:1].upper() + x[1:]


def tabel_ringkasan(L: Any) -> dict[str, Any]:
    """Every indicator of the PK (sasaran, indikator, target, realisasi, capaian, status) and,
    where the year's budget is known, a last row for it: pagu, realisasi and penyerapan in one
    cell across the four number columns (the Ikhtisar and BAB III show this same table)."""
    rows: list[Any] = []
    for s in perjanjian(L):
        for j, i in enumerate(s.indikator):
            cells: list[Any] = [Sel(s.nama, rowspan=len(s.indikator))] if j == 0 else []
            cells += [i.nama, Sel(i.target, kelas="ar"), Sel(i.realisasi, kelas="ar"),
                      Sel(L.v(f"{i.p}.capaian"), kelas="ar"), Sel(L.v(f"{i.p}.status"), kelas="ac")]
            rows.append({"cells": cells, "class": "indikator"})
    if "anggaran.pagu" in L.fig:
        anggaran = Markup("Pagu DIPA {}; realisasi belanja {}; penyerapan {}").format(
            L.v("anggaran.pagu"), L.v("anggaran.realisasi"), L.v("anggaran.persen"))
        rows.append({"cells": [Sel("Anggaran", colspan=2), Sel(anggaran, colspan=4)], "class": "total"})
    catatan = f"{L.label_status('nihil')}: {L.fig.rules.nihil_kalimat}"
    return {"rows": rows, "judul": f"Capaian indikator kinerja kegiatan tahun {L.year}",
            "kolom": ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian", "Status"],
            "catatan": catatan}


def tabel_riwayat(L: Any, x: Any) -> dict[str, Any]:
    """The indicator in every year of the data: its counts (or survey value), realisasi and
    change from the year before; capaian for the report's year (the year of this PK)."""
    i = _ikk(L, x)
    years = i.tahun_riwayat
    if i.survei:
        kolom = ["Tahun", "Nilai survei", "Skala", "Realisasi (indeks)", "Perubahan (poin)", "Capaian"]
    else:
        kolom = ["Tahun", _judul(i.kata_penyebut), _judul(i.kata_pembilang), "Realisasi", "Perubahan (poin)",
                 "Capaian"]
    rows: list[Any] = []
    ada_nihil = False
    for y in years:
        q = f"{i.p}.tahun.{y}"
        if i.survei:
            cells: list[Any] = [str(y), L.v(f"{q}.nilai_survei"), L.v(f"{q}.skala", digits=0)]
        else:
            cells = [str(y), L.v(f"{q}.penyebut"), L.v(f"{q}.pembilang")]
        if L.fig[f"{q}.realisasi"].value is None:
            ada_nihil = True
            cells.append(L.label_status("nihil"))
        else:
            cells.append(L.v(f"{q}.realisasi"))
        cells.append(L.v(f"{q}.perubahan") if f"{q}.perubahan" in L.fig else KOSONG)
        cells.append(L.v(f"{i.p}.capaian") if y == L.year else KOSONG)
        rows.append(cells)
    catatan = [f"Capaian disajikan untuk tahun {L.year}, tahun Perjanjian Kinerja ini.",
               "Perubahan adalah selisih realisasi dengan realisasi tahun sebelumnya."]
    if ada_nihil:
        catatan.append(f"{L.label_status('nihil')}: tidak ada kasus, sehingga realisasi tidak dihitung.")
    return {"rows": rows, "kolom": kolom, "align": "c" + "r" * (len(kolom) - 1), "catatan": " ".join(catatan),
            "judul": f"Perkembangan {i.nama}, {rentang_tahun(years)}"}


def tabel_rincian(L: Any, x: Any) -> dict[str, Any] | None:
    """The year's counts behind the realisasi by breakdown (rincian.csv names them), with the
    total; ``None`` when the year has only a total."""
    i = _ikk(L, x)
    pre = f"{i.p}.rincian."
    codes = list(dict.fromkeys(k[len(pre):].rsplit(".", 1)[0] for k in L.fig.ids(pre)))
    if not codes:
        return None
    names = L.inputs.rincian
    names = dict(names.loc[names["indikator"] == i.kode, ["kode", "nama"]].itertuples(index=False))
    rows: list[Any] = []
    for n, code in enumerate(codes, start=1):
        b = f"{pre}{code}"
        real = L.v(f"{b}.realisasi") if L.fig[f"{b}.realisasi"].value is not None else KOSONG
        rows.append([n, names.get(code, code), L.v(f"{b}.penyebut"), L.v(f"{b}.pembilang"), real])
    rows.append({"cells": [Sel("Jumlah", colspan=2), Sel(L.v(f"{i.p}.penyebut"), kelas="ar"),
                           Sel(L.v(f"{i.p}.pembilang"), kelas="ar"), Sel(i.realisasi, kelas="ar")],
                 "class": "total"})
    catatan = (f"Persentase = {i.kata_pembilang} ÷ {i.kata_penyebut} × 100%; {KOSONG} berarti tidak ada "
               f"{i.kata_penyebut} pada {i.kata_rincian} itu.")
    return {"rows": rows, "kolom": ["No", _judul(i.kata_rincian), _judul(i.kata_penyebut),
                                    _judul(i.kata_pembilang), "Persentase"],
            "align": "clrrr", "catatan": catatan, "judul": f"Rincian menurut {i.kata_rincian}, tahun {L.year}"}


def tabel_kasus(L: Any, x: Any) -> dict[str, Any] | None:
    """The year's cases of the indicator, one by one (kasus.csv); ``None`` when there is none."""
    i = _ikk(L, x)
    df = L.inputs.kasus
    df = df[(df["tahun"] == L.year) & (df["indikator"] == i.kode)].sort_values("no")
    if df.empty:
        return None
    rows = [[int(r.no), r.nama, r.kewarganegaraan, r.pasal, r.tahapan] for r in df.itertuples(index=False)]
    return {"rows": rows, "kolom": ["No", "Nama", "Kewarganegaraan", "Pasal", "Tahapan"],
            "align": "cllll", "judul": f"Perkara yang ditangani tahun {L.year}"}


def tabel_rencana_aksi(L: Any, x: Any) -> dict[str, Any] | None:
    """Every item of an action plan with its progress in each quarter, in parts by sasaran (the
    label repeated on each page of its part) and groups by kegiatan (a label kept with its first
    rows); the last row holds each quarter's mean (the registry's ``ikk.<kode>.triwulan.<k>.capaian``)."""
    i = _ikk(L, x)
    df = L.inputs.rencana_aksi_triwulan
    df = df[(df["tahun"] == L.year) & (df["indikator"] == i.kode)]
    if df.empty:
        return None
    wide = df.pivot_table(index="no", columns="triwulan", values="capaian", aggfunc="first")
    first = df[df["triwulan"] == df["triwulan"].min()].sort_values("no")
    tws = [k for k in range(1, len(TRIWULAN) + 1) if k in wide.columns]
    width = 2 + len(tws)
    rows: list[Any] = []
    for s, grp in first.groupby("sasaran", sort=False):
        # a sasaran is a part of the table: its label heads each of its pages
        rows.append({"cells": [Sel(sel(s), colspan=width)], "class": "judul-kelompok", "bagian": True})
        for keg, sub in grp.groupby("kegiatan", sort=False):
            rows.append({"cells": [Sel(sel(keg), colspan=width, kelas="kegiatan-judul")], "class": "kegiatan",
                         "tbody": True})
            for r in sub.itertuples(index=False):
                rows.append([Sel(int(r.no), kelas="ac"), sel(r.uraian)]
                            + [Sel(fmt.persen(wide.at[r.no, k], 0), kelas="ar") for k in tws])
    rows.append({"cells": [Sel("Rata-rata capaian triwulan", colspan=2)]
                 + [Sel(L.v(f"{i.p}.triwulan.{k}.capaian"), kelas="ar") for k in tws], "class": "total", "tbody": True})
    kolom = ["No", "Indikator Rencana Aksi"] + [f"TW {TRIWULAN[k - 1]}" for k in tws]
    catatan = ("Angka triwulan adalah kemajuan kumulatif setiap indikator sampai akhir triwulan itu; "
               "rata-rata capaian triwulan adalah rata-rata kemajuan seluruh indikator.")
    return {"rows": rows, "kolom": kolom, "catatan": catatan, "kelas": "rencana-aksi",
            "judul": f"Kemajuan rencana aksi per triwulan, tahun {L.year}"}


def tabel_survei(L: Any, x: Any) -> dict[str, Any]:
    """A survey indicator: value on its scale -> index (1-4) -> IKM grade and category."""
    i = _ikk(L, x)
    rows = [[L.v(f"{i.p}.nilai_survei"), L.v(f"{i.p}.skala", digits=0), L.v(f"{i.p}.realisasi"),
             Sel(L.v(f"{i.p}.mutu", kind="teks"), kelas="ac"), L.v(f"{i.p}.kategori", kind="teks")]]
    return {"rows": rows, "kolom": ["Nilai survei", "Skala", "Indeks (1–4)", "Mutu", "Kategori"], "align": "rrrcl",
            "catatan": "Indeks = nilai survei × 4 ÷ skala.", "judul": f"Hasil survei dan mutu layanan, tahun {L.year}"}


def tabel_pita_ikm(L: Any) -> dict[str, Any]:
    """The IKM bands of the rules: score range, index range, grade, category."""
    rules = L.fig.rules
    rows = []
    for b in rules.ikm_pita:
        rows.append([f"{fmt.nilai(b.min)} – {fmt.nilai(b.maks)}",
                     f"{fmt.angka(b.min / rules.indeks_pembagi, 4)} – {fmt.angka(b.maks / rules.indeks_pembagi, 4)}",
                     Sel(b.grade, kelas="ac"), b.label])
    # the regulation the rule file names for the bands ("... (pita mutu IKM, ...)")
    sumber = next((x.split(" (")[0] for x in rules.sumber if "IKM" in x), None)
    catatan = (f"Sumber: {sumber}." if sumber else None)
    return {"rows": rows, "kolom": ["Nilai survei (skala 100)", "Indeks", "Mutu", "Kategori"], "align": "cccl",
            "catatan": catatan, "judul": "Nilai, indeks, dan mutu survei kepuasan"}
