"""lkjip.present.profil, perencanaan, ringkasan and dokumen (the front matter, BAB I, II, IV and
the appendix) on the 2024 data, and on the synthetic office where the data differs.

Real values of the 2024 data: 38 staff (32 L, 6 P), 72 kecamatan in 4 kabupaten, 5 indicators
of which pro yustisia is 0 of 0 (nihil), a PK budget of Rp27.379.998.000. The notebooks
themselves: tests/present/test_notebooks.py; the chapters rendered: test_bab.py.
"""

from __future__ import annotations

import re

import matplotlib
from conftest import _teks
from contoh import FIXTURE

from lkjip.audit.rendered import check_rendered
from lkjip.present import dokumen, kinerja, lainnya, perencanaan, profil, ringkasan, teks
from lkjip.present.laporan import Laporan

matplotlib.use("Agg")


def _cells(row) -> list:
    return list(row["cells"]) if isinstance(row, dict) else list(row)


# ---- registry figures added for these chapters ------------------------------------------------
def test_status_counts(L):
    assert L.fig["ikk.jumlah_tercapai"].value == 4
    assert L.fig["ikk.jumlah_tidak_tercapai"].value == 0
    assert L.fig["ikk.jumlah_nihil"].value == 1


def test_appendix_pk_budget(L):
    assert L.fig["anggaran.pk_lampiran.dukungan_manajemen.jumlah"].value == 11_209_664_000
    assert L.fig["anggaran.pk_lampiran.total"].value == 12_744_702_000
    # the appendix PK was signed before the ABT: with it, it adds up to the BAB II PK
    assert (
        L.fig["anggaran.pk_lampiran.total"].value + L.fig["anggaran.tambahan"].value
        == L.fig["anggaran.program.total"].value
    )


# ---- staff -----------------------------------------------------------------------------------------
def test_staff_by_sex_chart_has_two_bars_32_and_6(L):
    fig = profil.grafik_jenis_kelamin(L)
    bars = fig.axes[0].patches
    assert [b.get_height() for b in bars] == [32, 6]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Laki-laki", "Perempuan"]


def test_staff_by_group_chart(L):
    fig = profil.grafik_kelompok_jabatan(L)
    assert [b.get_width() for b in fig.axes[0].patches] == [1, 4, 9, 10, 14]


def test_staff_breakdown_in_words(L):
    assert [_teks(x) for x in profil.rincian_kelompok_jabatan(L)] == [
        "1 (satu) pejabat eselon III", "4 (empat) pejabat eselon IV", "9 (sembilan) pejabat eselon V",
        "10 (sepuluh) pegawai dalam jabatan fungsional tertentu",
        "14 (empat belas) pegawai dalam jabatan fungsional umum (pelaksana)"]
    # an office without a group leaves it out (the synthetic office has no eselon III)
    contoh = Laporan(2025, "", str(FIXTURE / "data"), str(FIXTURE / "params"))
    assert [_teks(x) for x in profil.rincian_kelompok_jabatan(contoh)] == [
        "1 (satu) pejabat eselon IV", "1 (satu) pejabat eselon V", "1 (satu) pegawai dalam jabatan fungsional tertentu",
        "1 (satu) pegawai dalam jabatan fungsional umum (pelaksana)"]


def test_staff_table_counted_by_pegawai_jumlah(L):
    t = profil.tabel_pegawai(L)
    assert len(t["rows"]) == 38 and t["hitung"] == "pegawai.jumlah"
    assert t["rows"][0][:4] == [1, "Alvian Bayu Indra Yudha", "L", "198205252001121004"]
    html = L.tabel_html(**t)
    counted = [c for c in check_rendered(html, L.fig) if c.name == "jumlah tertulis = jumlah baris"]
    assert counted and all(c.ok for c in counted)


def test_organisation_chart_has_every_unit(L):
    fig = profil.bagan_organisasi(L)
    texts = " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)
    for name in ("Subbagian Tata Usaha", "Urusan Umum", "Subseksi Penindakan Keimigrasian"):
        assert name in texts


