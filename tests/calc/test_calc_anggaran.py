"""lkjip.calc.anggaran: absorption, remainders, and tables whose totals add up."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.calc import CalcError
from lkjip.calc.anggaran import Baris, perubahan_poin, ringkas, serapan, sisa


def test_serapan():
    assert serapan(27_379_998_000, 26_454_705_543) == pytest.approx(96.620553, abs=1e-6)
    assert serapan(0, 0) is None
    assert serapan(None, 5) is None


def test_serapan_negative_pagu():
    with pytest.raises(CalcError, match="pagu"):
        serapan(-1, 0)


def test_sisa_keeps_whole_rupiah():
    assert sisa(27_379_998_000, 26_454_705_543) == 925_292_457
    assert isinstance(sisa(10, 4), int)
    assert sisa(None, 4) is None


def test_perubahan_poin():
    assert perubahan_poin(96.62, 95.00) == pytest.approx(1.62)
    assert perubahan_poin(None, 95.0) is None


def test_ringkas():
    r = ringkas([
        ("pegawai", 10_000_000, 9_500_000),
        ("barang", 5_000_000, 4_000_000),
        ("modal", 1_000_000, 1_000_000),
    ])
    assert r.baris[0] == Baris("pegawai", 10_000_000, 9_500_000, pytest.approx(95.0), 500_000)
    assert r.baris[1].persen == pytest.approx(80.0)
    assert r.total_pagu == 16_000_000
    assert r.total_realisasi == 14_500_000
    assert r.total_persen == pytest.approx(90.625)
    assert r.total_sisa == 1_500_000


def test_ringkas_unknown_row_makes_total_unknown():
    r = ringkas([("a", 100, 50), ("b", 100, None)])
    assert r.total_pagu == 200
    assert r.total_realisasi is None and r.total_persen is None
    assert r.baris[1].persen is None


def test_ringkas_empty():
    r = ringkas([])
    assert (r.baris, r.total_pagu, r.total_realisasi, r.total_persen) == ([], 0, 0, None)


_uang = st.integers(min_value=0, max_value=10**13)


@given(st.lists(st.tuples(st.text(max_size=5), _uang, _uang), max_size=12))
def test_ringkas_totals_are_the_sums_of_their_rows(rows):
    r = ringkas(rows)
    assert r.total_pagu == sum(p for _, p, _ in rows)
    assert r.total_realisasi == sum(x for _, _, x in rows)
    assert r.total_sisa == r.total_pagu - r.total_realisasi
    assert [b.nama for b in r.baris] == [n for n, _, _ in rows]


@given(st.integers(min_value=1, max_value=10**13), st.data())
def test_serapan_within_0_and_100_when_realisasi_within_pagu(pagu, data):
    realisasi = data.draw(st.integers(min_value=0, max_value=pagu))
    assert 0 <= serapan(pagu, realisasi) <= 100
