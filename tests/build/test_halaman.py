"""The page as stitched (no rendering): numbering per part of the book, the cover letter and the
front matter, the lists of tables and figures, scoped header cells, table boxes, the figure's
source line, the logo, the attached documents' links, the house style."""

from __future__ import annotations

import re

import pytest
from paging import chapter, front, page, table

from lkjip.build import gaya as G
from lkjip.build import halaman, lampiran
from lkjip.build.stitch import PageInfo
from lkjip.errors import BuildError

FIGURE = ('<figure class="gambar"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
          '<figcaption><span class="nomor">Gambar</span> Seri uji</figcaption>\n'
          '<p class="sumber">Sumber: data uji</p>\n</figure>')


def _book() -> str:
    return page([
        front(("md", "# IKHTISAR EKSEKUTIF\n\nRingkasan."), ("html", table(3, "Ringkasan"))),
        chapter("01_bab", "1", ("md", "# BAB I UJI\n\n## A. Bagian"), ("html", table(2, "Satu")), ("html", FIGURE)),
        chapter("05_lampiran", "L", ("md", "# LAMPIRAN\n\n## 1. Dokumen"), ("html", table(2, "Lampiran")),
                ("html", FIGURE), bagian="lampiran"),
    ])


def test_numbering_follows_the_part_of_the_book():
    doc = _book()
    assert re.findall(r'<span class="nomor">([^<]+)</span>', doc) == [
        "Tabel 1", "Tabel 1.1", "Gambar 1.1", "Tabel L.1", "Gambar L.1"]
    assert 'id="tabel-1"' in doc and 'id="tabel-l-1"' in doc and 'id="gambar-l-1"' in doc
    assert "Tabel 0." not in doc and "Tabel 5." not in doc


def test_cover_letter_front_matter_and_chapters_each_start_their_page_numbers():
    doc = _book()
    starts = re.findall(r'<(\w+) class="([^"]+)" id="([^"]+)" data-nomor-halaman="(\w+)"', doc)
    assert [(tag, cls, kind) for tag, cls, _, kind in starts] == [
        ("header", "halaman-sampul", "sampul"), ("div", "halaman-surat", "surat"),
        ("div", "halaman-depan", "romawi"), ("div", "halaman-utama", "arab")]
    letter = doc[doc.index('class="halaman-surat"'):doc.index('class="halaman-depan"')]
    assert "Surat pengantar uji" in letter and "KATA PENGANTAR" not in letter
    assert doc.index("<main>") < doc.index('class="halaman-surat"') and "</main>" in doc
    assert re.search(r'<meta name="author" content="Kantor Uji">', doc)
    assert re.search(r'<meta name="keywords" content="[^"]*LKjIP[^"]*2024', doc)


def test_table_of_contents_lists_the_lists_and_marks_the_front_matter():
    doc = _book()
    toc = doc[doc.index('<nav class="daftar-isi"'):doc.index("</nav>")]
    entries = re.findall(r'<li class="([^"]+)"><a href="#([^"]+)">([^<]+)</a>', toc)
    assert [e[2] for e in entries] == ["KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR",
                                       "IKHTISAR EKSEKUTIF", "BAB I UJI", "A. Bagian", "LAMPIRAN", "1. Dokumen"]
    assert [("depan" in e[0]) for e in entries] == [True] * 5 + [False] * 4
    ids = set(re.findall(r'\bid="([^"]+)"', doc))
    assert {e[1] for e in entries} <= ids
    # the lists: every numbered caption, linked, in reading order
    tabel = doc[doc.index('id="daftar-tabel"'):doc.index('id="daftar-gambar"')]
    assert re.findall(r'href="#([^"]+)"><span class="nomor-daftar">([^<]+)</span> ([^<]+)<', tabel) == [
        ("tabel-1", "Tabel 1", "Ringkasan"), ("tabel-1-1", "Tabel 1.1", "Satu"), ("tabel-l-1", "Tabel L.1", "Lampiran")]
    gambar = doc[doc.index('id="daftar-gambar"'):doc.index('id="ikhtisar-eksekutif"')]
    assert re.findall(r'<span class="nomor-daftar">([^<]+)</span> ([^<]+)<', gambar) == [
        ("Gambar 1.1", "Seri uji"), ("Gambar L.1", "Seri uji")]


