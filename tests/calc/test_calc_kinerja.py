"""lkjip.calc.kinerja: realisasi, capaian by polarity, cap, status, national comparison."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.calc import CalcError
from lkjip.calc.kinerja import (
    banding_nasional,
    capaian,
    label_status,
    realisasi_indeks,
    realisasi_rasio,
    realisasi_rencana_aksi,
    status,
)
from lkjip.calc.rules import Cap, load_rules
from lkjip.errors import LkjipError

RULES = load_rules(2024)
CAP_ON = replace(RULES, cap=Cap(enabled=True, batas=110, nilai=120))


def test_realisasi_rasio_services():
    # 55.062 of 60.111 services completed (the source report's BAB III table)
    assert realisasi_rasio(55062, 60111) == pytest.approx(91.600539, abs=1e-6)


def test_realisasi_rasio_zero_of_zero_is_undefined_not_zero():
    assert realisasi_rasio(0, 0) is None


def test_realisasi_rasio_unknown_input():
    assert realisasi_rasio(None, 10) is None
    assert realisasi_rasio(3, float("nan")) is None


def test_realisasi_rasio_above_denominator_is_allowed():
    assert realisasi_rasio(12, 10) == pytest.approx(120.0)


@pytest.mark.parametrize("p, q", [(-1, 10), (1, -10), (5, 0)])
def test_realisasi_rasio_refuses_impossible_counts(p, q):
    with pytest.raises(CalcError):
        realisasi_rasio(p, q)


def test_calc_error_is_an_lkjip_value_error():
    assert issubclass(CalcError, LkjipError) and issubclass(CalcError, ValueError)


def test_realisasi_rasio_refuses_text():
    with pytest.raises(CalcError, match="pembilang"):
        realisasi_rasio("5", 10)


def test_realisasi_indeks():
    assert realisasi_indeks(98.25) == pytest.approx(3.93)
    assert realisasi_indeks(None) is None


def test_realisasi_rencana_aksi():
    assert realisasi_rencana_aksi(7, 8) == pytest.approx(87.5)
    assert realisasi_rencana_aksi(0, 0) is None


def test_capaian_positive():
    assert capaian(91.6, 90, "positif", rules=RULES) == pytest.approx(101.777778, abs=1e-6)
    assert capaian(3.93, 3.5, "positif", rules=RULES) == pytest.approx(112.285714, abs=1e-6)


def test_capaian_negative():
    # (2T - R) / T x 100
    assert capaian(5, 10, "negatif", rules=RULES) == pytest.approx(150.0)
    assert capaian(10, 10, "negatif", rules=RULES) == pytest.approx(100.0)
    assert capaian(15, 10, "negatif", rules=RULES) == pytest.approx(50.0)


@pytest.mark.parametrize("r, expected", [
    (85, 100.0), (80, 100.0), (90, 100.0),       # inside the range, bounds included
    (95, (2 * 90 - 95) / 90 * 100),             # above: against the upper bound, 94.444...
    (72, 72 / 80 * 100),                        # below: against the lower bound, 90.0
])
def test_capaian_range(r, expected):
    assert capaian(r, (80, 90), "rentang", rules=RULES) == pytest.approx(expected)


def test_capaian_range_hand_values():
    assert capaian(95, (80, 90), "rentang", rules=RULES) == pytest.approx(94.444444, abs=1e-6)
    assert capaian(72, [80, 90], "rentang", rules=RULES) == pytest.approx(90.0)


@pytest.mark.parametrize("target", [(90, 80), (80,), 85, "80-90"])
def test_capaian_range_refuses_malformed_target(target):
    with pytest.raises(CalcError):
        capaian(85, target, "rentang", rules=RULES)


def test_capaian_of_nihil_is_none():
    assert capaian(realisasi_rasio(0, 0), 100, "positif", rules=RULES) is None


@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
def test_capaian_target_zero_is_undefined(polaritas):
    assert capaian(0, 0, polaritas, rules=RULES) is None
    assert capaian(5, 0, polaritas, rules=RULES) is None


def test_capaian_range_with_zero_bound_crossed():
    assert capaian(0, (0, 0), "rentang", rules=RULES) == 100.0
    assert capaian(-1, (0, 5), "rentang", rules=RULES) is None


def test_capaian_unknown_target():
    assert capaian(90, None, "positif", rules=RULES) is None


def test_capaian_unknown_polarity():
    with pytest.raises(CalcError, match="polaritas"):
        capaian(90, 90, "positive", rules=RULES)


def test_cap_off_by_default():
    assert RULES.cap.enabled is False
    assert capaian(115, 100, "positif", rules=RULES) == pytest.approx(115.0)


def test_cap_on():
    assert capaian(115, 100, "positif", rules=CAP_ON) == 120
    assert capaian(110, 100, "positif", rules=CAP_ON) == pytest.approx(110.0)  # not above
    assert capaian(95, 100, "positif", rules=CAP_ON) == pytest.approx(95.0)
    assert capaian(2, 10, "negatif", rules=CAP_ON) == 120  # 180 -> capped


@pytest.mark.parametrize("c, expected", [
    (100.0, "tercapai"), (101.78, "tercapai"), (99.99, "tidak_tercapai"), (None, "nihil"),
    (91.6 / 91.6 * 100 - 1e-13, "tercapai"),  # float noise does not fail a met target
])
def test_status(c, expected):
    assert status(c, rules=RULES) == expected


def test_status_threshold_from_rules():
    assert status(95, rules=replace(RULES, ambang_tercapai=90)) == "tercapai"


def test_label_status():
    assert label_status("tercapai", rules=RULES) == "Tercapai"
    assert label_status("tidak_tercapai", rules=RULES) == "Tidak tercapai"
    assert label_status("nihil", rules=RULES) == "Nihil"
    with pytest.raises(CalcError):
        label_status("gagal", rules=RULES)


def test_banding_nasional():
    assert banding_nasional(91.6, 80) == pytest.approx(114.5)
    assert banding_nasional(91.6, None) is None
    assert banding_nasional(None, 80) is None
    assert banding_nasional(91.6, 0) is None


_realisasi = st.floats(min_value=0, max_value=1e6, allow_nan=False)
_target = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


@given(_realisasi, _realisasi, _target)
def test_capaian_rises_with_realisasi_for_positive_polarity(r1, r2, t):
    lo, hi = sorted((r1, r2))
    assert capaian(lo, t, "positif", rules=RULES) <= capaian(hi, t, "positif", rules=RULES)


@given(_realisasi, _realisasi, _target)
def test_capaian_falls_with_realisasi_for_negative_polarity(r1, r2, t):
    lo, hi = sorted((r1, r2))
    assert capaian(lo, t, "negatif", rules=RULES) >= capaian(hi, t, "negatif", rules=RULES)


@given(_realisasi, _target, _target)
def test_capaian_range_is_100_inside_and_below_100_outside(r, a, b):
    bawah, atas = sorted((a, b))
    c = capaian(r, (bawah, atas), "rentang", rules=RULES)
    if bawah <= r <= atas:
        assert c == 100.0
    else:
        assert c < 100.0 + 1e-9
