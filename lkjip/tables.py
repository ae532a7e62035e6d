"""What BAB III (Akuntabilitas Kinerja) shows besides its prose: its tables, and the small
choices its sentences depend on.

Every table function takes the chapter's :class:`lkjip.report.Laporan` (``L``) and returns the
keyword arguments of ``L.tabel``: ``rows`` (lists of formatted cells), ``kolom`` (headings),
``judul`` and, where they apply, ``align`` and ``catatan``::

    L.tabel(**tables.tabel_ringkasan(L))

Numbers come from the registry through ``L.v`` (so the audit can trace them), or, for base
facts that no registry figure holds (per-quarter RB progress, per-account PNBP names), from
:mod:`lkjip.fmt`. The chapter does no arithmetic: whatever needs counting, comparing, choosing
by value or finding a year before another is done here, and the chapter chooses its words by
the answer.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from lkjip import fmt
from lkjip.figures import JENIS_BELANJA, SUMBER_RASIO, slug
from lkjip.report import KOSONG, Sel

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
INOVASI_KELOMPOK = {"inovasi_kantor": "Inovasi kantor", "layanan_keimigrasian": "Inovasi dan kebijakan layanan"}
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


# ---- small text helpers -----------------------------------------------------------------------------
def _e(x: Any) -> str:
    return html.escape(str(x))


def gabung(items: Iterable[Any], kata: str = "dan") -> str:
    """``a, b, dan c``: items joined the Indonesian way."""
    xs = [str(x) for x in items if str(x).strip()]
    if len(xs) <= 1:
        return "".join(xs)
    if len(xs) == 2:
        return f"{xs[0]} {kata} {xs[1]}"
    return ", ".join(xs[:-1]) + f", {kata} {xs[-1]}"


def daftar(items: Iterable[Any], bernomor: bool = False) -> str:
    """A Markdown list, one item a line (numbered from 1 if ``bernomor``)."""
    return "\n".join(f"{i}. {x}" if bernomor else f"- {x}" for i, x in enumerate(items, start=1))


def huruf_kecil_awal(text: str) -> str:
    """'Mengelola ...' -> 'mengelola ...' (an item continued inside a sentence)."""
    return text[:1].lower() + text[1:] if text else text


def tahun_sebelumnya(year: int) -> int:
    """The year before ``year``."""
    return int(year) - 1


def rentang_tahun(years: Sequence[int]) -> str:
    """``2020–2024`` (or one year)."""
    ys = sorted(years)
    if not ys:
        return ""
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


def ada(L: Any, id: str) -> bool:
    """Whether the registry has the figure."""
    return id in L.fig


def diketahui(L: Any, id: str) -> bool:
    """Whether the registry has the figure and its value is known (not ``None``)."""
    return id in L.fig and L.fig[id].value is not None


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
    return "" if r.satuan == "persen" else f" {_e(r.satuan)}"


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


# ---- comparisons the prose turns into words -----------------------------------------------------------
def arah(L: Any, id: str) -> str:
    """The sign of a change figure in words: ``naik``, ``turun`` or ``tetap`` (also when unknown)."""
    v = L.fig[id].value
    if v is None or v == 0:
        return "tetap"
    return "naik" if v > 0 else "turun"


def arah_antara(L: Any, id_lama: str, id_baru: str) -> str:
    """``naik``, ``turun`` or ``tetap`` from one figure to another (e.g. a count last year and now)."""
    a, b = L.fig[id_lama].value, L.fig[id_baru].value
    if a is None or b is None or a == b:
        return "tetap"
    return "naik" if b > a else "turun"


def banding(L: Any, id_a: str, id_b: str) -> str:
    """How figure ``a`` compares with figure ``b``: ``lebih tinggi``, ``lebih rendah`` or ``sama``."""
    a, b = L.fig[id_a].value, L.fig[id_b].value
    if a is None or b is None:
        return "tidak dapat dibandingkan"
    if fmt.round_half_up(a, 2) == fmt.round_half_up(b, 2):
        return "sama"
    return "lebih tinggi" if a > b else "lebih rendah"


def status_nilai(L: Any, id: str) -> str:
    """Whether a capaian figure reaches the rules' threshold: ``tercapai`` / ``tidak_tercapai`` /
    ``nihil`` (unknown)."""
    from lkjip.calc.kinerja import status as _status

    return _status(L.fig[id].value, rules=L.fig.rules)


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
    catatan = f"{L.label_status('nihil')}: {_e(L.fig.rules.nihil_kalimat)}"
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


def pertama_terakhir(xs: Sequence[Any]) -> tuple[Any, Any]:
    """The first and the last item of a non-empty sequence."""
    return xs[0], xs[-1]


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
    catatan = (f"Sumber: {_e(sumber)}; i" if sumber else "I") + f"ndeks = nilai survei ÷ {pembagi_indeks(L)}."
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


# ---- B. budget -----------------------------------------------------------------------------------------
def tabel_anggaran_sasaran(L: Any) -> dict[str, Any]:
    """Pagu, realisasi and penyerapan by sasaran (bold) and by indicator; the sasaran total from
    the registry; and the part of the DIPA not broken down by sasaran."""
    rows: list[Any] = []
    for _, s, inds in sasaran(L):
        q = f"anggaran.sasaran.{s.kode}"
        if ada(L, f"{q}.pagu"):
            rows.append({"cells": [s.sasaran, L.v(f"{q}.pagu"), L.v(f"{q}.realisasi"), L.v(f"{q}.persen")],
                         "class": "jumlah"})
        else:
            rows.append({"cells": [s.sasaran, KOSONG, KOSONG, KOSONG], "class": "jumlah"})
        for _, r in inds:
            q = f"anggaran.indikator.{r.kode}"
            if ada(L, f"{q}.pagu"):
                rows.append([Sel(r.indikator, kelas="kegiatan"), L.v(f"{q}.pagu"), L.v(f"{q}.realisasi"),
                             L.v(f"{q}.persen")])
            else:
                rows.append([Sel(r.indikator, kelas="kegiatan"), KOSONG, KOSONG, KOSONG])
    rows.append({"cells": ["Jumlah seluruh sasaran", L.v("anggaran.sasaran.total.pagu"),
                           L.v("anggaran.sasaran.total.realisasi"), L.v("anggaran.sasaran.total.persen")],
                 "class": "total"})
    if L.fig["anggaran.sasaran.tidak_terbagi.pagu"].value:
        rows.append(["Bagian DIPA yang tidak dirinci menurut sasaran", L.v("anggaran.sasaran.tidak_terbagi.pagu"),
                     KOSONG, KOSONG])
        rows.append({"cells": ["Pagu DIPA", L.v("anggaran.pagu"), KOSONG, KOSONG], "class": "total"})
    catatan = (f"{KOSONG}: tidak tersedia atau tidak dapat dihitung (pagu nol). Baris indikator adalah bagian "
               "dari anggaran sasarannya; anggaran sasaran juga membiayai keluaran lain, sehingga jumlah "
               "baris indikator tidak sama dengan baris sasaran.")
    return {"rows": rows, "kolom": ["Sasaran / Indikator", "Pagu", "Realisasi", "Penyerapan"], "align": "lrrr",
            "catatan": catatan, "judul": f"Realisasi anggaran menurut sasaran dan indikator, tahun {L.year}"}


def realisasi_sasaran_melebihi_dipa(L: Any) -> bool:
    """Whether the realisasi summed over sasaran exceeds the realisasi of the DIPA by jenis belanja
    (the two come from different breakdowns of the source and then cannot both be right)."""
    a, b = L.fig["anggaran.sasaran.total.realisasi"].value, L.fig["anggaran.realisasi"].value
    return a is not None and b is not None and a > b


def tahun_anggaran(L: Any) -> list[int]:
    """Every year with budget by jenis belanja."""
    return sorted({int(i.split(".")[2]) for i in L.fig.ids("anggaran.tahun.") if i.endswith(".pagu")
                   and i.count(".") == 3})


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


def jenis_belanja_puncak(L: Any) -> tuple[str, str]:
    """``(jenis with the highest, jenis with the lowest penyerapan)`` in the report's year."""
    js = [j for j in JENIS_BELANJA if diketahui(L, f"anggaran.jenis.{j}.persen")]
    val = {j: L.fig[f"anggaran.jenis.{j}.persen"].value for j in js}
    return max(js, key=lambda j: val[j]), min(js, key=lambda j: val[j])


