"""lkjip.present.kinerja and pk (BAB III part A: the PK's results) on the synthetic office
(tests/fixtures/kantor-contoh), and lkjip.present.anggaran and lainnya (parts B to D) on the
2024 data.

Values of the synthetic office (hand-computed in tests/figures/test_kinerja.py): 2024 paspor
940 of 1.000 = 94 % against 95 (98,95 %), pengaduan 4 % against 5, negatif (120 %), kehadiran
97,92 % in 95-100 (100 %), ikm 3,4 on a 1-4 scale (106,25 %); 2025 layanan 95 % (105,56 %),
pengaduan 5 % (100 %), three survey indices. The 2024 data: DIPA Rp27.379.998.000 spent
Rp24.147.552.841 (88,19 %); PNBP Rp25.286.032.800; IKPA 88,44 (Cukup).
"""

from __future__ import annotations

import re

import matplotlib
import pytest
from conftest import _teks
from contoh import FIXTURE
from contoh import teks as teks_html

from lkjip.audit.rendered import check_rendered
from lkjip.present import anggaran, katalog, kinerja, lainnya, teks
from lkjip.present.laporan import Laporan
from lkjip.present.pk import perjanjian

matplotlib.use("Agg")


def _cells(row) -> list[str]:
    return [_teks(c) for c in (row["cells"] if isinstance(row, dict) else row)]


def _rows(spec) -> list[list[str]]:
    return [_cells(r) for r in spec["rows"]]


def _row_with(spec, text: str) -> list[str]:
    return next(r for r in _rows(spec) if any(text in c for c in r))


@pytest.fixture(scope="module")
def L24() -> Laporan:
    return Laporan(2024, "", str(FIXTURE / "data"), str(FIXTURE / "params"))


@pytest.fixture(scope="module")
def L25() -> Laporan:
    return Laporan(2025, "", str(FIXTURE / "data"), str(FIXTURE / "params"))


def ikk(L, kode: str):
    return next(i for s in perjanjian(L) for i in s.indikator if i.kode == kode)


# ---- the summary of the PK's results -----------------------------------------------------------------
def test_summary_table_of_each_years_pk(L24, L25):
    spec = kinerja.tabel_ringkasan(L24)
    assert spec["kolom"] == ["Sasaran Kegiatan", "Indikator Kinerja Kegiatan", "Target", "Realisasi", "Capaian",
                             "Status"]
    rows = _rows(spec)
    assert rows[0] == ["Meningkatnya Layanan Keimigrasian", "Persentase Permohonan Paspor yang Diselesaikan Tepat Waktu",
                       "95,00%", "94,00%", "98,95%", "Tidak tercapai"]
    assert rows[1] == ["Persentase Pengaduan Layanan yang Tidak Diselesaikan", "5,00%", "4,00%", "120,00%", "Tercapai"]
    assert rows[2][-5:] == ["Persentase Kehadiran Pegawai", "95,00–100,00%", "97,92%", "100,00%", "Tercapai"]
    assert rows[3] == ["Indeks Kepuasan Masyarakat", "3,20 indeks", "3,40 indeks", "106,25%", "Tercapai"]
    # 3.300.000.000 of 3.500.000.000 = 94,29 %
    assert rows[4] == ["Anggaran", "Pagu DIPA Rp3.500.000.000; realisasi belanja Rp3.300.000.000; penyerapan 94,29%"]
    assert spec["rows"][0]["cells"][0].rowspan == 2
    rows = _rows(kinerja.tabel_ringkasan(L25))
    assert len(rows) == 5 and not [r for r in rows if r[0] == "Anggaran"]  # no DIPA for 2025: no budget row
    assert [r[-1] for r in rows] == ["Tercapai"] * 4 + ["Tidak tercapai"]


@pytest.mark.parametrize("year", [2024, 2025])
def test_every_table_of_part_a_renders_and_traces_to_the_registry(L24, L25, year):
    L = L24 if year == 2024 else L25
    specs = [kinerja.tabel_ringkasan(L), kinerja.tabel_pita_ikm(L)]
    for s in perjanjian(L):
        for i in s.indikator:
            specs += [kinerja.tabel_riwayat(L, i), kinerja.tabel_rincian(L, i), kinerja.tabel_kasus(L, i),
                      kinerja.tabel_rencana_aksi(L, i.kode)]
            if i.survei:
                specs.append(kinerja.tabel_survei(L, i))
    html = "\n".join(L.tabel_html(**s) for s in specs if s)
    assert html.count("<table") == len([s for s in specs if s]) >= 8
    assert not re.search(r"\b(nan|None)\b", re.sub(r"<[^>]+>", " ", html))
    failed = [c for c in check_rendered(html, L.fig) if not c.ok]
    assert not failed, failed


