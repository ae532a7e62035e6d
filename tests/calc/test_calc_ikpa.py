"""lkjip.calc.ikpa: the 2024 and 2022 rules, re-basing, categories."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.calc import CalcError
from lkjip.calc.ikpa import hitung_ikpa, kategori_ikpa
from lkjip.calc.rules import load_rules

R2024 = load_rules(2024)
R2022 = load_rules(2022)

# The 2024 component values as the source report's IKPA table prints them.
NILAI_2024 = {
    "revisi_dipa": 75.00,
    "deviasi_halaman_iii": 77.75,
    "penyerapan_anggaran": 82.07,
    "belanja_kontraktual": 88.67,
    "penyelesaian_tagihan": 100.0,
    "pengelolaan_up_tup": 100.0,
    "capaian_output": 100.0,
    "dispensasi_spm": 1.00,
}


def test_ikpa_2024_hand_computed():
    h = hitung_ikpa(NILAI_2024, rules=R2024)
    # 75x10% + 77.75x15% + 82.07x20% + 88.67x10% + 100x10% + 100x10% + 100x25%
    # = 7.5 + 11.6625 + 16.414 + 8.867 + 10 + 10 + 25 = 89.4435
    assert h.tertimbang == {
        "revisi_dipa": pytest.approx(7.5),
        "deviasi_halaman_iii": pytest.approx(11.6625),
        "penyerapan_anggaran": pytest.approx(16.414),
        "belanja_kontraktual": pytest.approx(8.867),
        "penyelesaian_tagihan": pytest.approx(10.0),
        "pengelolaan_up_tup": pytest.approx(10.0),
        "capaian_output": pytest.approx(25.0),
    }
    assert h.nilai_total == pytest.approx(89.4435)
    assert h.konversi_bobot == 100
    assert h.nilai_konversi == pytest.approx(89.4435)
    assert h.dispensasi == 1.00
    assert h.nilai_akhir == pytest.approx(88.4435)
    assert h.kategori == "Cukup"


def test_ikpa_2024_aspects():
    h = hitung_ikpa(NILAI_2024, rules=R2024)
    # perencanaan (7.5 + 11.6625) / 25; pelaksanaan (16.414 + 8.867 + 10 + 10) / 50; hasil 25/25
    assert h.aspek == {
        "perencanaan": pytest.approx(76.65),
        "pelaksanaan": pytest.approx(90.562),
        "hasil": pytest.approx(100.0),
    }


def test_ikpa_missing_component_is_rebased():
    nilai = dict(NILAI_2024, belanja_kontraktual=None)
    h = hitung_ikpa(nilai, rules=R2024)
    # 89.4435 - 8.867 = 80.5765 over 90 % of the weights -> 89.529444...; minus 1 dispensation
    assert h.tertimbang["belanja_kontraktual"] is None
    assert h.nilai_total == pytest.approx(80.5765)
    assert h.konversi_bobot == 90
    assert h.nilai_konversi == pytest.approx(89.529444, abs=1e-6)
    assert h.nilai_akhir == pytest.approx(88.529444, abs=1e-6)
    assert h.aspek["pelaksanaan"] == pytest.approx(91.035)  # (16.414 + 10 + 10) / 40
    assert h.kategori == "Cukup"


def test_ikpa_absent_key_is_the_same_as_none():
    nilai = {k: v for k, v in NILAI_2024.items() if k != "belanja_kontraktual"}
    assert hitung_ikpa(nilai, rules=R2024) == hitung_ikpa(
        dict(NILAI_2024, belanja_kontraktual=None), rules=R2024)


def test_ikpa_rebasing_off():
    rules = replace(R2024, ikpa_konversi_bobot=False)
    h = hitung_ikpa(dict(NILAI_2024, belanja_kontraktual=None), rules=rules)
    assert h.konversi_bobot == 90
    assert h.nilai_konversi == pytest.approx(80.5765)
    assert h.nilai_akhir == pytest.approx(79.5765)


def test_ikpa_2022_rule_weighs_dispensation():
    nilai = dict(NILAI_2024, dispensasi_spm=100.0)
    h = hitung_ikpa(nilai, rules=R2022)
    # 7.5 + 7.775 + 16.414 + 8.867 + 10 + 10 + 5 + 25 = 90.556; no deduction
    assert h.tertimbang["dispensasi_spm"] == pytest.approx(5.0)
    assert h.tertimbang["deviasi_halaman_iii"] == pytest.approx(7.775)
    assert h.nilai_total == pytest.approx(90.556)
    assert h.dispensasi is None
    assert h.nilai_akhir == pytest.approx(90.556)
    assert h.kategori == "Baik"


def test_ikpa_2024_missing_dispensation_deducts_nothing():
    nilai = {k: v for k, v in NILAI_2024.items() if k != "dispensasi_spm"}
    h = hitung_ikpa(nilai, rules=R2024)
    assert h.dispensasi == 0.0
    assert h.nilai_akhir == pytest.approx(89.4435)
    assert h.kategori == "Baik"


def test_ikpa_nothing_applies():
    h = hitung_ikpa({}, rules=R2024)
    assert (h.nilai_total, h.nilai_akhir, h.kategori, h.konversi_bobot) == (None, None, None, 0.0)
    assert set(h.aspek.values()) == {None}


def test_ikpa_refuses_unknown_component_and_out_of_range():
    with pytest.raises(CalcError, match="nilai_akhir"):
        hitung_ikpa({"nilai_akhir": 89.44}, rules=R2024)
    with pytest.raises(CalcError, match="revisi_dipa"):
        hitung_ikpa(dict(NILAI_2024, revisi_dipa=101), rules=R2024)


@pytest.mark.parametrize("nilai, kategori", [
    (100.0, "Sangat Baik"), (95.00, "Sangat Baik"), (94.99, "Baik"),
    (89.00, "Baik"), (88.99, "Cukup"),
    (70.00, "Cukup"), (69.99, "Kurang"), (0.0, "Kurang"), (-1.0, "Kurang"),
])
def test_kategori_boundaries(nilai, kategori):
    assert kategori_ikpa(nilai, rules=R2024) == kategori


def test_kategori_unknown():
    assert kategori_ikpa(None, rules=R2024) is None


@pytest.mark.parametrize("v, kategori", [(89.0, "Baik"), (95.0, "Sangat Baik"), (70.0, "Cukup")])
def test_category_of_an_exact_total_survives_float_sums(v, kategori):
    # Every component at v sums to v in exact arithmetic; in floats 8.9 + 13.35 + ... may land
    # a hair below. The category must still be the one v reaches.
    nilai = {k.kode: v for k in R2024.ikpa_komponen.values() if not k.pengurang}
    h = hitung_ikpa(dict(nilai, dispensasi_spm=0), rules=R2024)
    assert h.nilai_akhir == pytest.approx(v)
    assert h.kategori == kategori


_v = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(st.fixed_dictionaries({k.kode: _v for k in R2024.ikpa_komponen.values() if not k.pengurang}))
def test_ikpa_total_is_within_0_100_and_weights_add_up(nilai):
    h = hitung_ikpa(nilai, rules=R2024)
    assert -1e-9 <= h.nilai_total <= 100 + 1e-9
    assert h.nilai_total == pytest.approx(sum(h.tertimbang.values()))
    assert h.konversi_bobot == pytest.approx(100)