# ---- work area -------------------------------------------------------------------------------------
def test_kecamatan_table_total_72(L):
    t = profil.tabel_kecamatan(L)
    body, total = t["rows"][:-1], t["rows"][-1]
    assert [_teks(r[0]) for r in body] == ["Bangkalan", "Sampang", "Pamekasan", "Sumenep"]
    assert [_teks(r[1]) for r in body] == ["18", "14", "13", "27"]
    assert [len(r[2].split(", ")) for r in body] == [18, 14, 13, 27]
    assert total["class"] == "total" and _teks(total["cells"][1]) == "72"


def test_location_table_keeps_printed_coordinates(L):
    t = profil.tabel_letak_wilayah(L)
    assert len(t["rows"]) == 4
    assert t["rows"][3][1].startswith("113°32'54''")


# ---- summary, PK, budget ---------------------------------------------------------------------------
def test_summary_table_has_five_indicator_rows_and_budget(L):
    t = kinerja.tabel_ringkasan(L)  # the Ikhtisar and BAB III show this one table
    ind = [r for r in t["rows"] if r["class"] == "indikator"]
    assert len(ind) == 5
    budget = t["rows"][-1]
    assert budget["class"] == "total"
    assert [(_teks(c), c.colspan) for c in budget["cells"]] == [
        ("Anggaran", 2), ("Pagu DIPA Rp27.379.998.000; realisasi belanja Rp24.147.552.841; penyerapan 88,19%", 4)]


def test_summary_table_nihil_row_never_zero_percent(L):
    t = kinerja.tabel_ringkasan(L)
    first = [_teks(c) for c in t["rows"][0]["cells"]]
    # sasaran, indikator, target, realisasi, capaian, status
    assert first[2:] == ["90,00%", "Nihil", "–", "Nihil"]
    assert not any(re.fullmatch(r"0(,00)?%", x) for x in first)
    assert [_teks(c) for c in t["rows"][2]["cells"]][-4:] == ["90,00%", "91,61%", "101,79%", "Tercapai"]
    assert [_teks(c) for c in t["rows"][4]["cells"]][-4:] == ["3,10 indeks", "3,93 indeks", "126,63%", "Tercapai"]
    assert t["catatan"] == f"Nihil: {L.fig.rules.nihil_kalimat}"


def test_summary_table_renders_and_traces_figures(L):
    html = L.tabel_html(**kinerja.tabel_ringkasan(L))
    assert 'rowspan="2"' in html and 'colspan="2"' in html
    checks = check_rendered(html, L.fig)
    assert checks and all(c.ok for c in checks)


def test_pk_table(L):
    t = perencanaan.tabel_perjanjian_kinerja(L)
    assert len(t["rows"]) == 5
    assert t["rows"][0][0].rowspan == 2 and _teks(t["rows"][0][0]) == "1"
    assert _teks(t["rows"][4][-1]) == "3,10 indeks"


def test_pk_budget_tables(L):
    pk = perencanaan.tabel_anggaran_pk(L)
    assert [_teks(_cells(r)[1]) for r in pk["rows"]] == [
        "Rp1.535.038.000",
        "Rp1.535.038.000",
        "Rp25.844.960.000",
        "Rp25.844.960.000",
        "Rp27.379.998.000",
    ]
    lamp = perencanaan.tabel_anggaran_pk(L, dokumen="pk_lampiran")
    assert _teks(_cells(lamp["rows"][0])[0]) == "Program Pelayanan dan Penegakan Hukum"
    assert _teks(lamp["rows"][-1]["cells"][1]) == "Rp12.744.702.000"


def test_appendix_pk_targets(L):
    t = perencanaan.tabel_pk_lampiran(L)
    assert [_teks(_cells(r)[-1]) for r in t["rows"]] == ["3,30 indeks", "3,14 indeks", "3,14 indeks"]


