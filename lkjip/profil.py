"""What the front matter, BAB I, BAB II, BAB IV and the appendix show, besides their prose.

Every function takes the chapter's :class:`lkjip.report.Laporan` (``L``) and returns one thing
the notebook displays:

* a table as the keyword arguments of ``L.tabel`` (``rows``, ``kolom``, ``align`` and, where it
  applies, ``catatan`` and ``hitung``): ``L.tabel(judul="...", **profil.tabel_pegawai(L))``;
* a Matplotlib figure for ``L.gambar``;
* Markdown or HTML text (lists, the cover, the letterhead, signature blocks).

Numbers come from the registry through ``L.v`` (so the audit can trace them) or, for base facts
that no registry figure holds (the appendix PK's targets), from :mod:`lkjip.fmt`. The chapters
themselves do no arithmetic: whatever needs counting, comparing or choosing by value is here.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from lkjip.charts import tata_letak
from lkjip.figures import JENIS_BELANJA, slug
from lkjip.report import Sel
from lkjip.tables import (
    gabung,  # noqa: F401  (re-exported: the chapters call P.gabung)
    realisasi,  # an indicator's realisasi with its unit, or the nihil label
    sasaran,  # the year's sasaran and their indicators, numbered, in PK order
    target,  # an indicator's target with its unit, as BAB III shows it
)

# Display names of codes the data contract fixes (generic: the same for every office).
KELOMPOK_JABATAN: dict[str, tuple[str, str]] = {
    # code -> (short name for charts, phrase for prose)
    "eselon_iii": ("Eselon III", "pejabat eselon III"),
    "eselon_iv": ("Eselon IV", "pejabat eselon IV"),
    "eselon_v": ("Eselon V", "pejabat eselon V"),
    "jft": ("Jabatan Fungsional Tertentu", "pegawai dalam jabatan fungsional tertentu"),
    "jfu": ("Jabatan Fungsional Umum", "pegawai dalam jabatan fungsional umum (pelaksana)"),
}
JENIS_BELANJA_NAMA = {"pegawai": "Belanja Pegawai", "barang": "Belanja Barang", "modal": "Belanja Modal"}
SUMBER_DANA_NAMA = {"rm": "Rupiah Murni (RM)", "pnbp": "Penerimaan Negara Bukan Pajak (PNBP)"}
JENIS_KELAMIN_NAMA = {"L": "Laki-laki", "P": "Perempuan"}

_WARNA = "#2f5d8a"  # one colour for the bars of BAB I
_WARNA_MUDA = "#e8edf3"  # the table-header blue of lkjip.css, for the organisation chart


# ---- small text helpers -------------------------------------------------------------------------
def tahun_lalu(year: int) -> int:
    """The year before ``year`` (the chapters may not subtract)."""
    return int(year) - 1


def daftar(items: Iterable[Any], bernomor: bool = False) -> str:
    """A Markdown list, one item a line (numbered from 1 if ``bernomor``)."""
    lines = []
    for i, x in enumerate(items, start=1):
        lines.append(f"{i}. {x}" if bernomor else f"- {x}")
    return "\n".join(lines)


def _e(x: Any) -> str:
    return html.escape(str(x))


def _huruf_kecil_awal(text: str) -> str:
    """'Mengelola ...' -> 'mengelola ...' (for a sentence continued after a verb)."""
    return text[:1].lower() + text[1:] if text else text


def tanggal_peristiwa(x: Any) -> str:
    """A date of ``kantor.yaml`` ``sejarah``: ``9 Juni 2011``, or ``Tahun 2018`` when only the year is known."""
    from lkjip import fmt

    if isinstance(x, dt.date):
        return fmt.tanggal(x)
    text = str(x).strip()
    if len(text) == 4 and text.isdigit():
        return f"Tahun {text}"
    return fmt.tanggal(text)


def kata_perubahan(L: Any, id: str, naik: str = "naik", turun: str = "turun", tetap: str = "tidak berubah") -> str:
    """The direction of a change figure (e.g. ``anggaran.perubahan_persen``) in words."""
    v = L.fig[id].value
    if v is None or v == 0:
        return tetap
    return naik if v > 0 else turun


def ada(L: Any, id: str) -> bool:
    """Whether the registry has the figure (a chapter shows a sentence only if it does)."""
    return id in L.fig


# ---- the office -----------------------------------------------------------------------------------
def sampul(L: Any) -> str:
    """The cover: parent institutions, title, year and office, from ``kantor.yaml`` and the year.

    The last line (class ``judul-laporan``) becomes the running header of the PDF.
    """
    k = L.inputs.kantor
    induk = [k.get("kementerian"), k.get("direktorat_jenderal"), k.get("kantor_wilayah")]
    lines = ['<div class="sampul">']
    lines += [f'<p class="sampul-induk"><strong>{_e(x.upper())}</strong></p>' for x in induk if x]
    lines += [
        '<p class="sampul-judul">LAPORAN KINERJA INSTANSI PEMERINTAH</p>',
        '<p class="sampul-sub">(LKjIP)</p>',
        f'<p class="sampul-tahun">TAHUN {L.year}</p>',
        f'<p class="sampul-instansi">{_e(k["nama"].upper())}</p>',
        f'<p class="judul-laporan">LKjIP {_e(k["nama"])} Tahun {L.year}</p>',
        "</div>",
    ]
    return "\n".join(lines)


def kop_surat(L: Any) -> str:
    """The letterhead and the head of the cover letter (place and date, number, enclosure,
    subject, addressee), from ``kantor.yaml`` and the params."""
    from lkjip import fmt

    k, p = L.inputs.kantor, L.params
    tujuan = p.get("tujuan_surat") or {}
    induk = "<br>".join(
        _e(x.upper()) for x in (k.get("kementerian"), k.get("direktorat_jenderal"), k.get("kantor_wilayah")) if x
    )
    rincian = [
        ("Nomor", p["nomor_laporan"]),
        ("Lampiran", p.get("lampiran_surat") or "–"),
        ("Hal", f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {L.year}"),
    ]
    rows = "".join(f"<tr><td>{_e(a)}</td><td>:</td><td>{_e(b)}</td></tr>" for a, b in rincian)
    alamat = ", ".join(_e(x) for x in (k.get("alamat"), k.get("kota")) if x)
    kontak = []
    if k.get("laman"):
        kontak.append(f"Laman: {_e(k['laman'])}")
    if k.get("surel"):
        kontak.append(f"Pos-el: {_e(k['surel'])}")
    out = [
        '<div class="surat">',
        '<div class="kop-surat" style="text-align:center;border-bottom:1.5pt solid #111;'
        'padding-bottom:.4em;margin-bottom:1em">',
        f'<p style="text-align:center;margin:0">{induk}<br><strong>{_e(k["nama"].upper())}</strong></p>',
        f'<p style="text-align:center;margin:.3em 0 0;font-size:.85em">{alamat}'
        + (f"<br>{' · '.join(kontak)}" if kontak else "")
        + "</p>",
        "</div>",
        f'<p class="surat-tanggal" style="text-align:right">{_e(p["tempat"])}, {_e(fmt.tanggal(p["tanggal_laporan"]))}</p>',
        f'<table class="surat-rincian" style="border:none;margin:0 0 1em">{rows}</table>',
    ]
    if tujuan.get("kepada"):
        alamat_tujuan = [f"Yth. {_e(tujuan['kepada'])}"]
        if tujuan.get("up"):
            alamat_tujuan.append(f"u.p. {_e(tujuan['up'])}")
        if tujuan.get("tempat"):
            alamat_tujuan.append(f"di {_e(tujuan['tempat'])}")
        out.append(f'<p class="surat-tujuan" style="text-align:left">{"<br>".join(alamat_tujuan)}</p>')
    out.append("</div>")
    return "\n".join(out)


def tanda_tangan(tempat: str | None, tanggal: Any, jabatan: str, nama: str, nip: str, pihak: str | None = None) -> str:
    """A signature block: place and date (when given), role, a blank for the signature, name, NIP."""
    from lkjip import fmt

    lines = ['<div class="tanda-tangan" style="margin:1.5em 0 1em 55%;text-align:left">']
    if tempat and tanggal:
        lines.append(f'<p style="text-align:left;margin:0">{_e(tempat)}, {_e(fmt.tanggal(tanggal))}</p>')
    if pihak:
        lines.append(f'<p style="text-align:left;margin:0">{_e(pihak)},</p>')
    lines += [
        f'<p style="text-align:left;margin:0">{_e(jabatan)}{"" if pihak else ","}</p>',
        '<div class="ruang-tanda-tangan" style="height:4.5em"></div>',
        f'<p style="text-align:left;margin:0"><strong>{_e(nama)}</strong><br>NIP {_e(nip)}</p>',
        "</div>",
    ]
    return "\n".join(lines)


def tanda_tangan_penanda(L: Any) -> str:
    """The report's signature block: place, date, role, name and NIP from the params."""
    p = L.params
    s = p["penandatangan"]
    return tanda_tangan(p["tempat"], p["tanggal_laporan"], s["jabatan"], s["nama"], s["nip"])


