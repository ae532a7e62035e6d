"""What BAB III parts B and C show besides their prose: the budget (by sasaran and indicator, by
jenis belanja over the years, by source of funds), PNBP, and the Ministry of Finance's scores
(SMART, IKPA); with the small choices their sentences depend on. A table
function returns the keyword arguments of ``Laporan.tabel_html`` (see :mod:`lkjip.present.kinerja`)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lkjip.figures import JENIS_BELANJA
from lkjip.present import fmt
from lkjip.present.pk import perjanjian
from lkjip.present.tabel import KOSONG, Sel
from lkjip.present.teks import ada, diketahui, gabung, rentang_tahun

# ---- names of codes the data contract fixes --------------------------------------------------------
JENIS_BELANJA_NAMA = {"pegawai": "Belanja Pegawai", "barang": "Belanja Barang", "modal": "Belanja Modal"}
SUMBER_DANA_NAMA = {"rm": "Rupiah Murni (RM)", "pnbp": "Penerimaan Negara Bukan Pajak (PNBP)"}
SMART_NAMA = {
    "nilai_kinerja": "Nilai Kinerja",
    "capaian_keluaran": "Capaian Keluaran (CRO)",
    "penyerapan": "Penyerapan",
    "konsistensi": "Konsistensi",
    "efisiensi": "Efisiensi",
    "nilai_efisiensi": "Nilai Efisiensi",
}
SMART_KATA = {  # the same, inside a sentence
    "nilai_kinerja": "nilai kinerja",
    "capaian_keluaran": "capaian keluaran",
    "penyerapan": "penyerapan",
    "konsistensi": "konsistensi",
    "efisiensi": "efisiensi",
    "nilai_efisiensi": "efisiensi",
}


# ---- B. budget -----------------------------------------------------------------------------------------
def tabel_anggaran_sasaran(L: Any) -> dict[str, Any]:
    """Pagu, realisasi and penyerapan by sasaran (bold) and by indicator; the sasaran total from
    the registry; and the part of the DIPA not broken down by sasaran."""
    rows: list[Any] = []
    for s in perjanjian(L):
        q = f"anggaran.sasaran.{s.kode}"
        if ada(L, f"{q}.pagu"):
            rows.append({"cells": [s.nama, L.v(f"{q}.pagu"), L.v(f"{q}.realisasi"), L.v(f"{q}.persen")],
                         "class": "jumlah"})
        else:
            rows.append({"cells": [s.nama, KOSONG, KOSONG, KOSONG], "class": "jumlah"})
        for i in s.indikator:
            q = f"anggaran.indikator.{i.kode}"
            if ada(L, f"{q}.pagu"):
                rows.append([Sel(i.nama, kelas="kegiatan"), L.v(f"{q}.pagu"), L.v(f"{q}.realisasi"),
                             L.v(f"{q}.persen")])
            else:
                rows.append([Sel(i.nama, kelas="kegiatan"), KOSONG, KOSONG, KOSONG])
    rows.append({"cells": ["Jumlah seluruh sasaran", L.v("anggaran.sasaran.total.pagu"),
                           L.v("anggaran.sasaran.total.realisasi"), L.v("anggaran.sasaran.total.persen")],
                 "class": "total"})
    if ada(L, "anggaran.sasaran.tidak_terbagi.pagu") and L.fig["anggaran.sasaran.tidak_terbagi.pagu"].value:
        rows.append(["Bagian DIPA yang tidak dirinci menurut sasaran", L.v("anggaran.sasaran.tidak_terbagi.pagu"),
                     KOSONG, KOSONG])
        rows.append({"cells": ["Pagu DIPA", L.v("anggaran.pagu"), KOSONG, KOSONG], "class": "total"})
    catatan = (f"{KOSONG}: tidak tersedia atau tidak dapat dihitung (pagu nol). Baris indikator adalah bagian "
               "dari anggaran sasarannya; anggaran sasaran juga membiayai keluaran lain, sehingga jumlah "
               "baris indikator tidak sama dengan baris sasaran.")
    return {"rows": rows, "kolom": ["Sasaran / Indikator", "Pagu", "Realisasi", "Penyerapan"], "align": "lrrr",
            "catatan": catatan, "judul": f"Realisasi anggaran menurut sasaran dan indikator, tahun {L.year}"}


def tahun_anggaran(L: Any) -> list[int]:
    """Every year with budget by jenis belanja."""
    return L.fig.years("anggaran.tahun.", ".pagu", segments=4)


def tabel_jenis_belanja(L: Any) -> dict[str, Any]:
    """Pagu, realisasi and penyerapan by jenis belanja for every year in the data, with each
    year's total (registry ``anggaran.tahun.<y>.*``)."""
    rows: list[Any] = []
    for y in tahun_anggaran(L):
        q = f"anggaran.tahun.{y}"
        jenis = [j for j in JENIS_BELANJA if ada(L, f"{q}.jenis.{j}.pagu")]
        for i, j in enumerate(jenis):
            cells: list[Any] = [Sel(str(y), rowspan=len(jenis) + 1, kelas="ac")] if i == 0 else []
            cells += [JENIS_BELANJA_NAMA.get(j, j)] + [Sel(L.v(f"{q}.jenis.{j}.{m}"), kelas="ar")
                                                         for m in ("pagu", "realisasi", "persen")]
            rows.append(cells)
        rows.append({"cells": ["Jumlah"] + [Sel(L.v(f"{q}.{m}"), kelas="ar") for m in ("pagu", "realisasi", "persen")],
                     "class": "total"})
    ys = tahun_anggaran(L)
    return {"rows": rows, "kolom": ["Tahun", "Jenis Belanja", "Pagu", "Realisasi", "Penyerapan"],
            "judul": f"Realisasi anggaran menurut jenis belanja, {rentang_tahun(ys)}"}


