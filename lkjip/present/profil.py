"""What BAB I (Pendahuluan) shows besides its prose: the office's history and legal basis, its
organisation (chart and units), its staff (charts and list) and its work area.

Every function takes the chapter's :class:`lkjip.present.laporan.Laporan` (``L``) and returns
one thing the notebook displays: a table as the keyword arguments of ``L.tabel``, a Matplotlib
figure for ``L.gambar``, or Markdown text.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from lkjip.figures import slug
from lkjip.present import fmt
from lkjip.present.charts import tata_letak
from lkjip.present.tabel import Sel
from lkjip.present.teks import ada, huruf_kecil_awal

KELOMPOK_JABATAN: dict[str, tuple[str, str]] = {
    # code -> (short name for charts, phrase for prose)
    "eselon_iii": ("Eselon III", "pejabat eselon III"),
    "eselon_iv": ("Eselon IV", "pejabat eselon IV"),
    "eselon_v": ("Eselon V", "pejabat eselon V"),
    "jft": ("Jabatan Fungsional Tertentu", "pegawai dalam jabatan fungsional tertentu"),
    "jfu": ("Jabatan Fungsional Umum", "pegawai dalam jabatan fungsional umum (pelaksana)"),
}


JENIS_KELAMIN_NAMA = {"L": "Laki-laki", "P": "Perempuan"}

_WARNA = "#2f5d8a"  # one colour for the bars of BAB I
_WARNA_MUDA = "#e8edf3"  # the table-header blue of lkjip.css, for the organisation chart


def tanggal_peristiwa(x: Any) -> str:
    """A date of ``kantor.yaml`` ``sejarah``: ``9 Juni 2011``, or ``Tahun 2018`` when only the year is known."""

    if isinstance(x, dt.date):
        return fmt.tanggal(x)
    text = str(x).strip()
    if len(text) == 4 and text.isdigit():
        return f"Tahun {text}"
    return fmt.tanggal(text)


def induk(L: Any, key: str) -> str:
    """A parent institution's name as the report's body uses it for the year (``kantor.yaml``
    ``<key>_dalam_laporan`` where the ministry was renamed after the year), else the current name."""
    k = L.inputs.kantor
    return k.get(f"{key}_dalam_laporan") or k[key]


def kabupaten(L: Any) -> list[str]:
    """The kabupaten of the work area, as ``Kabupaten <nama>``, in the data's order."""
    return [f"Kabupaten {k}" for k in L.inputs.kabupaten["kabupaten"]]


def sejarah(L: Any) -> list[Markup]:
    """The office's history (``kantor.yaml`` ``sejarah``) as list items, oldest first."""
    items = []
    for e in L.inputs.kantor.get("sejarah") or []:
        text = Markup("<strong>{}</strong>: {}").format(tanggal_peristiwa(e["tanggal"]), e["peristiwa"])
        if e.get("dasar"):
            text += Markup(" Dasar: {}.").format(e["dasar"])
        items.append(text)
    return items


def landasan_hukum(L: Any) -> list[str]:
    """The legal basis of the report (``kantor.yaml`` ``landasan_hukum``), punctuated as a list."""
    items = list(L.inputs.kantor.get("landasan_hukum") or [])
    return [f"{x};" for x in items[:-1]] + [f"{x}." for x in items[-1:]]


def aspek_strategis(L: Any) -> list[Markup]:
    """The office's strategic roles (``kantor.yaml`` ``aspek_strategis``): "**Judul.** Uraian"."""
    return [Markup("<strong>{}.</strong> {}").format(a["judul"], a["uraian"])
            for a in L.inputs.kantor.get("aspek_strategis") or []]


# ---- organisation and staff ----------------------------------------------------------------------
def _unit_kantor(L: Any) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    units = (L.inputs.organisasi or {}).get("unit", [])
    kantor = next((u for u in units if u.get("kode") == "kantor"), None)
    return kantor, [u for u in units if u.get("kode") != "kantor"]


def fungsi_kantor(L: Any) -> list[str]:
    """The functions of the office as a whole (``organisasi.yaml``, unit ``kantor``)."""
    kantor, _ = _unit_kantor(L)
    return list((kantor or {}).get("fungsi") or [])


def tugas_kantor(L: Any) -> str:
    """The task of the office as a whole, continuing a sentence ('... bertugas <tugas>')."""
    kantor, _ = _unit_kantor(L)
    return huruf_kecil_awal((kantor or {}).get("tugas", "").rstrip("."))