def test_katalog_names_every_table_and_chart_a_template_may_show(L25):
    t, g = katalog.Tabel(L25), katalog.Gambar(L25)
    assert t.rincian(ikk(L25, "layanan")).html == ""  # nothing to show: an empty block, no table
    assert "<table" in t.ringkasan(judul="Ringkasan").html and "Ringkasan</caption>" in t.ringkasan(judul="Ringkasan").html
    assert g.rencana_aksi(ikk(L25, "layanan")).html == ""
    with pytest.raises(AttributeError, match="no table named 'rb_triwulan'"):
        t.rb_triwulan()


# ---- what lies behind each realisasi ------------------------------------------------------------------
def test_breakdown_names_come_from_rincian_csv(L24):
    spec = kinerja.tabel_rincian(L24, "paspor_tepat_waktu")
    assert spec["kolom"] == ["No", "Jenis paspor", "Permohonan yang diterima", "Permohonan yang diselesaikan tepat waktu",
                             "Persentase"]
    assert _rows(spec) == [["1", "Paspor biasa", "950", "900", "94,74%"], ["2", "Paspor elektronik", "50", "40", "80,00%"],
                           ["Jumlah", "1.000", "940", "94,00%"]]
    assert kinerja.tabel_rincian(L24, "pengaduan_tidak_selesai") is None  # a total only


def test_breakdown_without_words_for_it_says_jenis(contoh):
    # a breakdown whose PK row leaves `rincian` empty: "jenis", never "nan" (an empty cell is NaN)
    contoh.replace("indikator.csv", "permohonan yang diterima,jenis paspor", "permohonan yang diterima,")
    L = contoh.laporan(2024)
    i = ikk(L, "paspor_tepat_waktu")
    assert i.ada_rincian and i.kata_rincian == "jenis"
    spec = kinerja.tabel_rincian(L, i)
    assert spec["judul"] == "Rincian menurut jenis, tahun 2024" and spec["kolom"][1] == "Jenis"
    assert ikk(L, "ikm").kata_pembilang == ""  # a survey has no counts