def tanda_tangan_pk(L: Any, dengan_tanggal: bool = True) -> str:
    """The two signatories of the year's PK side by side (``kantor.yaml`` ``penandatangan_pk``)."""
    from lkjip import fmt

    pk = L.inputs.kantor["penandatangan_pk"]
    kolom = []
    for pihak, key in (("Pihak Kedua", "pihak_kedua"), ("Pihak Pertama", "pihak_pertama")):
        s = pk[key]
        kolom.append(
            '<div style="width:45%;text-align:left">'
            f'<p style="text-align:left;margin:0">{pihak},</p>'
            f'<p style="text-align:left;margin:0">{_e(s["jabatan"])}</p>'
            '<div class="ruang-tanda-tangan" style="height:4.5em"></div>'
            f'<p style="text-align:left;margin:0"><strong>{_e(s["nama"])}</strong><br>NIP {_e(s["nip"])}</p>'
            "</div>"
        )
    tempat = ""
    if dengan_tanggal and pk.get("tempat") and pk.get("tanggal"):
        tempat = f'<p style="text-align:center">{_e(pk["tempat"])}, {_e(fmt.tanggal(pk["tanggal"]))}</p>'
    return (
        '<div class="tanda-tangan-pk" style="margin:1.5em 0 1em">'
        + tempat
        + '<div style="display:flex;justify-content:space-between">'
        + "".join(kolom)
        + "</div></div>"
    )


