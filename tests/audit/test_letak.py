"""Finding places in the stitched report: chapter, headings, numbered table, figure ids."""

from __future__ import annotations

from lkjip.audit.letak import PetaLaporan, Tempat, gabung


def span(fid: str) -> str:
    return f'<span class="angka" data-fig="{fid}" data-fmt="angka:0">1</span>'


PAGE = (
    f"<p>Sampul {span('a.x')}</p>"
    '<h1 id="bab-iii">BAB III <em>AKUNTABILITAS</em> KINERJA</h1>'
    '<h2 id="a">A. Capaian</h2><h3 id="a-1">1.1 Layanan &amp; Paspor</h3>'
    f"<p>{span('ikk.l.target')} dan {span('ikk.l.realisasi')}</p>"
    '<table class="tabel" id="tabel-3-2"><caption><span class="nomor">Tabel 3.2</span> Seri</caption>'
    f"<tr><td>{span('ikk.l.tahun.2023.realisasi')}</td></tr></table>"
    "<ul><li>Petugas &quot;cepat&quot; &amp; ramah.</li></ul>"
    '<h2 id="b">B. Anggaran</h2>'
    f"<p>{span('ikk.l.target')}</p>"
    '<h1 id="bab-iv">BAB IV PENUTUP</h1>'
)


def test_a_figure_is_found_under_its_headings_and_table():
    peta = PetaLaporan(PAGE)
    found = peta.angka(("ikk.l.target", "ikk.l.realisasi"))
    assert found == [
        Tempat("BAB III AKUNTABILITAS KINERJA", ("A. Capaian", "1.1 Layanan & Paspor"), "a-1", "",
               ("ikk.l.target", "ikk.l.realisasi")),
        Tempat("BAB III AKUNTABILITAS KINERJA", ("B. Anggaran",), "b", "", ("ikk.l.target",)),
    ]
    table = peta.angka(awalan=("ikk.l.tahun.",))
    assert [(t.id, t.tabel, t.angka) for t in table] == [("a-1", "Tabel 3.2", ("ikk.l.tahun.2023.realisasi",))]
    assert peta.angka(("a.x",))[0] == Tempat("", (), "", "", ("a.x",))
    assert peta.angka(("ikk.tidak_ada",)) == []


def test_a_text_is_found_as_the_page_escapes_it():
    peta = PetaLaporan(PAGE)
    assert [t.id for t in peta.teks('Petugas "cepat" & ramah.')] == ["a-1"]
    assert peta.teks("Petugas lambat.") == []


def test_chapters_and_their_codes():
    peta = PetaLaporan(PAGE)
    assert peta.judul_bab == [("BAB III AKUNTABILITAS KINERJA", "bab-iii"), ("BAB IV PENUTUP", "bab-iv")]
    t = peta.angka(("ikk.l.target",))[0]
    assert t.di_bab("BAB III") and t.di_bab("bab iii") and not t.di_bab("BAB II") and not t.di_bab("BAB I")


def test_places_under_one_heading_are_merged():
    a = Tempat("BAB II", ("B. PK",), "b", "Tabel 2.1", ("x",))
    b = Tempat("BAB II", ("B. PK",), "b", "Tabel 2.1", ("y", "x"))
    assert gabung([a, b]) == [Tempat("BAB II", ("B. PK",), "b", "Tabel 2.1", ("x", "y"))]
