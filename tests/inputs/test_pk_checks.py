"""``lkjip check`` on the Perjanjian Kinerja defined by data: every indicator of the year has its
realisasi in the table its jenis_realisasi names, with known codes, once; each finding names the
file, row and column, in Indonesian, with a hint. The office is the synthetic kanim-contoh."""

from __future__ import annotations

import pytest

RB = ("2024,rb,tata_kelola,3,Persentase Pelaksanaan Rencana Aksi RB,persen,2,positif,100,,100,"
      "rencana_aksi,rencana aksi yang terlaksana,rencana aksi yang ditetapkan,")
TRIWULAN_HEADER = "tahun,indikator,triwulan,no,sasaran,kegiatan,uraian,capaian"
KASUS_HEADER = "tahun,indikator,no,nama,kewarganegaraan,pasal,tahapan"


def with_rb(office) -> None:
    """A 2024 rencana_aksi indicator, its realisasi, and two quarters of its action plan."""
    office.append("indikator.csv", RB)
    office.append("realisasi.csv", "2024,rb,seluruh,10,12")
    office.write("rencana_aksi_triwulan.csv", "\n".join([
        TRIWULAN_HEADER,
        "2024,rb,1,1,Sasaran RB,Kegiatan A,Menyusun rencana aksi,100",
        "2024,rb,1,2,Sasaran RB,Kegiatan A,Menetapkan rencana aksi,100",
        "2024,rb,2,1,Sasaran RB,Kegiatan B,Melaporkan capaian,75",
    ]) + "\n")


# --- valid inputs pass ---------------------------------------------------------------------------
def test_the_synthetic_office_passes(office):
    result = office.check()
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out == "lolos: kanim-contoh 2024: 14 berkas, 43 baris data, 0 peringatan\n"


def test_its_2025_passes_with_what_is_left_to_add(office):
    """2025 has no budget rows yet: warnings that say which part of the report is left out."""
    result = office.check(year=2025)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "lolos: kanim-contoh 2025: 14 berkas, 43 baris data, 2 peringatan"
    result.warning("anggaran_jenis_belanja.csv", None, "tahun", "baris tahun 2025",
                   "DIPA dan realisasi anggaran")
    result.warning("anggaran_indikator.csv", None, "tahun", "baris tahun 2025")


def test_a_rencana_aksi_indicator_with_its_quarters_and_cases_passes(office):
    with_rb(office)
    office.write("kasus.csv", KASUS_HEADER + "\n2024,paspor_tepat_waktu,1,Warga Contoh,Malaysia,"
                 "Pasal 71,Penyidikan\n")
    result = office.check()
    assert result.code == 0, result.err
    assert result.problems == []


def test_history_of_an_indicator_defined_in_another_year_is_accepted(office):
    """A new indicator's trend reaches back before it entered the PK: realisasi and survei rows
    for a code defined only in 2025 are fine in a 2024 check."""
    office.append("realisasi.csv", "2022,layanan,seluruh,1500,1800")
    office.append("survei.csv", "2023,ikm_wilayah,3.2,4,100,")
    for year in (2024, 2025):
        result = office.check(year=year)
        assert result.code == 0, result.err
        assert [p for p in result.problems if "realisasi.csv" in p or "survei.csv" in p] == []


# --- unknown codes -------------------------------------------------------------------------------
def test_unknown_indicator_code_in_realisasi(office):
    row = office.set_cell("realisasi.csv", {"tahun": "2024", "indikator": "kehadiran"},
                          "indikator", "kehadiran_pegawai")
    office.failed().error("realisasi.csv", row, "indikator", "seharusnya kode indikator",
                          "kanim-contoh/indikator.csv (tahun mana pun)",
                          "ditemukan: 'kehadiran_pegawai'", "kode yang ada: ", "kehadiran,")


def test_unknown_indicator_code_in_anggaran_indikator(office):
    row = office.set_cell("anggaran_indikator.csv", {"indikator": "pengaduan_tidak_selesai"},
                          "indikator", "pengaduan")
    office.failed().error("anggaran_indikator.csv", row, "indikator",
                          "kode indikator yang ada di kanim-contoh/indikator.csv tahun 2024",
                          "'pengaduan'", "perbaiki kodenya")


def test_unknown_indicator_code_in_kasus(office):
    office.write("kasus.csv", KASUS_HEADER + "\n2024,pro_yustisia,1,Warga Contoh,Malaysia,,\n")
    office.failed().error("kasus.csv", 2, "indikator", "kode indikator", "'pro_yustisia'")


def test_cases_belong_to_the_year_of_their_indicator(office):
    """Unlike history, the list of cases is part of a year's PK: 'layanan' is a 2025 code."""
    office.write("kasus.csv", KASUS_HEADER + "\n2024,layanan,1,Warga Contoh,Malaysia,,\n")
    office.failed().error("kasus.csv", 2, "indikator", "tahun 2024", "'layanan'")


