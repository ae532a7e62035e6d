"""What BAB III part A (capaian kinerja) shows besides its prose: the indicators of the year's
PK, their tables, and the small choices its sentences depend on.

Every table function takes the chapter's :class:`lkjip.present.laporan.Laporan` (``L``) and
returns the keyword arguments of ``L.tabel``: ``rows`` (lists of formatted cells), ``kolom``
(headings), ``judul`` and, where they apply, ``align`` and ``catatan``::

    L.tabel(**kinerja.tabel_ringkasan(L))

Numbers come from the registry through ``L.v`` (so the audit can trace them), or, for base
facts that no registry figure holds (per-quarter RB progress), from :mod:`lkjip.present.fmt`.
The chapter does no arithmetic: whatever needs counting, comparing, choosing by value or
finding a year before another is done here, and the chapter chooses its words by the answer.
"""

from __future__ import annotations

from typing import Any

from lkjip.figures import slug
from lkjip.figures.kinerja import SUMBER_RASIO
from lkjip.present import fmt
from lkjip.present.tabel import KOSONG, Sel
from lkjip.present.teks import ada, diketahui, e, rentang_tahun, tahun_sebelumnya

TRIWULAN = ("I", "II", "III", "IV")

# The counts behind a realisasi, by the column of the data contract (SUMBER_RASIO) or by how the
# indicator is measured: (column heading, words for a sentence).
HITUNG: dict[str, tuple[str, str]] = {
    "ditangani": ("Ditangani", "kasus yang ditangani"),
    "ditindaklanjuti": ("Ditindaklanjuti", "kasus yang ditindaklanjuti"),
    "diterima": ("Diterima", "permohonan yang diterima"),
    "diselesaikan": ("Diselesaikan", "permohonan yang diselesaikan"),
    "rencana": ("Rencana aksi", "rencana aksi yang ditetapkan"),
    "selesai": ("Terlaksana", "rencana aksi yang terlaksana"),
    "nilai_survei": ("Nilai survei", "nilai survei"),
}
# Where a ratio indicator's base table is broken down further: by type (with the table of type
# names) or by case (a list of cases). Keys are SUMBER_RASIO table names.
_RINCIAN_JENIS = {"tindakan_administratif": "tak_jenis", "layanan": "layanan_jenis"}
_RINCIAN_KASUS = {"pro_yustisia": "pro_yustisia_kasus"}
# Registry ids of the per-type counts where the registry holds them ({j} = the type code).
_ID_JENIS = {
    "tindakan_administratif": {"ditangani": "tak.jenis.{j}"},
    "layanan": {"diterima": "layanan.jenis.{j}.diterima", "diselesaikan": "layanan.jenis.{j}.diselesaikan"},
}


# ---- the year's PK ------------------------------------------------------------------------------------
def indikator(L: Any) -> list[Any]:
    """The year's indicators (rows of ``indikator.csv``), in PK order."""
    return list(L.fig.indikator().itertuples(index=False))


def sasaran(L: Any) -> list[tuple[str, Any, list[tuple[str, Any]]]]:
    """The year's sasaran in PK order: ``(nomor, sasaran row, [(nomor, indicator row)])``.

    Numbers are text: sasaran ``1``, ``2``; indicators ``1.1``, ``1.2``, ``2.1``.
    """
    sas = L.inputs.sasaran
    sas = sas[sas["tahun"] == L.year].sort_values("urutan")
    ind = L.fig.indikator()
    out = []
    for i, s in enumerate(sas.itertuples(index=False), start=1):
        rows = list(ind[ind["sasaran"] == s.kode].itertuples(index=False))
        out.append((str(i), s, [(f"{i}.{j}", r) for j, r in enumerate(rows, start=1)]))
    return out


def jenis_dipakai(L: Any) -> list[str]:
    """The ways of measuring realisasi (``jenis_realisasi``) the year's indicators use, in PK order."""
    return list(dict.fromkeys(r.jenis_realisasi for r in indikator(L)))