def induk(L: Any, key: str) -> str:
    """A parent institution's name as the report's body uses it for the year (``kantor.yaml``
    ``<key>_dalam_laporan`` where the ministry was renamed after the year), else the current name."""
    k = L.inputs.kantor
    return k.get(f"{key}_dalam_laporan") or k[key]


def kabupaten(L: Any) -> list[str]:
    """The kabupaten of the work area, as ``Kabupaten <nama>``, in the data's order."""
    return [f"Kabupaten {k}" for k in L.inputs.kabupaten["kabupaten"]]


def ringkasan_status(L: Any) -> str:
    """One sentence: of n indicators, how many reached their target, did not, or were nihil."""
    parts = []
    for st, frasa in (
        ("tercapai", "mencapai atau melampaui target"),
        ("tidak_tercapai", "belum mencapai target"),
        ("nihil", "berstatus nihil karena tidak ada kasus yang perlu ditangani"),
    ):
        id = f"ikk.jumlah_{st}"
        if L.fig[id].value:
            parts.append(f"{L.v(id, kind='terbilang')} indikator {frasa}")
    return f"Dari {L.v('ikk.jumlah', kind='terbilang')} indikator kinerja kegiatan, {gabung(parts)}."


def tata_nilai(L: Any) -> str:
    """The values of ``renstra.yaml`` (name, what the acronym stands for, description) as a list."""
    items = []
    for v in L.inputs.renstra.get("tata_nilai") or []:
        kepanjangan = f" ({v['kepanjangan']})" if v.get("kepanjangan") else ""
        items.append(f"**{v['nama']}**{kepanjangan}. {v['uraian']}")
    return daftar(items)


def sasaran_kegiatan(L: Any) -> list[str]:
    """The year's sasaran kegiatan, in PK order."""
    s = L.inputs.sasaran
    return list(s[s["tahun"] == L.year].sort_values("urutan")["sasaran"])


def sejarah(L: Any) -> str:
    """The office's history (``kantor.yaml`` ``sejarah``) as a Markdown list, oldest first."""
    items = []
    for e in L.inputs.kantor.get("sejarah") or []:
        text = f"**{tanggal_peristiwa(e['tanggal'])}**: {e['peristiwa']}"
        if e.get("dasar"):
            text += f" Dasar: {e['dasar']}."
        items.append(text)
    return daftar(items)