def sumber_dana(L: Any) -> list[str]:
    """The year's funding sources (codes) in the data's order."""
    sd = L.inputs.anggaran_sumber_dana
    return list(sd[sd["tahun"] == L.year]["sumber_dana"])


def nama_sumber_dana(kode: str) -> str:
    return SUMBER_DANA_NAMA.get(kode, kode.upper())


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
    return sorted({int(i.split(".")[2]) for i in L.fig.ids("pnbp.tahun.") if i.endswith(".realisasi")})


def _akun_pnbp(L: Any) -> list[tuple[str, str]]:
    """(kode_akun, uraian) of every account in the data, largest in the report's year first."""
    df = L.inputs.pnbp
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


def pnbp_tahun_tanpa_akun_utama(L: Any) -> tuple[str, list[int]]:
    """The main account of the report's year (largest revenue) and the years in which the data hold
    no revenue for it: totals of those years are not comparable."""
    kode, uraian = _akun_pnbp(L)[0]
    years = [y for y in tahun_pnbp(L) if not ada(L, f"pnbp.akun.{kode}.tahun.{y}")]
    return uraian, years


# ---- C. budget performance ------------------------------------------------------------------------------
def tahun_smart(L: Any) -> list[int]:
    return sorted({int(i.split(".")[2]) for i in L.fig.ids("smart.tahun.")})