def rumus_capaian_dipakai(L: Any) -> list[str]:
    """The capaian formulas (rule names: ``langsung``, ``terbalik``, ``rentang``) the year's
    indicators use, by their polarity."""
    out = []
    for r in indikator(L):
        out.append(L.fig.rules.rumus_capaian.get(r.polaritas, "rentang"))
    return list(dict.fromkeys(out))


def ambang_tercapai(L: Any) -> str:
    """The capaian from which a target counts as reached (rules), e.g. ``100%``."""
    return fmt.persen(L.fig.rules.ambang_tercapai, 0)


def pembagi_indeks(L: Any) -> str:
    """The divisor that turns a 0-100 survey score into the 1-4 index (rules), e.g. ``25``."""
    return fmt.angka(L.fig.rules.indeks_pembagi)


def status(L: Any, kode: str) -> str:
    """The indicator's status code: ``tercapai``, ``tidak_tercapai`` or ``nihil``."""
    return L.fig[f"ikk.{kode}.status"].value


def nihil(L: Any, kode: str) -> bool:
    return status(L, kode) == "nihil"


def _satuan(r: Any) -> str:
    return "" if r.satuan == "persen" else f" {e(r.satuan)}"


def _baris_indikator(L: Any, kode: str) -> Any:
    return next(r for r in indikator(L) if r.kode == kode)


def target(L: Any, kode: str, renstra: bool = False) -> str:
    """An indicator's target with its unit: ``90%``, ``3,10 indeks``."""
    r = _baris_indikator(L, kode)
    id = f"ikk.{kode}.{'target_renstra' if renstra else 'target'}"
    v = L.fig[id].value
    if r.satuan == "persen":
        return L.v(id, digits=0 if v is not None and float(v).is_integer() else 2)
    return f"{L.v(id)}{_satuan(r)}"


def realisasi(L: Any, kode: str) -> str:
    """The year's realisasi with its unit, or the nihil label."""
    if nihil(L, kode):
        return L.label_status("nihil")
    return f"{L.v(f'ikk.{kode}.realisasi')}{_satuan(_baris_indikator(L, kode))}"


def kata_hitung(L: Any, kode: str) -> tuple[str, str]:
    """Words for the pembilang and the penyebut of an indicator's realisasi:
    ``("kasus yang ditindaklanjuti", "kasus yang ditangani")``."""
    r = _baris_indikator(L, kode)
    if r.jenis_realisasi == "rasio":
        _, num, den = SUMBER_RASIO[kode]
        return HITUNG[num][1], HITUNG[den][1]
    if r.jenis_realisasi == "rencana_aksi":
        return HITUNG["selesai"][1], HITUNG["rencana"][1]
    return HITUNG["nilai_survei"][1], ""


def _kolom_hitung(L: Any, kode: str) -> tuple[str, str]:
    r = _baris_indikator(L, kode)
    if r.jenis_realisasi == "rasio":
        _, num, den = SUMBER_RASIO[kode]
        return HITUNG[num][0], HITUNG[den][0]
    return HITUNG["selesai"][0], HITUNG["rencana"][0]


def rumus_realisasi(L: Any, kode: str) -> str:
    """How the year's realisasi follows from its base figures, written out with the figures:
    ``Realisasi = 31 ÷ 31 × 100% = 100,00%``. Not for a nihil indicator (0 of 0 has no ratio)."""
    r = _baris_indikator(L, kode)
    p = f"ikk.{kode}"
    if r.jenis_realisasi == "indeks_survei":
        return (f"Realisasi = nilai survei ÷ {pembagi_indeks(L)} = {L.v(f'{p}.nilai_survei')} ÷ "
                f"{pembagi_indeks(L)} = {L.v(f'{p}.realisasi', digits=4)}, dibulatkan menjadi "
                f"{L.v(f'{p}.realisasi')}")
    num, den = kata_hitung(L, kode)
    return (f"Realisasi = jumlah {num} ÷ jumlah {den} × 100% = {L.v(f'{p}.pembilang')} ÷ "
            f"{L.v(f'{p}.penyebut')} × 100% = {L.v(f'{p}.realisasi')}")


