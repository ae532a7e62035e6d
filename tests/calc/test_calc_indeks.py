"""lkjip.calc.indeks: the 1-4 index and the IKM bands."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.calc import CalcError
from lkjip.calc.indeks import Mutu, indeks_dari_skor, mutu_ikm
from lkjip.calc.rules import load_rules

RULES = load_rules(2024)


def test_indeks_dari_skor():
    assert indeks_dari_skor(98.25) == pytest.approx(3.93)
    assert indeks_dari_skor(88.31) == pytest.approx(3.5324)
    assert indeks_dari_skor(100) == 4.0
    assert indeks_dari_skor(None) is None


@pytest.mark.parametrize("skor", [-1, 100.5])
def test_indeks_dari_skor_outside_scale(skor):
    with pytest.raises(CalcError):
        indeks_dari_skor(skor)


def test_indeks_dari_skor_divisor():
    with pytest.raises(CalcError):
        indeks_dari_skor(50, 0)


@pytest.mark.parametrize("skor, grade", [
    (100.0, "A"), (88.31, "A"),
    (88.305, "B"),  # inside the printed gap 88.30 | 88.31: below A's bound, so B
    (88.30, "B"), (76.61, "B"),
    (76.605, "C"), (76.60, "C"), (65.00, "C"),
    (64.995, "D"), (64.99, "D"), (25.00, "D"),
])
def test_mutu_ikm_band_boundaries(skor, grade):
    assert mutu_ikm(skor, rules=RULES).grade == grade


def test_mutu_ikm_values():
    assert mutu_ikm(98.25, rules=RULES) == Mutu("A", "Sangat Baik", pytest.approx(3.93))
    assert mutu_ikm(80.0, rules=RULES) == Mutu("B", "Baik", pytest.approx(3.2))
    assert mutu_ikm(70.0, rules=RULES).label == "Kurang Baik"
    assert mutu_ikm(50.0, rules=RULES).label == "Tidak Baik"
    assert mutu_ikm(None, rules=RULES) is None


@pytest.mark.parametrize("skor", [24.99, 100.01])
def test_mutu_ikm_outside_bands(skor):
    with pytest.raises(CalcError, match="skor IKM"):
        mutu_ikm(skor, rules=RULES)


_skor = st.floats(min_value=25, max_value=100, allow_nan=False)


@given(_skor, _skor)
def test_mutu_ikm_grade_never_falls_as_score_rises(a, b):
    lo, hi = sorted((a, b))
    assert mutu_ikm(hi, rules=RULES).grade <= mutu_ikm(lo, rules=RULES).grade  # "A" < "B"