def jenis_belanja_puncak(L: Any) -> tuple[str, str] | None:
    """``(jenis with the highest, jenis with the lowest penyerapan)`` in the report's year;
    ``None`` with fewer than two kinds of spending."""
    js = [j for j in JENIS_BELANJA if diketahui(L, f"anggaran.jenis.{j}.persen")]
    if len(js) < 2:
        return None
    val = {j: L.fig[f"anggaran.jenis.{j}.persen"].value for j in js}
    return max(js, key=lambda j: val[j]), min(js, key=lambda j: val[j])


def rincian_sumber_dana(L: Any) -> list[Markup]:
    """The year's funding sources: "Rupiah Murni (RM) sebesar Rp..." in the data's order."""
    sd = L.inputs.anggaran_sumber_dana
    return [Markup("{} sebesar {}").format(SUMBER_DANA_NAMA.get(k, k.upper()), L.v(f"anggaran.sumber.{k}.pagu"))
            for k in sd[sd["tahun"] == L.year]["sumber_dana"]]


def abt_menambah_pk_awal(L: Any) -> bool:
    """Whether the PK signed at the start of the year plus the ABT gives the DIPA (so the ABT came
    on top of the first PK)."""
    ids = ("anggaran.pk_lampiran.total", "anggaran.tambahan", "anggaran.pagu")
    if not all(diketahui(L, i) for i in ids):
        return False
    a, b, c = (L.fig[i].value for i in ids)
    return bool(b) and a + b == c


# ---- PNBP ---------------------------------------------------------------------------------------------
def tahun_pnbp(L: Any) -> list[int]:
    return L.fig.years("pnbp.tahun.", ".realisasi")


def _akun_pnbp(L: Any) -> list[tuple[str, str]]:
    """(kode_akun, uraian) of every account up to the report's year, largest in that year first."""
    df = L.inputs.pnbp
    df = df[df["tahun"] <= L.year]
    latest = df.sort_values("tahun").groupby("kode_akun", sort=False)["uraian"].last()
    cur = df[df["tahun"] == L.year].set_index("kode_akun")["jumlah"]
    order = sorted(latest.index, key=lambda k: (-int(cur.get(k, 0)), str(k)))
    return [(str(k), latest[k]) for k in order]