def rumus_capaian(L: Any, kode: str) -> str:
    """How the year's capaian follows from realisasi and target, by the indicator's polarity,
    written out with the figures. Realisasi is shown with the decimals that let a reader
    recompute the printed capaian by hand (four for an index)."""
    r = _baris_indikator(L, kode)
    p = f"ikk.{kode}"
    rumus = L.fig.rules.rumus_capaian.get(r.polaritas)
    real = L.v(f"{p}.realisasi", digits=4 if r.satuan != "persen" else None)
    tgt = target(L, kode).removesuffix(_satuan(r))
    cap = L.v(f"{p}.capaian")
    if rumus == "langsung":
        return f"Capaian = realisasi ÷ target × 100% = {real} ÷ {tgt} × 100% = {cap}"
    if rumus == "terbalik":
        return (f"Capaian = (2 × target − realisasi) ÷ target × 100% = (2 × {tgt} − {real}) ÷ {tgt} "
                f"× 100% = {cap}")
    return f"Capaian terhadap rentang target = {cap}"


def kegiatan_pk(L: Any) -> list[str]:
    """The programmes and activities of the year's PK with their budget, as list items."""
    pk = L.inputs.pk_anggaran
    pk = pk[(pk["tahun"] == L.year) & (pk["dokumen"] == "pk")]
    return [f"Program {r.program}, kegiatan {r.kegiatan}: {L.v(f'anggaran.program.{slug(r.kegiatan)}')}"
            for r in pk.itertuples(index=False)]


def periode_renstra(L: Any) -> str:
    """The Renstra period as text with an en dash: ``2020–2024``."""
    return str((L.inputs.renstra or {}).get("periode", "")).replace("-", "–")


def akhir_renstra(L: Any) -> bool:
    """Whether the report's year is the last year of the Renstra period (``renstra.yaml`` periode)."""
    periode = str((L.inputs.renstra or {}).get("periode", ""))
    akhir = periode.replace("–", "-").split("-")[-1].strip()
    return akhir.isdigit() and int(akhir) == L.year


# ---- an indicator over the years ----------------------------------------------------------------------
def tahun_riwayat(L: Any, kode: str) -> list[int]:
    """Every year for which the registry holds the indicator's realisasi (known or nihil)."""
    pre = f"ikk.{kode}.tahun."
    return sorted({int(i.split(".")[3]) for i in L.fig.ids(pre) if i.endswith(".realisasi")})


def tahun_terukur(L: Any, kode: str) -> list[int]:
    """The years whose realisasi is known (not nihil)."""
    return [y for y in tahun_riwayat(L, kode) if L.fig[f"ikk.{kode}.tahun.{y}.realisasi"].value is not None]


def tahun_puncak(L: Any, kode: str) -> tuple[int, int] | None:
    """``(year of the highest, year of the lowest realisasi)`` over the measured years; the latest
    year wins a tie. ``None`` with fewer than two measured years."""
    ys = tahun_terukur(L, kode)
    if len(ys) < 2:
        return None
    val = {y: L.fig[f"ikk.{kode}.tahun.{y}.realisasi"].value for y in ys}
    tinggi = max(reversed(ys), key=lambda y: val[y])
    rendah = min(reversed(ys), key=lambda y: val[y])
    return tinggi, rendah


def realisasi_tetap(L: Any, kode: str) -> bool:
    """Whether every measured year has the same realisasi (at two decimals)."""
    vals = {fmt.round_half_up(L.fig[f"ikk.{kode}.tahun.{y}.realisasi"].value, 2) for y in tahun_terukur(L, kode)}
    return len(vals) == 1


def tahun_lalu_ada(L: Any, kode: str) -> int | None:
    """The year before the report's year, if the indicator has data for it."""
    y = tahun_sebelumnya(L.year)
    return y if y in tahun_riwayat(L, kode) else None


