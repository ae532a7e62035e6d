"""lkjip.figures.kinerja on the synthetic office (tests/fixtures/kantor-contoh): indicators
defined by data, each figure asserted by a value computed by hand in the comment beside it.

The office's PKs (indikator.csv): 2024 paspor_tepat_waktu (positif, by jenis paspor),
pengaduan_tidak_selesai (negatif, target 5), kehadiran (rentang 95-100), ikm (survey on a 1-4
scale); 2025 layanan, pengaduan_tidak_selesai, and three survey indices (scales 4 and 100).
Capaian rules (lkjip/rules/2024.yaml): positif R / T x 100, negatif (2T - R) / T x 100, a range
100 inside its bounds (bounds included), below it R / bawah x 100, above it (2 atas - R) / atas
x 100; no cap; tercapai from 100 %. DOMAIN.md and the rules name no floor: a negatif capaian
may fall below 0.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest
from contoh import FIXTURE, salin

from lkjip.calc.rules import Cap, load_rules
from lkjip.errors import FigureError
from lkjip.figures import Figures

DATA, PARAMS = FIXTURE / "data", FIXTURE / "params"


@pytest.fixture(scope="module")
def F24() -> Figures:
    return Figures(2024, DATA, PARAMS)


@pytest.fixture(scope="module")
def F25() -> Figures:
    return Figures(2025, DATA, PARAMS)


@pytest.fixture
def contoh(tmp_path):
    return salin(tmp_path)


def v(F: Figures, fid: str):
    return F[fid].value


def approx(x: float):
    return pytest.approx(x, rel=1e-12, abs=1e-9)


# ---- negatif: capaian = (2T - R) / T x 100 -------------------------------------------------------
def test_negatif_at_its_target(F25):
    # 3 of 60 complaints not settled: R = 3 / 60 x 100 = 5 %; T = 5 -> (2 x 5 - 5) / 5 x 100 = 100 %
    p = "ikk.pengaduan_tidak_selesai"
    assert (v(F25, f"{p}.pembilang"), v(F25, f"{p}.penyebut")) == (3, 60)
    assert v(F25, f"{p}.realisasi") == approx(5.0)
    assert v(F25, f"{p}.target") == 5
    assert v(F25, f"{p}.capaian") == approx(100.0)
    assert v(F25, f"{p}.status") == "tercapai"  # 100 % reaches the threshold of 100
    assert v(F25, f"{p}.capaian_renstra") == approx(100.0)  # Renstra target 5 as well


def test_negatif_below_its_target_scores_above_100(F24):
    # 2024: 2 of 50 -> R = 4 %; (2 x 5 - 4) / 5 x 100 = 6 / 5 x 100 = 120 %
    assert v(F24, "ikk.pengaduan_tidak_selesai.realisasi") == approx(4.0)
    assert v(F24, "ikk.pengaduan_tidak_selesai.capaian") == approx(120.0)
    assert v(F24, "ikk.pengaduan_tidak_selesai.status") == "tercapai"


@pytest.mark.parametrize("pembilang, realisasi, capaian", [
    (4, 400 / 60, 200 / 3),  # R = 6,67 % > T: (10 - 6,667) / 5 x 100 = 66,67 %
    (6, 10.0, 0.0),          # R = 10 % = 2T: (10 - 10) / 5 x 100 = 0 %
    (9, 15.0, -100.0),       # R = 15 % > 2T: (10 - 15) / 5 x 100 = -100 % (no floor in the rules)
])
def test_negatif_above_its_target(contoh, pembilang, realisasi, capaian):
    contoh.replace("realisasi.csv", "2025,pengaduan_tidak_selesai,seluruh,3,60",
                   f"2025,pengaduan_tidak_selesai,seluruh,{pembilang},60")
    F = contoh.figures(2025)
    assert v(F, "ikk.pengaduan_tidak_selesai.realisasi") == approx(realisasi)
    assert v(F, "ikk.pengaduan_tidak_selesai.capaian") == approx(capaian)
    assert v(F, "ikk.pengaduan_tidak_selesai.status") == "tidak_tercapai"
    assert v(F, "ikk.jumlah_tidak_tercapai") == 2  # with kepuasan_internal (see the survey test)


def test_cap_applies_when_the_rules_enable_it(contoh):
    # 1 of 60: R = 1,667 %; (10 - 1,667) / 5 x 100 = 166,67 % > 110 -> 120 with the cap on;
    # layanan (105,56 %) stays under the limit, and the cap is off by default.
    contoh.replace("realisasi.csv", "2025,pengaduan_tidak_selesai,seluruh,3,60",
                   "2025,pengaduan_tidak_selesai,seluruh,1,60")
    assert v(contoh.figures(2025), "ikk.pengaduan_tidak_selesai.capaian") == approx((10 - 100 / 60) / 5 * 100)
    rules = replace(load_rules(2025), cap=Cap(enabled=True, batas=110, nilai=120))
    F = contoh.figures(2025, rules=rules)
    assert v(F, "ikk.pengaduan_tidak_selesai.capaian") == 120
    assert v(F, "ikk.layanan.capaian") == approx(95 / 90 * 100)


# ---- rentang: 100 inside the band, else against the bound crossed -------------------------------
def test_rentang_inside_its_band(F24):
    # 4.700 of 4.800 working days: R = 97,92 %, inside 95-100 -> 100 %
    p = "ikk.kehadiran"
    assert (v(F24, f"{p}.target"), v(F24, f"{p}.target_atas")) == (95, 100)
    assert v(F24, f"{p}.realisasi") == approx(4700 / 4800 * 100)
    assert v(F24, f"{p}.capaian") == 100.0
    assert v(F24, f"{p}.status") == "tercapai"
    # a Renstra target is one number (none here): no capaian against it for a range
    assert v(F24, f"{p}.target_renstra") is None and v(F24, f"{p}.capaian_renstra") is None
    assert "ikk.paspor_tepat_waktu.target_atas" not in F24  # only a range has an upper bound


@pytest.mark.parametrize("bounds, counts, realisasi, capaian, status", [
    ((95, 100), (4750, 5000), 95.0, 100.0, "tercapai"),       # on the lower bound: inside
    ((95, 100), (3800, 5000), 76.0, 80.0, "tidak_tercapai"),  # below: 76 / 95 x 100 = 80 %
    ((70, 80), (4500, 5000), 90.0, 87.5, "tidak_tercapai"),   # above: (2 x 80 - 90) / 80 x 100 = 87,5 %
    ((95, 100), (0, 0), None, None, "nihil"),                 # 0 of 0: nothing to measure
])
def test_rentang_below_on_and_above_its_band(contoh, bounds, counts, realisasi, capaian, status):
    contoh.replace("indikator.csv", "rentang,95,100,", f"rentang,{bounds[0]},{bounds[1]},")
    contoh.replace("realisasi.csv", "2024,kehadiran,seluruh,4700,4800", f"2024,kehadiran,seluruh,{counts[0]},{counts[1]}")
    F = contoh.figures(2024)
    assert v(F, "ikk.kehadiran.realisasi") == (None if realisasi is None else approx(realisasi))
    assert v(F, "ikk.kehadiran.capaian") == (None if capaian is None else approx(capaian))
    assert v(F, "ikk.kehadiran.status") == status


# ---- survey indices: index = nilai x 4 / skala ------------------------------------------------------
def test_survey_index_on_scale_4_and_100(F25):
    # ikm_wilayah 3,45 on 4 -> 3,45; indeks_pengamanan 82,5 on 100 -> 82,5 x 4 / 100 = 3,30;
    # kepuasan_internal 3,10 on 4 -> 3,10
    assert v(F25, "ikk.ikm_wilayah.realisasi") == approx(3.45)
    assert v(F25, "ikk.indeks_pengamanan.realisasi") == approx(3.3)
    assert v(F25, "ikk.kepuasan_internal.realisasi") == approx(3.1)
    assert (v(F25, "ikk.indeks_pengamanan.nilai_survei"), v(F25, "ikk.indeks_pengamanan.skala")) == (82.5, 100)
    # capaian R / T x 100: 3,45 / 3,30 = 104,55 %; 3,30 / 3,14 = 105,10 %; 3,10 / 3,14 = 98,73 %
    assert v(F25, "ikk.ikm_wilayah.capaian") == approx(3.45 / 3.3 * 100)
    assert v(F25, "ikk.indeks_pengamanan.capaian") == approx(3.3 / 3.14 * 100)
    assert v(F25, "ikk.kepuasan_internal.capaian") == approx(3.1 / 3.14 * 100)
    assert [v(F25, f"ikk.{k}.status") for k in ("ikm_wilayah", "indeks_pengamanan", "kepuasan_internal")] == [
        "tercapai", "tercapai", "tidak_tercapai"]
    # the IKM band reads the value on 0-100: 3,45 / 4 = 86,25; 82,5; 3,10 / 4 = 77,5 -> B (76,61-88,30)
    assert {v(F25, f"ikk.{k}.mutu") for k in ("ikm_wilayah", "indeks_pengamanan", "kepuasan_internal")} == {"B"}
    assert v(F25, "ikk.ikm_wilayah.kategori") == "Baik"


@pytest.mark.parametrize("nilai, skala", [("3.4", "4"), ("85", "100"), ("3.6", "4")])
def test_one_survey_value_on_either_scale(contoh, nilai, skala):
    # 3,4 on 4 = 85 on 100: index 3,40, capaian 3,40 / 3,20 = 106,25 %, band B (85 < 88,31);
    # 3,6 on 4 = 90 on 100: index 3,60, capaian 112,5 %, band A
    contoh.replace("survei.csv", "2024,ikm,3.4,4,", f"2024,ikm,{nilai},{skala},")
    F = contoh.figures(2024)
    index = float(nilai) * 4 / float(skala)
    assert v(F, "ikk.ikm.realisasi") == approx(index)
    assert v(F, "ikk.ikm.capaian") == approx(index / 3.2 * 100)
    assert v(F, "ikk.ikm.mutu") == ("A" if index == 3.6 else "B")


# ---- status and counts ------------------------------------------------------------------------------
def test_status_counts_follow_the_pk_of_the_year(F24, F25):
    # 2024: paspor 98,95 % (not reached), pengaduan 120 %, kehadiran 100 %, ikm 106,25 %
    assert v(F24, "ikk.paspor_tepat_waktu.status") == "tidak_tercapai"
    assert [v(F24, f"ikk.jumlah{s}") for s in ("", "_tercapai", "_tidak_tercapai", "_nihil")] == [4, 3, 1, 0]
    # 2025: five indicators, kepuasan_internal (98,73 %) not reached
    assert [v(F25, f"ikk.jumlah{s}") for s in ("", "_tercapai", "_tidak_tercapai", "_nihil")] == [5, 4, 1, 0]
    assert (v(F25, "sasaran.jumlah"), v(F25, "sasaran.kepuasan.jumlah_ikk")) == (2, 3)
    # the dropped indicators of 2024 have no figures in 2025, the new ones none in 2024
    assert not F25.ids("ikk.kehadiran.") and not F25.ids("ikk.paspor_tepat_waktu.")
    assert not F24.ids("ikk.ikm_wilayah.") and not F24.ids("ikk.layanan.")


def test_zero_of_zero_is_nihil_not_zero_percent(contoh):
    contoh.replace("realisasi.csv", "2025,pengaduan_tidak_selesai,seluruh,3,60", "2025,pengaduan_tidak_selesai,seluruh,0,0")
    F = contoh.figures(2025)
    p = "ikk.pengaduan_tidak_selesai"
    assert (v(F, f"{p}.realisasi"), v(F, f"{p}.capaian"), v(F, f"{p}.status")) == (None, None, "nihil")
    assert v(F, "ikk.jumlah_nihil") == 1
    assert v(F, f"{p}.tahun.2025.perubahan") is None  # no change from 4 % to "nothing"


# ---- a breakdown and its total ---------------------------------------------------------------------------
def test_breakdown_sums_to_the_total(F24):
    # biasa 900 of 950 = 94,74 %; elektronik 40 of 50 = 80 %; total 940 of 1.000 = 94 %
    # (the ratio of the sums, not the mean of the ratios, 87,37 %); capaian 94 / 95 = 98,95 %
    p = "ikk.paspor_tepat_waktu"
    assert v(F24, f"{p}.rincian.biasa.realisasi") == approx(900 / 950 * 100)
    assert v(F24, f"{p}.rincian.elektronik.realisasi") == approx(80.0)
    assert v(F24, f"{p}.pembilang") == 900 + 40 == 940
    assert v(F24, f"{p}.penyebut") == 950 + 50 == 1000
    assert v(F24, f"{p}.realisasi") == approx(94.0)
    assert v(F24, f"{p}.capaian") == approx(94 / 95 * 100)
    assert "ikk.paspor_tepat_waktu.tahun.2023.pembilang" in F24 and not F24.ids(f"{p}.rincian.biasa.tahun")


def test_a_breakdown_with_nothing_to_do_has_no_percentage(contoh):
    contoh.append("rincian.csv", "paspor_tepat_waktu,darurat,Surat perjalanan darurat")
    contoh.append("realisasi.csv", "2024,paspor_tepat_waktu,darurat,0,0")
    F = contoh.figures(2024)
    p = "ikk.paspor_tepat_waktu"
    assert v(F, f"{p}.rincian.darurat.realisasi") is None
    assert (v(F, f"{p}.pembilang"), v(F, f"{p}.penyebut"), v(F, f"{p}.realisasi")) == (940, 1000, approx(94.0))


# ---- the years: history, change, and never a year after the report's -------------------------------
def test_history_and_change_in_points(F25):
    # 3 / 40 = 7,5 % (2023); 2 / 50 = 4 % (2024); 3 / 60 = 5 % (2025); change -3,5 and +1 points
    p = "ikk.pengaduan_tidak_selesai.tahun"
    assert [v(F25, f"{p}.{y}.realisasi") for y in (2023, 2024, 2025)] == [approx(7.5), approx(4.0), approx(5.0)]
    assert (v(F25, f"{p}.2024.perubahan"), v(F25, f"{p}.2025.perubahan")) == (approx(-3.5), approx(1.0))
    assert f"{p}.2023.perubahan" not in F25  # no year before the first


def test_a_report_never_shows_a_later_year(F24, contoh):
    # the data folder already holds 2025 (realisasi of pengaduan_tidak_selesai): the 2024 report
    # is the same as before 2025 was added
    assert not [i for i in F24.ids("ikk.") if ".2025." in i]
    contoh.append("anggaran_jenis_belanja.csv", "2025,pegawai,2200000000,2100000000")
    contoh.append("survei.csv", "2025,ikm,3.9,4,10,")
    F = contoh.figures(2024)
    assert not [i for i in F.all() if ".2025" in i]
    assert v(F, "anggaran.pagu") == 2_100_000_000 + 1_100_000_000 + 300_000_000
    assert "anggaran.tahun.2025.pagu" in contoh.figures(2025)


# ---- what a year lacks: no figure, no crash ----------------------------------------------------------------
def test_a_year_without_optional_data(F25):
    # 2025 has no DIPA, revenue, IKPA/SMART/NKA, ABT, cases, action plan, breakdown, national average
    ids = set(F25.all())
    for absent in ("anggaran.pagu", "anggaran.realisasi", "anggaran.sisa", "anggaran.tambahan",
                   "anggaran.sumber.total", "anggaran.program.total", "pnbp.realisasi", "pnbp.target",
                   "ikpa.nilai_akhir", "nka.nilai"):
        assert absent not in ids, absent
    assert not [i for i in ids if ".triwulan." in i or ".rincian." in i or i.startswith("smart.")]
    # the budget of earlier years is history, not this year's DIPA
    assert "anggaran.tahun.2024.pagu" in ids and "anggaran.tahun.2025.pagu" not in ids
    # the national average is undefined (None), said so, and so is the comparison with it
    for k in ("layanan", "pengaduan_tidak_selesai", "ikm_wilayah"):
        assert F25[f"ikk.{k}.rata_rata_nasional"].value is None
        assert F25[f"ikk.{k}.rata_rata_nasional"].note == "belum tersedia"
        assert F25[f"ikk.{k}.banding_nasional"].value is None
    json.loads(F25.to_json())  # every figure is computable and serialisable


def test_national_average_when_known(contoh):
    # layanan: capaian 95 / 90 x 100 = 105,56 %; against an average of 95: 105,56 / 95 x 100 = 111,11 %
    contoh.write("rata_rata_nasional.csv", "tahun,indikator,rata_rata,keterangan\n2025,layanan,95,\n"
                 "2025,ikm_wilayah,,belum tersedia\n")
    F = contoh.figures(2025)
    assert v(F, "ikk.layanan.rata_rata_nasional") == 95
    assert v(F, "ikk.layanan.banding_nasional") == approx(95 / 90 * 100 / 95 * 100)
    assert v(F, "ikk.ikm_wilayah.banding_nasional") is None


def test_abt_follows_the_funding_table(contoh):
    # the ABT is stated with the year's sources of funds: none -> no figure; sources and no ABT row
    # -> no ABT (Rp0); an ABT row -> its amount
    assert "anggaran.tambahan" not in contoh.figures(2024)
    contoh.append("anggaran_sumber_dana.csv", "2024,rm,3000000000", "2024,pnbp,500000000")
    F = contoh.figures(2024)
    assert (v(F, "anggaran.sumber.total"), v(F, "anggaran.tambahan")) == (3_500_000_000, 0)
    contoh.append("anggaran_tambahan.csv", "2024,ABT renovasi,250000000")
    assert v(contoh.figures(2024), "anggaran.tambahan") == 250_000_000


def test_action_plan_quarters(contoh):
    # a rencana_aksi indicator: 9 of 10 actions = 90 %, capaian 90 / 100 = 90 %; quarter 1 items
    # at 50 % and 100 % -> mean 75 %; quarter 2 both at 100 % -> 100 %
    contoh.append("indikator.csv", "2025,rencana_aksi,layanan,3,Persentase Pelaksanaan Rencana Aksi,persen,2,positif,"
                  "100,,100,rencana_aksi,rencana aksi yang terlaksana,rencana aksi yang ditetapkan,")
    contoh.append("realisasi.csv", "2025,rencana_aksi,seluruh,9,10")
    contoh.append("rencana_aksi_triwulan.csv",
                  "2025,rencana_aksi,1,1,Sasaran A,Kegiatan A,Uraian satu,50",
                  "2025,rencana_aksi,1,2,Sasaran A,Kegiatan A,Uraian dua,100",
                  "2025,rencana_aksi,2,1,Sasaran A,Kegiatan A,Uraian satu,100",
                  "2025,rencana_aksi,2,2,Sasaran A,Kegiatan A,Uraian dua,100")
    F = contoh.figures(2025)
    p = "ikk.rencana_aksi"
    assert (v(F, f"{p}.realisasi"), v(F, f"{p}.capaian"), v(F, f"{p}.status")) == (
        approx(90.0), approx(90.0), "tidak_tercapai")
    assert [v(F, f"{p}.triwulan.{k}.capaian") for k in (1, 2)] == [approx(75.0), approx(100.0)]
    assert v(F, f"{p}.triwulan.1.jumlah_indikator") == 2
    assert f"{p}.triwulan.3.capaian" not in F
    assert not F.ids("ikk.layanan.triwulan")  # a ratio indicator has no quarters


def test_a_pk_indicator_without_its_base_facts_names_the_check(contoh):
    from lkjip.inputs.validate import validate_year

    contoh.drop("survei.csv", "2025,indeks_pengamanan")
    report = validate_year(2025, contoh.data, contoh.params)
    assert any(p.file.endswith("survei.csv") and "indeks_pengamanan" in p.expected for p in report.errors)
    with pytest.raises(FigureError, match=r"indeks_pengamanan in 2025: run `lkjip check --year 2025`"):
        contoh.figures(2025)["ikk.jumlah"]


def test_cli_figures_of_another_office():
    out = subprocess.run([sys.executable, "-m", "lkjip.cli", "figures", "--year", "2025", "--data", str(DATA),
                          "--params", str(PARAMS), "--json"], capture_output=True, text=True, check=True)
    doc = json.loads(out.stdout)
    assert doc["office"] == "kanim-contoh" and doc["year"] == 2025
    assert doc["figures"]["ikk.pengaduan_tidak_selesai.capaian"]["value"] == approx(100.0)
    assert doc["figures"]["ikk.indeks_pengamanan.realisasi"]["value"] == approx(3.3)
