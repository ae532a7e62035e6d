"""What BAB II (Perencanaan Kinerja) and the Lampiran show: the Renstra's goals and values, the
PK (targets and budget, and the PK printed in an earlier edition's appendix), the DIPA."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lkjip.figures import JENIS_BELANJA, slug
from lkjip.present import fmt
from lkjip.present.anggaran import JENIS_BELANJA_NAMA, SUMBER_DANA_NAMA
from lkjip.present.pk import perjanjian
from lkjip.present.tabel import Sel


def sasaran_strategis(L: Any) -> list[Markup]:
    """The Renstra's strategic goals as list items: "**SS1**: uraian"."""
    return [Markup("<strong>{}</strong>: {}").format(s["kode"].upper(), s["uraian"])
            for s in (L.inputs.renstra or {}).get("sasaran_strategis") or []]


def program(L: Any) -> list[str]:
    """The Renstra's programmes: "Program Penegakan dan Pelayanan Hukum", ..."""
    return [f"Program {p}" for p in (L.inputs.renstra or {}).get("program") or []]


def tata_nilai(L: Any) -> list[Markup]:
    """The values of ``renstra.yaml`` (name, what the acronym stands for, description)."""
    items = []
    for v in (L.inputs.renstra or {}).get("tata_nilai") or []:
        kepanjangan = Markup(" ({})").format(v["kepanjangan"]) if v.get("kepanjangan") else ""
        items.append(Markup("<strong>{}</strong>{}. {}").format(v["nama"], kepanjangan, v["uraian"]))
    return items


def kegiatan_pk(L: Any) -> list[Markup]:
    """The programmes and activities of the year's PK with their budget, as list items."""
    pk = L.inputs.pk_anggaran
    pk = pk[(pk["tahun"] == L.year) & (pk["dokumen"] == "pk")]
    return [Markup("Program {}, kegiatan {}: {}").format(r.program, r.kegiatan, L.v(f"anggaran.program.{slug(r.kegiatan)}"))
            for r in pk.itertuples(index=False)]


def tanggal_pk(L: Any) -> str:
    """The date the PK was signed (``kantor.yaml`` penandatangan_pk.tanggal), Indonesian style."""
    return fmt.tanggal(L.inputs.kantor["penandatangan_pk"]["tanggal"])


def tabel_perjanjian_kinerja(L: Any) -> dict[str, Any]:
    """The PK of the year: No, Sasaran Kegiatan, Indikator Kinerja Kegiatan, Target."""
    rows: list[Any] = []
    for s in perjanjian(L):
        for j, i in enumerate(s.indikator):
            cells: list[Any] = (
                [Sel(int(s.nomor), rowspan=len(s.indikator), kelas="ac"), Sel(s.nama, rowspan=len(s.indikator))]
                if j == 0 else [])
            cells += [i.nama, Sel(i.target, kelas="ar")]
            rows.append(cells)
    return {"rows": rows, "kolom": ["No", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target"],
            "judul": f"Perjanjian Kinerja tahun {L.year}"}


def tabel_anggaran_pk(L: Any, dokumen: str = "pk") -> dict[str, Any] | None:
    """The budget of a PK by programme and activity, with the total.

    ``dokumen`` ``pk`` is the PK of BAB II (registry ids ``anggaran.program.*``); ``pk_lampiran``
    the PK printed in an earlier edition's appendix (``anggaran.pk_lampiran.*``).
    """
    prefix = "anggaran.program" if dokumen == "pk" else f"anggaran.{dokumen}"
    pk = L.inputs.pk_anggaran
    pk = pk[(pk["tahun"] == L.year) & (pk["dokumen"] == dokumen)]
    if pk.empty:
        return None
    rows: list[Any] = []
    for prog, grp in pk.groupby("program", sort=False):
        rows.append({"cells": [f"Program {prog}", L.v(f"{prefix}.{slug(prog)}.jumlah")], "class": "jumlah"})
        for keg in grp["kegiatan"]:
            rows.append([Sel(keg, kelas="kegiatan"), L.v(f"{prefix}.{slug(keg)}")])
    rows.append({"cells": ["Jumlah", L.v(f"{prefix}.total")], "class": "total"})
    judul = (f"Anggaran Perjanjian Kinerja tahun {L.year}" if dokumen == "pk"
             else f"Anggaran Perjanjian Kinerja tahun {L.year} pada lampiran naskah sebelumnya")
    return {"rows": rows, "kolom": ["Program / Kegiatan", "Anggaran"], "align": "lr", "judul": judul}


def tabel_pk_lampiran(L: Any) -> dict[str, Any] | None:
    """The PK as printed in an earlier edition's appendix (``pk_lampiran.csv``)."""
    df = L.inputs.pk_lampiran
    df = df[df["tahun"] == L.year].sort_values("no")
    if df.empty:
        return None
    rows: list[Any] = []
    for i, (nama, grp) in enumerate(df.groupby("sasaran", sort=False), start=1):
        for j, r in enumerate(grp.itertuples(index=False)):
            cells: list[Any] = [Sel(i, rowspan=len(grp), kelas="ac"), Sel(nama, rowspan=len(grp))] if j == 0 else []
            nilai = fmt.persen(r.target, 2) if r.satuan == "persen" else f"{fmt.indeks(r.target)} {r.satuan}"
            cells += [r.indikator, Sel(nilai, kelas="ar")]
            rows.append(cells)
    return {"rows": rows, "kolom": ["No", "Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target"],
            "judul": f"Perjanjian Kinerja tahun {L.year} pada lampiran naskah sebelumnya"}


def tabel_dipa_jenis_belanja(L: Any) -> dict[str, Any]:
    """The year's DIPA by jenis belanja, with the total."""
    rows: list[Any] = [[JENIS_BELANJA_NAMA.get(j, j), L.v(f"anggaran.jenis.{j}.pagu")]
                       for j in JENIS_BELANJA if f"anggaran.jenis.{j}.pagu" in L.fig]
    rows.append({"cells": ["Jumlah", L.v("anggaran.pagu")], "class": "total"})
    return {"rows": rows, "kolom": ["Jenis Belanja", "Pagu"], "align": "lr",
            "judul": f"Pagu DIPA tahun {L.year} menurut jenis belanja"}


def tabel_dipa_sumber_dana(L: Any) -> dict[str, Any]:
    """The year's DIPA by source of funds, with the total."""
    sd = L.inputs.anggaran_sumber_dana
    kodes = list(sd[sd["tahun"] == L.year]["sumber_dana"])
    rows: list[Any] = [[SUMBER_DANA_NAMA.get(k, k.upper()), L.v(f"anggaran.sumber.{k}.pagu")] for k in kodes]
    rows.append({"cells": ["Jumlah", L.v("anggaran.sumber.total")], "class": "total"})
    return {"rows": rows, "kolom": ["Sumber Dana", "Pagu"], "align": "lr",
            "judul": f"Pagu DIPA tahun {L.year} menurut sumber dana"}