def tabel_riwayat(L: Any, kode: str) -> dict[str, Any]:
    """The indicator in every year of the data: its counts (or survey score), realisasi, change
    from the year before, and capaian where a target is known (only the report's year)."""
    r = _baris_indikator(L, kode)
    p = f"ikk.{kode}"
    years = tahun_riwayat(L, kode)
    survei = r.jenis_realisasi == "indeks_survei"
    if survei:
        kolom = ["Tahun", HITUNG["nilai_survei"][0], "Realisasi (indeks)", "Perubahan (poin)", "Capaian"]
    else:
        num, den = _kolom_hitung(L, kode)
        kolom = ["Tahun", den, num, "Realisasi", "Perubahan (poin)", "Capaian"]
    rows: list[Any] = []
    ada_nihil = False
    for y in years:
        q = f"{p}.tahun.{y}"
        if survei:
            cells: list[Any] = [str(y), L.v(f"{q}.nilai_survei")]
        else:
            cells = [str(y), L.v(f"{q}.penyebut"), L.v(f"{q}.pembilang")]
        if L.fig[f"{q}.realisasi"].value is None:
            ada_nihil = True
            cells.append(L.label_status("nihil"))
        else:
            cells.append(L.v(f"{q}.realisasi"))
        cells.append(L.v(f"{q}.perubahan") if ada(L, f"{q}.perubahan") else KOSONG)
        cells.append(L.v(f"{p}.capaian") if y == L.year else KOSONG)
        rows.append(cells)
    catatan = [f"Capaian hanya dihitung untuk tahun {L.year}: data tidak memuat target tahun-tahun sebelumnya.",
               "Perubahan adalah selisih realisasi dengan realisasi tahun sebelumnya."]
    if ada_nihil:
        catatan.append(f"{L.label_status('nihil')}: tidak ada kasus, sehingga realisasi tidak dihitung.")
    align = "c" + "r" * (len(kolom) - 1)
    return {"rows": rows, "kolom": kolom, "align": align, "catatan": " ".join(catatan),
            "judul": f"Perkembangan {r.indikator}, {rentang_tahun(years)}"}


# ---- summary -----------------------------------------------------------------------------------------
def tabel_ringkasan(L: Any) -> dict[str, Any]:
    """Every indicator of the PK (sasaran, indikator, target, realisasi, capaian, status) and a last
    row for the budget: pagu, realisasi and penyerapan in one cell across the four number columns
    (in columns of their own, the long rupiah amounts would widen Target and Realisasi and squeeze
    the names of the sasaran and indicators into narrow columns). The Ikhtisar (BAB 0) and BAB III
    show this same table."""
    rows: list[Any] = []
    for _, s, inds in sasaran(L):
        for j, (_, r) in enumerate(inds):
            cells: list[Any] = [Sel(s.sasaran, rowspan=len(inds))] if j == 0 else []
            cells += [r.indikator, Sel(target(L, r.kode), kelas="ar"), Sel(realisasi(L, r.kode), kelas="ar"),
                      Sel(L.v(f"ikk.{r.kode}.capaian"), kelas="ar"), Sel(L.v(f"ikk.{r.kode}.status"), kelas="ac")]
            rows.append({"cells": cells, "class": "indikator"})
    anggaran = (f"Pagu DIPA {L.v('anggaran.pagu')}; realisasi belanja {L.v('anggaran.realisasi')}; "
                f"penyerapan {L.v('anggaran.persen')}")
    rows.append({"cells": [Sel("Anggaran", colspan=2), Sel(anggaran, colspan=4)], "class": "total"})
    catatan = f"{L.label_status('nihil')}: {e(L.fig.rules.nihil_kalimat)}"
    return {"rows": rows, "judul": f"Capaian indikator kinerja kegiatan tahun {L.year}",
            "kolom": ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian", "Status"],
            "catatan": catatan}


