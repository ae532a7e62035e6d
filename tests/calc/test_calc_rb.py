"""lkjip.calc.rb: the reform action plan."""

import pytest

from lkjip.calc import CalcError
from lkjip.calc.rb import capaian_triwulan, persen_aksi


def test_capaian_triwulan_is_the_mean():
    assert capaian_triwulan([100, 75, 50, 25]) == pytest.approx(62.5)
    assert capaian_triwulan((100.0, 100.0, 90.0)) == pytest.approx(96.666667, abs=1e-6)


def test_capaian_triwulan_empty():
    assert capaian_triwulan([]) is None


def test_capaian_triwulan_unknown_value_is_an_error():
    with pytest.raises(CalcError, match=r"\[1\]"):
        capaian_triwulan([100, None, 50])


def test_persen_aksi():
    assert persen_aksi(22, 24) == pytest.approx(91.666667, abs=1e-6)
    assert persen_aksi(0, 0) is None
