"""What BAB II (Perencanaan Kinerja) and the Lampiran show besides their prose: the Renstra's
values, the PK (targets and budget, and the PK printed in the appendix), the DIPA."""

from __future__ import annotations

from typing import Any

from lkjip.figures import JENIS_BELANJA, slug
from lkjip.present import fmt
from lkjip.present.anggaran import JENIS_BELANJA_NAMA, SUMBER_DANA_NAMA
from lkjip.present.kinerja import sasaran, target
from lkjip.present.tabel import Sel
from lkjip.present.teks import ada, daftar
from lkjip.present.teks import e as _e


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