# ---- what lies behind a realisasi --------------------------------------------------------------------
def tabel_rincian(L: Any, kode: str) -> dict[str, Any] | None:
    """The base counts behind a ratio indicator's realisasi of the year: the counts by type
    (TAK, services) or the list of cases (pro yustisia). ``None`` when there is nothing to list
    (no case; or the year has only a total)."""
    table = SUMBER_RASIO[kode][0]
    if table in _RINCIAN_KASUS:
        return _tabel_kasus(L, kode, _RINCIAN_KASUS[table])
    if table in _RINCIAN_JENIS:
        return _tabel_jenis(L, kode, table, _RINCIAN_JENIS[table])
    return None


def _tabel_kasus(L: Any, kode: str, nama: str) -> dict[str, Any] | None:
    df = getattr(L.inputs, nama)
    df = df[df["tahun"] == L.year].sort_values("no")
    if df.empty:
        return None
    rows = [[int(r.no), r.nama_tersangka, r.kewarganegaraan, r.pasal, r.tahapan] for r in df.itertuples(index=False)]
    return {"rows": rows, "kolom": ["No", "Nama Tersangka", "Kewarganegaraan", "Pasal", "Tahapan"],
            "align": "cllll", "judul": f"Perkara yang ditangani tahun {L.year}"}


def _tabel_jenis(L: Any, kode: str, table: str, nama_jenis: str) -> dict[str, Any] | None:
    from lkjip.calc.kinerja import realisasi_rasio

    _, num, den = SUMBER_RASIO[kode]
    df = getattr(L.inputs, table)
    df = df[df["tahun"] == L.year]
    if df.empty or set(df["jenis"]) == {"seluruh"}:
        return None
    nama = dict(getattr(L.inputs, nama_jenis)[["jenis", "nama"]].itertuples(index=False))
    ids = _ID_JENIS.get(table, {})

    def sel(j: str, col: str, v: int) -> str:
        pola = ids.get(col)
        id = pola.format(j=j) if pola else None
        return L.v(id) if id and ada(L, id) else fmt.angka(v)

    rows: list[Any] = []
    for i, r in enumerate(df.itertuples(index=False), start=1):
        d, n = int(getattr(r, den)), int(getattr(r, num))
        rows.append([i, nama.get(r.jenis, r.jenis), sel(r.jenis, den, d), sel(r.jenis, num, n),
                     fmt.persen(realisasi_rasio(n, d))])
    p = f"ikk.{kode}"
    rows.append({"cells": [Sel("Jumlah", colspan=2), Sel(L.v(f"{p}.penyebut"), kelas="ar"),
                           Sel(L.v(f"{p}.pembilang"), kelas="ar"),
                           Sel(realisasi(L, kode), kelas="ar")], "class": "total"})
    kolom = ["No", "Jenis", HITUNG[den][0], HITUNG[num][0], "Persentase"]
    catatan = (f"Persentase = {HITUNG[num][0].lower()} ÷ {HITUNG[den][0].lower()} × 100%; "
               f"{KOSONG} berarti tidak ada {HITUNG[den][1].split(' yang')[0]} pada jenis itu.")
    what = HITUNG[den][1].split(" yang")[0]
    return {"rows": rows, "kolom": kolom, "align": "clrrr", "catatan": catatan,
            "judul": f"Rincian {what} menurut jenis, tahun {L.year}"}