def test_dipa_tables(L):
    jb = perencanaan.tabel_dipa_jenis_belanja(L)
    assert [_teks(_cells(r)[1]) for r in jb["rows"]] == [
        "Rp2.624.336.000",
        "Rp5.363.625.000",
        "Rp19.392.037.000",
        "Rp27.379.998.000",
    ]
    sd = perencanaan.tabel_dipa_sumber_dana(L)
    assert [_teks(_cells(r)[0]) for r in sd["rows"]] == [
        "Rupiah Murni (RM)",
        "Penerimaan Negara Bukan Pajak (PNBP)",
        "Jumlah",
    ]
    assert _teks(sd["rows"][-1]["cells"][1]) == "Rp27.379.998.000"


# ---- text ------------------------------------------------------------------------------------------
def test_status_in_words(L):
    assert [_teks(x) for x in ringkasan.bagian_status(L)] == [
        "4 (empat) indikator mencapai atau melampaui target",
        "1 (satu) indikator berstatus nihil karena tidak ada kasus yang perlu ditangani"]
    assert ringkasan.kata_perubahan(L, "anggaran.perubahan_persen") == "turun"  # 98,23 % -> 88,19 %
    assert ringkasan.akhir_renstra(L)  # 2024 closes the 2020-2024 period


def test_cover_and_signatures(L):
    cover = dokumen.sampul(L)
    assert "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA" in cover
    assert "TAHUN 2024" in cover and 'class="judul-laporan"' in cover
    assert "2 Januari 2025" in dokumen.kop_surat(L)
    assert "NIP 198205252001121004" in dokumen.tanda_tangan_penanda(L)
    pk = dokumen.tanda_tangan_pk(L)
    assert "5 Januari 2024" in pk and "Imam Bahri, S.H., M.H." in pk
    assert "Januari" not in dokumen.tanda_tangan_pk(L, dengan_tanggal=False)


def test_running_header_keeps_a_long_office_name_short():
    name = "Kantor Imigrasi Kelas II Non TPI Pamekasan"
    assert dokumen.judul_berjalan(name, 2024) == f"LKjIP {name} Tahun 2024"
    long = "Kantor " + "x" * 500
    header = dokumen.judul_berjalan(long, 2024)
    assert header.startswith("LKjIP Kantor xxx") and header.endswith("x… Tahun 2024")
    assert len(header) == len("LKjIP  Tahun 2024") + dokumen.JUDUL_NAMA_MAKS


def test_small_helpers():
    assert teks.gabung(["a"]) == "a"
    assert teks.gabung(["a", "b"]) == "a dan b"
    assert teks.gabung(["a", "b", "c"]) == "a, b, dan c"
    assert teks.daftar(["x", "y"], bernomor=True) == "1. x\n2. y"
    assert profil.tanggal_peristiwa("2018") == "Tahun 2018"
    assert profil.tanggal_peristiwa("2011-06-09") == "9 Juni 2011"
    assert teks.tahun_sebelumnya(2024) == 2023


def test_history_and_legal_basis(L):
    sejarah = profil.sejarah(L)
    assert str(sejarah[0]).startswith("<strong>9 Juni 2011</strong>: Kantor Imigrasi Kelas III Pamekasan dibentuk.")
    hukum = profil.landasan_hukum(L)
    assert len(hukum) == 4 and all(x.endswith(";") for x in hukum[:-1]) and hukum[-1].endswith(".")
    assert lainnya.nama_inovasi(L, "inovasi_kantor") == ["Sakera", "Silopasrah", "Simbol"]
    assert len(lainnya.penghargaan(L)) == 3 and len(lainnya.capaian_tahun_ini(L)) == 2
    # a title without a known year is named without one (no note about the data in the text)
    assert "Predikat Wilayah Birokrasi Bersih dan Melayani (WBBM)" in lainnya.penghargaan(L)


def test_history_escapes_data_text():
    L = Laporan(2025, "", str(FIXTURE / "data"), str(FIXTURE / "params"))
    L.inputs.kantor = {**L.inputs.kantor, "sejarah": [{"tanggal": "2018", "peristiwa": "<b>x</b> & y", "dasar": "<i>"}]}
    assert [str(x) for x in profil.sejarah(L)] == [
        "<strong>Tahun 2018</strong>: &lt;b&gt;x&lt;/b&gt; &amp; y Dasar: &lt;i&gt;."]
