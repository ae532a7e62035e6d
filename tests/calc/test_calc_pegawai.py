"""lkjip.calc.pegawai: staff counts."""

import pytest

from lkjip.calc import CalcError
from lkjip.calc.pegawai import KELOMPOK_JABATAN, hitung_pegawai

ROWS = [
    {"nip": "1", "jenis_kelamin": "L", "kelompok_jabatan": "eselon_iii"},
    {"nip": "2", "jenis_kelamin": "P", "kelompok_jabatan": "jft"},
    {"nip": "3", "jenis_kelamin": "L", "kelompok_jabatan": "jft"},
    {"nip": "4", "jenis_kelamin": "p ", "kelompok_jabatan": "jfu"},
]


def test_hitung_pegawai():
    h = hitung_pegawai(ROWS)
    assert (h["jumlah"], h["laki_laki"], h["perempuan"]) == (4, 2, 2)
    assert h["jenis_kelamin"] == {"L": 2, "P": 2}
    assert h["kelompok_jabatan"] == {
        "eselon_iii": 1, "eselon_iv": 0, "eselon_v": 0, "jft": 2, "jfu": 1}
    assert list(h["kelompok_jabatan"]) == list(KELOMPOK_JABATAN)


def test_hitung_pegawai_empty():
    assert hitung_pegawai([])["jumlah"] == 0


def test_hitung_pegawai_dataframe():
    pd = pytest.importorskip("pandas")
    assert hitung_pegawai(pd.DataFrame(ROWS))["perempuan"] == 2


@pytest.mark.parametrize("row, kolom", [
    ({"nip": "9", "jenis_kelamin": "X", "kelompok_jabatan": "jft"}, "jenis_kelamin"),
    ({"nip": "9", "jenis_kelamin": "L", "kelompok_jabatan": "eselon_ii"}, "kelompok_jabatan"),
])
def test_hitung_pegawai_refuses_unknown_codes(row, kolom):
    with pytest.raises(CalcError, match=kolom):
        hitung_pegawai([*ROWS, row])