def tabel_smart(L: Any) -> dict[str, Any]:
    """SMART scores by year and component (data as the application showed them)."""
    years = tahun_smart(L)
    komps = [k for k in SMART_NAMA if any(ada(L, f"smart.tahun.{y}.{k}") for y in years)]
    rows = [[str(y)] + [L.v(f"smart.tahun.{y}.{k}") if ada(L, f"smart.tahun.{y}.{k}") else KOSONG for k in komps]
            for y in years]
    bobot = L.fig.rules.smart_bobot
    teks = gabung(f"{SMART_KATA.get(k, k)} {fmt.persen(v, 1)}" for k, v in bobot.items())
    catatan = f"Bobot penilaian SMART: {teks}."
    if L.fig.rules.belum_pasti("smart"):
        catatan += (" Pasangan bobot untuk penyerapan dan konsistensi belum terkonfirmasi dari sumber resmi; "
                    "nilai pada tabel dikutip dari aplikasi, tidak dihitung ulang.")
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
    catatan = (f"Bobot dan komponen menurut {_e(rules.ikpa_sumber)}. Nilai tertimbang = nilai × bobot ÷ 100; "
               "nilai akhir = nilai total − dispensasi SPM. Kategori: "
               + "; ".join(f"{_e(c.nama)} ≥ {fmt.angka(c.min)}" for c in rules.ikpa_kategori if c.min > 0)
               + f"; {_e(rules.ikpa_kategori[-1].nama)} di bawahnya.")
    if rules.belum_pasti("ikpa.konversi_bobot"):
        catatan += (" Konversi bobot (penyesuaian bila ada komponen yang tidak berlaku) mengikuti praktik dan "
                    "belum terkonfirmasi dari peraturan.")
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


def nama_komponen_ikpa(L: Any, kode: str) -> str:
    return L.fig.rules.komponen_ikpa(kode).nama


def tahun_ikpa(L: Any) -> list[int]:
    return sorted({int(i.split(".")[2]) for i in L.fig.ids("ikpa.tahun.")})


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


# ---- D. other results ------------------------------------------------------------------------------------
def capaian_lain(L: Any, jenis: str) -> list[dict[str, Any]]:
    """Entries of ``capaian_lain.yaml`` of one kind: ``penghargaan`` (any year: a title is held),
    ``capaian`` or ``catatan`` (only those of the report's year)."""
    out = []
    for c in (L.inputs.capaian_lain or {}).get("capaian", []):
        if c.get("jenis", "capaian") != jenis:
            continue
        if jenis != "penghargaan" and c.get("tahun") not in (L.year, str(L.year)):
            continue
        out.append(c)
    return out


