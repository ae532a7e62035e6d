"""Files as spreadsheets and editors save them: a semicolon-separated CSV from Excel in an
Indonesian locale, a BOM, another encoding, broken quoting or YAML. Each gets one clear message
with a hint, never a cascade of column errors and never a traceback."""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lkjip.inputs import yaml_spec
from lkjip.inputs.csv_table import read_csv
from lkjip.inputs.load import load_year
from lkjip.inputs.tables import TABLES
from lkjip.inputs.yaml_file import read_yaml


def excel_indonesian(text: str) -> str:
    """A CSV as Excel in an Indonesian locale saves it: ';' between cells, ',' as decimal mark."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [[cell.replace(".", ",") for cell in row] for row in rows])
    return out.getvalue()


# --- separators ----------------------------------------------------------------------------------
def test_semicolon_csv_gets_one_error_about_the_separator(office):
    office.write("survei.csv", excel_indonesian(office.read("survei.csv")))
    result = office.failed()
    line = result.error("survei.csv", 1, None, "kolom dipisahkan koma (,)",
                        "kolom dipisahkan titik koma (;): 'tahun;indikator;nilai;skala",
                        "CSV UTF-8 (Comma delimited)", "desimal ditulis dengan titik")
    assert [p for p in result.problems if "survei.csv" in p] == ["kesalahan: " + line.split(": ", 1)[1]]
    assert "kolom itu tidak ada" not in result.err


def test_semicolon_csv_with_a_bom_and_crlf(office):
    text = excel_indonesian(office.read("realisasi.csv"))
    office.path("realisasi.csv").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    office.failed().error("realisasi.csv", 1, None, "titik koma (;)")


def test_tab_separated_file(office):
    rows = office.rows("rincian.csv")
    office.write("rincian.csv", "".join("\t".join(r) + "\n" for r in rows))
    office.failed().error("rincian.csv", 1, None, "kolom dipisahkan tab")


def test_one_row_with_semicolons(office):
    row = office.append("survei.csv", "2023;ikm;3,3;4;100;")
    result = office.failed()
    result.error("survei.csv", row, None, "6 sel, seperti baris judul", "ditemukan: 2 sel",
                 "dipisahkan titik koma (;), bukan koma")
    assert len(result.problems) == 1, "the misplaced cells are not reported one by one"


def test_a_decimal_comma_splits_the_row(office):
    row = office.append("survei.csv", "2023,ikm,3,3,4,100,")
    office.failed().error("survei.csv", row, None, "ditemukan: 7 sel", "tanda petik dua",
                          "desimal dengan titik")


# --- encodings -----------------------------------------------------------------------------------
def test_a_bom_just_works(office):
    for name in ("indikator.csv", "kantor.yaml", "narasi/2024.yaml"):
        office.path(name).write_bytes(codecs.BOM_UTF8 + office.path(name).read_bytes())
    result = office.check("--strict")
    assert result.code == 0, result.err
    assert result.problems == []
    inputs = load_year(2024, office.data, office.params)
    assert list(inputs.indikator.columns)[0] == "tahun"
    assert inputs.kantor["nama_singkat"] == "Kanim Contoh"


def test_a_windows_1252_csv(office):
    text = office.read("pegawai.csv").replace("Dewi Anggraini", "Déwi Anggraini")
    office.path("pegawai.csv").write_bytes(text.encode("cp1252"))
    office.failed().error("pegawai.csv", 4, None, "seharusnya teks UTF-8",
                          "bita 0xE9 yang bukan UTF-8 di '3,Déwi Anggraini",
                          "Windows-1252/Latin-1", "CSV UTF-8 (Comma delimited)")


def test_a_latin_1_yaml(office):
    line = office.line_of("kantor.yaml", "alamat:")
    text = office.read("kantor.yaml").replace("Jalan Merdeka", "Jalan Merdéka")
    office.path("kantor.yaml").write_bytes(text.encode("latin-1"))
    office.failed().error("kantor.yaml", line, None, "teks UTF-8", "0xE9", "enkode UTF-8")


def test_many_lines_in_another_encoding_are_counted_not_listed(office):
    rows = "".join(f"Contoh Raya,{n},Kécamatan {n}\n" for n in range(4, 12))
    text = office.read("kecamatan.csv") + rows
    office.path("kecamatan.csv").write_bytes(text.encode("cp1252"))
    result = office.failed()
    assert len([p for p in result.problems if "kecamatan.csv" in p]) == 6
    result.error("kecamatan.csv", None, None, "3 baris lain yang juga bukan UTF-8")


def test_a_utf16_file(office):
    office.path("sasaran.csv").write_bytes(office.read("sasaran.csv").encode("utf-16"))
    office.failed().error("sasaran.csv", None, None, "teks UTF-8", "UTF-16")


# --- empty and broken files ----------------------------------------------------------------------
def test_empty_file(office):
    office.write("kecamatan.csv", "")
    office.failed().error("kecamatan.csv", None, None, "berkas CSV dengan baris judul "
                          "kabupaten,urutan,kecamatan", "berkas kosong (0 bita)")


def test_header_only_of_a_required_table(office):
    office.write("sasaran.csv", office.read("sasaran.csv").splitlines()[0] + "\n")
    office.failed().error("sasaran.csv", None, None, "sedikitnya satu baris data",
                          "hanya baris judul")


def test_unclosed_quote(office):
    """Not silently a cell that swallows the rows after it."""
    rows = office.read("rincian.csv").splitlines()
    rows.insert(2, 'paspor_tepat_waktu,diplomatik,"Paspor diplomatik')
    office.write("rincian.csv", "\n".join(rows) + "\n")
    office.failed().error("rincian.csv", 3, None, "baris CSV yang sah",
                          "tanda petik dua (\") yang tidak ditutup")


def test_text_after_a_closing_quote(office):
    row = office.append("rincian.csv", 'paspor_tepat_waktu,diplomatik,"Paspor" diplomatik')
    office.failed().error("rincian.csv", row, None, "teks setelah tanda petik penutup")


def test_bad_yaml(office):
    office.replace("kantor.yaml", "kota: Kota Contoh", "kota: Kota Contoh\n   - lepas: [butir")
    office.failed().error("kantor.yaml", office.line_of("kantor.yaml", "lepas"), None,
                          "seharusnya YAML yang sah", "periksa indentasi")


def test_a_tab_in_yaml(office):
    office.replace("kantor.yaml", "  nama: Sri Lestari Contoh", "\tnama: Sri Lestari Contoh")
    office.failed().error("kantor.yaml", office.line_of("kantor.yaml", "\tnama"), None,
                          "karakter tab: indentasi harus memakai spasi")


def test_a_yaml_key_twice(office):
    office.replace("kantor.yaml", "kota: Kota Contoh", "kota: Kota Contoh\nkota: Kota Lain")
    office.failed().error("kantor.yaml", office.line_of("kantor.yaml", "Kota Lain"), None,
                          "kunci 'kota' muncul dua kali", "satu kali saja")


# --- properties ----------------------------------------------------------------------------------
ENGLISH = re.compile(r"\b(the|expected|found|write|should|must|number|empty|row|column)\b")
CELL = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=CELL)
@example(text="0\r0")
def test_any_text_in_a_count_cell_is_read_or_named(text):
    """Anything typed into penyebut is either a whole number read as such, or a problem at row 2,
    column 'penyebut', in Indonesian with a hint; never an exception."""
    table = TABLES["realisasi"]
    raw = _csv([table.column_names, ["2024", "layanan", "seluruh", "0", text]])
    result = read_csv(table, Path("realisasi.csv"), "kanim-contoh/realisasi.csv", raw)
    errors = [p for p in result.problems if p.severity == "error"]
    if result.ok:
        assert int(result.value.loc[0, "penyebut"]) == int(text.strip())
    else:
        assert errors and all(p.hint for p in errors)
        # NUL: the file is not text; a bare carriage return, which csv.writer leaves unquoted when
        # lines end in "\n", ends the row in CSV: the problem is then the truncated row
        assert any((p.row, p.column) == (2, "penyebut") for p in errors) or "\x00" in text \
            or ("\r" in text and any("terpotong" in p.hint for p in errors)), errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(TABLES)), data=st.data())
def test_any_table_with_any_cells_gives_problems_not_exceptions(name, data):
    table = TABLES[name]
    rows = data.draw(st.lists(st.lists(CELL, min_size=len(table.columns),
                                       max_size=len(table.columns)), max_size=3))
    result = read_csv(table, Path(table.file), f"kanim-contoh/{table.file}",
                      _csv([table.column_names, *rows]))
    for problem in result.problems:
        assert problem.expected and problem.found and problem.hint, problem
        assert not ENGLISH.search(problem.expected + " " + problem.hint), problem


@settings(max_examples=100, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_yaml_text_gives_problems_not_exceptions(text):
    spec = yaml_spec.YAML_FILES["narasi"][1]
    result = read_yaml(spec, Path("narasi/2024.yaml"), "kanim-contoh/narasi/2024.yaml",
                       text.encode("utf-8"))
    assert result.ok or result.problems
    for problem in result.problems:
        assert problem.expected and problem.found and problem.hint, problem
