"""The chapters follow the data: rendered through Laporan (the notebooks' own template cells) for
the synthetic office (tests/fixtures/kantor-contoh), as it is and with parts of its data removed
or added. What a year lacks is left out or said in one sentence, never a traceback; BAB III has
one section per indicator of the year's PK.

A chapter costs about a second to render, so each changed office is rendered once (a module
fixture) and several tests read it.
"""

from __future__ import annotations

import csv
import re

import pytest
from contoh import FIXTURE, bab, judul, salin, teks

from lkjip.audit.rendered import check_rendered

B3 = "03_akuntabilitas_kinerja"
CHAPTERS = ["00_pembuka", "01_pendahuluan", "02_perencanaan_kinerja", B3, "04_penutup", "05_lampiran",
            "06_rekonsiliasi"]
NAMA_KANTOR = "Kantor Imigrasi Kelas III Non TPI Contoh"


def pk(year: int) -> list[dict[str, str]]:
    """The indicators of a year's PK as the fixture's indikator.csv lists them."""
    with (FIXTURE / "data" / "kanim-contoh" / "indikator.csv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["tahun"] == str(year)]


def potong(html: str, heading: str) -> str:
    """The HTML under the first heading that starts with ``heading``, up to the next heading of
    the same or a higher level."""
    m = re.search(rf"<h([1-6])>{re.escape(heading)}.*?</h\1>", html, re.S)
    assert m, f"no heading {heading!r}"
    n = re.compile(rf"<h[1-{m.group(1)}]>").search(html, m.end())
    return html[m.end():n.start() if n else len(html)]


def bagian(html: str, heading: str) -> str:
    """The text of :func:`potong`."""
    return teks(potong(html, heading))


def sub(html: str, indikator: str, huruf: str) -> str:
    """Analysis ``huruf`` ("d.") of the indicator numbered ``indikator`` ("1.2") in BAB III."""
    return bagian(html.split(f"<h4>{indikator} ", 1)[1], f"{huruf} ")


def tabel(html: str, caption: str) -> list[list[str]]:
    """The cells of the table whose caption reads ``caption``, row by row."""
    m = re.search(rf"<table[^>]*>\s*<caption><span class=\"nomor\">Tabel</span> {re.escape(caption)}</caption>"
                  r"(.*?)</table>", html, re.S)
    assert m, f"no table {caption!r}"
    return [[teks(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)]
            for r in re.findall(r"<tr.*?</tr>", m.group(1), re.S)]


def sehat(html: str, L) -> None:
    """What any rendered chapter is: no missing value printed, every number the registry's, no
    heading without text under it, no sentence announcing a list that does not follow."""
    plain = teks(html)
    assert not re.search(r"\b(nan|None|NaN|Traceback)\b|\.\.\.\s*%", plain)
    assert not [c for c in check_rendered(html, L.fig) if not c.ok and c.name != "laporan memakai registri"]
    heads = list(re.finditer(r"<h([1-6])>(.*?)</h\1>", html, re.S))
    for a, b in zip(heads, [*heads[1:], None], strict=True):
        body = teks(html[a.end():b.start() if b else len(html)])
        assert body or (b is not None and int(b.group(1)) > int(a.group(1))), f"empty section {teks(a.group(2))!r}"
    for m in re.finditer(r":</p>", html):
        assert html[m.end():].lstrip().startswith(("<ul", "<ol")), teks(html[max(m.start() - 120, 0):m.start()])


def _render(tmp_path_factory, year: int, change=None, chapters=(B3,)):
    c = salin(tmp_path_factory.mktemp("contoh"))
    if change:
        change(c)
    L = c.laporan(year)
    html = "\n".join(bab(L, ch) for ch in chapters)
    sehat(html, L)
    return L, html


# ---- the office as it is ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def b3_2024(shell, tmp_path_factory):
    return _render(tmp_path_factory, 2024)


@pytest.fixture(scope="module")
def b3_2025(shell, tmp_path_factory):
    return _render(tmp_path_factory, 2025)


@pytest.mark.parametrize("year", [2024, 2025])
def test_bab_iii_has_a_section_per_indicator_of_the_years_pk(b3_2024, b3_2025, year):
    _, html = b3_2024 if year == 2024 else b3_2025
    rows = pk(year)
    sasaran = list(dict.fromkeys(r["sasaran"] for r in rows))
    nomor = [f"{sasaran.index(r['sasaran']) + 1}.{[x['kode'] for x in rows if x['sasaran'] == r['sasaran']].index(r['kode']) + 1}"
             for r in rows]
    assert judul(html, 4) == [f"{n} {r['indikator']}" for n, r in zip(nomor, rows, strict=True)]
    other = {r["indikator"] for r in pk(2024 if year == 2025 else 2025)} - {r["indikator"] for r in rows}
    assert other and not other & set(judul(html, 4))
    shown = {m.split(".")[1] for m in re.findall(r'data-fig="(ikk\.[a-z0-9_]+)\.', html)}
    assert shown == {r["kode"] for r in rows}  # no figure of an indicator outside the year's PK
    for n in nomor:  # every indicator gets the seven analyses a-g
        part = html.split(f"<h4>{n} ", 1)[1].split("<h4>", 1)[0]
        assert [h[:2] for h in re.findall(r"<h5>(.*?)</h5>", part)] == ["a.", "b.", "c.", "d.", "e.", "f.", "g."]


def test_bab_iii_2025_sections_by_name(b3_2025):
    _, html = b3_2025
    assert judul(html, 4) == [
        "1.1 Rasio Layanan Keimigrasian yang Diselesaikan terhadap Permohonan yang Diterima",
        "1.2 Persentase Pengaduan Layanan yang Tidak Diselesaikan",
        "2.1 Indeks Kepuasan Masyarakat terhadap Layanan Keimigrasian di Wilayah",
        "2.2 Indeks Pengamanan Keimigrasian di Wilayah",
        "2.3 Indeks Kepuasan Internal di Wilayah"]
    assert [h for h in judul(html, 3) if h[0].isdigit()] == [
        "1. Sasaran Kegiatan: Meningkatnya Layanan Keimigrasian",
        "2. Sasaran Kegiatan: Meningkatnya Kepuasan dan Keamanan di Wilayah"]
    assert "Paspor" not in teks(html) and "Kehadiran" not in teks(html)


def test_bab_iii_writes_out_the_negatif_range_and_survey_formulas(b3_2024, b3_2025):
    _, html = b3_2025
    neg = bagian(html, "1.2 ")
    assert "Target 5,00%; realisasi 5,00%; capaian 100,00%; status Tercapai." in neg
    assert "Realisasi = jumlah pengaduan yang tidak diselesaikan ÷ jumlah pengaduan yang diterima × 100% = 3 ÷ 60 × " \
           "100% = 5,00%" in neg
    assert "Capaian = (2 × 5,00% − 5,00%) ÷ 5,00% × 100% = 100,00%" in neg  # (2T - R) / T
    assert "Polaritas negatif (makin rendah makin baik)" in teks(html)
    assert "Target berupa rentang" not in teks(html)  # no range in the 2025 PK
    assert "Realisasi = nilai survei × 4 ÷ skala = 82,50 × 4 ÷ 100 = 3,3000, dibulatkan menjadi 3,30" \
        in bagian(html, "2.2 ")
    assert "3,45 × 4 ÷ 4 = 3,4500" in bagian(html, "2.1 ")
    assert "sehingga target tidak tercapai" in bagian(html, "2.3 ")  # 3,10 / 3,14 = 98,73 %
    assert tabel(potong(html, "2.2 "), "Hasil survei dan mutu layanan, tahun 2025")[1] == [
        "82,50", "100", "3,30", "B", "Baik"]  # 82,5 on 100: band B (76,61-88,30)
    _, html = b3_2024
    kehadiran = bagian(html, "2.1 ")
    assert "Target 95,00–100,00%; realisasi 97,92%; capaian 100,00%; status Tercapai." in kehadiran
    assert "Realisasi 97,92% berada di dalam rentang target 95,00–100,00%, sehingga capaian = 100,00%" in kehadiran
    assert "Renstra tidak menetapkan target jangka menengah untuk indikator ini" in kehadiran
    assert "Target berupa rentang: realisasi di dalam rentang bernilai 100%" in teks(html)


def test_what_2025_lacks_is_said_once_or_left_out(b3_2025):
    _, html = b3_2025
    plain = teks(html)
    assert "Data realisasi anggaran tahun 2025 belum tersedia." in plain
    assert "Data penilaian kinerja anggaran tahun 2025 belum tersedia." in plain
    assert "Realisasi menurut jenis belanja" not in plain and "IKPA" not in plain and "SMART" not in plain
    for n in ("1.1", "1.2", "2.1", "2.2", "2.3"):
        assert sub(html, n, "d.").startswith("Rata-rata capaian nasional untuk indikator ini pada tahun 2025 belum "
                                            "diterbitkan.")
        assert sub(html, n, "f.").startswith("Indikator ini tidak memiliki pos anggaran tersendiri dalam DIPA.")
    # measured for the first time: said, with no history table or chart
    assert sub(html, "2.1", "b.") == ("Indikator ini baru diukur pada tahun 2025, sehingga belum ada realisasi tahun "
                                      "sebelumnya yang dapat dijadikan pembanding.")
    assert "Perkembangan Indeks" not in plain
    # no breakdown, case list or action plan: none of their tables or sentences
    assert "Rincian menurut" not in plain and "Perkara yang ditangani" not in plain and "triwulan" not in plain
    # no narasi for an indicator: one sentence instead of an empty subsection
    assert sub(html, "1.2", "e.") == ("Tidak ada faktor penentu, kendala, atau langkah perbaikan khusus yang dicatat "
                                      "untuk indikator ini pada tahun 2025.")
    assert "Efisiensi penggunaan sumber daya kantor" not in judul(html, 3)  # its narasi lists are all empty


def test_history_table_and_chart_with_the_change(b3_2025):
    _, html = b3_2025
    rows = tabel(html, "Perkembangan Persentase Pengaduan Layanan yang Tidak Diselesaikan, 2023–2025")
    # 3 / 40 = 7,5 %; 2 / 50 = 4 % (-3,5 points); 3 / 60 = 5 % (+1 point); capaian only for 2025
    assert rows[1:] == [["2023", "40", "3", "7,50%", "–", "–"], ["2024", "50", "2", "4,00%", "-3,50", "–"],
                        ["2025", "60", "3", "5,00%", "1,00", "100,00%"]]
    b = sub(html, "1.2", "b.")
    assert "Gambar Realisasi per tahun, 2023–2025: Persentase Pengaduan Layanan yang Tidak Diselesaikan" in b
    assert "realisasi tertinggi adalah 7,50% pada tahun 2023 dan terendah 4,00% pada tahun 2024" in b
    assert "Dibanding tahun 2024, realisasi naik dari 4,00% menjadi 5,00% (perubahan 1,00 poin)." in b


def test_breakdown_table_sums_to_the_total(b3_2024):
    _, html = b3_2024
    assert "Rincian data dasarnya menurut jenis paspor disajikan pada tabel berikut." in bagian(html, "1.1 ")
    rows = tabel(html, "Rincian menurut jenis paspor, tahun 2024")
    assert rows[1:] == [["1", "Paspor biasa", "950", "900", "94,74%"], ["2", "Paspor elektronik", "50", "40", "80,00%"],
                        ["Jumlah", "1.000", "940", "94,00%"]]  # 950 + 50 and 900 + 40; 940 / 1.000
    assert "Rincian menurut" not in bagian(html, "1.2 ")  # a total-only indicator has no breakdown


def test_the_2024_report_stops_at_2024(b3_2024):
    # the data folder holds 2025 already: the 2024 report's history ends in 2024
    _, html = b3_2024
    rows = tabel(html, "Perkembangan Persentase Pengaduan Layanan yang Tidak Diselesaikan, 2023–2024")
    assert [r[0] for r in rows[1:]] == ["2023", "2024"]
    assert not re.search(r'data-fig="[^"]*2025', html)


# ---- the office with more data: a national average, cases, an action plan, a capaian below 0 --------------
def _lebih_2025(c):
    c.write("rata_rata_nasional.csv", "tahun,indikator,rata_rata,keterangan\n2025,layanan,95,\n")
    c.replace("realisasi.csv", "2025,pengaduan_tidak_selesai,seluruh,3,60", "2025,pengaduan_tidak_selesai,seluruh,9,60")
    c.append("kasus.csv", "2025,pengaduan_tidak_selesai,1,Pemohon Contoh,WNI,Pasal 1,Selesai",
             "2025,pengaduan_tidak_selesai,2,Pemohon Kedua,WNA,,Penyidikan")
    c.append("indikator.csv", "2025,rencana_aksi,layanan,3,Persentase Pelaksanaan Rencana Aksi,persen,2,positif,"
             "100,,100,rencana_aksi,rencana aksi yang terlaksana,rencana aksi yang ditetapkan,")
    c.append("realisasi.csv", "2025,rencana_aksi,seluruh,9,10")
    c.append("rencana_aksi_triwulan.csv",
             "2025,rencana_aksi,1,1,Sasaran A,Kegiatan A,Uraian satu,50",
             "2025,rencana_aksi,1,2,Sasaran A,Kegiatan B,Uraian dua,100",
             "2025,rencana_aksi,2,1,Sasaran A,Kegiatan A,Uraian satu,100",
             "2025,rencana_aksi,2,2,Sasaran A,Kegiatan B,Uraian dua,100")


@pytest.fixture(scope="module")
def lebih_2025(shell, tmp_path_factory):
    return _render(tmp_path_factory, 2025, _lebih_2025)


def test_national_average_when_known(lebih_2025):
    # layanan: 105,56 % against an average of 95 % -> 105,56 / 95 x 100 = 111,11 %, above it
    _, html = lebih_2025
    assert sub(html, "1.1", "d.") == ("Rata-rata capaian nasional indikator ini adalah 95,00%. Capaian kantor sebesar "
                                      "105,56% setara dengan 111,11% dari rata-rata itu, artinya capaian kantor berada "
                                      "di atas rata-rata nasional.")
    assert "belum diterbitkan" in sub(html, "1.2", "d.")


def test_cases_listed_when_the_data_lists_them(lebih_2025):
    _, html = lebih_2025
    assert "Perkara yang ditangani sepanjang tahun disajikan pada tabel berikut." in bagian(html, "1.2 ")
    assert tabel(html, "Perkara yang ditangani tahun 2025")[1:] == [
        ["1", "Pemohon Contoh", "WNI", "Pasal 1", "Selesai"], ["2", "Pemohon Kedua", "WNA", "–", "Penyidikan"]]
    assert "Perkara" not in bagian(html, "1.1 ")


def test_negatif_above_twice_its_target(lebih_2025):
    # 9 of 60 = 15 % against 5 %: (2 x 5 - 15) / 5 x 100 = -100 % (no floor in the rules)
    _, html = lebih_2025
    a = bagian(html, "1.2 ")
    assert "Capaian = (2 × 5,00% − 15,00%) ÷ 5,00% × 100% = -100,00%" in a
    assert "capaian indikator ini -100,00%, sehingga target tidak tercapai" in a


def test_action_plan_quarters_when_the_data_has_them(lebih_2025):
    _, html = lebih_2025
    a = bagian(html, "1.3 ")
    assert ("melalui 2 indikator rencana aksi, yang dikelompokkan menurut sasaran rencana kerja. Rata-rata kemajuan "
            "seluruh indikator naik dari 75,00% pada triwulan pertama menjadi 100,00% pada triwulan terakhir.") in a
    rows = tabel(html, "Kemajuan rencana aksi per triwulan, tahun 2025")
    assert rows[0] == ["No", "Indikator Rencana Aksi", "TW I", "TW II"]
    assert rows[1:] == [["Sasaran A"], ["Kegiatan A"], ["1", "Uraian satu", "50%", "100%"], ["Kegiatan B"],
                        ["2", "Uraian dua", "100%", "100%"], ["Rata-rata capaian triwulan", "75,00%", "100,00%"]]
    assert "Gambar Rata-rata kemajuan rencana aksi per triwulan, tahun 2025" in a
    assert "triwulan" not in bagian(html, "1.1 ")


# ---- the office with less data, and nihil -------------------------------------------------------------------
def _kurang_2024(c):
    c.drop("indikator.csv", "2024,ikm,")  # a PK without a survey indicator
    c.drop("survei.csv", "2024,ikm,")
    c.replace("indikator.csv", "rentang,95,100,", "rentang,70,80,")
    c.replace("realisasi.csv", "2024,kehadiran,seluruh,4700,4800", "2024,kehadiran,seluruh,4500,5000")
    c.replace("realisasi.csv", "2024,pengaduan_tidak_selesai,seluruh,2,50", "2024,pengaduan_tidak_selesai,seluruh,0,0")
    c.append("anggaran_sumber_dana.csv", "2024,rm,3000000000", "2024,pnbp,500000000")


@pytest.fixture(scope="module")
def kurang_2024(shell, tmp_path_factory):
    return _render(tmp_path_factory, 2024, _kurang_2024, (B3, "04_penutup"))


def test_a_pk_without_survey_indicators_leaves_the_survey_out(kurang_2024):
    _, html = kurang_2024
    assert judul(html, 4) == ["1.1 Persentase Permohonan Paspor yang Diselesaikan Tepat Waktu",
                              "1.2 Persentase Pengaduan Layanan yang Tidak Diselesaikan",
                              "2.1 Persentase Kehadiran Pegawai"]
    for survey in ("Indikator indeks", "nilai survei", "Pita mutu", "Hasil survei", "indeks"):
        assert survey not in teks(html)


def test_rentang_above_its_band(kurang_2024):
    # 4.500 of 5.000 = 90 % above 70-80: (2 x 80 - 90) / 80 x 100 = 87,5 %
    _, html = kurang_2024
    a = bagian(html, "2.1 ")
    assert "Target 70,00–80,00%; realisasi 90,00%; capaian 87,50%; status Tidak tercapai." in a
    assert ("Realisasi 90,00% berada di atas rentang target, sehingga dibandingkan dengan batas 80,00%: capaian = "
            "(2 × 80,00% − 90,00%) ÷ 80,00% × 100% = 87,50%") in a


def test_nihil_is_said_in_words_never_as_a_percentage(kurang_2024):
    L, html = kurang_2024
    assert not re.search(r'data-fig="ikk\.pengaduan_tidak_selesai\.(tahun\.2024\.)?(realisasi|capaian)"', html)
    a = bagian(html, "1.2 ")
    assert "Target 5,00%; realisasi dan capaian tidak dihitung; status Nihil." in a
    assert "Karena itu tidak ada perkara yang dapat disajikan untuk tahun ini." in a
    assert "Karena indikator ini nihil, tidak ada capaian yang dapat dibandingkan dengan rata-rata nasional." in a
    assert f"Persentase Pengaduan Layanan yang Tidak Diselesaikan: {L.fig.rules.nihil_kalimat}" in teks(html)
    assert "1 (satu) indikator berstatus nihil" in teks(html)
    assert tabel(html, "Capaian indikator kinerja kegiatan tahun 2024")[2][-4:] == ["5,00%", "Nihil", "–", "Nihil"]


def test_sources_of_funds_without_and_with_abt(shell, kurang_2024, tmp_path_factory):
    _, html = kurang_2024
    assert "2. Sumber dana" in judul(html, 3)  # no ABT: neither in the heading nor in a sentence
    assert "Anggaran Belanja Tambahan" not in teks(html)

    def abt(c):
        _kurang_2024(c)
        c.append("anggaran_tambahan.csv", "2024,ABT renovasi,250000000")

    _, html = _render(tmp_path_factory, 2024, abt, (B3, "02_perencanaan_kinerja"))
    assert "2. Sumber dana dan anggaran belanja tambahan" in judul(html, 3)
    assert "Pada tahun berjalan kantor menerima Anggaran Belanja Tambahan (ABT) sebesar Rp250.000.000." in teks(html)
    assert "sudah termasuk Anggaran Belanja Tambahan (ABT) sebesar Rp250.000.000" in teks(html)


# ---- every chapter, for another office -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def laporan(shell):
    """The fixture office's reports, as they are (read only)."""
    from lkjip.present.laporan import Laporan

    return {y: Laporan(y, "", str(FIXTURE / "data"), str(FIXTURE / "params")) for y in (2024, 2025)}


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c != B3])
@pytest.mark.parametrize("year", [2024, 2025])
def test_every_chapter_renders_for_another_office(laporan, chapter, year):
    L = laporan[year]
    html = bab(L, chapter)
    sehat(html, L)
    plain = teks(html)
    assert NAMA_KANTOR in plain or chapter in ("02_perencanaan_kinerja", "05_lampiran", "06_rekonsiliasi")
    assert not re.search("Pamekasan|Madura|Sumenep", plain)  # nothing of the other office