def test_unknown_sasaran_code(office):
    row = office.set_cell("indikator.csv", {"tahun": "2024", "kode": "kehadiran"}, "sasaran",
                          "tatakelola")
    office.failed().error("indikator.csv", row, "sasaran", "kode sasaran", "'tatakelola'")


# --- the PK's own rows ---------------------------------------------------------------------------
def test_rentang_without_target_atas(office):
    row = office.set_cell("indikator.csv", {"tahun": "2024", "kode": "kehadiran"},
                          "target_atas", "")
    line = office.failed().error("indikator.csv", row, "target_atas",
                                 "seharusnya batas atas (target_atas)",
                                 "polaritas 'rentang' dengan target_atas kosong")
    assert "isi target_atas" in line


def test_target_atas_without_rentang(office):
    row = office.set_cell("indikator.csv", {"tahun": "2024", "kode": "paspor_tepat_waktu"},
                          "target_atas", "99")
    office.failed().error("indikator.csv", row, "target_atas", "target_atas kosong",
                          "polaritas 'positif' dengan target_atas 99", "kosongkan target_atas")


def test_range_upside_down(office):
    row = office.set_cell("indikator.csv", {"tahun": "2024", "kode": "kehadiran"}, "target", "101")
    office.failed().error("indikator.csv", row, "target", "target tidak melebihi target_atas",
                          "target 101 > target_atas 100")


@pytest.mark.parametrize("column", ["pembilang", "penyebut"])
def test_rasio_without_the_words_of_what_it_counts(office, column):
    row = office.set_cell("indikator.csv", {"tahun": "2024", "kode": "pengaduan_tidak_selesai"},
                          column, "")
    result = office.failed()
    result.error("indikator.csv", row, column, f"uraian {column}", "rasio atau rencana_aksi",
                 f"{column} kosong, jenis_realisasi 'rasio'")
    assert len(result.problems) == 1


def test_a_survey_indicator_needs_no_words(office):
    office.set_cell("indikator.csv", {"tahun": "2024", "kode": "ikm"}, "pembilang", "")
    assert office.check().code == 0


def test_unknown_polaritas(office):
    row = office.set_cell("indikator.csv", {"tahun": "2024", "kode": "ikm"}, "polaritas", "naik")
    result = office.failed()
    result.error("indikator.csv", row, "polaritas", "salah satu dari: positif, negatif, rentang",
                 "'naik'")
    assert len(result.problems) == 1, "a bad polaritas says nothing about target_atas"


# --- survei --------------------------------------------------------------------------------------
def test_survey_value_above_its_scale(office):
    row = office.set_cell("survei.csv", {"tahun": "2024", "indikator": "ikm"}, "nilai", "85")
    office.failed().error("survei.csv", row, "nilai", "nilai tidak melebihi skala",
                          "nilai 85 > skala 4", "skala 100 untuk nilai 0-100")


def test_survey_value_below_zero(office):
    row = office.set_cell("survei.csv", {"tahun": "2024", "indikator": "ikm"}, "nilai", "-0.5")
    office.failed().error("survei.csv", row, "nilai", "nilai survei 0 atau lebih", "-0.5")


def test_survey_scale_of_zero(office):
    row = office.set_cell("survei.csv", {"tahun": "2024", "indikator": "ikm"}, "skala", "0")
    office.failed().error("survei.csv", row, "skala", "skala di atas 0", "ditemukan: 0")


def test_survey_row_for_a_ratio_indicator(office):
    row = office.append("survei.csv", "2024,kehadiran,98,100,,")
    office.failed().error("survei.csv", row, "indikator", "dibaca dari survei.csv",
                          "'kehadiran', jenis_realisasi rasio", "realisasi.csv")


# --- the year's realisasi ------------------------------------------------------------------------
def test_realisasi_of_the_report_year_missing(office):
    office.drop("realisasi.csv", {"tahun": "2024", "indikator": "kehadiran"})
    office.failed().error("realisasi.csv", None, "indikator",
                          "realisasi (pembilang, penyebut) indikator 'kehadiran' tahun 2024",
                          "baris 4 di kanim-contoh/indikator.csv", "baris itu tidak ada",
                          "tambahkan baris dengan tahun 2024 dan indikator kehadiran")


def test_survey_of_the_report_year_missing(office):
    office.drop("survei.csv", {"tahun": "2025", "indikator": "kepuasan_internal"})
    office.failed(year=2025).error("survei.csv", None, "indikator",
                                   "nilai survei dan skalanya indikator 'kepuasan_internal' tahun "
                                   "2025")