def landasan_hukum(L: Any) -> str:
    """The legal basis of the report (``kantor.yaml`` ``landasan_hukum``) as a numbered list."""
    items = list(L.inputs.kantor.get("landasan_hukum") or [])
    return daftar([f"{x};" for x in items[:-1]] + [f"{x}." for x in items[-1:]], bernomor=True)


def inovasi_kantor(L: Any) -> list[str]:
    """Names of the office's own innovations of the year (``inovasi.yaml``, kelompok inovasi_kantor)."""
    return [
        i["nama"]
        for i in (L.inputs.inovasi or {}).get("inovasi", [])
        if i.get("kelompok") == "inovasi_kantor" and i.get("tahun") in (L.year, str(L.year))
    ]


def penghargaan(L: Any) -> list[str]:
    """Awards (``capaian_lain.yaml``, jenis penghargaan) as list items, with the year where known."""
    out = []
    for c in (L.inputs.capaian_lain or {}).get("capaian", []):
        if c.get("jenis") != "penghargaan":
            continue
        tahun = c.get("tahun")
        out.append(
            f"{c['judul']}, diraih tahun {tahun}" if tahun else f"{c['judul']}; tahun perolehannya tidak tercatat"
        )
    return out


def capaian_lain(L: Any) -> list[str]:
    """Other results of the year (``capaian_lain.yaml``, jenis capaian) as list items."""
    return [
        f"**{c['judul']}.** {c['uraian']}"
        for c in (L.inputs.capaian_lain or {}).get("capaian", [])
        if c.get("jenis") == "capaian" and c.get("tahun") in (L.year, str(L.year))
    ]