def test_ikhtisar_and_closing_follow_the_year(laporan):
    L = laporan[2025]
    ikhtisar, penutup = bab(L, "00_pembuka"), bab(L, "04_penutup")
    assert ("Dari 5 (lima) indikator kinerja kegiatan, 4 (empat) indikator mencapai atau melampaui target dan 1 (satu) "
            "indikator belum mencapai target.") in teks(ikhtisar)
    assert "pagu DIPA" not in teks(ikhtisar) and "Anggaran dan penerimaan negara" not in judul(penutup, 3)
    assert ("Persentase Pengaduan Layanan yang Tidak Diselesaikan: realisasi 5,00% terhadap target 5,00%, dengan "
            "capaian 100,00% (target tercapai).") in teks(penutup)
    rows = tabel(ikhtisar, "Ringkasan capaian kinerja dan anggaran tahun 2025")
    assert len(rows) == 1 + 5 and not [r for r in rows if r[0] == "Anggaran"]  # no DIPA in 2025: no budget row
    # a part of BAB I whose data the year lacks is left out, and the parts after it move up a letter
    heads = re.findall(r"<h2>(.*?)</h2>", bab(L, "01_pendahuluan"))
    assert "Isu Strategis" not in " ".join(heads)
    assert [h[0] for h in heads] == list("ABCDEFGH"[:len(heads)])