def test_cases_one_by_one(contoh):
    contoh.append("kasus.csv", "2024,pengaduan_tidak_selesai,2,Kedua,,,", "2024,pengaduan_tidak_selesai,1,Pertama,WNA,"
                  "Pasal 75,Deportasi")
    L = contoh.laporan(2024)
    assert ikk(L, "pengaduan_tidak_selesai").ada_kasus and not ikk(L, "paspor_tepat_waktu").ada_kasus
    html = L.tabel_html(**kinerja.tabel_kasus(L, "pengaduan_tidak_selesai"))
    rows = [[teks_html(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in re.findall(r"<tr>.*?</tr>", html)]
    assert rows[1:] == [["1", "Pertama", "WNA", "Pasal 75", "Deportasi"], ["2", "Kedua", "–", "–", "–"]]  # empty: "–"
    assert kinerja.tabel_kasus(L, "paspor_tepat_waktu") is None


def test_survey_value_scale_index_band(L25):
    assert _rows(kinerja.tabel_survei(L25, "ikm_wilayah")) == [["3,45", "4", "3,45", "B", "Baik"]]
    assert _rows(kinerja.tabel_survei(L25, "indeks_pengamanan")) == [["82,50", "100", "3,30", "B", "Baik"]]
    pita = kinerja.tabel_pita_ikm(L25)
    assert _rows(pita)[0] == ["88,31 – 100,00", "3,5324 – 4,0000", "A", "Sangat Baik"]
    assert pita["catatan"] == "Sumber: PermenPAN-RB 14/2017 tentang Survei Kepuasan Masyarakat."


def test_history_table_of_a_survey_indicator(L25):
    spec = kinerja.tabel_riwayat(L25, "ikm_wilayah")
    assert spec["kolom"] == ["Tahun", "Nilai survei", "Skala", "Realisasi (indeks)", "Perubahan (poin)", "Capaian"]
    assert _rows(spec) == [["2025", "3,45", "4", "3,45", "–", "104,55%"]]


# ---- an indicator as the templates see it ------------------------------------------------------------------
def test_formulas_written_out(L24, L25):
    assert _teks(ikk(L24, "paspor_tepat_waktu").rumus_capaian) == "Capaian = 94,00% ÷ 95,00% × 100% = 98,95%"
    assert _teks(ikk(L24, "pengaduan_tidak_selesai").rumus_capaian) == \
        "Capaian = (2 × 5,00% − 4,00%) ÷ 5,00% × 100% = 120,00%"
    assert _teks(ikk(L24, "kehadiran").rumus_capaian) == \
        "Realisasi 97,92% berada di dalam rentang target 95,00–100,00%, sehingga capaian = 100,00%"
    # an index keeps four decimals so that the capaian can be recomputed by hand
    assert _teks(ikk(L25, "indeks_pengamanan").rumus_realisasi) == \
        "Realisasi = nilai survei × 4 ÷ skala = 82,50 × 4 ÷ 100 = 3,3000, dibulatkan menjadi 3,30"
    assert _teks(ikk(L25, "indeks_pengamanan").rumus_capaian) == "Capaian = 3,3000 ÷ 3,14 × 100% = 105,10%"
    assert _teks(ikk(L25, "layanan").rumus_realisasi).endswith("= 1.900 ÷ 2.000 × 100% = 95,00%")


def test_the_years_of_an_indicator(L24, L25):
    neg = ikk(L25, "pengaduan_tidak_selesai")  # 7,5 % (2023), 4 % (2024), 5 % (2025)
    assert neg.tahun_riwayat == neg.tahun_terukur == [2023, 2024, 2025]
    assert (neg.tahun_tertinggi, neg.tahun_terendah) == (2023, 2024)
    assert (neg.tahun_lalu, neg.arah, neg.arah_penyebut, neg.tetap) == (2024, "naik", "naik", False)
    assert neg.rentang_riwayat == "2023–2025"
    new = ikk(L25, "ikm_wilayah")  # measured once: no peak, no year before
    assert (new.tahun_terukur, new.puncak, new.tahun_lalu, new.arah) == ([2025], None, None, "tetap")
    assert ikk(L24, "pengaduan_tidak_selesai").tahun_riwayat == [2023, 2024]  # never a later year


def test_the_same_realisasi_every_year(contoh):
    contoh.replace("realisasi.csv", "2023,pengaduan_tidak_selesai,seluruh,3,40", "2023,pengaduan_tidak_selesai,seluruh,4,100")
    i = ikk(contoh.laporan(2024), "pengaduan_tidak_selesai")  # 4 of 100 and 2 of 50: 4 % both years
    assert (i.tetap, i.arah, i.arah_penyebut) == (True, "tetap", "turun")


def test_national_average_in_words(contoh):
    # layanan 105,56 %: above 95, below 200, the same as 105,56 at two decimals
    for rata, kata in (("95", "berada di atas rata-rata nasional"), ("200", "berada di bawah rata-rata nasional"),
                       ("105.56", "sama dengan rata-rata nasional")):
        contoh.write("rata_rata_nasional.csv", f"tahun,indikator,rata_rata,keterangan\n2025,layanan,{rata},\n")
        i = ikk(contoh.laporan(2025), "layanan")
        assert i.ada_rata_rata and i.banding_kata == kata
    assert ikk(contoh.laporan(2025), "ikm_wilayah").banding_kata == "belum dapat dibandingkan dengan rata-rata nasional"


def test_budget_behind_an_indicator(L24, L25):
    paspor = ikk(L24, "paspor_tepat_waktu")  # 140.000.000 of 150.000.000 = 93,33 %
    assert (paspor.anggaran, paspor.terserap_penuh) == ("terserap", False)
    assert ikk(L24, "pengaduan_tidak_selesai").anggaran == "pagu_nol"
    assert ikk(L24, "kehadiran").anggaran == "tidak_ada" and ikk(L25, "layanan").anggaran == "tidak_ada"


def test_narasi_of_an_indicator_defaults_to_empty_lists(L25):
    assert ikk(L25, "layanan").narasi["faktor_keberhasilan"] == ["Antrean daring dipakai oleh sebagian besar pemohon."]
    assert ikk(L25, "ikm_wilayah").narasi == {"faktor_keberhasilan": [], "kendala": [], "solusi": [],
                                             "program_pendukung": []}


# ---- B. budget (2024 data) ---------------------------------------------------------------------------------
def test_budget_by_sasaran_with_total_and_undivided_part(L):
    spec = anggaran.tabel_anggaran_sasaran(L)
    assert _row_with(spec, "Jumlah seluruh sasaran")[1:] == ["Rp26.361.040.000", "Rp25.498.487.763", "96,73%"]
    assert _row_with(spec, "tidak dirinci")[1:] == ["Rp1.018.958.000", "–", "–"]
    assert _row_with(spec, "Pagu DIPA")[1] == "Rp27.379.998.000"
    assert _row_with(spec, "Indeks Kepuasan")[1:] == ["Rp0", "Rp0", "–"]  # pagu 0: no percentage


def test_budget_by_jenis_belanja_every_year(L):
    spec = anggaran.tabel_jenis_belanja(L)
    totals = [_cells(r) for r in spec["rows"] if isinstance(r, dict) and r.get("class") == "total"]
    assert len(totals) == 4
    assert totals[-1] == ["Jumlah", "Rp27.379.998.000", "Rp24.147.552.841", "88,19%"]
    assert totals[0][-1] == "77,84%"
    assert anggaran.jenis_belanja_puncak(L) == ("pegawai", "barang")
    assert anggaran.tahun_anggaran(L) == [2021, 2022, 2023, 2024]


def test_funds_and_abt(L):
    assert [_teks(x) for x in anggaran.rincian_sumber_dana(L)] == [
        "Rupiah Murni (RM) sebesar Rp4.619.707.000", "Penerimaan Negara Bukan Pajak (PNBP) sebesar Rp22.760.291.000"]
    assert anggaran.abt_menambah_pk_awal(L)  # 12.744.702.000 + 14.635.296.000 = 27.379.998.000


def test_pnbp_by_account_and_year(L):
    spec = anggaran.tabel_pnbp(L)
    rows = _rows(spec)
    assert rows[0] == ["425211", "Pendapatan Paspor", "–", "17.734.500.000", "21.128.300.000", "24.499.950.000"]
    assert rows[-1] == ["Jumlah", "741.105", "18.575.633.926", "22.230.176.000", "25.286.032.800"]
    assert anggaran.akun_pnbp_utama(L) == ("425211", "Pendapatan Paspor")  # the largest account of the year


# ---- C. budget performance (2024 data) ------------------------------------------------------------------------
def test_smart_table(L):
    spec = anggaran.tabel_smart(L)
    assert [r[:2] for r in _rows(spec)] == [["2021", "88,50"], ["2022", "99,35"], ["2023", "97,19"]]
    assert spec["catatan"] == ("Bobot penilaian SMART: capaian keluaran 43,5%, penyerapan 28,6%, efisiensi 18,2%, "
                               "dan konsistensi 9,7%. Nilai pada tabel dikutip dari aplikasi SMART.")


def test_ikpa_table(L):
    spec = anggaran.tabel_ikpa(L)
    rows = _rows(spec)
    assert rows[0] == ["Revisi DIPA", "Kualitas Perencanaan Anggaran", "75,00", "10%", "7,50"]
    assert len([r for r in rows if len(r) == 5]) == 7  # the components (no dispensation row)
    assert _row_with(spec, "Nilai akhir") == ["Nilai akhir", "88,44"]
    assert _row_with(spec, "Kategori") == ["Kategori", "Cukup"]
    assert _row_with(spec, "Dispensasi") == ["Dispensasi SPM (pengurang)", "1,00"]
    assert anggaran.aspek_ikpa_terendah(L) == ("perencanaan", "Kualitas Perencanaan Anggaran")
    assert anggaran.komponen_ikpa_di_bawah(L) == ["revisi_dipa", "deviasi_halaman_iii", "penyerapan_anggaran",
                                                  "belanja_kontraktual"]


def test_budget_performance_by_year(L):
    rows = _rows(anggaran.tabel_kinerja_anggaran(L))
    assert rows[0] == ["2021", "88,50", "86,97", "–"]
    assert rows[-1] == ["2024", "–", "88,44", "88,44"]


def test_no_budget_score_tables_for_a_year_without_them(L25):
    assert anggaran.tahun_smart(L25) == [] and anggaran.tahun_ikpa(L25) == [] and anggaran.tahun_pnbp(L25) == []
    assert anggaran.jenis_belanja_puncak(L25) is None


# ---- D. other results (2024 data) ------------------------------------------------------------------------------
def test_other_results(L):
    assert len(lainnya.penghargaan(L)) == 3
    assert [r[0] for r in _rows(lainnya.tabel_capaian_lain(L))] == [
        "Penyerapan Anggaran Belanja Tambahan tepat waktu", "Kontribusi terhadap Rencana Aksi Percepatan PK Wilayah"]
    assert lainnya.nama_inovasi(L, "inovasi_kantor") == ["Sakera", "Silopasrah", "Simbol"]
    assert len(lainnya.tabel_inovasi(L)["rows"]) == 8


def test_nothing_else_recorded(L25):
    assert lainnya.penghargaan(L25) == [] and lainnya.tabel_capaian_lain(L25) is None
    assert lainnya.tabel_inovasi(L25) is None


def test_small_helpers():
    assert teks.gabung(["a", "b", "c"]) == "a, b, dan c"
    assert teks.daftar(["x", "y"], bernomor=True) == "1. x\n2. y"
    assert teks.rentang_tahun([2024, 2020]) == "2020–2024" and teks.rentang_tahun([2024]) == "2024"
    assert teks.tahun_sebelumnya(2024) == 2023
    assert teks.pertama_terakhir([1, 2, 3]) == (1, 3)
