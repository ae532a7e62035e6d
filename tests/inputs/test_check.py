"""``lkjip check``: every malformed cell, row, key or file gives exit 2 and one line in
Indonesian naming the file, row and column, what was expected, what was found, and a hint.

Each case changes one thing in a copy of the synthetic office (the ``office`` fixture) and runs
the command in-process; one test runs the installed command for real.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lkjip.cli import main


# Each case breaks the office and returns (file, row, column, fragments of the message).
def _missing_required_file(o):
    o.path("indikator.csv").unlink()
    return "indikator.csv", None, None, ["berkas CSV dengan baris judul tahun,kode,sasaran",
                                         "berkas tidak ada", "docs/ARCHITECTURE.md"]


def _missing_column(o):
    o.write_rows("anggaran_jenis_belanja.csv", [r[:-1] for r in o.rows("anggaran_jenis_belanja.csv")])
    return "anggaran_jenis_belanja.csv", 1, "realisasi", ["seharusnya kolom 'realisasi'",
                                                          "kolom itu tidak ada"]


def _misnamed_column(o):
    o.replace("realisasi.csv", "tahun,indikator,rincian,pembilang,penyebut",
              "tahun,indikator,rincian,Pembilang,penyebut")
    return "realisasi.csv", 1, "pembilang", ["ganti nama kolom 'Pembilang' menjadi 'pembilang'"]


def _columns_out_of_order(o):
    o.write_rows("kecamatan.csv", [[r[1], r[0], r[2]] for r in o.rows("kecamatan.csv")])
    return "kecamatan.csv", 1, None, ["urutan kolom kabupaten,urutan,kecamatan",
                                      "ditemukan: urutan,kabupaten,kecamatan"]


def _non_numeric(o):
    row = o.set_cell("realisasi.csv", {"tahun": "2024", "indikator": "kehadiran"}, "penyebut", "abc")
    return "realisasi.csv", row, "penyebut", ["seharusnya bilangan bulat", "ditemukan: 'abc'",
                                             "tanpa pemisah ribuan"]


def _indonesian_decimal(o):
    row = o.set_cell("indikator.csv", {"tahun": "2024", "kode": "ikm"}, "target", "3,2")
    return "indikator.csv", row, "target", ["seharusnya angka", "'3,2'", "tulis 3.2: tanpa "
                                           "pemisah ribuan, dengan titik (.) sebagai tanda desimal"]


def _indonesian_money(o):
    row = o.set_cell("anggaran_jenis_belanja.csv", {"tahun": "2024", "jenis_belanja": "modal"},
                     "pagu", "300.000.000")
    return "anggaran_jenis_belanja.csv", row, "pagu", ["jumlah rupiah berupa bilangan bulat",
                                                       "tulis 300000000"]


def _money_with_rp(o):
    row = o.set_cell("anggaran_indikator.csv", {"indikator": "paspor_tepat_waktu"}, "pagu",
                     "Rp150.000.000")
    return "anggaran_indikator.csv", row, "pagu", ["tulis 150000000", "tanpa 'Rp'"]


def _percent_sign(o):
    row = o.set_cell("indikator.csv", {"tahun": "2024", "kode": "kehadiran"}, "target", "95%")
    return "indikator.csv", row, "target", ["tulis 95", "tanpa '%'"]


def _not_whole(o):
    row = o.set_cell("realisasi.csv", {"tahun": "2024", "indikator": "kehadiran"}, "pembilang",
                     "4700.5")
    return "realisasi.csv", row, "pembilang", ["'4700.5' (bukan bilangan bulat)"]


def _negative_count(o):
    row = o.set_cell("realisasi.csv", {"tahun": "2024", "indikator": "kehadiran"}, "pembilang", "-3")
    return "realisasi.csv", row, "pembilang", ["bilangan 0 atau lebih", "ditemukan: -3",
                                              "tidak bisa negatif"]


def _empty_required_cell(o):
    row = o.set_cell("pegawai.csv", {"no": "3"}, "nama", "")
    return "pegawai.csv", row, "nama", ["isian", "ditemukan: sel kosong", "wajib diisi"]


def _implausible_year(o):
    row = o.set_cell("realisasi.csv", {"tahun": "2023", "indikator": "paspor_tepat_waktu"},
                     "tahun", "1923")
    return "realisasi.csv", row, "tahun", ["tahun antara 2000 dan 2100", "ditemukan: 1923"]


def _bad_code(o):
    row = o.set_cell("rincian.csv", {"kode": "biasa"}, "kode", "Paspor Biasa")
    return "rincian.csv", row, "kode", ["kode huruf kecil", "'Paspor Biasa'", "garis bawah"]


def _unknown_satuan(o):
    row = o.set_cell("indikator.csv", {"tahun": "2025", "kode": "layanan"}, "satuan", "%")
    return "indikator.csv", row, "satuan", ["salah satu dari: persen, indeks", "'%'"]


def _too_many_decimals(o):
    row = o.set_cell("indikator.csv", {"tahun": "2025", "kode": "layanan"}, "desimal", "6")
    return "indikator.csv", row, "desimal", ["0 sampai 4 angka desimal", "ditemukan: 6"]


def _duplicated_key(o):
    row = o.append("pegawai.csv", "5,Agus Pratama Contoh,L,198507202010011003,Pengadministrasi,jfu")
    return "pegawai.csv", row, "nip", [f"baris 3 dan {row}", "satu baris untuk setiap kunci"]


def _nip_17_digits(o):
    row = o.set_cell("pegawai.csv", {"no": "4"}, "nip", "19920405201801100")
    return "pegawai.csv", row, "nip", ["NIP tepat 18 angka", "'19920405201801100' (17 angka)"]


def _nip_scientific(o):
    row = o.set_cell("pegawai.csv", {"no": "3"}, "nip", "1.99001E+17")
    return "pegawai.csv", row, "nip", ["notasi ilmiah", "format kolom itu sebagai Teks"]


def _unknown_jenis_kelamin(o):
    row = o.set_cell("pegawai.csv", {"no": "2"}, "jenis_kelamin", "W")
    return "pegawai.csv", row, "jenis_kelamin", ["salah satu dari: L, P", "'W'"]


def _empty_row(o):
    o.replace("kecamatan.csv", "Contoh Raya,2,Pesisir\n", "Contoh Raya,2,Pesisir\n,,\n")
    return "kecamatan.csv", 4, None, ["seharusnya baris data", "baris kosong", "hapus"]


def _extra_cell(o):
    o.replace("kecamatan.csv", "Contoh Raya,2,Pesisir", "Contoh Raya,2,Pesisir,Utara")
    return "kecamatan.csv", 3, None, ["3 sel, seperti baris judul", "ditemukan: 4 sel",
                                      "tanda petik dua"]


def _unknown_kabupaten(o):
    row = o.set_cell("kecamatan.csv", {"kecamatan": "Gunung"}, "kabupaten", "Contoh Jaya")
    return "kecamatan.csv", row, "kabupaten", ["kabupaten yang ada di kanim-contoh/kabupaten.csv",
                                              "'Contoh Jaya'", "kabupaten yang ada: Contoh Raya"]


def _sources_not_adding_up(o):
    o.write("anggaran_sumber_dana.csv", "tahun,sumber_dana,pagu\n2024,rm,3000000000\n")
    return "anggaran_sumber_dana.csv", 2, "pagu", ["sama dengan jumlah pagu per jenis belanja",
                                                   "3500000000", "rm 3000000000 = 3000000000"]


def _missing_yaml_key(o):
    o.replace("kantor.yaml", '  nip: "198003152005012002"\n', "")
    return "kantor.yaml", o.line_of("kantor.yaml", "kepala:"), "kepala.nip", [
        "seharusnya kunci 'nip'", "kunci itu tidak ada", "tambahkan 'nip:' di bawah 'kepala'"]


def _nip_unquoted_in_yaml(o):
    o.replace("kantor.yaml", '  nip: "198003152005012002"', "  nip: 1.98e+17")
    return "kantor.yaml", o.line_of("kantor.yaml", "1.98e+17"), "kepala.nip", [
        "NIP tepat 18 angka di antara tanda petik", "ditemukan: 198000000000000000",
        'mis. nip: "198003152005012002"']


def _yaml_list_as_text(o):
    o.replace("narasi/2024.yaml", "rekomendasi:\n  - Menambah loket pada musim liburan.",
              "rekomendasi: Menambah loket pada musim liburan.")
    return "narasi/2024.yaml", o.line_of("narasi/2024.yaml", "rekomendasi:"), "rekomendasi", [
        "daftar (butir diawali '- ')", "'Menambah loket", "[] untuk daftar kosong"]


def _yaml_empty_list(o):
    o.replace("narasi/2024.yaml", "strategi_anggaran: []", "strategi_anggaran:")
    return "narasi/2024.yaml", o.line_of("narasi/2024.yaml", "strategi_anggaran:"), \
        "strategi_anggaran", ["ditemukan: nilai kosong", "[] untuk daftar kosong"]


def _missing_narasi(o):
    o.path("narasi/2024.yaml").unlink()
    return "narasi/2024.yaml", None, None, ["berkas YAML", "berkas tidak ada"]


def _missing_params(o):
    (o.params / "2024.yaml").unlink()
    return "params/2024.yaml", None, None, ["berkas parameter tahun 2024", "berkas tidak ada"]


def _params_key_missing(o):
    path = o.params / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("nomor_laporan:", "nomor:"),
                    encoding="utf-8")
    return "params/2024.yaml", None, "nomor_laporan", ["kunci 'nomor_laporan'", "kunci itu tidak ada"]


def _params_of_another_year(o):
    path = o.params / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", "year: 2023"),
                    encoding="utf-8")
    return "params/2024.yaml", 1, "year", ["seharusnya year: 2024", "year: 2023",
                                           "nama berkas dan isian 'year' harus sama"]


def _published_unknown_code(o):
    o.write("published/2024.csv", "figure,published,value,unit,where,label,line,note\n"
            "ikk.tidak_ada.realisasi,\"92,29 %\",92.29,persen,BAB III,Realisasi,700,\n")
    return "published/2024.csv", 2, "figure", ["kode indikator tahun 2024",
                                               "kode 'tidak_ada' tidak dikenal"]


CASES: dict[str, Callable] = {
    "missing required file": _missing_required_file,
    "missing column": _missing_column,
    "misnamed column": _misnamed_column,
    "columns out of order": _columns_out_of_order,
    "non-numeric cell": _non_numeric,
    "decimal comma": _indonesian_decimal,
    "thousands dots": _indonesian_money,
    "money with Rp": _money_with_rp,
    "percent sign": _percent_sign,
    "not a whole number": _not_whole,
    "negative count": _negative_count,
    "empty required cell": _empty_required_cell,
    "implausible year": _implausible_year,
    "bad code": _bad_code,
    "unknown satuan": _unknown_satuan,
    "too many decimals": _too_many_decimals,
    "duplicated key": _duplicated_key,
    "NIP of 17 digits": _nip_17_digits,
    "NIP in scientific notation": _nip_scientific,
    "unknown jenis_kelamin": _unknown_jenis_kelamin,
    "empty row": _empty_row,
    "row with an extra cell": _extra_cell,
    "unknown kabupaten": _unknown_kabupaten,
    "budget sources not adding up": _sources_not_adding_up,
    "missing YAML key": _missing_yaml_key,
    "NIP unquoted in YAML": _nip_unquoted_in_yaml,
    "YAML text for a list": _yaml_list_as_text,
    "YAML empty value for a list": _yaml_empty_list,
    "missing narasi": _missing_narasi,
    "missing params": _missing_params,
    "params key missing": _params_key_missing,
    "params of another year": _params_of_another_year,
    "published id with an unknown code": _published_unknown_code,
}


@pytest.mark.parametrize("edit", CASES.values(), ids=CASES.keys())
def test_malformed_input_exits_2_naming_file_row_and_column(office, edit):
    file, row, column, fragments = edit(office)
    office.failed().error(file, row, column, *fragments)


def test_every_problem_of_every_file_is_listed(office):
    _non_numeric(office)
    _unknown_jenis_kelamin(office)
    _missing_narasi(office)
    _sources_not_adding_up(office)
    result = office.failed()
    for file in ("realisasi.csv", "pegawai.csv", "narasi/2024.yaml", "anggaran_sumber_dana.csv"):
        assert any(p.startswith(f"kesalahan: kanim-contoh/{file}") for p in result.problems), file
    assert result.err.splitlines()[-1] == "gagal: kanim-contoh 2024: 4 kesalahan, 0 peringatan"


def test_missing_data_folder(office, tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = main(["check", "--year", "2024", "--data", str(elsewhere), "--params", str(office.params)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("kesalahan: kanim-contoh: seharusnya folder data kantor 'kanim-contoh'; "
                          "ditemukan: folder itu tidak ada (petunjuk: periksa --data")


# --- optional parts ------------------------------------------------------------------------------
def test_optional_tables_and_yaml_keys_may_be_absent(office):
    """No rincian.csv needs no breakdown; no landasan_hukum or inovasi.yaml is fine too."""
    office.drop("realisasi.csv", {"rincian": "biasa"})
    office.drop("realisasi.csv", {"rincian": "elektronik"})
    office.append("realisasi.csv", "2024,paspor_tepat_waktu,seluruh,940,1000")
    office.path("rincian.csv").unlink()
    text = office.read("kantor.yaml")
    office.write("kantor.yaml", text[:text.index("landasan_hukum:")])
    result = office.check("--strict")
    assert result.code == 0, result.err
    assert result.out.startswith("lolos: kanim-contoh 2024: 13 berkas, ")


# --- warnings ------------------------------------------------------------------------------------
def _impossible_nip(o):
    row = o.set_cell("pegawai.csv", {"no": "4"}, "nip", "199204052218011002")
    return "pegawai.csv", row, "nip", ["'199204052218011002': TMT '221801'",
                                       "bukan tahun dan bulan yang sah", "dokumen sumbernya"]


def _nip_sex_digit(o):
    row = o.set_cell("pegawai.csv", {"no": "2"}, "jenis_kelamin", "P")
    return "pegawai.csv", row, "nip", ["angka jenis kelamin (ke-15) '1' tidak cocok dengan "
                                       "jenis_kelamin 'P'"]


def _stated_count(o):
    row = o.set_cell("kabupaten.csv", {"kabupaten": "Contoh Raya"}, "jumlah_kecamatan_tertulis", "4")
    return "kabupaten.csv", row, "jumlah_kecamatan_tertulis", [
        "banyaknya kecamatan di kanim-contoh/kecamatan.csv: 3", "ditemukan: 4"]


def _realisasi_above_pagu(o):
    row = o.set_cell("anggaran_jenis_belanja.csv", {"tahun": "2023", "jenis_belanja": "barang"},
                     "realisasi", "1000000001")
    return "anggaran_jenis_belanja.csv", row, "realisasi", ["realisasi tidak melebihi pagu",
                                                            "realisasi 1000000001"]


def _extra_column(o):
    o.write_rows("kecamatan.csv", [r + (["catatan"] if i == 0 else ["x"])
                                   for i, r in enumerate(o.rows("kecamatan.csv"))])
    return "kecamatan.csv", 1, "catatan", ["kolom lain 'catatan'", "kolom itu diabaikan"]


WARNINGS = {"impossible NIP": _impossible_nip, "NIP sex digit": _nip_sex_digit,
            "stated vs listed count": _stated_count, "realisasi above pagu": _realisasi_above_pagu,
            "extra column": _extra_column}


@pytest.mark.parametrize("edit", WARNINGS.values(), ids=WARNINGS.keys())
def test_warnings_pass_unless_strict(office, edit):
    file, row, column, fragments = edit(office)
    result = office.check()
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].endswith(": 1 peringatan") or "peringatan" in result.out
    result.warning(file, row, column, *fragments)
    strict = office.failed("--strict")
    strict.warning(file, row, column, *fragments)
    assert strict.err.splitlines()[-1].endswith(
        "(--strict: peringatan dihitung sebagai kesalahan)")


# --- the installed command -----------------------------------------------------------------------
def test_real_command(office):
    lkjip = Path(sys.executable).with_name("lkjip")
    args = [str(lkjip), "check", "--year", "2024", "--data", str(office.data), "--params",
            str(office.params)]
    ok = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == "lolos: kanim-contoh 2024: 14 berkas, 43 baris data, 0 peringatan\n"

    _non_numeric(office)
    bad = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stdout + bad.stderr
    assert bad.stderr.splitlines() == [
        "kesalahan: kanim-contoh/realisasi.csv, baris 7, kolom 'penyebut': seharusnya bilangan "
        "bulat; ditemukan: 'abc' (petunjuk: tulis bilangan bulat tanpa pemisah ribuan, mis. 1234)",
        "gagal: kanim-contoh 2024: 1 kesalahan, 0 peringatan",
    ]


# --- lkjip tahun-baru speaks like the check ------------------------------------------------------
def test_tahun_baru_without_an_office_says_so(office, capsys):
    (office.params / "defaults.yaml").write_text("default_year: 2024\n", encoding="utf-8")
    code = main(["tahun-baru", "--year", "2026", "--data", str(office.data),
                 "--params", str(office.params)])
    out = capsys.readouterr().out
    assert code == 2
    assert out.startswith("kesalahan: ")
    assert out.rstrip().endswith("defaults.yaml, kunci 'office': seharusnya kode kantor, mis. "
                                 "'office: kanim-pamekasan'; ditemukan: kunci itu tidak ada "
                                 "(petunjuk: tambahkan ke params/defaults.yaml)")
