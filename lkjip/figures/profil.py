"""The office's profile: staff (pegawai.*) and work area (wilayah.*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lkjip.figures.base import Sink, slug

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

def pegawai(F: Figures, s: Sink) -> None:
    from lkjip.calc.pegawai import hitung_pegawai

    df = F.table("pegawai")
    h = hitung_pegawai(df.to_dict("records"))
    src = ["pegawai.csv"]
    s.add("pegawai.jumlah", h["jumlah"], "jumlah", "Jumlah pegawai", src)
    s.add("pegawai.laki_laki", h["jenis_kelamin"].get("L", 0), "jumlah", "Pegawai laki-laki", src)
    s.add("pegawai.perempuan", h["jenis_kelamin"].get("P", 0), "jumlah", "Pegawai perempuan", src)
    for k in ("eselon_iii", "eselon_iv", "eselon_v", "jft", "jfu"):
        s.add(f"pegawai.kelompok.{k}", h["kelompok_jabatan"].get(k, 0), "jumlah", f"Pegawai kelompok {k}", src)


def wilayah(F: Figures, s: Sink) -> None:
    kab = F.table("kabupaten")
    kec = F.table("kecamatan")
    s.add("wilayah.kabupaten", len(kab), "jumlah", "Jumlah kabupaten wilayah kerja", ["kabupaten.csv"])
    s.add("wilayah.kecamatan", len(kec), "jumlah", "Jumlah kecamatan wilayah kerja", ["kecamatan.csv"])
    for name in kab["kabupaten"]:
        s.add(
            f"wilayah.kabupaten.{slug(name)}.kecamatan",
            int((kec["kabupaten"] == name).sum()),
            "jumlah",
            f"Jumlah kecamatan di Kabupaten {name}",
            [f"kecamatan.csv[kabupaten={name}]"],
        )