def test_done_more_than_there_was_to_do(office):
    row = office.set_cell("realisasi.csv", {"tahun": "2024", "indikator": "kehadiran"},
                          "pembilang", "4900")
    office.failed().error("realisasi.csv", row, "pembilang", "pembilang tidak melebihi penyebut",
                          "pembilang 4900 > penyebut 4800")


def test_breakdown_code_not_in_rincian(office):
    row = office.set_cell("realisasi.csv", {"tahun": "2024", "rincian": "elektronik"}, "rincian",
                          "diplomatik")
    office.failed().error("realisasi.csv", row, "rincian",
                          "'seluruh' atau kode rincian paspor_tepat_waktu yang ada di "
                          "kanim-contoh/rincian.csv", "'diplomatik'",
                          "kode yang ada: biasa, elektronik", "tambahkan baris")


def test_total_and_breakdown_both_given(office):
    row = office.append("realisasi.csv", "2024,paspor_tepat_waktu,seluruh,940,1000")
    office.failed().error("realisasi.csv", row, "rincian", "tidak keduanya",
                          f"'seluruh' di baris {row} dan rincian di baris 3, 4",
                          "hapus baris 'seluruh'")


def test_the_same_breakdown_twice(office):
    row = office.append("realisasi.csv", "2024,paspor_tepat_waktu,biasa,1,2")
    office.failed().error("realisasi.csv", row, "tahun, indikator, rincian",
                          "setiap kunci (tahun, indikator, rincian) satu kali",
                          f"di baris 3 dan {row}")


# --- the action plan's quarters ------------------------------------------------------------------
def test_quarter_items_numbered_with_a_gap(office):
    with_rb(office)
    office.set_cell("rencana_aksi_triwulan.csv", {"triwulan": "1", "no": "2"}, "no", "3")
    office.failed().error("rencana_aksi_triwulan.csv", 2, "no",
                          "nomor 1 sampai 2 untuk rb tahun 2024 triwulan 1",
                          "nomor yang tidak ada: 2")


@pytest.mark.parametrize(("column", "value", "expected"), [
    ("triwulan", "5", "triwulan 1 sampai 4"),
    ("capaian", "150", "angka 0 sampai 100"),
], ids=["quarter out of range", "capaian above 100"])
def test_a_quarter_cell_out_of_range(office, column, value, expected):
    with_rb(office)
    row = office.set_cell("rencana_aksi_triwulan.csv", {"triwulan": "2"}, column, value)
    office.failed().error("rencana_aksi_triwulan.csv", row, column, expected, f"ditemukan: {value}")


def test_quarters_of_an_indicator_not_measured_by_action_plan(office):
    office.write("rencana_aksi_triwulan.csv",
                 TRIWULAN_HEADER + "\n2024,kehadiran,1,1,Sasaran,Kegiatan,Uraian,100\n")
    office.failed().error("rencana_aksi_triwulan.csv", 2, "indikator",
                          "jenis_realisasi rencana_aksi", "'kehadiran', jenis_realisasi rasio")


# --- narasi --------------------------------------------------------------------------------------
def test_narasi_keys_not_in_the_years_pk(office):
    """paspor_tepat_waktu is in the 2024 PK, not in 2025's: its narasi in 2025.yaml is an error."""
    office.replace("narasi/2025.yaml", "indikator:\n", "indikator:\n  paspor_tepat_waktu:\n"
                   "    faktor_keberhasilan: []\n    kendala: []\n    solusi: []\n"
                   "    program_pendukung: []\n")
    line = office.line_of("narasi/2025.yaml", "paspor_tepat_waktu:")
    office.failed(year=2025).error("narasi/2025.yaml", line, "indikator.paspor_tepat_waktu",
                                   "kode indikator PK tahun 2025", "'paspor_tepat_waktu'",
                                   "kode tahun ini: ", "ikm_wilayah")


def test_narasi_sasaran_key_not_in_the_years_pk(office):
    office.replace("narasi/2024.yaml", "sasaran: {}", "sasaran:\n  kepuasan:\n"
                   "    mitigasi_risiko: []")
    line = office.line_of("narasi/2024.yaml", "kepuasan:")
    office.failed().error("narasi/2024.yaml", line, "sasaran.kepuasan", "kode sasaran PK tahun 2024")


def test_numbers_in_narasi_are_a_warning(office):
    office.replace("narasi/2024.yaml", "Menambah loket pada musim liburan.",
                   "Menambah 3 loket pada musim liburan.")
    line = office.line_of("narasi/2024.yaml", "Menambah 3 loket")
    result = office.check()
    assert result.code == 0
    result.warning("narasi/2024.yaml", line, "rekomendasi[1]", "butir narasi tanpa angka")


def test_year_without_a_pk(office):
    office.failed(year=2026).error("indikator.csv", None, "tahun", "indikator (PK) tahun 2026",
                                   "tahun yang ada: 2024, 2025")
