"""``lkjip batch`` end to end on three synthetic offices (HTML only: the PDF is the build's own
business, tested in tests/build): one office's broken CSV fails that office alone, exit 2, the
summary names file, row and column; the others are built byte for byte as alone; the consolidated
edition lists every office; a re-run comes from the cache; --banding puts the batch average into
BAB III."""

from __future__ import annotations

import json
import re

import pytest
from contoh import run

from lkjip.batch.sintetis import generate

YEAR = "2025"
BROKEN = "kanim-sintetis-02"


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("batch")
    root, out = tmp / "kantor", tmp / "out"
    generate(root, 3, seed=1)
    csv = root / BROKEN / "data" / BROKEN / "realisasi.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[2] = re.sub(r",\d+$", ",banyak", lines[2])  # row 3 of the sheet, column penyebut
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # one worker: kanim-sintetis-03 runs in the kernel that ran kanim-sintetis-01's chapters
    code, log = run("batch", "--year", YEAR, "--data-root", root, "--out", out, "--format", "html", "--workers", "1")
    return {"root": root, "out": out, "code": code, "log": log, "tmp": tmp}


def test_a_broken_office_fails_alone_and_the_batch_exits_2(first):
    assert first["code"] == 2, first["log"]
    log = first["log"]
    assert f"GAGAL {BROKEN}:" in log
    assert f"{BROKEN}/realisasi.csv, baris 3, kolom 'penyebut'" in log and "'banyak'" in log
    for state in ("memeriksa", "menjalankan", "selesai", "gagal"):
        assert re.search(rf"\] kanim-sintetis-0\d +{state}", log), state
    for office in ("kanim-sintetis-01", "kanim-sintetis-03"):
        assert (first["out"] / office / YEAR / f"lkjip-{YEAR}.html").is_file()
    assert not (first["out"] / BROKEN / YEAR).exists()


def test_an_office_in_the_batch_is_the_office_alone(first):
    office = "kanim-sintetis-03"  # built in a warm kernel, after another office
    src = first["root"] / office
    code, log = run("build", "--year", YEAR, "--data", src / "data", "--params", src / "params",
                    "--out", first["tmp"] / "alone", "--format", "html", "--quiet")
    assert code == 0, log
    name = f"lkjip-{YEAR}.html"
    assert (first["tmp"] / "alone" / YEAR / name).read_bytes() == (first["out"] / office / YEAR / name).read_bytes()


def test_the_consolidated_edition(first):
    folder = first["out"] / "_gabungan" / YEAR
    doc = json.loads((folder / "figures.json").read_text(encoding="utf-8"))
    F = {k: v["value"] for k, v in doc["figures"].items()}
    assert (F["gabungan.kantor.jumlah"], F["gabungan.kantor.selesai"], F["gabungan.kantor.gagal"]) == (3, 2, 1)
    caps = []
    for office in ("kanim-sintetis-01", "kanim-sintetis-03"):
        own = json.loads((first["out"] / office / YEAR / "figures.json").read_text(encoding="utf-8"))["figures"]
        caps.append(own["ikk.layanan.capaian"]["value"])
        assert F[f"gabungan.ikk.layanan.kantor.{office}.capaian"] == own["ikk.layanan.capaian"]["value"]
    assert F["gabungan.ikk.layanan.capaian.rata_rata"] == pytest.approx(sum(caps) / 2)
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr>") == 4 and "../../kanim-sintetis-01/2025/lkjip-2025.html" in index
    assert "realisasi.csv, baris 3, kolom &#39;penyebut&#39;" in index  # the failed office, and why
    assert index.count(">selesai</td>") == 2 and index.count(">gagal</td>") == 1
    report = text((folder / f"gabungan-{YEAR}.html").read_text(encoding="utf-8"))
    assert "Data sintetis" in report
    assert report.count("tidak ada dalam Perjanjian Kinerja kantor ini") >= 1  # the two PKs differ
    # two offices built: no spread chart (from three on; tests/batch/test_gabungan.py)
    assert "<svg" not in (folder / f"gabungan-{YEAR}.html").read_text(encoding="utf-8")


def test_an_office_checked_and_built_is_checked_again_only_when_its_inputs_change(first, monkeypatch):
    import lkjip.inputs.validate as V
    from lkjip.batch.task import run_office

    office = "kanim-sintetis-01"
    src, out = first["root"] / office, first["out"] / office
    checked = []
    real = V.validate_year
    monkeypatch.setattr(V, "validate_year", lambda *a: checked.append(a[0]) or real(*a))

    def again() -> dict:
        return run_office(office, (src / "data").resolve(), (src / "params").resolve(), out, int(YEAR), ("html",),
                          warm=False)

    assert again()["status"] == "cached" and checked == []
    csv = src / "data" / office / "realisasi.csv"
    good = csv.read_text(encoding="utf-8")
    try:
        lines = good.splitlines()
        csv.write_text("\n".join([*lines[:2], re.sub(r",\d+$", ",banyak", lines[2]), *lines[3:]]) + "\n",
                       encoding="utf-8")
        r = again()
        assert r["status"] == "failed" and checked == [int(YEAR)]
        assert any("baris 3, kolom 'penyebut'" in str(p) for p in r["problems"])
    finally:
        csv.write_text(good, encoding="utf-8")


def test_a_rerun_comes_from_the_cache_then_banding(first):
    code, log = run("batch", "--year", YEAR, "--data-root", first["root"], "--out", first["out"], "--format", "html",
                    "--workers", "2")
    assert code == 2 and re.search(r"kanim-sintetis-01 +dari cache", log) and re.search(r"kanim-sintetis-03 +dari cache", log)
    code, log = run("batch", "--year", YEAR, "--data-root", first["root"], "--out", first["out"], "--format", "html",
                    "--workers", "1", "--banding", "--offices", "kanim-sintetis-01,kanim-sintetis-03")
    assert code == 0, log
    page = text((first["out"] / "kanim-sintetis-01" / YEAR / f"lkjip-{YEAR}.html").read_text(encoding="utf-8"))
    F = json.loads((first["out"] / "_gabungan" / YEAR / "figures.json").read_text(encoding="utf-8"))["figures"]
    mean = F["gabungan.ikk.layanan.capaian.rata_rata"]["value"]
    n = F["gabungan.ikk.layanan.jumlah_terukur"]["value"]
    assert n == 2
    from lkjip.present import fmt

    assert (f"rata-rata capaian Kantor Wilayah Sintetis untuk indikator ini, dihitung dari 2 kantor yang "
            f"mengukurnya, adalah {fmt.persen(mean, 2)}") in page
    assert "rata-rata capaian nasional untuk" not in page  # the batch is not declared national