def tabel_pnbp(L: Any) -> dict[str, Any]:
    """PNBP by account and year (in rupiah), with each year's total."""
    years = tahun_pnbp(L)
    rows: list[Any] = []
    for kode, uraian in _akun_pnbp(L):
        cells: list[Any] = [kode, uraian]
        for y in years:
            id = f"pnbp.akun.{kode}.tahun.{y}"
            cells.append(L.v(id, kind="angka") if ada(L, id) else KOSONG)
        rows.append(cells)
    rows.append({"cells": [Sel("Jumlah", colspan=2)] + [Sel(L.v(f"pnbp.tahun.{y}.realisasi", kind="angka"), kelas="ar")
                                                        for y in years], "class": "total"})
    kolom = [[Sel("Kode Akun", rowspan=2), Sel("Jenis Penerimaan", rowspan=2), Sel("Realisasi (Rp)", colspan=len(years))],
             [str(y) for y in years]]
    return {"rows": rows, "kolom": kolom, "align": "cl" + "r" * len(years),
            "catatan": f"{KOSONG}: tidak ada penerimaan pada akun itu.",
            "judul": f"Realisasi PNBP menurut akun, {rentang_tahun(years)}"}


def akun_pnbp_utama(L: Any) -> tuple[str, str]:
    """(kode_akun, uraian) of the account with the largest revenue in the report's year."""
    return _akun_pnbp(L)[0]


# ---- C. budget performance ------------------------------------------------------------------------------
def tahun_smart(L: Any) -> list[int]:
    return L.fig.years("smart.tahun.", "")


def tabel_smart(L: Any) -> dict[str, Any]:
    """SMART scores by year and component (data as the application showed them)."""
    years = tahun_smart(L)
    komps = [k for k in SMART_NAMA if any(ada(L, f"smart.tahun.{y}.{k}") for y in years)]
    rows = [[str(y)] + [L.v(f"smart.tahun.{y}.{k}") if ada(L, f"smart.tahun.{y}.{k}") else KOSONG for k in komps]
            for y in years]
    bobot = L.fig.rules.smart_bobot
    teks = gabung(f"{SMART_KATA.get(k, k)} {fmt.persen(v, 1)}" for k, v in bobot.items())
    catatan = f"Bobot penilaian SMART: {teks}. Nilai pada tabel dikutip dari aplikasi SMART."
    return {"rows": rows, "kolom": ["Tahun"] + [SMART_NAMA.get(k, k) for k in komps], "align": "c" + "r" * len(komps),
            "catatan": catatan, "judul": f"Nilai SMART, {rentang_tahun(years)}"}


def tabel_ikpa(L: Any) -> dict[str, Any]:
    """The year's IKPA: per component its aspect, value, weight and weighted value; then the total,
    the weight conversion, the SPM dispensation, the final value and the category."""
    rules = L.fig.rules
    rows: list[Any] = []
    for k, comp in rules.ikpa_komponen.items():
        q = f"ikpa.komponen.{k}"
        if comp.pengurang or not ada(L, f"{q}.nilai"):
            continue
        rows.append([comp.nama, rules.ikpa_aspek.get(comp.aspek, comp.aspek or KOSONG), L.v(f"{q}.nilai"),
                     L.v(f"{q}.bobot", digits=0), L.v(f"{q}.nilai_tertimbang")])

    def ringkas(label: str, sel: str, kelas: str = "") -> dict[str, Any]:
        return {"cells": [Sel(label, colspan=4), Sel(sel, kelas="ar")], "class": kelas}

    rows += [ringkas("Nilai total", L.v("ikpa.nilai_total"), "jumlah"),
             ringkas("Konversi bobot", L.v("ikpa.konversi_bobot")),
             ringkas("Dispensasi SPM (pengurang)", L.v("ikpa.dispensasi")),
             ringkas("Nilai akhir", L.v("ikpa.nilai_akhir"), "total"),
             ringkas("Kategori", L.v("ikpa.kategori", kind="teks"), "total")]
    catatan = (f"Sumber: {rules.ikpa_sumber}. Nilai tertimbang = nilai × bobot ÷ 100; "
               "nilai akhir = nilai total − dispensasi SPM. Kategori: "
               + "; ".join(f"{c.nama} ≥ {fmt.angka(c.min)}" for c in rules.ikpa_kategori if c.min > 0)
               + f"; {rules.ikpa_kategori[-1].nama} di bawahnya.")
    return {"rows": rows, "kolom": ["Komponen", "Aspek", "Nilai", "Bobot", "Nilai Tertimbang"], "align": "llrrr",
            "catatan": catatan, "judul": f"Indikator Kinerja Pelaksanaan Anggaran (IKPA) tahun {L.year}"}


