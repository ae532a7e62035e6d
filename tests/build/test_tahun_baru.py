"""A new year from data only (issue 14): `lkjip tahun-baru` drafts it, `lkjip check` lists what is
left to fill in, and once filled, the year's PK (another set of indicators than the year before)
is checked, computed and built with no change of code."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from contoh import run

from lkjip.paths import DATA_DIR, PARAMS_DIR

OFFICE = "kanim-pamekasan"


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the repository's data and params, with 2025 drafted by `lkjip tahun-baru`."""
    root = tmp_path_factory.mktemp("tahun-baru")
    shutil.copytree(DATA_DIR, root / "data")
    shutil.copytree(PARAMS_DIR, root / "params")
    code, out = run("tahun-baru", "--year", "2025", *where(root))
    assert code == 0, out
    return root


def where(root: Path) -> list[str]:
    return ["--data", str(root / "data"), "--params", str(root / "params")]


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def write_rows(path: Path, table: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(table[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(table)
    path.write_text(buf.getvalue(), encoding="utf-8")


def append(path: Path, *lines: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n", encoding="utf-8")


def test_the_draft_copies_the_pk_and_leaves_the_rest_to_fill(repo):
    folder = repo / "data" / OFFICE
    pk24 = [r for r in rows(folder / "indikator.csv") if r["tahun"] == "2024"]
    pk25 = [r for r in rows(folder / "indikator.csv") if r["tahun"] == "2025"]
    assert [{**r, "tahun": "2024"} for r in pk25] == pk24
    params = yaml.safe_load((repo / "params" / "2025.yaml").read_text(encoding="utf-8"))
    assert params["year"] == 2025 and params["nomor_laporan"] is None
    assert params["penandatangan"]["nama"]  # what does not change each year is copied
    narasi = yaml.safe_load((folder / "narasi" / "2025.yaml").read_text(encoding="utf-8"))
    assert sorted(narasi["indikator"]) == sorted(r["kode"] for r in pk24)
    assert narasi["indikator"]["layanan"] == dict.fromkeys(
        ["faktor_keberhasilan", "kendala", "solusi", "program_pendukung"])

    code, out = run("check", "--year", "2025", *where(repo))
    assert code == 2
    errors = [line for line in out.splitlines() if line.startswith("kesalahan")]
    # exactly what is left: the two per-year params, every narasi key, each indicator's realisasi
    assert sum("2025.yaml" in e and "params" in e for e in errors) == 2
    assert sum("narasi/2025.yaml" in e for e in errors) == 5 * 4 + 3 + 1 + 3 + 3
    for r in pk24:
        assert any(f"'{r['kode']}'" in e and "2025" in e for e in errors if "narasi" not in e), r["kode"]
    assert len(errors) == 2 + 30 + 5

    # a second run writes nothing over what the analyst may already have edited
    before = {p: p.read_bytes() for p in (repo / "params" / "2025.yaml", folder / "indikator.csv")}
    code, out = run("tahun-baru", "--year", "2025", *where(repo))
    assert code == 0 and "tidak diubah" in out
    assert {p: p.read_bytes() for p in before} == before


# ---- the 2025 scenario ---------------------------------------------------------------
# The 2025 PK: three survey indices (as the 2024 appendix PK), the services ratio kept, and a new
# lower-is-better ratio.
PK_2025 = [
    ("layanan", "layanan", "Rasio Layanan Keimigrasian yang Diselesaikan terhadap Permohonan yang Diterima",
     "persen", "positif", "90", "rasio", "permohonan yang diselesaikan", "permohonan yang diterima"),
    ("pengaduan_tidak_selesai", "layanan", "Persentase Pengaduan Layanan yang Tidak Diselesaikan",
     "persen", "negatif", "5", "rasio", "pengaduan yang tidak diselesaikan", "pengaduan yang diterima"),
    ("ikm_wilayah", "reformasi_birokrasi",
     "Indeks Kepuasan Masyarakat terhadap Layanan Keimigrasian di Wilayah", "indeks", "positif", "3.30",
     "indeks_survei", "", ""),
    ("indeks_pengamanan", "reformasi_birokrasi", "Indeks Pengamanan Keimigrasian di Wilayah", "indeks",
     "positif", "3.14", "indeks_survei", "", ""),
    ("kepuasan_internal", "reformasi_birokrasi", "Indeks Kepuasan Internal di Wilayah", "indeks",
     "positif", "3.14", "indeks_survei", "", ""),
]
DROPPED = ("pro_yustisia", "tindakan_administratif", "rencana_aksi_rb", "indeks_kesekretariatan")


def fill_2025(repo: Path) -> None:
    folder = repo / "data" / OFFICE
    ind = [r for r in rows(folder / "indikator.csv") if r["tahun"] != "2025"]
    for i, (kode, sas, nama, satuan, pol, target, jenis, pem, pen) in enumerate(PK_2025, 1):
        ind.append({"tahun": "2025", "kode": kode, "sasaran": sas, "urutan": str(i), "indikator": nama,
                    "satuan": satuan, "desimal": "2", "polaritas": pol, "target": target,
                    "target_atas": "", "target_renstra": target, "jenis_realisasi": jenis,
                    "pembilang": pem, "penyebut": pen, "rincian": ""})
    write_rows(folder / "indikator.csv", ind)
    sas = [r for r in rows(folder / "sasaran.csv") if not (r["tahun"] == "2025" and r["kode"] == "penegakan_hukum")]
    write_rows(folder / "sasaran.csv", sas)
    append(folder / "realisasi.csv", "2025,layanan,seluruh,58000,61000",
           "2024,pengaduan_tidak_selesai,seluruh,4,50", "2025,pengaduan_tidak_selesai,seluruh,6,80")
    append(folder / "survei.csv", "2025,ikm_wilayah,85.5,100,400,", "2025,indeks_pengamanan,3.2,4,120,",
           "2025,kepuasan_internal,80,100,30,")
    kalimat = ["Kalimat uji yang ditulis analis."]
    narasi = {
        "indikator": {k[0]: dict.fromkeys(["faktor_keberhasilan", "kendala", "solusi", "program_pendukung"],
                                          kalimat) for k in PK_2025},
        "sasaran": {"layanan": {"mitigasi_risiko": kalimat}, "reformasi_birokrasi": {"mitigasi_risiko": kalimat}},
        "isu_strategis": kalimat, "efisiensi": {"anggaran": kalimat, "sdm": kalimat, "aset": kalimat},
        "rekomendasi": kalimat, "strategi_anggaran": kalimat, "penyebab_serapan": kalimat,
    }
    (folder / "narasi" / "2025.yaml").write_text(yaml.safe_dump(narasi, allow_unicode=True), encoding="utf-8")
    p = repo / "params" / "2025.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("nomor_laporan: null", "nomor_laporan: UJI-2025")
                 .replace("tanggal_laporan: null", "tanggal_laporan: 2026-01-05"), encoding="utf-8")


def test_a_new_pk_is_a_data_change(repo, tmp_path):
    fill_2025(repo)
    code, out = run("check", "--year", "2025", *where(repo))
    assert code == 0, out

    code, out = run("figures", "--year", "2025", "--json", *where(repo))
    assert code == 0, out
    figures = {k: v["value"] for k, v in json.loads(out)["figures"].items()}
    # lower is better: realisasi 6/80 = 7,5 %; capaian = (2 x 5 - 7,5) / 5 x 100 = 50 %
    assert figures["ikk.pengaduan_tidak_selesai.realisasi"] == pytest.approx(7.5)
    assert figures["ikk.pengaduan_tidak_selesai.capaian"] == pytest.approx(50.0)
    assert figures["ikk.pengaduan_tidak_selesai.status"] == "tidak_tercapai"
    # the survey scale: 85,5 of 100 -> 3,42; 3,2 of 4 stays 3,2
    assert figures["ikk.ikm_wilayah.realisasi"] == pytest.approx(3.42)
    assert figures["ikk.indeks_pengamanan.realisasi"] == pytest.approx(3.2)
    assert figures["ikk.layanan.realisasi"] == pytest.approx(58000 / 61000 * 100)
    assert not [k for k in figures if k.split(".")[:2] in [["ikk", d] for d in DROPPED]]

    out_dir = tmp_path / "build"
    code, out = run("build", "--year", "2025", "--format", "html,pdf", "--out", str(out_dir), "--quiet",
                    *where(repo))
    assert code == 0, out
    page = (out_dir / "2025" / "lkjip-2025.html").read_text(encoding="utf-8")
    assert (out_dir / "2025" / "lkjip-2025.pdf").read_bytes().startswith(b"%PDF")
    bab3 = page[re.search(r"<h1[^>]*>BAB III", page).start():re.search(r"<h1[^>]*>BAB IV", page).start()]
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[34][^>]*>(.*?)</h[34]>", bab3)]
    for _, _, nama, *_ in PK_2025:
        assert any(nama in h for h in heads), nama
    dropped = [r["indikator"] for r in rows(repo / "data" / OFFICE / "indikator.csv")
               if r["tahun"] == "2024" and r["kode"] in DROPPED]
    assert not [n for n in dropped if n in page]