def unit(L: Any) -> list[dict[str, Any]]:
    """Every subdivision and section of the office (``organisasi.yaml``), in order."""
    return _unit_kantor(L)[1]


def subunit(L: Any, u: dict[str, Any]) -> list[Markup]:
    """A unit's sub-units as list items: "*Nama*, yang <tugas>"."""
    return [Markup("<em>{}</em>, yang {}").format(s["nama"], huruf_kecil_awal(s["tugas"])) for s in u.get("subunit") or []]


def gambar_bagan_organisasi(L: Any) -> dict[str, Any]:
    _, units = _unit_kantor(L)
    kepala = (L.inputs.kantor.get("kepala") or {}).get("jabatan") or "Kepala Kantor"
    bagian = "; ".join(u["nama"] + (f" (membawahkan {', '.join(x['nama'] for x in u['subunit'])})"
                                     if u.get("subunit") else "") for u in units)
    return {"fig": bagan_organisasi(L), "judul": f"Struktur organisasi {L.inputs.kantor['nama']}",
            "deskripsi": f"Bagan organisasi: {kepala} membawahkan {bagian}."}


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
            parse_math=False,  # a name from data is text: "$...$" is not Matplotlib's mathtext
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


def rincian_kelompok_jabatan(L: Any) -> list[Markup]:
    """'1 (satu) pejabat eselon III', '4 (empat) pejabat eselon IV', ... for the groups there are."""
    items = []
    for k, (_, frasa) in KELOMPOK_JABATAN.items():
        id = f"pegawai.kelompok.{k}"
        if ada(L, id) and L.fig[id].value:
            items.append(L.v(id, kind="terbilang") + Markup(f" {frasa}"))
    return items


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


def gambar_jenis_kelamin(L: Any) -> dict[str, Any]:
    return {"fig": grafik_jenis_kelamin(L), "judul": "Pegawai menurut jenis kelamin", "sumber": "data kepegawaian kantor",
            "deskripsi": f"Grafik batang pegawai menurut jenis kelamin: laki-laki {L.polos('pegawai.laki_laki')}, "
                         f"perempuan {L.polos('pegawai.perempuan')}."}


def gambar_kelompok_jabatan(L: Any) -> dict[str, Any]:
    seri = ", ".join(f"{KELOMPOK_JABATAN[k][0]} {L.polos(f'pegawai.kelompok.{k}')}" for k in KELOMPOK_JABATAN
                     if ada(L, f"pegawai.kelompok.{k}"))
    return {"fig": grafik_kelompok_jabatan(L), "judul": "Pegawai menurut kelompok jabatan",
            "sumber": "data kepegawaian kantor", "deskripsi": f"Grafik batang pegawai menurut kelompok jabatan: {seri}."}


def grafik_jenis_kelamin(L: Any) -> Any:
    """Bar chart of the staff by sex (``pegawai.laki_laki``, ``pegawai.perempuan``)."""
    import matplotlib.pyplot as plt

    ids = ["pegawai.laki_laki", "pegawai.perempuan"]
    fig, ax = plt.subplots(figsize=(4.0, 2.6))
    _batang(ax, ["Laki-laki", "Perempuan"], [L.fig[i].value for i in ids], [L.polos(i) for i in ids])
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
        [L.polos(f"pegawai.kelompok.{k}") for k in kodes],
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
        "catatan": "L = laki-laki; P = perempuan. Sumber: data kepegawaian kantor.",
        "judul": f"Daftar pegawai {L.inputs.kantor['nama']}",
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
    return {"rows": rows, "kolom": kolom, "align": "llllll", "judul": "Letak dan batas kabupaten di wilayah kerja"}


def tabel_kecamatan(L: Any) -> dict[str, Any]:
    """Each kabupaten with its number of kecamatan and their names; a total row."""
    kab = L.inputs.kabupaten
    kec = L.inputs.kecamatan
    rows: list[Any] = []
    for name in kab["kabupaten"]:
        daftar_kec = kec[kec["kabupaten"] == name].sort_values("urutan")["kecamatan"]
        rows.append([name, L.v(f"wilayah.kabupaten.{slug(name)}.kecamatan"), ", ".join(daftar_kec)])
    rows.append({"cells": ["Jumlah", L.v("wilayah.kecamatan"), ""], "class": "total"})
    return {"rows": rows, "kolom": ["Kabupaten", "Jumlah Kecamatan", "Daftar Kecamatan"], "align": "lcl",
            "judul": "Kecamatan di wilayah kerja"}
