"""lkjip.fmt: Indonesian number, money and date formatting, half-up."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.present import fmt
from lkjip.present.fmt import FormatError


@pytest.mark.parametrize("x, digits, expected", [
    (96.625, 2, 96.63), (0.125, 2, 0.13), (2.5, 0, 3.0), (-2.5, 0, -3.0),
    (88.4435, 2, 88.44), (1.005, 2, 1.01), (0.145 * 100, 0, 15.0),
])
def test_round_half_up(x, digits, expected):
    assert fmt.round_half_up(x, digits) == expected


def test_round_half_up_none():
    assert fmt.round_half_up(None, 2) is None


@pytest.mark.parametrize("x, digits, expected", [
    (1234567, 0, "1.234.567"),
    (1234.567, 2, "1.234,57"),
    (0.125, 2, "0,13"),           # half-up, where Babel alone gives 0,12
    (2.5, 0, "3"),
    (1234567.891, 2, "1.234.567,89"),
    (-1234.5, 0, "-1.235"),
    (-0.001, 2, "0,00"),          # no negative zero
    (Decimal("2.345"), 2, "2,35"),
    (12345678901234567, 0, "12.345.678.901.234.567"),
])
def test_angka(x, digits, expected):
    assert fmt.angka(x, digits) == expected


@pytest.mark.parametrize("x, expected", [
    (96.62, "96,62%"), (96.625, "96,63%"), (100, "100,00%"), (91.60053900284474, "91,60%"),
])
def test_persen(x, expected):
    assert fmt.persen(x) == expected


def test_persen_digits():
    assert fmt.persen(96.625, 1) == "96,6%"
    assert fmt.persen(96.65, 1) == "96,7%"


def test_rupiah():
    assert fmt.rupiah(27_379_998_000) == "Rp27.379.998.000"
    assert fmt.rupiah(27_379_998_000.0) == "Rp27.379.998.000"
    assert fmt.rupiah(1234.5) == "Rp1.234,50"
    assert fmt.rupiah(-5000) == "-Rp5.000"
    assert fmt.rupiah(0) == "Rp0"


def test_indeks_and_nilai():
    assert fmt.indeks(98.25 / 25) == "3,93"
    assert fmt.indeks(3.5324) == "3,53"
    assert fmt.nilai(88.4435) == "88,44"
    assert fmt.nilai(89.4435) == "89,44"
    assert fmt.nilai(0.145 * 100, 0) == "15"


def test_tanggal():
    assert fmt.tanggal(dt.date(2024, 12, 31)) == "31 Desember 2024"
    assert fmt.tanggal("2025-01-05") == "5 Januari 2025"
    assert fmt.tanggal(dt.datetime(2024, 8, 17, 10, 0)) == "17 Agustus 2024"
    with pytest.raises(FormatError, match="ISO"):
        fmt.tanggal("31/12/2024")


@pytest.mark.parametrize("fungsi", [
    fmt.angka, fmt.persen, fmt.rupiah, fmt.indeks, fmt.nilai, fmt.tanggal, fmt.angka_terbilang,
])
@pytest.mark.parametrize("x", [None, float("nan")])
def test_unknown_prints_the_placeholder(fungsi, x):
    assert fungsi(x) == "–"
    assert fungsi(x, kosong="nihil") == "nihil"


def test_pandas_missing_values_print_the_placeholder():
    pd = pytest.importorskip("pandas")
    assert fmt.persen(pd.NA) == "–"
    assert fmt.angka(pd.Series([1.0, None])[1]) == "–"


def test_infinity_is_an_error():
    with pytest.raises(FormatError):
        fmt.persen(float("inf"))


@pytest.mark.parametrize("n, words", [
    (0, "nol"), (1, "satu"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (38, "tiga puluh delapan"),
    (100, "seratus"), (101, "seratus satu"), (111, "seratus sebelas"),
    (215, "dua ratus lima belas"), (1000, "seribu"), (1001, "seribu satu"),
    (1100, "seribu seratus"), (2000, "dua ribu"), (11000, "sebelas ribu"),
    (100000, "seratus ribu"), (1_000_000, "satu juta"), (1_001_000, "satu juta seribu"),
    (1_234_567, "satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh"),
    (2_000_000_000, "dua miliar"),
    (27_379_998_000, "dua puluh tujuh miliar tiga ratus tujuh puluh sembilan juta "
                     "sembilan ratus sembilan puluh delapan ribu"),
    (1_000_000_000_000, "satu triliun"), (-5, "minus lima"), (38.0, "tiga puluh delapan"),
])
def test_terbilang(n, words):
    assert fmt.terbilang(n) == words


@pytest.mark.parametrize("n", [1.5, "38", None, 10**15, True])
def test_terbilang_refuses(n):
    with pytest.raises(FormatError):
        fmt.terbilang(n)


def test_angka_terbilang():
    assert fmt.angka_terbilang(38) == "38 (tiga puluh delapan)"
    assert fmt.angka_terbilang(1250) == "1.250 (seribu dua ratus lima puluh)"


@given(st.integers(min_value=-10**6, max_value=10**6), st.integers(min_value=0, max_value=3))
def test_half_up_matches_decimal_arithmetic(scaled, digits):
    # A decimal with digits+1 places, e.g. 96.625: formatted to `digits` places, half-up.
    teks = str(Decimal(scaled).scaleb(-(digits + 1)))
    expected = Decimal(teks).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if expected.is_zero():
        expected = abs(expected)
    assert fmt.angka(float(teks), digits) == fmt.angka(expected, digits)
    assert fmt.round_half_up(float(teks), digits) == float(expected)


@given(st.integers(min_value=1, max_value=10**15 - 1))
def test_terbilang_has_no_unspoken_forms(n):
    words = fmt.terbilang(n)
    # 100, 10, 11 and a leading 1000 contract (seratus, sepuluh, sebelas, seribu); zero is silent
    for wrong in ("satu ratus", "satu puluh", "satu belas", "nol", "  "):
        assert wrong not in words
    assert not words.startswith("satu ribu")
    assert words == words.strip()


@given(st.floats(allow_nan=True, allow_infinity=False, width=64))
def test_never_prints_nan_or_none(x):
    for teks in (fmt.angka(x, 2), fmt.persen(x), fmt.nilai(x), fmt.indeks(x)):
        assert "nan" not in teks.lower() and "None" not in teks