# ---- organisation and staff ----------------------------------------------------------------------
def _unit_kantor(L: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    units = (L.inputs.organisasi or {}).get("unit", [])
    kantor = next((u for u in units if u.get("kode") == "kantor"), None)
    return kantor, [u for u in units if u.get("kode") != "kantor"]


def fungsi_kantor(L: Any) -> str:
    """The functions of the office as a whole (``organisasi.yaml``, unit ``kantor``), numbered."""
    kantor, _ = _unit_kantor(L)
    return daftar((kantor or {}).get("fungsi") or [], bernomor=True)


def tugas_kantor(L: Any) -> str:
    """The task of the office as a whole, continuing a sentence ('... bertugas <tugas>')."""
    kantor, _ = _unit_kantor(L)
    return _huruf_kecil_awal((kantor or {}).get("tugas", "").rstrip("."))


def unit_organisasi(L: Any) -> str:
    """Every subdivision and section with its task, functions and sub-units, as Markdown."""
    _, units = _unit_kantor(L)
    blocks = []
    for i, u in enumerate(units, start=1):
        parts = [f"**{i}. {u['nama']}**", "", f"{u['nama']} bertugas {_huruf_kecil_awal(u['tugas'])}"]
        if u.get("fungsi"):
            parts += ["", "Fungsinya:", "", daftar(u["fungsi"])]
        if u.get("subunit"):
            parts += [
                "",
                f"{u['nama']} terdiri atas:",
                "",
                daftar(f"*{s['nama']}*, yang {_huruf_kecil_awal(s['tugas'])}" for s in u["subunit"]),
            ]
        blocks.append("\n".join(parts))
    return "\n\n".join(blocks)


def bagan_organisasi(L: Any) -> Any:
    """The organisation chart: head of office, the subdivision and sections, their sub-units."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch

    _, units = _unit_kantor(L)
    kepala = (L.inputs.kantor.get("kepala") or {}).get("jabatan") or "Kepala Kantor"
    n = max(len(units), 1)
    m = max([len(u.get("subunit") or []) for u in units] or [0])
    bawah = 5.1 - 1.45 * max(m - 1, 0) - 0.75 if m else 6.0  # below the lowest box
    fig, ax = plt.subplots(figsize=(6.4, 0.45 * (9.8 - bawah)))
    ax.set_xlim(0, n)
    ax.set_ylim(bawah, 9.8)
    ax.axis("off")

    def kotak(x: float, y: float, w: float, h: float, text: str, size: float, lebar: int, tebal: bool = False) -> None:
        ax.add_patch(
            FancyBboxPatch(
                (x - w / 2, y - h / 2),
                w,
                h,
                boxstyle="round,pad=0.02,rounding_size=0.08",
                fc="white" if not tebal else _WARNA_MUDA,
                ec="#333",
                lw=0.7,
                zorder=2,
            )
        )
        ax.text(
            x,
            y,
            textwrap.fill(text, lebar),
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold" if tebal else "normal",
            zorder=3,
            linespacing=1.15,
        )

    garis = {"color": "#333", "lw": 0.7, "zorder": 1}
    kotak(n / 2, 9.1, min(2.6, n * 0.9), 1.0, kepala, 7, 40, tebal=True)
    ax.plot([n / 2, n / 2], [8.6, 7.9], **garis)
    if n > 1:
        ax.plot([0.5, n - 0.5], [7.9, 7.9], **garis)
    for i, u in enumerate(units):
        x = i + 0.5
        ax.plot([x, x], [7.9, 7.35], **garis)
        kotak(x, 6.8, 0.94, 1.1, u["nama"], 6.3, 25, tebal=True)
        subs = u.get("subunit") or []
        if subs:
            bawah = 5.1 - 1.45 * (len(subs) - 1)
            ax.plot([x, x], [6.25, bawah], **garis)
        for j, s in enumerate(subs):
            kotak(x, 5.1 - 1.45 * j, 0.86, 1.05, s["nama"], 5.9, 25)
    tata_letak(fig, pad=0.2)
    return fig


def rincian_kelompok_jabatan(L: Any) -> str:
    """'1 (satu) pejabat eselon III, 4 (empat) pejabat eselon IV, ... dan 14 (empat belas) ...'."""
    items = []
    for k, (_, frasa) in KELOMPOK_JABATAN.items():
        id = f"pegawai.kelompok.{k}"
        if ada(L, id) and L.fig[id].value:
            items.append(f"{L.v(id, kind='terbilang')} {frasa}")
    return gabung(items)


def _batang(
    ax: Any, labels: Sequence[str], values: Sequence[int], teks: Sequence[str], horizontal: bool = False
) -> None:
    if horizontal:
        bars = ax.barh(list(labels), list(values), color=_WARNA, height=0.6)
        ax.invert_yaxis()
        ax.spines["bottom"].set_visible(False)
        ax.set_xticks([])
        for b, t in zip(bars, teks, strict=True):
            ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f"  {t}", va="center", fontsize=9)
        ax.set_xlim(0, max(values or [1]) * 1.15)
    else:
        bars = ax.bar(list(labels), list(values), color=_WARNA, width=0.55)
        ax.spines["left"].set_visible(False)
        ax.set_yticks([])
        for b, t in zip(bars, teks, strict=True):
            ax.text(b.get_x() + b.get_width() / 2, b.get_height(), t, ha="center", va="bottom", fontsize=9)
        ax.set_ylim(0, max(values or [1]) * 1.15)


def grafik_jenis_kelamin(L: Any) -> Any:
    """Bar chart of the staff by sex (``pegawai.laki_laki``, ``pegawai.perempuan``)."""
    import matplotlib.pyplot as plt

    ids = ["pegawai.laki_laki", "pegawai.perempuan"]
    fig, ax = plt.subplots(figsize=(4.0, 2.6))
    _batang(ax, ["Laki-laki", "Perempuan"], [L.fig[i].value for i in ids], [L.teks(i) for i in ids])
    ax.set_ylabel("")
    tata_letak(fig)
    return fig


def grafik_kelompok_jabatan(L: Any) -> Any:
    """Horizontal bar chart of the staff by position group (``pegawai.kelompok.*``)."""
    import matplotlib.pyplot as plt

    kodes = [k for k in KELOMPOK_JABATAN if ada(L, f"pegawai.kelompok.{k}")]
    fig, ax = plt.subplots(figsize=(5.6, 2.6))
    _batang(
        ax,
        [KELOMPOK_JABATAN[k][0] for k in kodes],
        [L.fig[f"pegawai.kelompok.{k}"].value for k in kodes],
        [L.teks(f"pegawai.kelompok.{k}") for k in kodes],
        horizontal=True,
    )
    tata_letak(fig)
    return fig


def tabel_pegawai(L: Any) -> dict[str, Any]:
    """Every staff member: No, Nama, L/P, NIP, Jabatan (its rows are counted by pegawai.jumlah)."""
    df = L.inputs.pegawai.sort_values("no")
    rows = [[int(r.no), r.nama, r.jenis_kelamin, r.nip, r.jabatan] for r in df.itertuples(index=False)]
    return {
        "rows": rows,
        "kolom": ["No", "Nama", "L/\u2060P", "NIP", "Jabatan"],
        "align": "clccl",
        "hitung": "pegawai.jumlah",
        "catatan": "L = laki-laki; P = perempuan.",
    }


# ---- work area ------------------------------------------------------------------------------------
def tabel_letak_wilayah(L: Any) -> dict[str, Any]:
    """Each kabupaten: its position as printed and its borders."""
    kab = L.inputs.kabupaten
    rows = [
        [r.kabupaten, r.koordinat_tertulis, r.batas_utara, r.batas_selatan, r.batas_barat, r.batas_timur]
        for r in kab.itertuples(index=False)
    ]
    kolom = [
        [Sel("Kabupaten", rowspan=2), Sel("Letak", rowspan=2), Sel("Berbatasan dengan", colspan=4)],
        ["Utara", "Selatan", "Barat", "Timur"],
    ]
    return {"rows": rows, "kolom": kolom, "align": "llllll"}


def tabel_kecamatan(L: Any) -> dict[str, Any]:
    """Each kabupaten with its number of kecamatan and their names; a total row."""
    kab = L.inputs.kabupaten
    kec = L.inputs.kecamatan
    rows: list[Any] = []
    for name in kab["kabupaten"]:
        daftar_kec = kec[kec["kabupaten"] == name].sort_values("urutan")["kecamatan"]
        rows.append([name, L.v(f"wilayah.kabupaten.{slug(name)}.kecamatan"), ", ".join(daftar_kec)])
    rows.append({"cells": ["Jumlah", L.v("wilayah.kecamatan"), ""], "class": "total"})
    return {"rows": rows, "kolom": ["Kabupaten", "Jumlah Kecamatan", "Daftar Kecamatan"], "align": "lcl"}


# ---- performance agreement and summary ------------------------------------------------------------
def tabel_ringkasan(L: Any) -> dict[str, Any]:
    """The summary of the Ikhtisar: BAB III's summary table (:func:`lkjip.tables.tabel_ringkasan`),
    under a caption the chapter gives."""
    from lkjip.tables import tabel_ringkasan as ringkasan

    return {k: v for k, v in ringkasan(L).items() if k != "judul"}


def tabel_perjanjian_kinerja(L: Any) -> dict[str, Any]:
    """The PK of the year: No, Sasaran Kegiatan, Indikator Kinerja Kegiatan, Target."""
    rows: list[Any] = []
    for i, (_, s, inds) in enumerate(sasaran(L), start=1):
        for j, (_, r) in enumerate(inds):
            cells: list[Any] = (
                [Sel(i, rowspan=len(inds), kelas="ac"), Sel(s.sasaran, rowspan=len(inds))] if j == 0 else []
            )
            cells += [r.indikator, Sel(target(L, r.kode), kelas="ar")]
            rows.append(cells)
    return {"rows": rows, "kolom": ["No", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target"]}


def tabel_anggaran_pk(L: Any, dokumen: str = "pk") -> dict[str, Any]:
    """The budget of a PK by programme and activity, with the total.

    ``dokumen`` ``pk`` is the PK of BAB II (registry ids ``anggaran.program.*``); ``pk_lampiran``
    the PK printed in the appendix (``anggaran.pk_lampiran.*``).
    """
    prefix = "anggaran.program" if dokumen == "pk" else f"anggaran.{dokumen}"
    pk = L.inputs.pk_anggaran
    pk = pk[(pk["tahun"] == L.year) & (pk["dokumen"] == dokumen)]
    rows: list[Any] = []
    for prog, grp in pk.groupby("program", sort=False):
        rows.append({"cells": [f"Program {prog}", L.v(f"{prefix}.{slug(prog)}.jumlah")], "class": "jumlah"})
        for keg in grp["kegiatan"]:
            rows.append([Sel(keg, kelas="kegiatan"), L.v(f"{prefix}.{slug(keg)}")])
    rows.append({"cells": ["Jumlah", L.v(f"{prefix}.total")], "class": "total"})
    return {"rows": rows, "kolom": ["Program / Kegiatan", "Anggaran"], "align": "lr"}


def tabel_pk_lampiran(L: Any) -> dict[str, Any]:
    """The PK as printed in the published report's appendix (``pk_lampiran.csv``)."""
    from lkjip import fmt

    df = L.inputs.pk_lampiran
    df = df[df["tahun"] == L.year].sort_values("no")
    rows: list[Any] = []
    for i, (nama, grp) in enumerate(df.groupby("sasaran", sort=False), start=1):
        for j, r in enumerate(grp.itertuples(index=False)):
            cells: list[Any] = [Sel(i, rowspan=len(grp), kelas="ac"), Sel(nama, rowspan=len(grp))] if j == 0 else []
            nilai = fmt.persen(r.target, 0) if r.satuan == "persen" else f"{fmt.indeks(r.target)} {_e(r.satuan)}"
            cells += [r.indikator, Sel(nilai, kelas="ar")]
            rows.append(cells)
    return {"rows": rows, "kolom": ["No", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target"]}


def tabel_dipa_jenis_belanja(L: Any) -> dict[str, Any]:
    """The year's DIPA by jenis belanja, with the total."""
    rows: list[Any] = [
        [JENIS_BELANJA_NAMA.get(j, j), L.v(f"anggaran.jenis.{j}.pagu")]
        for j in JENIS_BELANJA
        if ada(L, f"anggaran.jenis.{j}.pagu")
    ]
    rows.append({"cells": ["Jumlah", L.v("anggaran.pagu")], "class": "total"})
    return {"rows": rows, "kolom": ["Jenis Belanja", "Pagu"], "align": "lr"}


def tabel_dipa_sumber_dana(L: Any) -> dict[str, Any]:
    """The year's DIPA by source of funds, with the total."""
    sd = L.inputs.anggaran_sumber_dana
    kodes = list(sd[sd["tahun"] == L.year]["sumber_dana"])
    rows: list[Any] = [[SUMBER_DANA_NAMA.get(k, k.upper()), L.v(f"anggaran.sumber.{k}.pagu")] for k in kodes]
    rows.append({"cells": ["Jumlah", L.v("anggaran.sumber.total")], "class": "total"})
    return {"rows": rows, "kolom": ["Sumber Dana", "Pagu"], "align": "lr"}


# ---- conclusions ----------------------------------------------------------------------------------
def kesimpulan_kinerja(L: Any) -> str:
    """Per sasaran and indicator: realisasi, target, capaian and status in words (nihil in words)."""
    blocks = []
    for i, (_, s, inds) in enumerate(sasaran(L), start=1):
        items = []
        for _, r in inds:
            p = f"ikk.{r.kode}"
            status = L.fig[f"{p}.status"].value
            if status == "nihil":
                items.append(f"{r.indikator}: {L.fig.rules.nihil_kalimat}")
            else:
                items.append(
                    f"{r.indikator}: realisasi {realisasi(L, r.kode)} terhadap target "
                    f"{target(L, r.kode)}, dengan capaian {L.v(f'{p}.capaian')} "
                    f"(target {L.label_status(status).lower()})."
                )
        jumlah = L.v(f"sasaran.{s.kode}.jumlah_ikk", kind="terbilang")
        blocks.append(f"**{i}. {s.sasaran}**, diukur dengan {jumlah} indikator:\n\n" + daftar(items))
    return "\n\n".join(blocks)


__all__ = [
    "KELOMPOK_JABATAN",
    "ada",
    "bagan_organisasi",
    "capaian_lain",
    "daftar",
    "fungsi_kantor",
    "gabung",
    "grafik_jenis_kelamin",
    "grafik_kelompok_jabatan",
    "induk",
    "inovasi_kantor",
    "kabupaten",
    "kata_perubahan",
    "kesimpulan_kinerja",
    "kop_surat",
    "landasan_hukum",
    "penghargaan",
    "rincian_kelompok_jabatan",
    "ringkasan_status",
    "sampul",
    "sasaran_kegiatan",
    "sejarah",
    "tabel_anggaran_pk",
    "tabel_dipa_jenis_belanja",
    "tabel_dipa_sumber_dana",
    "tabel_kecamatan",
    "tabel_letak_wilayah",
    "tabel_pegawai",
    "tabel_perjanjian_kinerja",
    "tabel_pk_lampiran",
    "tabel_ringkasan",
    "tahun_lalu",
    "tanda_tangan",
    "tanda_tangan_penanda",
    "tanda_tangan_pk",
    "tanggal_peristiwa",
    "tata_nilai",
    "target",
    "tugas_kantor",
    "unit_organisasi",
]
