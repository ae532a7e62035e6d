"""Synthetic offices for the tests and the benchmark: ``lkjip sintetis --n 20 --seed 1 --out DIR``.

Every office is made up and says so: its id is ``kanim-sintetis-NN``, its name ends in
"(Sintetis)", its ``kantor.yaml`` starts with a comment saying so, its folder holds a README, and
the batch root holds ``batch.yaml`` with ``sintetis: true`` and a README. The generator writes only
into an empty folder or one it wrote before, so synthetic offices never mix with real data.

An office is laid out for ``lkjip batch`` (see :mod:`lkjip.batch.offices`)::

    DIR/kanim-sintetis-01/data/kanim-sintetis-01/*.csv, *.yaml, narasi/<year>.yaml
    DIR/kanim-sintetis-01/params/defaults.yaml, <year>.yaml
    DIR/kanim-sintetis-01/README.md

Each office ``i`` is drawn from its own seeded generator (``seed`` and ``i``), so office 3 is the
same whether 5 or 20 are made. Variety: PKs of 3 to 7 indicators from a pool (a ``negatif`` and a
``rentang`` indicator among them, surveys on a 1-4 or a 0-100 scale, breakdowns, a nihil case),
two or three regions, and optional tables left out (budget breakdowns, PNBP, IKPA, quarters).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from lkjip.batch.sintetis_teks import (
    INDIKATOR,
    KELAS,
    NAMA_BELAKANG,
    NAMA_DEPAN,
    SASARAN,
    TEMPAT_AKHIR,
    TEMPAT_AWAL,
    WILAYAH,
    narasi,
    organisasi,
    renstra,
)
from lkjip.errors import LkjipError
from lkjip.inputs.csv_table import write_csv

MARK = "sintetis: true"


def tempat(i: int) -> str:
    """The invented town of office ``i`` (1-based), unique for the first 80."""
    a, b = (i - 1) % len(TEMPAT_AWAL), (i - 1) // len(TEMPAT_AWAL)
    name = f"{TEMPAT_AWAL[a]} {TEMPAT_AKHIR[b % len(TEMPAT_AKHIR)]}"
    return name if b < len(TEMPAT_AKHIR) else f"{name} {b // len(TEMPAT_AKHIR) + 1}"


def office_id(i: int) -> str:
    return f"kanim-sintetis-{i:02d}"


def generate(out: Path, n: int, seed: int = 1, year: int = 2025) -> list[str]:
    """Write ``n`` synthetic offices into ``out``; their ids."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        marker = out / "batch.yaml"
        if not (marker.exists() and MARK in marker.read_text(encoding="utf-8")):
            raise LkjipError(f"{out}: folder tidak kosong dan bukan folder kantor sintetis "
                             "(tidak ada batch.yaml berisi 'sintetis: true'); pilih folder kosong")
        for child in out.iterdir():  # a previous generation: replaced whole
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    ids = [office_id(i) for i in range(1, n + 1)]
    for i in range(1, n + 1):
        _office(out, i, random.Random(f"lkjip-sintetis-{seed}-{i}"), seed, year)
    (out / "batch.yaml").write_text(
        "# Kantor-kantor sintetis: semua isinya rekaan, untuk pengujian dan pengukuran lkjip.\n"
        f"nama: Kantor Wilayah Sintetis\n{MARK}\nseed: {seed}\ntahun: {year}\n", encoding="utf-8")
    (out / "README.md").write_text(
        f"# Synthetic offices (made up)\n\nWritten by `lkjip sintetis --n {n} --seed {seed} --year {year}`.\n"
        "Every office here is invented: names, staff, Perjanjian Kinerja and every number. They belong to\n"
        "no real office and must never be mixed with real data. Build them with\n"
        f"`lkjip batch --year {year} --data-root <this folder>`.\n", encoding="utf-8")
    return ids