def tabel_ikpa_aspek(L: Any) -> dict[str, Any]:
    """The year's IKPA value per aspect."""
    rules = L.fig.rules
    rows = [[nama, L.v(f"ikpa.aspek.{a}")] for a, nama in rules.ikpa_aspek.items() if ada(L, f"ikpa.aspek.{a}")]
    return {"rows": rows, "kolom": ["Aspek", "Nilai"], "align": "lr",
            "catatan": "Nilai aspek = jumlah nilai tertimbang komponennya ÷ jumlah bobot komponennya × 100.",
            "judul": f"Nilai IKPA menurut aspek, tahun {L.year}"}


def aspek_ikpa_terendah(L: Any) -> tuple[str, str]:
    """(code, name) of the year's IKPA aspect with the lowest value."""
    rules = L.fig.rules
    asp = [a for a in rules.ikpa_aspek if diketahui(L, f"ikpa.aspek.{a}")]
    a = min(asp, key=lambda x: L.fig[f"ikpa.aspek.{x}"].value)
    return a, rules.ikpa_aspek[a]


def batas_ikpa(L: Any) -> tuple[str, str]:
    """(name, lower bound) of the second-best IKPA category of the rules (``Baik``, ``89``): the
    level a component should reach."""
    c = L.fig.rules.ikpa_kategori[1]
    return c.nama, fmt.angka(c.min)


def komponen_ikpa_di_bawah(L: Any) -> list[str]:
    """Codes of the IKPA components whose value is below the lower bound of the second-best
    category (:func:`batas_ikpa`), lowest first: where the office loses points."""
    rules = L.fig.rules
    batas = rules.ikpa_kategori[1].min
    out = []
    for k, comp in rules.ikpa_komponen.items():
        id = f"ikpa.komponen.{k}.nilai"
        if not comp.pengurang and diketahui(L, id) and L.fig[id].value < batas:
            out.append((L.fig[id].value, k))
    return [k for _, k in sorted(out)]


def komponen_ikpa_teks(L: Any, kodes: list[str]) -> list[Markup]:
    """"Revisi DIPA (75,00)", ... for the given IKPA components."""
    return [Markup("{} ({})").format(L.fig.rules.komponen_ikpa(k).nama, L.v(f"ikpa.komponen.{k}.nilai")) for k in kodes]


def nilai_smart_per_tahun(L: Any) -> list[Markup]:
    """"91,80 (2021)", ... the SMART performance score of every year that has one."""
    return [Markup("{} ({})").format(L.v(f"smart.tahun.{y}.nilai_kinerja"), y) for y in tahun_smart(L)
            if ada(L, f"smart.tahun.{y}.nilai_kinerja")]


def tahun_ikpa(L: Any) -> list[int]:
    return L.fig.years("ikpa.tahun.", "")


def tabel_kinerja_anggaran(L: Any) -> dict[str, Any]:
    """Per year: the SMART score, the IKPA final value and the Nilai Kinerja Anggaran where known."""
    years = sorted(set(tahun_smart(L)) | set(tahun_ikpa(L)))
    rows = []
    for y in years:
        smart = f"smart.tahun.{y}.nilai_kinerja"
        ikpa = f"ikpa.tahun.{y}.nilai_akhir"
        nka = L.v("nka.nilai") if y == L.year and ada(L, "nka.nilai") else KOSONG
        rows.append([str(y), L.v(smart) if ada(L, smart) else KOSONG, L.v(ikpa) if ada(L, ikpa) else KOSONG, nka])
    return {"rows": rows, "kolom": ["Tahun", "Nilai SMART", "Nilai akhir IKPA", "Nilai Kinerja Anggaran"],
            "align": "crrr", "catatan": f"{KOSONG}: ukuran itu tidak dipakai atau tidak tersedia pada tahun tersebut.",
            "judul": f"Nilai kinerja anggaran, {rentang_tahun(years)}"}