def test_without_tables_or_figures_there_is_no_empty_list():
    doc = page([front(("md", "# IKHTISAR EKSEKUTIF\n\nTeks.")), chapter("01_bab", "1", ("md", "# BAB I\n\nTeks."))])
    assert "DAFTAR TABEL" not in doc and "DAFTAR GAMBAR" not in doc and "DAFTAR ISI" in doc


def test_every_header_cell_has_a_scope_and_every_table_its_own_box():
    rows = [[f"r{i}", "1"] for i in range(20)]
    from lkjip.present.tabel import Sel, tabel_html

    big = tabel_html("Besar", [[Sel("Grup", colspan=2)], ["A", "B"]], rows, [""] * 20, None, None, None, "")
    body = halaman.tabel(big + table(3) + '<table class="dataframe"><thead><tr><th></th><th>x</th></tr></thead>'
                         "<tbody><tr><th>0</th><td>1</td></tr></tbody></table>")
    assert not re.search(r"<th\b(?![^>]*scope=)", body)
    assert '<th scope="colgroup" colspan="2">Grup</th>' in body
    assert '<th scope="row">0</th>' in body
    boxes = re.findall(r'<div class="([^"]+)" role="region" tabindex="0" aria-label="([^"]*)"><table', body)
    assert boxes == [("gulir", "Tabel"), ("gulir utuh", "Tabel"), ("gulir utuh", "Tabel")]


def test_a_figures_source_line_is_inside_its_caption():
    body = halaman.gambar(FIGURE)
    assert re.search(r"<figcaption>.*<p class=\"sumber\">Sumber: data uji</p></figcaption>\s*</figure>", body, re.S)


def test_the_logo_stands_on_the_cover_above_the_office():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4" cx="5" cy="5"/></svg>'
    doc = page([front(), chapter("01_bab", "1", ("md", "# BAB I"))],
               PageInfo(nama="Kantor <Uji>", logo=("image/svg+xml", svg)))
    cover = doc[doc.index("<header"):doc.index("</header>")]
    assert re.search(r'<p class="sampul-logo"><img src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" '
                     r'alt="Logo Kantor &lt;Uji&gt;"></p>\s*<p class="sampul-instansi"', cover)


def test_attached_documents_close_the_lampiran_numbered_after_it(tmp_path):
    folder = tmp_path / "lampiran" / "2024"
    folder.mkdir(parents=True)
    (folder / "01_Perjanjian_Kinerja 2024.pdf").write_bytes(b"%PDF-1.4")
    (folder / "02 SK Tim.png").write_bytes(b"png")
    docs = lampiran.dokumen(tmp_path, 2024)
    assert [d.judul for d in docs] == ["Perjanjian Kinerja 2024", "SK Tim"]
    doc = page([front(), chapter("05_lampiran", "L", ("md", "# LAMPIRAN\n\n## 1. Perjanjian Kinerja\n\n"
                                                      "## 2. Lainnya"), bagian="lampiran")],
               PageInfo(nama="Kantor Uji", dokumen=tuple(docs)))
    toc = doc[doc.index('<nav class="daftar-isi"'):doc.index("</nav>")]
    assert ">3. Perjanjian Kinerja 2024<" in toc and ">4. SK Tim<" in toc
    assert '<a href="lampiran/01_Perjanjian_Kinerja%202024.pdf">01_Perjanjian_Kinerja 2024.pdf</a> (PDF)' in doc
    (folder / "catatan.docx").write_bytes(b"x")
    with pytest.raises(BuildError, match="PDF, PNG atau JPEG"):
        lampiran.dokumen(tmp_path, 2024)


def test_house_style_from_params_checked_and_as_css():
    g = G.gaya({"gaya": {"huruf": "Liberation Serif", "margin_mm": {"jilid": 40}, "bolak_balik": True}})
    assert g["ukuran_pt"] == 12 and g["margin_mm"] == {"atas": 25, "bawah": 25, "jilid": 40, "luar": 25}
    css = G.css(g)
    assert 'font-family: "Liberation Serif"' in css and "font-size: 12pt" in css
    assert "@page { margin: 25mm 25mm 25mm 40mm; }" in css
    assert "@page :left { margin-left: 25mm; margin-right: 40mm; }" in css
    for bad in ({"huruf": "x; } body { display: none"}, {"ukuran_pt": 40}, {"margin_mm": {"kiri": 30}},
                {"warna": "merah"}, {"bolak_balik": "ya"}):
        with pytest.raises(BuildError, match="gaya"):
            G.gaya({"gaya": bad})