# ---- one office ------------------------------------------------------------------------------
def _office(root: Path, i: int, r: random.Random, seed: int, year: int) -> None:
    oid, kota = office_id(i), tempat(i)
    base = root / oid
    data = base / "data" / oid
    (data / "narasi").mkdir(parents=True)
    (base / "params").mkdir()
    kelas = r.choice(KELAS)
    nama = f"Kantor Imigrasi {kelas} {kota} (Sintetis)"
    wilayah = WILAYAH[(i - 1) % len(WILAYAH)] if i > 3 else WILAYAH[0]
    staff = _pegawai(r, year)
    kepala = staff[0]
    ind = _pk(r)
    w = _Writer(data)
    w.yaml("kantor.yaml", _kantor(r, nama, kota, kelas, wilayah, kepala, year),
           "# Kantor SINTETIS: semua isi rekaan, untuk pengujian lkjip. Bukan data kantor nyata.\n")
    w.yaml("organisasi.yaml", organisasi(nama))
    w.yaml("renstra.yaml", renstra(year))
    w.yaml(f"narasi/{year}.yaml", narasi(r, [x["kode"] for x in ind], sorted({x["sasaran"] for x in ind})))
    w.csv("pegawai.csv", ["no", "nama", "jenis_kelamin", "nip", "jabatan", "kelompok_jabatan"],
          [[n, *row] for n, row in enumerate(staff, 1)])
    _wilayah(w, r, kota)
    _kinerja(w, r, ind, year)
    _anggaran(w, r, ind, year)
    person = {"nama": kepala[0], "nip": kepala[2], "jabatan": f"Kepala {nama}"}
    params = {"year": year, "office": oid, "nomor_laporan": f"SINTETIS-{year}-{i:02d}",
              "tanggal_laporan": dt.date(year + 1, 1, 5 + i % 20).isoformat(), "tempat": kota,
              "penandatangan": person,
              "tujuan_surat": {"kepada": f"Kepala {wilayah}", "up": "Bagian Program dan Pelaporan",
                               "tempat": "Tempat"},
              "lampiran_surat": "Satu berkas"}
    _Writer(base / "params").yaml(f"{year}.yaml", params, "# Params kantor sintetis (rekaan).\n")
    _Writer(base / "params").yaml("defaults.yaml", {"default_year": year, "office": oid})
    (base / "README.md").write_text(
        f"# {oid}: a synthetic office (made up)\n\n{nama} does not exist. Its staff, work area, "
        f"Perjanjian Kinerja and every number were drawn by `lkjip sintetis` (seed {seed}, office {i}) "
        "for tests and benchmarks; it belongs to no real office.\n", encoding="utf-8")


class _Writer:
    def __init__(self, folder: Path):
        self.folder = folder

    def csv(self, name: str, header: list[str], rows: list[list[Any]]) -> None:
        write_csv(self.folder / name, header, rows)

    def yaml(self, name: str, value: Any, head: str = "") -> None:
        text = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)
        (self.folder / name).write_text(head + text, encoding="utf-8")


def _nip(r: random.Random, sex: str, year: int) -> str:
    born = dt.date(r.randint(1968, 1998), r.randint(1, 12), r.randint(1, 28))
    tmt = min(year - 1, born.year + r.randint(21, 30))
    return f"{born:%Y%m%d}{tmt}{r.randint(1, 12):02d}{'1' if sex == 'L' else '2'}{r.randint(1, 9):03d}"