def tabel_rb_triwulan(L: Any) -> dict[str, Any]:
    """Every RB action-plan indicator's progress in each quarter (TW I-IV), grouped by sasaran
    and kegiatan; the last row holds each quarter's mean (registry ``rb.tw<k>.capaian``)."""
    df = L.inputs.rb_indikator
    df = df[df["tahun"] == L.year]
    wide = df.pivot_table(index="no", columns="triwulan", values="capaian", aggfunc="first")
    teks = df[df["triwulan"] == df["triwulan"].min()].sort_values("no")
    tws = [k for k in range(1, len(TRIWULAN) + 1) if k in wide.columns]
    rows: list[Any] = []
    for s, grp in teks.groupby("sasaran", sort=False):
        rows.append({"cells": [Sel(s, colspan=3 + len(tws))], "class": "jumlah"})
        for keg, sub in grp.groupby("kegiatan", sort=False):
            for j, r in enumerate(sub.itertuples(index=False)):
                cells: list[Any] = [Sel(int(r.no), kelas="ac")]
                if j == 0:
                    cells.append(Sel(keg, rowspan=len(sub)))
                cells.append(r.indikator)
                cells += [Sel(fmt.persen(wide.at[r.no, k], 0), kelas="ar") for k in tws]
                rows.append(cells)
    rows.append({"cells": [Sel("Rata-rata capaian triwulan", colspan=3)]
                 + [Sel(L.v(f"rb.tw{k}.capaian"), kelas="ar") for k in tws], "class": "total"})
    kolom = ["No", "Kegiatan", "Indikator Rencana Aksi"] + [f"TW {TRIWULAN[k - 1]}" for k in tws]
    catatan = ("Angka triwulan adalah kemajuan kumulatif setiap indikator sampai akhir triwulan itu; "
               "rata-rata capaian triwulan adalah rata-rata kemajuan seluruh indikator.")
    return {"rows": rows, "kolom": kolom, "catatan": catatan,
            "judul": f"Kemajuan rencana aksi Reformasi Birokrasi per triwulan, tahun {L.year}"}


def triwulan(L: Any) -> list[tuple[str, str]]:
    """The quarters for which the registry holds the RB progress: ``[("I", "rb.tw1"), ...]``."""
    out = []
    for k, nama in enumerate(TRIWULAN, start=1):
        if diketahui(L, f"rb.tw{k}.capaian"):
            out.append((nama, f"rb.tw{k}"))
    return out


def tabel_survei(L: Any, kode: str) -> dict[str, Any]:
    """A survey indicator: score (0-100) -> index (1-4) -> IKM grade and category."""
    p = f"ikk.{kode}"
    rows = [[L.v(f"{p}.nilai_survei"), L.v(f"{p}.realisasi"), Sel(L.v(f"{p}.mutu", kind="teks"), kelas="ac"),
             L.v(f"{p}.kategori", kind="teks")]]
    kolom = ["Nilai survei (0–100)", "Indeks (1–4)", "Mutu", "Kategori"]
    return {"rows": rows, "kolom": kolom, "align": "rrcl",
            "catatan": f"Indeks = nilai survei ÷ {pembagi_indeks(L)}.",
            "judul": f"Hasil survei dan mutu layanan, tahun {L.year}"}


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
    catatan = (f"Sumber: {e(sumber)}; i" if sumber else "I") + f"ndeks = nilai survei ÷ {pembagi_indeks(L)}."
    return {"rows": rows, "kolom": ["Nilai survei", "Indeks", "Mutu", "Kategori"], "align": "cccl",
            "catatan": catatan,
            "judul": "Nilai, indeks, dan mutu survei kepuasan"}


# ---- budget per indicator ------------------------------------------------------------------------------
def keadaan_anggaran(L: Any, kode: str) -> str:
    """How the indicator's own budget line stands: ``tidak_ada`` (no line in the data),
    ``pagu_nol`` (a line of Rp0), ``tidak_terserap`` (nothing spent) or ``terserap``."""
    q = f"anggaran.indikator.{kode}"
    if not ada(L, f"{q}.pagu"):
        return "tidak_ada"
    if not L.fig[f"{q}.pagu"].value:
        return "pagu_nol"
    if not L.fig[f"{q}.realisasi"].value:
        return "tidak_terserap"
    return "terserap"


def terserap_penuh(L: Any, kode: str) -> bool:
    """Whether the indicator's budget was spent in full (100% at two decimals)."""
    v = L.fig[f"anggaran.indikator.{kode}.persen"].value
    return v is not None and fmt.round_half_up(v, 2) >= 100
