"""The PDF on small synthetic reports: an archivable file (tagged, PDF/A-3b, its data attached,
labels matching the printed page numbers, reproducible) and the page-break rules a reviewer
expects (no heading at a page foot, no lone first or last row, small tables whole, header rows
repeated). The real report's PDF is checked in test_build.py."""

from __future__ import annotations

import re

import pikepdf
import pytest
from paging import chapter, filler, front, page, page_texts, pdf, table

from lkjip.build.pdf import Berkas


def _report() -> str:
    return page([front(("md", "# IKHTISAR EKSEKUTIF\n\nRingkasan."), ("html", table(3, "Ringkasan"))),
                 chapter("01_bab", "1", ("md", "# BAB I UJI\n\nSatu.")),
                 chapter("02_bab", "2", ("md", "# BAB II UJI\n\nDua."))])


def test_pdf_is_tagged_pdfa_3b_with_its_data_and_page_labels(tmp_path):
    files = (Berkas("figures.json", b'{"a": 1}\n', "angka"), Berkas("data/uji/x.csv", b"a\n1\n", "data", "Source"))
    out = pdf(_report(), tmp_path / "a.pdf", files)
    with pikepdf.open(out) as doc:
        root = doc.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
        assert root.OutputIntents[0].S == "/GTS_PDFA1" and str(root.Lang) == "id"
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "B"
        assert str(doc.docinfo["/Author"]) == "Kantor Uji" and "LKjIP" in str(doc.docinfo["/Keywords"])
        assert "Kantor Uji" in str(doc.docinfo["/Subject"])
        assert doc.attachments["figures.json"].get_file().read_bytes() == b'{"a": 1}\n'
        assert doc.attachments["data/uji/x.csv"].obj.AFRelationship == "/Source"
        assert [p.label for p in doc.pages] == ["Sampul", "Surat Pengantar", "i", "ii", "iii", "iv", "1", "2"]
    texts = [t.split() for t in page_texts(out)]
    # the cover and the letter: no running header, no number; the others end with their number
    assert "Uji Tahun 2024" not in " ".join(texts[0] + texts[1])
    assert [t[-1] for t in texts[2:]] == ["i", "ii", "iii", "iv", "1", "2"]
    toc = " ".join(texts[3])
    assert re.search(r"KATA PENGANTAR\W+i DAFTAR ISI\W+ii DAFTAR TABEL\W+iii IKHTISAR EKSEKUTIF\W+iv "
                     r"BAB I UJI\W+1 BAB II UJI\W+2", toc)
    again = pdf(_report(), tmp_path / "b.pdf", files)
    assert again.read_bytes() == out.read_bytes(), "same inputs, same bytes"


def _pages(chapters: list[tuple], tmp_path, name: str) -> list[list[str]]:
    """Each chapter's pages' texts, for chapters of (cells...) (each chapter starts a page)."""
    parts = [chapter(f"{k + 1:02d}_bab", str(k + 1), ("html", f"<p>awal-{k + 1}</p>"), *cells)
             for k, cells in enumerate(chapters)]
    texts = page_texts(pdf(page(parts), tmp_path / f"{name}.pdf"))
    out: list[list[str]] = [[] for _ in chapters]
    k = -1
    for t in texts:
        m = re.search(r"awal-(\d+)", t)
        k = int(m.group(1)) - 1 if m else k
        if k >= 0:
            out[k].append(t)
    return out


@pytest.fixture(scope="module")
def fits(tmp_path_factory) -> dict[str, int]:
    """How many one-line paragraphs, and how many table rows, fill a chapter's first page."""
    pages = _pages([(("html", filler(80)),), (("html", table(80)),)], tmp_path_factory.mktemp("kalibrasi"), "k")
    return {"lines": max(int(n) for n in re.findall(r"isi-(\d+)", pages[0][0])),
            "rows": len(_rows(pages[1][0]))}


def _rows(text: str) -> list[str]:
    return re.findall(r"baris-\d+|Jumlah", text)


