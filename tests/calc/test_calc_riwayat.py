"""lkjip.calc.riwayat: change against an earlier year."""

import pytest

from lkjip.calc.riwayat import Perubahan, deret_perubahan, perubahan


def test_perubahan():
    p = perubahan(120, 100)
    assert p == Perubahan(20, pytest.approx(20.0))
    assert perubahan(80, 100).persen == pytest.approx(-20.0)


def test_perubahan_from_zero_has_no_percentage():
    assert perubahan(5, 0) == Perubahan(5, None)


def test_perubahan_unknown():
    assert perubahan(None, 100) == Perubahan(None, None)
    assert perubahan(100, None) == Perubahan(None, None)


def test_perubahan_unpacks():
    selisih, persen = perubahan(96.62, 95.00)
    assert selisih == pytest.approx(1.62)
    assert persen == pytest.approx(1.705263, abs=1e-6)


def test_deret_perubahan_year_on_year_without_bridging_gaps():
    hasil = deret_perubahan({2024: 150.0, 2020: 100.0, 2021: 120.0, 2023: 200.0, 2022: None})
    assert sorted(hasil) == [2021, 2022, 2023, 2024]
    assert hasil[2021] == Perubahan(pytest.approx(20.0), pytest.approx(20.0))
    assert hasil[2022] == Perubahan(None, None)
    assert hasil[2023] == Perubahan(None, None)
    assert hasil[2024] == Perubahan(pytest.approx(-50.0), pytest.approx(-25.0))
    assert 2020 not in hasil
    assert deret_perubahan({2020: 1.0, 2022: 2.0}) == {}
