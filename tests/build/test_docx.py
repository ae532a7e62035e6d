"""The Word edition (lkjip.build.docx) of a small page built like the stitched report: what
python-docx reads in it (headings, sections and their page numbers, fields, tables, pictures,
lists), that the same page gives the same bytes, and how LibreOffice lays it out (skipped when
LibreOffice is not installed; ``make test-office`` installs it)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from lkjip.build import docx_styles
from lkjip.build.docx import render_docx

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="144pt" height="72pt" viewBox="0 0 144 72">'
       '<rect x="10" y="10" width="60" height="50" fill="#2c5d8a"/></svg>')
PAGE = f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>LKjIP Kantor Uji Tahun 2030</title>
<style>p {{ color: red }}</style></head><body>
<div class="halaman-sampul"><div class="sampul">
<p class="sampul-judul">LAPORAN KINERJA</p><p class="judul-laporan">LKjIP Kantor Uji Tahun 2030</p>
</div></div>
<section class="bab" id="bab-00" data-bab="0">
<div class="surat"><div class="kop-surat" style="text-align:center;border-bottom:1.5pt solid #111;padding-bottom:.4em">
<p style="text-align:center;margin:0">KANTOR UJI<br><strong>KOTA UJI</strong></p></div>
<table class="surat-rincian" style="border:none;margin:0 0 1em"><tr><td>Nomor</td><td>:</td><td>W.1-2</td></tr></table>
</div>
<div class="tanda-tangan" style="margin:1.5em 0 1em 55%;text-align:left"><p style="margin:0">Kepala,</p>
<div class="ruang-tanda-tangan" style="height:4.5em"></div><p style="margin:0"><strong>Nama Kepala</strong></p></div>
<div class="halaman-baru"></div>
<h1 id="kata-pengantar">KATA PENGANTAR</h1><p>Puji syukur, <span class="angka">3 (tiga)</span> sasaran.</p>
<nav class="daftar-isi" id="daftar-isi"><p class="judul-daftar-isi"><strong>Daftar Isi</strong></p><ol>
<li class="tingkat-1"><a href="#kata-pengantar">KATA PENGANTAR</a></li>
<li class="tingkat-1"><a href="#bab-i">BAB I PENDAHULUAN</a></li>
<li class="tingkat-2"><a href="#a-latar">A. Latar</a></li></ol></nav>
</section>
<section class="bab" id="bab-01" data-bab="1">
<h1 id="bab-i">BAB I PENDAHULUAN</h1><h2 id="a-latar">A. Latar</h2>
<p>Teks &lt;b&gt; &amp; data, <em>miring</em> dan <a href="#a-latar">tautan</a>.</p>
<ol><li>satu</li><li>dua<ul><li>anak</li></ul></li></ol><ol start="4"><li>empat</li></ol>
<table class="tabel" id="tabel-1-1"><caption><span class="nomor">Tabel 1.1</span> Pagu &amp; realisasi</caption>
<thead><tr><th rowspan="2">Jenis</th><th colspan="2">Tahun</th></tr><tr><th>2029</th><th>2030</th></tr></thead>
<tbody><tr><td>Pegawai</td><td class="ar"><span class="angka">Rp1.234.567</span></td><td class="ar"><span class="angka">91,61%</span></td></tr>
<tr class="total"><td colspan="2">Jumlah</td><td class="ar ac"><span class="angka">12</span></td></tr></tbody></table>
<p class="catatan-tabel">Catatan.</p>
<div class="halaman-baru"></div>
<figure class="gambar" id="gambar-1-1">{SVG}<figcaption><span class="nomor">Gambar 1.1</span> Realisasi</figcaption>
<p class="sumber">Sumber: uji</p></figure>
<div class="tanda-tangan-pk"><div style="display:flex;justify-content:space-between">
<div style="width:45%"><p>Pihak Kedua</p></div><div style="width:45%"><p>Pihak Pertama</p></div></div></div>
</section>
<section class="bab" id="bab-02" data-bab="2"><h1 id="bab-ii">BAB II</h1><p>Akhir.</p></section>
</body></html>"""

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def data() -> bytes:
    return render_docx(PAGE)


@pytest.fixture(scope="module")
def doc(data):
    return docx.Document(io.BytesIO(data))


def _sections(doc) -> list:
    """Every w:sectPr in document order (the last is the body's own)."""
    return list(doc.element.body.iter(f"{W_NS}sectPr"))


def _instr(root) -> list[str]:
    return [i.text.strip() for i in root.iter(f"{W_NS}instrText")]


def _paragraphs(doc) -> list[tuple]:
    """(python-docx paragraph, its w:p) for the body's paragraphs, in order."""
    return list(zip(doc.paragraphs, doc.element.body.findall(f"{W_NS}p"), strict=True))


