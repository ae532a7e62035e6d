"""Awards, other results and innovations (``capaian_lain.yaml``, ``inovasi.yaml``): BAB III part
D, and where the Ikhtisar, BAB I and BAB IV mention them."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lkjip.present.markup import sel
from lkjip.present.tabel import KOSONG

INOVASI_KELOMPOK = {"inovasi_kantor": "Inovasi kantor", "layanan_keimigrasian": "Inovasi dan kebijakan layanan"}


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
    """The titles the office holds, with the year they were obtained where the data has it."""
    return [f"{c['judul']}, diraih tahun {c['tahun']}" if c.get("tahun") else c["judul"]
            for c in capaian_lain(L, "penghargaan")]


def capaian_tahun_ini(L: Any) -> list[Markup]:
    """Other results of the year as list items: "**Judul.** Uraian"."""
    return [Markup("<strong>{}.</strong> {}").format(sel(c["judul"]), sel(c.get("uraian") or "")) for c in capaian_lain(L, "capaian")]


def catatan_pelaporan(L: Any) -> list[Markup]:
    """Notes of the office about reporting this year (jenis catatan) as list items."""
    return [Markup("<strong>{}.</strong> {}").format(sel(c["judul"]), sel(c.get("uraian") or "")) for c in capaian_lain(L, "catatan")]


def tabel_capaian_lain(L: Any) -> dict[str, Any] | None:
    """Other results of the year (``capaian_lain.yaml``, jenis capaian): Capaian, Uraian."""
    items = capaian_lain(L, "capaian")
    if not items:
        return None
    rows = [[sel(c["judul"]), sel(c["uraian"]) if c.get("uraian") else KOSONG] for c in items]
    return {"rows": rows, "kolom": ["Capaian", "Uraian"], "align": "ll", "judul": f"Capaian lain tahun {L.year}"}


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


def nama_inovasi(L: Any, kelompok: str) -> list[str]:
    return [i["nama"] for i in inovasi(L, kelompok)]


def tabel_inovasi(L: Any, kelompok: str = "layanan_keimigrasian") -> dict[str, Any] | None:
    """The innovations of one group: Inovasi, Uraian."""
    items = inovasi(L, kelompok)
    if not items:
        return None
    rows = [[sel(i["nama"]), sel(i["uraian"]) if i.get("uraian") else KOSONG] for i in items]
    return {"rows": rows, "kolom": ["Inovasi", "Uraian"], "align": "ll",
            "judul": f"{INOVASI_KELOMPOK.get(kelompok, kelompok)} yang diterapkan"}
