"""The office's profile: staff (pegawai.*), work area (wilayah.*), and per-type counts (tak.*, layanan.*)."""

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


def tak(F: Figures, s: Sink) -> None:
    df = F.this_year("tindakan_administratif")
    for r in df.itertuples(index=False):
        s.add(
            f"tak.jenis.{r.jenis}",
            int(r.ditangani),
            "jumlah",
            f"Tindakan administratif: {r.jenis}",
            [f"tindakan_administratif.csv[tahun={F.year},jenis={r.jenis}]"],
        )


def layanan(F: Figures, s: Sink) -> None:
    df = F.this_year("layanan")
    for r in df.itertuples(index=False):
        src = f"layanan.csv[tahun={F.year},jenis={r.jenis}]"
        s.add(f"layanan.jenis.{r.jenis}.diterima", int(r.diterima), "jumlah", f"Permohonan {r.jenis} diterima", [src])
        s.add(
            f"layanan.jenis.{r.jenis}.diselesaikan",
            int(r.diselesaikan),
            "jumlah",
            f"Permohonan {r.jenis} diselesaikan",
            [src],
        )