def test_headings_are_word_headings_with_bookmarks(doc):
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert heads == [("Heading 1", "KATA PENGANTAR"), ("Heading 1", "BAB I PENDAHULUAN"),
                     ("Heading 2", "A. Latar"), ("Heading 1", "BAB II")]
    names = {b.get(qn("w:name")) for b in doc.element.body.iter(f"{W_NS}bookmarkStart")}
    anchors = {h.get(qn("w:anchor")) for h in doc.element.body.iter(f"{W_NS}hyperlink")}
    assert anchors and anchors <= names  # every internal link (TOC, text) has its target


def test_cover_letter_front_matter_and_chapters_are_sections(doc):
    sections = _sections(doc)
    # cover, letter, front matter, BAB I, BAB II
    assert len(sections) == 5
    refs = [len(s.findall(f"{W_NS}headerReference")) for s in sections]
    assert refs == [0, 0, 1, 0, 0]  # the front matter has the header; later sections inherit it
    numbering = [(s.find(f"{W_NS}pgNumType").get(qn("w:fmt")), s.find(f"{W_NS}pgNumType").get(qn("w:start")))
                 for s in sections]
    assert numbering[2] == ("lowerRoman", "1") and numbering[3] == ("decimal", "1")
    assert numbering[4] == ("decimal", None)
    for s in doc.sections:  # A4, the PDF's margins (lkjip.css @page)
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    body = doc.sections[2]
    assert [round(v.mm) for v in (body.top_margin, body.right_margin, body.bottom_margin, body.left_margin)] == \
        [25, 20, 22, 25]
    assert round(doc.sections[0].top_margin.mm) == 30  # the cover's


def test_running_header_and_page_field(doc):
    front = doc.sections[2]
    assert front.header.paragraphs[0].text == "LKjIP Kantor Uji Tahun 2030"
    assert "PAGE" in _instr(front.footer.part.element)
    assert doc.sections[0].header.is_linked_to_previous  # the cover: no header of its own


def test_table_of_contents_and_lists_of_tables_and_figures_are_fields(doc):
    instr = _instr(doc.element.body)
    assert 'TOC \\o "1-2" \\h \\z \\u' in instr
    assert 'TOC \\h \\z \\c "Tabel"' in instr and 'TOC \\h \\z \\c "Gambar"' in instr
    assert "SEQ Tabel \\r 1" in instr and "SEQ Gambar \\r 1" in instr
    assert doc.settings.element.find(f"{W_NS}updateFields").get(qn("w:val")) == "true"
    toc = [p.text for p in doc.paragraphs if p.style.name.startswith("toc ")]
    assert toc == ["KATA PENGANTAR", "BAB I PENDAHULUAN", "A. Latar"]  # until Word updates the field
    figures = [p.text for p in doc.paragraphs if p.style.name == "table of figures"]
    assert figures == ["Tabel 1.1 Pagu & realisasi", "Gambar 1.1 Realisasi"]


