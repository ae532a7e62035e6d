"""The registry of figures: a backtest against the published 2024 report.

Where the source is arithmetically consistent, the registry must agree with it. Where the
source contradicts itself, the test pins the recomputed value and names the published
alternatives (with their line numbers in the source Markdown) in a comment. The indicators are
those of the office's 2024 PK (data/kanim-pamekasan/indikator.csv); figures of indicators
defined by other data are asserted on a small office in test_kinerja.py.
"""

from __future__ import annotations

import json

import pytest

from lkjip.figures import Figures

REQUIRED = [
    *(
        f"ikk.{c}.{m}"
        for c in ("pro_yustisia", "tindakan_administratif", "layanan", "rencana_aksi_rb", "indeks_kesekretariatan")
        for m in ("target", "realisasi", "capaian", "status")
    ),
    "anggaran.pagu",
    "anggaran.realisasi",
    "anggaran.persen",
    *(f"anggaran.jenis.{j}.{m}" for j in ("pegawai", "barang", "modal") for m in ("pagu", "realisasi", "persen")),
    "pnbp.target",
    "pnbp.realisasi",
    "pnbp.persen",
    "ikpa.nilai_total",
    "ikpa.dispensasi",
    "ikpa.nilai_akhir",
    "ikpa.kategori",
    *(f"ikk.rencana_aksi_rb.triwulan.{k}.capaian" for k in (1, 2, 3, 4)),
    "ikk.rencana_aksi_rb.pembilang",
    "ikk.rencana_aksi_rb.penyebut",
    "pegawai.jumlah",
    "pegawai.laki_laki",
    "pegawai.perempuan",
]


@pytest.fixture(scope="module")
def F() -> Figures:
    return Figures(2024)


def v(F, fid):
    return F[fid].value


def test_required_ids_exist(F):
    missing = [i for i in REQUIRED if i not in F]
    assert missing == []


# ---- indicators -------------------------------------------------------------------------


def test_pro_yustisia_is_nihil(F):
    # 0 of 0 cases (lines 806-832): realisasi and capaian undefined. The source prints 90 % / 100 %
    # in the summary table (line 131) and 0 % in the measurement (lines 818, 830).
    assert v(F, "ikk.pro_yustisia.penyebut") == 0
    assert v(F, "ikk.pro_yustisia.realisasi") is None
    assert v(F, "ikk.pro_yustisia.capaian") is None
    assert v(F, "ikk.pro_yustisia.status") == "nihil"
    assert v(F, "ikk.pro_yustisia.target") == 90


def test_tindakan_administratif(F):
    # 31 of 31 (line 907) -> 100 %, capaian 100/90 = 111,11 % (printed 111.1 %, line 917, consistent).
    # The summary table prints 92,29 % / 102,5 % (lines 133, 697): contradicted by its own 31/31.
    assert v(F, "ikk.tindakan_administratif.pembilang") == 31
    assert v(F, "ikk.tindakan_administratif.realisasi") == pytest.approx(100.0)
    assert v(F, "ikk.tindakan_administratif.capaian") == pytest.approx(100 / 90 * 100)
    assert v(F, "ikk.tindakan_administratif.status") == "tercapai"
    assert v(F, "ikk.tindakan_administratif.tahun.2022.penyebut") == 56


def test_layanan_total_is_sum_of_service_types(F):
    # Measurement table (lines 1019-1022): DPRI 60.111/55.062, izin tinggal 80/80, affidavit 11/11,
    # SKIM 0/0 -> 55.153 of 60.202 = 91,6132 %. The source computes DPRI alone (55062/60111 = 91,60 %,
    # line 1033), prints 92,63 % in the summary table (line 135) and 60.725 of 67.662 (89,74 %) in
    # the history table (line 1057).
    assert v(F, "ikk.layanan.pembilang") == 55153
    assert v(F, "ikk.layanan.penyebut") == 60202
    assert v(F, "ikk.layanan.realisasi") == pytest.approx(55153 / 60202 * 100)
    assert v(F, "ikk.layanan.capaian") == pytest.approx(55153 / 60202 * 100 / 90 * 100)
    # history years agree with the source's table (2023: 57.414 / 61.457 = 93,42 %)
    assert v(F, "ikk.layanan.tahun.2023.realisasi") == pytest.approx(93.4214166)