def test_the_appendix_pk_of_an_earlier_edition_says_only_what_the_data_has(shell, tmp_path_factory):
    # a PK budget printed in an earlier edition's appendix, and no BAB II budget or ABT: its total alone
    def lampiran(c):
        c.append("pk_anggaran.csv", "2024,pk_lampiran,Pelayanan Keimigrasian,Layanan Paspor,3250000000")

    _, html = _render(tmp_path_factory, 2024, lampiran, ("06_rekonsiliasi",))
    assert "dan jumlah anggarannya Rp3.250.000.000. Pengukuran kinerja" in teks(html)

    # with the BAB II budget and an ABT that makes up the difference (3.250.000.000 + 250.000.000 = the
    # DIPA of 3.500.000.000): both named
    def dengan_abt(c):
        lampiran(c)
        c.append("pk_anggaran.csv", "2024,pk,Pelayanan Keimigrasian,Layanan Paspor,3500000000")
        c.append("anggaran_sumber_dana.csv", "2024,rm,3500000000")
        c.append("anggaran_tambahan.csv", "2024,ABT,250000000")

    _, html = _render(tmp_path_factory, 2024, dengan_abt, ("06_rekonsiliasi",))
    assert ("dan jumlah anggarannya Rp3.250.000.000, bukan Rp3.500.000.000, karena disusun sebelum Anggaran Belanja "
            "Tambahan sebesar Rp250.000.000 diterima.") in teks(html)
    assert tabel(html, "Anggaran Perjanjian Kinerja tahun 2024 pada lampiran naskah sebelumnya")[-1] == [
        "Jumlah", "Rp3.250.000.000"]
