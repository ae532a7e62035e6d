"""What the Ikhtisar Eksekutif and BAB IV (Penutup) show besides their prose: the summary of
results, the conclusions per indicator, innovations, awards and other results of the year."""

from __future__ import annotations

from typing import Any

from lkjip.present.kinerja import realisasi, sasaran, target
from lkjip.present.teks import daftar, gabung


def kata_perubahan(L: Any, id: str, naik: str = "naik", turun: str = "turun", tetap: str = "tidak berubah") -> str:
    """The direction of a change figure (e.g. ``anggaran.perubahan_persen``) in words."""
    v = L.fig[id].value
    if v is None or v == 0:
        return tetap
    return naik if v > 0 else turun


def ada(L: Any, id: str) -> bool:
    """Whether the registry has the figure (a chapter shows a sentence only if it does)."""
    return id in L.fig


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


def tabel_ringkasan(L: Any) -> dict[str, Any]:
    """The summary of the Ikhtisar: BAB III's summary table (:func:`lkjip.present.kinerja.tabel_ringkasan`),
    under a caption the chapter gives."""
    from lkjip.present.kinerja import tabel_ringkasan as ringkasan

    return {k: v for k, v in ringkasan(L).items() if k != "judul"}


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