def test_rencana_aksi_rb(F):
    # 114 of 114 actions (line 1490): consistent in the source. 2023: 75 of 75.
    assert v(F, "ikk.rencana_aksi_rb.realisasi") == pytest.approx(100.0)
    assert v(F, "ikk.rencana_aksi_rb.capaian") == pytest.approx(100.0)
    assert v(F, "ikk.rencana_aksi_rb.penyebut") == 114 and v(F, "ikk.rencana_aksi_rb.pembilang") == 114
    assert v(F, "ikk.rencana_aksi_rb.tahun.2023.penyebut") == 75


def test_indeks_kesekretariatan(F):
    # 98,14 / 25 = 3,9256 (line 1594 says 3,92, truncated; tables say 3,90, lines 137, 1611);
    # capaian 3,9256 / 3,1 = 126,63 % (printed 126,45 % line 1602 and 125,8 % lines 128, 1604).
    assert v(F, "ikk.indeks_kesekretariatan.nilai_survei") == pytest.approx(98.14)
    assert v(F, "ikk.indeks_kesekretariatan.realisasi") == pytest.approx(3.9256)
    assert v(F, "ikk.indeks_kesekretariatan.capaian") == pytest.approx(3.9256 / 3.1 * 100)
    assert v(F, "ikk.indeks_kesekretariatan.mutu") == "A"


def test_national_average_unknown(F):
    for code in ("tindakan_administratif", "layanan"):
        assert v(F, f"ikk.{code}.rata_rata_nasional") is None
        assert v(F, f"ikk.{code}.banding_nasional") is None


# ---- budget -------------------------------------------------------------------------------


def test_budget_by_jenis_belanja(F):
    # Rows as printed (lines 1706-1708); each row's % agrees with the source.
    assert v(F, "anggaran.jenis.pegawai.pagu") == 2_624_336_000
    assert v(F, "anggaran.jenis.barang.realisasi") == 4_603_570_365
    assert round(v(F, "anggaran.jenis.modal.persen"), 2) == 87.55
    assert v(F, "anggaran.pagu") == 27_379_998_000
    # The realisasi total is the sum of its rows: 24.147.552.841 (88,19 %). The source prints
    # 26.455.864.879 / 96,62 % (lines 138, 140, 702, 1708, 1916), which no row sum gives.
    assert v(F, "anggaran.realisasi") == 24_147_552_841
    assert v(F, "anggaran.persen") == pytest.approx(24_147_552_841 / 27_379_998_000 * 100)


def test_budget_history_consistent_years(F):
    # 2023 is consistent in the source: 11.104.061.671 of 11.303.712.000 = 98,23 % (line 1703).
    assert v(F, "anggaran.tahun.2023.realisasi") == 11_104_061_671
    assert round(v(F, "anggaran.tahun.2023.persen"), 2) == 98.23
    assert round(v(F, "anggaran.tahun.2021.persen"), 2) == 77.84
    assert round(v(F, "anggaran.tahun.2022.persen"), 2) == 95.30


def test_budget_sources_and_programmes(F):
    assert v(F, "anggaran.sumber.total") == v(F, "anggaran.pagu")
    assert v(F, "anggaran.program.total") == 27_379_998_000
    assert v(F, "anggaran.tambahan") == 14_635_296_000


def test_budget_by_sasaran(F):
    # Sasaran rows as printed; the total is their sum, 26.361.040.000, not the printed
    # 27.254.498.000 (line 1688). Sasaran penegakan hukum: 1.334.810.820 / 1.393.506.000 = 95,79 %
    # (printed 88,40 %, line 1677).
    assert v(F, "anggaran.sasaran.total.pagu") == 26_361_040_000
    assert round(v(F, "anggaran.sasaran.penegakan_hukum.persen"), 2) == 95.79
    assert v(F, "anggaran.sasaran.tidak_terbagi.pagu") == 27_379_998_000 - 26_361_040_000