def penghargaan(L: Any) -> list[str]:
    """The titles the office holds, as list items with the year they were obtained where known."""
    return [f"{c['judul']}, diraih tahun {c['tahun']}" if c.get("tahun") else
            f"{c['judul']}; tahun perolehannya tidak tercatat dalam data"
            for c in capaian_lain(L, "penghargaan")]


def tabel_capaian_lain(L: Any) -> dict[str, Any] | None:
    """Other results of the year (``capaian_lain.yaml``, jenis capaian): Capaian, Uraian."""
    items = capaian_lain(L, "capaian")
    if not items:
        return None
    rows = [[c["judul"], c.get("uraian") or KOSONG] for c in items]
    return {"rows": rows, "kolom": ["Capaian", "Uraian"], "align": "ll",
            "judul": f"Capaian lain tahun {L.year}"}


def inovasi(L: Any, kelompok: str) -> list[dict[str, Any]]:
    """Entries of ``inovasi.yaml`` of one group (``inovasi_kantor``: only those of the report's year)."""
    out = []
    for i in (L.inputs.inovasi or {}).get("inovasi", []):
        if i.get("kelompok") != kelompok:
            continue
        if kelompok == "inovasi_kantor" and i.get("tahun") not in (L.year, str(L.year)):
            continue
        out.append(i)
    return out


def tabel_inovasi(L: Any, kelompok: str = "layanan_keimigrasian") -> dict[str, Any] | None:
    """The innovations of one group: Inovasi, Uraian."""
    items = inovasi(L, kelompok)
    if not items:
        return None
    rows = [[i["nama"], i.get("uraian") or KOSONG] for i in items]
    return {"rows": rows, "kolom": ["Inovasi", "Uraian"], "align": "ll",
            "judul": f"{INOVASI_KELOMPOK.get(kelompok, kelompok)} yang diterapkan"}


__all__ = [
    "HITUNG",
    "INOVASI_KELOMPOK",
    "JENIS_BELANJA_NAMA",
    "SMART_KATA",
    "SMART_NAMA",
    "SUMBER_DANA_NAMA",
    "abt_menambah_pk_awal",
    "ada",
    "akhir_renstra",
    "akun_pnbp_utama",
    "ambang_tercapai",
    "arah",
    "arah_antara",
    "aspek_ikpa_terendah",
    "banding",
    "batas_ikpa",
    "capaian_lain",
    "daftar",
    "diketahui",
    "gabung",
    "huruf_kecil_awal",
    "indikator",
    "inovasi",
    "jenis_belanja_puncak",
    "jenis_dipakai",
    "kata_hitung",
    "keadaan_anggaran",
    "kegiatan_pk",
    "komponen_ikpa_di_bawah",
    "nama_komponen_ikpa",
    "nama_sumber_dana",
    "nihil",
    "pembagi_indeks",
    "penghargaan",
    "periode_renstra",
    "pertama_terakhir",
    "pnbp_tahun_tanpa_akun_utama",
    "realisasi",
    "realisasi_sasaran_melebihi_dipa",
    "realisasi_tetap",
    "rentang_tahun",
    "rumus_capaian",
    "rumus_capaian_dipakai",
    "rumus_realisasi",
    "sasaran",
    "status",
    "status_nilai",
    "sumber_dana",
    "tabel_anggaran_sasaran",
    "tabel_capaian_lain",
    "tabel_ikpa",
    "tabel_ikpa_aspek",
    "tabel_inovasi",
    "tabel_jenis_belanja",
    "tabel_kinerja_anggaran",
    "tabel_pita_ikm",
    "tabel_pnbp",
    "tabel_rb_triwulan",
    "tabel_rincian",
    "tabel_ringkasan",
    "tabel_riwayat",
    "tabel_smart",
    "tabel_survei",
    "tahun_anggaran",
    "tahun_ikpa",
    "tahun_lalu_ada",
    "tahun_pnbp",
    "tahun_puncak",
    "tahun_riwayat",
    "tahun_sebelumnya",
    "tahun_smart",
    "tahun_terukur",
    "target",
    "terserap_penuh",
    "triwulan",
]