def test_a_table_starts_with_three_rows_ends_with_two_and_repeats_its_header(tmp_path, fits):
    rows = fits["rows"]
    chapters = [(("html", table(rows, total=True)),),  # the total would be alone
                (("html", table(rows + 1)),),  # the last row would be alone
                *[(("html", filler(fits["lines"] - k) + table(30)),) for k in (3, 4, 5)]]  # the first row
    for pages in _pages(chapters, tmp_path, "baris"):
        counts = [len(_rows(t)) for t in pages if _rows(t)]
        assert len(counts) >= 1 and counts[-1] >= 2 and counts[0] >= (3 if len(counts) > 1 else 1), counts
        assert all("Kolom A" in t for t in pages if _rows(t)), "the header row repeats on every page"
    assert len(counts) == 2  # the last tables do split (and not before a lone row)


def test_a_heading_never_ends_a_page_and_a_small_table_stays_whole(tmp_path, fits):
    chapters = [(("html", filler(fits["lines"] - k)), ("md", "### Subjudul uji\n\nKalimat pengantar tabel berikut."),
                 ("html", table(5, "Kecil"))) for k in range(2, 7)]
    for pages in _pages(chapters, tmp_path, "judul"):
        holding = [t for t in pages if "Subjudul uji" in t]
        assert len(holding) == 1
        assert "Kalimat pengantar" in holding[0] and "baris-01" in holding[0], "heading, lead-in and table together"
        assert all(len(_rows(t)) in (0, 5) for t in pages), "a small table is not split"


def _signed_pdf(path, colours=("0 0 1", "1 0 0")) -> None:
    """A small PDF: one page per colour, a filled rectangle on each."""
    doc = pikepdf.new()
    for colour in colours:
        doc.add_blank_page(page_size=(595, 842))
        doc.pages[-1].Contents = doc.make_stream(f"{colour} rg 60 60 475 722 re f".encode())
    doc.save(path)


def test_attached_documents_are_lampiran_pages_of_the_pdf(tmp_path):
    from lkjip.build import lampiran
    from lkjip.build.stitch import PageInfo

    folder = tmp_path / "kantor" / "lampiran" / "2024"
    folder.mkdir(parents=True)
    _signed_pdf(folder / "01_Perjanjian Kinerja 2024 bertanda tangan.pdf")
    docs = lampiran.dokumen(tmp_path / "kantor", 2024)
    html = page([front(), chapter("05_lampiran", "L", ("md", "# LAMPIRAN\n\n## 1. Perjanjian Kinerja\n\nTeks."),
                                  bagian="lampiran")], PageInfo(nama="Kantor Uji", dokumen=tuple(docs)))
    assert "<img" not in html.split("</header>")[1], "the HTML page links to the original, shows no scan"
    out = pdf(lampiran.untuk_pdf(html, docs), tmp_path / "lampiran.pdf")
    texts = page_texts(out)
    start = max(i for i, t in enumerate(texts) if "2. Perjanjian Kinerja 2024 bertanda tangan" in t)
    assert start == len(texts) - 2, "its heading and first page, then its second page, close the report"
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(out))
    colours = []
    for i in (start, start + 1):
        pixels = doc[i].render(scale=0.5).to_pil().convert("RGB")
        colours.append(pixels.getpixel((pixels.width // 2, int(pixels.height * 0.6))))
    doc.close()
    (r1, g1, b1), (r2, g2, b2) = colours
    assert b1 > 200 > r1 and r2 > 200 > b2, f"the document's two pages, in order: {colours}"
    toc = next(t for t in texts if "DAFTAR ISI" in t)
    assert re.search(r"2\. Perjanjian Kinerja 2024 bertanda tangan\W+2", " ".join(toc.split()))
    with pikepdf.open(out) as p:
        assert p.Root.OutputIntents[0].S == "/GTS_PDFA1" and p.open_metadata()["pdfaid:part"] == "3"
        images = [o for o in p.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert len(images) == 2 and not any(bool(i.get("/Interpolate", False)) for i in images)  # PDF/A