def test_pnbp(F):
    # Table total 25.286.032.800 (line 1749) is the sum of the accounts; the summary prints
    # 25.046.332.800 / 464,74 % (lines 140, 1917). 25.286.032.800 / 5.389.250.000 = 469,19 %.
    assert v(F, "pnbp.realisasi") == 25_286_032_800
    assert v(F, "pnbp.target") == 5_389_250_000
    assert round(v(F, "pnbp.persen"), 2) == 469.19
    assert v(F, "pnbp.tahun.2023.realisasi") == 22_230_176_000
    assert v(F, "pnbp.tahun.2022.realisasi") == 18_575_633_926


def test_ikpa(F):
    # Treasury table (lines 1869-1873): total 89,44, dispensasi 1,00, nilai akhir 88,44 — consistent.
    # The report calls it "Baik" (lines 1875, 1877), but 88,44 < 89 is "Cukup" under the 2024 rule.
    assert v(F, "ikpa.nilai_total") == pytest.approx(89.4435)
    assert v(F, "ikpa.dispensasi") == pytest.approx(1.0)
    assert v(F, "ikpa.nilai_akhir") == pytest.approx(88.4435)
    assert v(F, "ikpa.kategori") == "Cukup"
    assert v(F, "ikpa.komponen.deviasi_halaman_iii.nilai_tertimbang") == pytest.approx(11.6625)
    # aspect scores: 76,65 and 90,56 (printed 76,38 and 92,69 on line 1873)
    assert v(F, "ikpa.aspek.perencanaan") == pytest.approx(76.65)
    assert v(F, "ikpa.aspek.pelaksanaan") == pytest.approx(90.562)
    assert v(F, "ikpa.tahun.2022.nilai_akhir") == pytest.approx(92.82)


def test_rb_quarters(F):
    # Every listed indicator counts (49 per quarter); the source states 32, 29, 25, 29 indicators
    # and totals 27,83 %, 54,04 %, 76,16 %, 100 % (lines 1252, 1326, 1395, 1466).
    q = "ikk.rencana_aksi_rb.triwulan"
    for tw in (1, 2, 3, 4):
        assert v(F, f"{q}.{tw}.jumlah_indikator") == 49
    assert v(F, f"{q}.4.capaian") == pytest.approx(100.0)
    assert 0 < v(F, f"{q}.1.capaian") < v(F, f"{q}.2.capaian") < v(F, f"{q}.3.capaian") < 100
    # only the action-plan indicator has quarters
    assert {i.split(".")[1] for i in F.ids("ikk.") if ".triwulan." in i} == {"rencana_aksi_rb"}


def test_staff_and_area(F):
    # 38 staff, 32 men, 6 women; 1/4/9/10/14 by position group (consistent in the source).
    assert (v(F, "pegawai.jumlah"), v(F, "pegawai.laki_laki"), v(F, "pegawai.perempuan")) == (38, 32, 6)
    groups = [v(F, f"pegawai.kelompok.{k}") for k in ("eselon_iii", "eselon_iv", "eselon_v", "jft", "jfu")]
    assert groups == [1, 4, 9, 10, 14]
    assert v(F, "wilayah.kabupaten") == 4
    assert [v(F, f"wilayah.kabupaten.{k}.kecamatan") for k in ("bangkalan", "sampang", "pamekasan", "sumenep")] == [
        18,
        14,
        13,
        27,
    ]


def test_lazy_groups_read_only_their_tables():
    F = Figures(2024)
    F["pegawai.jumlah"]
    read = {p.rsplit("/", 1)[-1] for p in F.inputs.files_read}
    assert "pegawai.csv" in read
    assert "pnbp.csv" not in read and "realisasi.csv" not in read


def test_to_json_is_deterministic(F):
    a = F.to_json()
    b = Figures(2024).to_json()
    assert a == b
    doc = json.loads(a)
    assert doc["figures"]["anggaran.pagu"]["value"] == 27_379_998_000