def test_tables_keep_headers_spans_alignment_and_text(doc):
    rincian, tabel, layout = doc.tables
    assert [c.text for c in rincian.rows[0].cells] == ["Nomor", ":", "W.1-2"]
    assert tabel.style.name == "Tabel Laporan" and layout.style.name == "Tata Letak"
    rows = list(doc.element.body.iter(f"{W_NS}tbl"))[1].findall(f"{W_NS}tr")
    assert [r.find(f"{W_NS}trPr/{W_NS}tblHeader") is not None for r in rows] == [True, True, False, False]
    assert tabel.cell(0, 0).text == tabel.cell(1, 0).text == "Jenis"  # rowspan: merged
    assert tabel.cell(0, 1).text == tabel.cell(0, 2).text == "Tahun"  # colspan: merged
    assert tabel.cell(2, 1).text == "Rp1.234.567" and tabel.cell(2, 2).text == "91,61%"
    assert tabel.cell(2, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert tabel.cell(3, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER  # "ar ac": ac wins
    assert all(r.bold for r in tabel.cell(3, 0).paragraphs[0].runs)  # tr.total
    caption = next(p for p in doc.paragraphs if p.text.startswith("Tabel 1.1") and p.style.name == "Caption")
    assert caption.style.name == "Caption" and caption.paragraph_format.keep_with_next
    assert caption.text == "Tabel 1.1 Pagu & realisasi"
    assert any(p.text == "Teks <b> & data, miring dan tautan." for p in doc.paragraphs)  # text, not markup


def test_signatures_side_by_side_and_indented(doc):
    layout = doc.tables[2]
    assert [c.text for c in layout.rows[0].cells] == ["Pihak Kedua", "", "Pihak Pertama"]
    widths = [c.width for c in layout.rows[0].cells]
    assert abs(widths[0] - widths[2]) < 1000 and abs(widths[0] / sum(widths) - 0.45) < 0.01
    kepala = next(p for p in doc.paragraphs if p.text == "Kepala,")
    text_width = doc.sections[1].page_width - doc.sections[1].left_margin - doc.sections[1].right_margin
    assert abs(kepala.paragraph_format.left_indent / text_width - 0.55) < 0.01


def test_chart_is_a_picture_at_print_resolution(doc, data):
    from PIL import Image

    [shape] = doc.inline_shapes
    assert round(shape.width.inches, 2) == 2.0  # 144 pt
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        [png] = [n for n in z.namelist() if n.startswith("word/media/")]
        assert Image.open(io.BytesIO(z.read(png))).size == (600, 300)  # 300 dpi
    described = [e.get("descr") for e in doc.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert described == ["Gambar 1.1 Realisasi"]


def test_lists_number_on_their_own(doc):
    num = {}
    for para, p in _paragraphs(doc):
        if para.text in ("satu", "dua", "anak", "empat"):
            pr = p.find(f"{W_NS}pPr/{W_NS}numPr")
            num[para.text] = (pr.find(f"{W_NS}numId").get(qn("w:val")), pr.find(f"{W_NS}ilvl").get(qn("w:val")))
    assert num["satu"] == num["dua"] and num["anak"][1] == "1"
    assert num["empat"][0] not in (num["satu"][0], num["anak"][0])  # a list of its own
    numbering = doc.part.numbering_part.element
    [abstract] = [n.find(f"{W_NS}abstractNumId").get(qn("w:val")) for n in numbering.findall(f"{W_NS}num")
                  if n.get(qn("w:numId")) == num["empat"][0]]
    [definition] = [a for a in numbering.findall(f"{W_NS}abstractNum") if a.get(qn("w:abstractNumId")) == abstract]
    assert definition.find(f"{W_NS}lvl/{W_NS}start").get(qn("w:val")) == "4"


def test_page_breaks_where_the_html_asks(doc):
    caption = next(p for para, p in _paragraphs(doc) if para.text.startswith("Gambar 1.1"))
    picture = caption.getprevious()
    assert picture.find(f"{W_NS}pPr/{W_NS}pageBreakBefore") is not None  # div.halaman-baru before the figure
    kp = next(p for p in doc.paragraphs if p.text == "KATA PENGANTAR" and p.style.name == "Heading 1")
    assert not kp.paragraph_format.page_break_before  # a new section starts a page anyway


def test_same_page_same_bytes(data):
    assert render_docx(PAGE) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core and "LKjIP Kantor Uji Tahun 2030" in core


def test_any_reference_document_serves(tmp_path):
    """An office's own template (here python-docx's, without lkjip's styles) still gives the
    headings, tables and captions their styles."""
    plain = tmp_path / "kantor.docx"
    docx.Document().save(str(plain))
    d = docx.Document(io.BytesIO(render_docx(PAGE, plain)))
    assert [p.text for p in d.paragraphs if p.style.name == "Heading 1"] == ["KATA PENGANTAR", "BAB I PENDAHULUAN",
                                                                              "BAB II"]
    assert d.tables[1].style.name == "Tabel Laporan"
    assert any(p.style.name == "Sampul Judul" for p in d.paragraphs)


def test_committed_reference_has_lkjip_page_and_styles():
    ref = docx.Document(str(docx_styles.REFERENCE))
    s = ref.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(v.mm) for v in (s.top_margin, s.right_margin, s.bottom_margin, s.left_margin)] == [25, 20, 22, 25]
    names = {st.name for st in ref.styles}
    assert {spec.name for spec in docx_styles.SPECS} | {"Tabel Laporan", "Tabel Polos", "Tata Letak"} <= names
    fonts = ref.styles.element.find(f"{W_NS}docDefaults/{W_NS}rPrDefault/{W_NS}rPr/{W_NS}rFonts")
    assert fonts.get(qn("w:ascii")) == "DejaVu Sans"


def test_an_office_s_own_reference_document_is_used_and_keyed(workspace):
    from lkjip.build import sources

    html = b"<html></html>"
    before = sources.gather(2024, workspace.data, workspace.params)
    assert before.reference() == docx_styles.REFERENCE
    docx.Document().save(str(workspace.path("referensi.docx")))
    after = sources.gather(2024, workspace.data, workspace.params)
    assert after.reference() == workspace.path("referensi.docx").resolve()
    assert after.docx_key(html) != before.docx_key(html)


# ---- LibreOffice ------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (make test-office)")
def test_libreoffice_lays_it_out_like_the_pdf(data, tmp_path):
    import pypdfium2

    source = tmp_path / "uji.docx"
    source.write_bytes(data)
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profil'}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    pdf = pypdfium2.PdfDocument(str(tmp_path / "uji.pdf"))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    lines = [[line.strip() for line in re.split(r"[\r\n]+", page) if line.strip()] for page in pages]
    assert "LAPORAN KINERJA" in pages[0] and "LKjIP Kantor Uji Tahun 2030" not in lines[0][:1]  # no header
    assert "KANTOR UJI" in pages[1] and lines[1][-1] != "1"  # the letter: no page number
    assert lines[2][0] == "LKjIP Kantor Uji Tahun 2030" and lines[2][-1] == "i"  # header; roman
    bab_i = next(i for i, page in enumerate(pages) if "BAB I PENDAHULUAN" in page and "Teks" in page)
    assert lines[bab_i][-1] == "1"  # arabic from BAB I
    assert "Tabel 1.1 Pagu & realisasi" in pages[bab_i] and "Rp1.234.567" in pages[bab_i]
