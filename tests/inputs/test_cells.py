"""One cell read from text, and a Problem as the analyst reads it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lkjip.errors import Problem
from lkjip.inputs import cells


# --- a problem as printed ------------------------------------------------------------------------
def test_a_problem_in_a_csv_reads_in_indonesian():
    problem = Problem("kanim-contoh/realisasi.csv", 7, "penyebut", "bilangan bulat", "'abc'",
                      "tulis bilangan bulat")
    assert str(problem) == ("kanim-contoh/realisasi.csv, baris 7, kolom 'penyebut': seharusnya "
                            "bilangan bulat; ditemukan: 'abc' (petunjuk: tulis bilangan bulat)")


def test_a_problem_in_a_yaml_file_names_the_key():
    problem = Problem("kanim-contoh/kantor.yaml", 12, "kepala.nip", "kunci 'nip'",
                      "kunci itu tidak ada")
    assert str(problem) == ("kanim-contoh/kantor.yaml, baris 12, kunci 'kepala.nip': seharusnya "
                            "kunci 'nip'; ditemukan: kunci itu tidak ada")


def test_a_problem_in_a_chapter_names_the_cell():
    problem = Problem("notebooks/03_akuntabilitas_kinerja.ipynb", None, "sel 4 (L.tabel())",
                      "bab yang dapat dijalankan", "KeyError: 'x'", "laporkan")
    assert str(problem).startswith("notebooks/03_akuntabilitas_kinerja.ipynb, sel 4 (L.tabel()): "
                                   "seharusnya bab")


def test_a_problem_of_a_whole_file():
    problem = Problem("kanim-contoh/kasus.csv", None, None, "teks UTF-8", "teks UTF-16", "simpan")
    assert str(problem) == ("kanim-contoh/kasus.csv: seharusnya teks UTF-8; ditemukan: teks "
                            "UTF-16 (petunjuk: simpan)")


# --- numbers written another way -----------------------------------------------------------------
@pytest.mark.parametrize(("kind", "text", "hint"), [
    ("number", "1.234,5", "tulis 1234.5: tanpa pemisah ribuan, dengan titik (.) sebagai tanda desimal"),
    ("percent", "92,29", "tulis 92.29"),
    ("money", "27.379.998.000", "tulis 27379998000"),
    ("money", "Rp 1.535.038.000", "tulis 1535038000: angkanya saja, tanpa 'Rp'"),
    ("percent", "90%", "tulis 90: angkanya saja, tanpa '%'"),
    ("number", "1,234,567.5", "tulis 1234567.5"),
    ("count", "1.234", "tulis 1234"),
    ("count", "12.0", "tulis 12"),
    ("count", "12.5", "tulis bilangan bulat"),
    ("count", "banyak", "tulis bilangan bulat tanpa pemisah ribuan"),
    ("count", "99999999999999999999", "periksa angkanya"),
    ("number", "1e999", "periksa angkanya"),
    ("count", "١٢٣", "tulis bilangan bulat"),  # digits of another script are not read as a number
])
def test_badly_written_numbers_come_with_the_fix(kind, text, hint):
    value, error = cells.parse_cell(kind, text)
    assert value is None and error is not None
    assert hint in error.hint
    assert f"'{text}'" in error.found


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("number", "1.234", 1.234),  # a machine number: '.' is the decimal point
    ("percent", "96.62", 96.62),
    ("money", "27379998000", 27379998000),
    ("count", "+7", 7),
    ("nip", "199610242201901001", "199610242201901001"),
    ("digits", "425211", "425211"),
])
def test_machine_numbers_parse(kind, text, value):
    assert cells.parse_cell(kind, text) == (value, None)


@pytest.mark.parametrize(("text", "found", "hint"), [
    ("1.99001E+17", "notasi ilmiah", "format kolom itu sebagai Teks"),
    ("19900110 201503 2 001", "'19900110 201503 2 001'", "tulis 199001102015032001"),
    ("1990011020150320", "(16 angka)", "dokumen sumbernya"),
])
def test_badly_written_nips(text, found, hint):
    value, error = cells.parse_cell("nip", text)
    assert value is None and found in error.found and hint in error.hint


@given(kind=st.sampled_from(sorted(cells.EXPECTED_CELL)), text=st.text(min_size=1, max_size=30))
def test_any_text_parses_or_says_why(kind, text):
    """Never an exception: a value, or what was expected, what was found, and a hint."""
    text = text.strip() or "x"
    value, error = cells.parse_cell(kind, text)
    if error is None:
        assert value is not None
    else:
        assert value is None
        assert error.expected == cells.EXPECTED_CELL[kind]
        assert text in error.found and error.hint


# --- NIP -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("nip", "sex", "finding"), [
    ("198205252001121004", "L", None),
    ("199610242201901001", "L", "TMT '220190' (angka ke-9 s.d. 14, TTTTBB) bukan tahun dan bulan"),
    ("199613242015031001", "L", "tanggal lahir '19961324'"),
    ("200005232010011001", "L", "sebelum usia 17"),
    ("199206242010122001", "L", "tidak cocok dengan jenis_kelamin 'L'"),
    ("199206242010123001", "P", "bukan 1 (L) atau 2 (P)"),
])
def test_impossible_nips(nip, sex, finding):
    findings = cells.nip_findings(nip, sex)
    if finding is None:
        assert findings == []
    else:
        assert any(finding in f for f in findings), findings


def test_cell_messages_are_indonesian():
    english = re.compile(r"\b(the|expected|found|write|number|whole|empty|digits)\b")
    said = [*cells.EXPECTED_CELL.values(), *cells.HINT_CELL.values(), cells.FIX_NUMBER,
            cells.show(None), *cells.nip_findings("199613242215033001", "P")]
    assert not [s for s in said if english.search(s)]