def _pegawai(r: random.Random, year: int) -> list[list[str]]:
    """(nama, L/P, nip, jabatan, kelompok); the head of office first."""
    n = r.randint(12, 40)
    plan = ([("Kepala Kantor", "eselon_iii")] + [("Kepala Seksi", "eselon_iv")] * r.randint(2, 4)
            + [("Kepala Subseksi", "eselon_v")] * r.randint(3, 6))
    plan += [("Analis Keimigrasian", "jft")] * ((n - len(plan)) // 2)
    plan += [("Pengolah Data", "jfu")] * (n - len(plan))
    staff, used = [], set()
    for jabatan, kelompok in plan:
        sex = r.choice("LLLP")
        nip = _nip(r, sex, year)
        while nip in used:
            nip = _nip(r, sex, year)
        used.add(nip)
        name = f"{r.choice(NAMA_DEPAN[sex])} {r.choice(NAMA_BELAKANG)}"
        staff.append([name, sex, nip, jabatan, kelompok])
    return staff


def _kantor(r: random.Random, nama: str, kota: str, kelas: str, wilayah: str, kepala: list[str],
            year: int) -> dict[str, Any]:
    slug = kota.lower().replace(" ", "")
    head = {"nama": kepala[0], "nip": kepala[2], "jabatan": f"Kepala {nama}"}
    return {
        "nama": nama, "nama_singkat": f"Kanim {kota} (Sintetis)", "kelas": kelas,
        "alamat": f"Jalan Rekaan No. {r.randint(1, 99)}", "kota": kota,
        "laman": f"{slug}.sintetis.example", "surel": f"kanim.{slug}@sintetis.example",
        "kantor_wilayah": wilayah, "direktorat_jenderal": "Direktorat Jenderal Imigrasi",
        "kementerian": "Kementerian Imigrasi dan Pemasyarakatan Republik Indonesia",
        "kepala": head,
        "penandatangan_pk": {"pihak_pertama": head,
                             "pihak_kedua": {"nama": "Pejabat Wilayah Sintetis", "nip": "197501012000031001",
                                             "jabatan": f"Kepala {wilayah}"},
                             "tempat": kota, "tanggal": dt.date(year, 1, r.randint(5, 20))},
        "sejarah": [{"tanggal": dt.date(r.randint(1990, 2015), r.randint(1, 12), 1),
                     "peristiwa": f"Kantor rekaan ini dibentuk di {kota}."}],
    }


def _wilayah(w: _Writer, r: random.Random, kota: str) -> None:
    kab, kec = [], []
    for k in range(r.randint(1, 3)):
        name = f"{kota} {['Raya', 'Hulu', 'Hilir'][k]}"
        lon, lat = round(r.uniform(100, 130), 4), round(r.uniform(1, 9), 4)
        n = r.randint(2, 6)
        kab.append([name, lon, round(lon + 0.3, 4), lat, round(lat + 0.2, 4), f"{lon}° BT, {lat}° LS (rekaan)",
                    "Laut Rekaan", "Kabupaten Rekaan Selatan", "Kabupaten Rekaan Barat", "Kabupaten Rekaan Timur",
                    n, "rekaan"])
        kec += [[name, j, f"Kecamatan Rekaan {chr(65 + k)}{j}"] for j in range(1, n + 1)]
    w.csv("kabupaten.csv", ["kabupaten", "bujur_timur_min", "bujur_timur_max", "lintang_selatan_min",
                            "lintang_selatan_max", "koordinat_tertulis", "batas_utara", "batas_selatan",
                            "batas_barat", "batas_timur", "jumlah_kecamatan_tertulis", "keterangan"], kab)
    w.csv("kecamatan.csv", ["kabupaten", "urutan", "kecamatan"], kec)


# ---- the PK and its base facts ------------------------------------------------------------------
def _pk(r: random.Random) -> list[dict[str, Any]]:
    """3 to 7 indicators: those marked wajib and one survey, then a draw from the pool."""
    wajib = [k for k, x in INDIKATOR.items() if x.get("wajib")]
    survei = [k for k, x in INDIKATOR.items() if x["jenis"] == "indeks_survei"]
    pool = [k for k in INDIKATOR if k not in wajib and k not in survei]
    chosen = {*wajib, r.choice(survei)}
    chosen |= set(r.sample(pool, r.randint(1, 4)))
    order = [k for k in INDIKATOR if k in chosen]
    order.sort(key=lambda k: list(SASARAN).index(INDIKATOR[k]["sasaran"]))
    return [{"kode": k, **INDIKATOR[k]} for k in order]


def _kinerja(w: _Writer, r: random.Random, ind: list[dict[str, Any]], year: int) -> None:
    sas = list(dict.fromkeys(x["sasaran"] for x in ind))
    w.csv("sasaran.csv", ["tahun", "kode", "urutan", "sasaran"],
          [[year, s, n, SASARAN[s]] for n, s in enumerate(sas, 1)])
    rows, real, rinci, survei, tw = [], [], [], [], []
    for n, x in enumerate(ind, 1):
        rows.append([year, x["kode"], x["sasaran"], n, x["nama"], x["satuan"], 2, x["polaritas"], x["target"],
                     x.get("target_atas"), x.get("renstra"), x["jenis"], x.get("pembilang"), x.get("penyebut"),
                     x.get("rincian_kata") if x.get("rincian") and r.random() < 0.6 else None])
        if x["jenis"] == "indeks_survei":
            skala = r.choice([4, 100])
            for y in (year - 1, year):
                v = r.uniform(3.0, 3.8) if skala == 4 else r.uniform(76, 98)
                survei.append([y, x["kode"], round(v, 2), skala, r.randint(30, 400), "survei rekaan"])
            continue
        lo, hi = x["rate"]
        nihil = "nihil" in x and r.random() < x["nihil"]
        for y in range(year - r.randint(1, 3), year + 1):
            den = 0 if nihil else r.randint(*x["jumlah"])
            num = min(den, round(den * r.uniform(lo, hi)))
            if y == year and rows[-1][-1]:  # the year broken down
                parts = list(x["rincian"])
                for k, code in enumerate(parts):
                    d = den // len(parts) + (den % len(parts) if k == 0 else 0)
                    real.append([y, x["kode"], code, min(d, round(d * r.uniform(lo, hi))), d])
                rinci += [[x["kode"], code, name] for code, name in x["rincian"].items()]
            else:
                real.append([y, x["kode"], "seluruh", num, den])
        if x["jenis"] == "rencana_aksi" and r.random() < 0.7:
            items = r.randint(4, 8)
            for q in range(1, 5):
                tw += [[year, x["kode"], q, j, "Sasaran rencana aksi rekaan", f"Kegiatan rekaan {j}",
                        f"Uraian rencana aksi rekaan {j}", min(100, round(q * 25 * r.uniform(0.8, 1.2), 2))]
                       for j in range(1, items + 1)]
    w.csv("indikator.csv", ["tahun", "kode", "sasaran", "urutan", "indikator", "satuan", "desimal", "polaritas",
                            "target", "target_atas", "target_renstra", "jenis_realisasi", "pembilang", "penyebut",
                            "rincian"], rows)
    w.csv("realisasi.csv", ["tahun", "indikator", "rincian", "pembilang", "penyebut"], real)
    if rinci:
        w.csv("rincian.csv", ["indikator", "kode", "nama"], rinci)
    if survei:
        w.csv("survei.csv", ["tahun", "indikator", "nilai", "skala", "responden", "keterangan"], survei)
    if tw:
        w.csv("rencana_aksi_triwulan.csv", ["tahun", "indikator", "triwulan", "no", "sasaran", "kegiatan", "uraian",
                                            "capaian"], tw)


def _anggaran(w: _Writer, r: random.Random, ind: list[dict[str, Any]], year: int) -> None:
    """Budget, PNBP and IKPA; each optional table left out now and then."""
    if r.random() < 0.9:
        jb, total = [], 0
        for y in (year - 1, year):
            for jenis in ("pegawai", "barang", "modal"):
                if jenis == "modal" and r.random() < 0.4:
                    continue
                pagu = r.randint(5, 60) * 100_000_000 // (3 if jenis != "pegawai" else 1)
                jb.append([y, jenis, pagu, round(pagu * r.uniform(0.82, 0.995))])
                total += pagu if y == year else 0
        w.csv("anggaran_jenis_belanja.csv", ["tahun", "jenis_belanja", "pagu", "realisasi"], jb)
        if r.random() < 0.6:
            rm = total * r.randint(15, 60) // 100
            w.csv("anggaran_sumber_dana.csv", ["tahun", "sumber_dana", "pagu"],
                  [[year, "rm", rm], [year, "pnbp", total - rm]])
        if r.random() < 0.5:
            pagu = [r.choice([0, 1, 2, 5, 10]) * 10_000_000 for _ in ind]
            rows = [[year, x["kode"], p, round(p * r.uniform(0.7, 1.0))] for x, p in zip(ind, pagu, strict=True)]
            w.csv("anggaran_indikator.csv", ["tahun", "indikator", "pagu", "realisasi"], rows)
            by_sas: dict[str, int] = {}
            for x, row in zip(ind, rows, strict=True):
                by_sas[x["sasaran"]] = by_sas.get(x["sasaran"], 0) + row[2]
            w.csv("anggaran_sasaran.csv", ["tahun", "sasaran", "pagu", "realisasi"],
                  [[year, s, p + 50_000_000, round((p + 50_000_000) * r.uniform(0.8, 0.99))]
                   for s, p in by_sas.items()])
        if r.random() < 0.5:
            dm = total * r.randint(70, 95) // 100
            w.csv("pk_anggaran.csv", ["tahun", "dokumen", "program", "kegiatan", "anggaran"], [
                [year, "pk", "Penegakan dan Pelayanan Hukum", "Pelayanan dan Penegakan Hukum Keimigrasian di Wilayah",
                 total - dm],
                [year, "pk", "Dukungan Manajemen", "Dukungan Manajemen dan Teknis Lainnya UPT Imigrasi", dm]])
    if r.random() < 0.7:
        rows = []
        for y in (year - 1, year):
            rows += [[y, "425211", "Pendapatan Paspor", r.randint(5, 200) * 10_000_000],
                     [y, "425213", "Pendapatan Izin Keimigrasian dan Izin Masuk Kembali", r.randint(1, 50) * 5_000_000]]
            if r.random() < 0.5:
                rows.append([y, "425214", "Pendapatan Pelayanan Keimigrasian Lainnya", r.randint(1, 40) * 1_000_000])
        w.csv("pnbp.csv", ["tahun", "kode_akun", "uraian", "jumlah"], rows)
        this = sum(row[3] for row in rows if row[0] == year)
        w.csv("pnbp_target.csv", ["tahun", "target"], [[year, int(round(this * r.uniform(0.8, 1.2), -6))]])
    if r.random() < 0.7:
        comps = ["revisi_dipa", "deviasi_halaman_iii", "penyerapan_anggaran", "belanja_kontraktual",
                 "penyelesaian_tagihan", "pengelolaan_up_tup", "capaian_output"]
        rows = [[year - 1, "nilai_akhir", round(r.uniform(85, 99), 2)]]
        rows += [[year, c, round(r.uniform(70, 100), 2)] for c in comps]
        rows.append([year, "dispensasi_spm", r.choice([0, 0, 0.5, 1])])
        w.csv("ikpa.csv", ["tahun", "komponen", "nilai"], rows)
