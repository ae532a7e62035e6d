"""Small synthetic reports for the tests of the page: chapters made in memory (nbformat), stitched
as the build stitches them, rendered as the build renders them."""

from __future__ import annotations

from pathlib import Path

from lkjip.build.pdf import Berkas, render_pdf
from lkjip.build.stitch import PageInfo, Part, stitch
from lkjip.paths import TEMPLATES_DIR
from lkjip.present.tabel import tabel_html

PDF_CSS = (TEMPLATES_DIR / "lkjip-pdf.css").read_text(encoding="utf-8")
TOC = '<nav class="daftar-isi" data-lkjip="daftar-isi"></nav>'
COVER = ('<div class="sampul"><p class="sampul-judul">LAPORAN UJI</p><p class="sampul-tahun">TAHUN 2024</p>'
         '<p class="sampul-instansi">KANTOR UJI</p><p class="judul-laporan">Laporan Uji Tahun 2024</p></div>')


def notebook(*cells: tuple) -> bytes:
    """A notebook of ("md", text) cells and ("html", html[, tags]) outputs."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    out = []
    for kind, text, *tags in cells:
        if kind == "md":
            out.append(new_markdown_cell(text))
            continue
        cell = new_code_cell("")
        cell.outputs = [new_output("display_data", data={"text/html": text, "text/plain": ""})]
        if tags:
            cell.metadata["tags"] = list(tags[0])
        out.append(cell)
    return nbformat.writes(new_notebook(cells=out)).encode("utf-8")


def table(rows: int, judul: str = "Uji", total: bool = False, label: str = "baris") -> str:
    """A report table of ``rows`` one-line rows ("baris-01" ...), optionally with a total row."""
    body: list = [[f"{label}-{i:02d}", str(i)] for i in range(1, rows + 1)]
    classes = [""] * rows
    if total:
        body.append(["Jumlah", str(rows)])
        classes.append("total")
    return tabel_html(judul, [["Kolom A", "Kolom B"]], body, classes, None, None, None, "")


def filler(lines: int, label: str = "isi") -> str:
    return "\n".join(f"<p>{label}-{i:02d}</p>" for i in range(1, lines + 1))


def front(*cells: tuple) -> Part:
    """The front matter: a cover, a short cover letter, the Kata Pengantar and the lists."""
    data = notebook(("html", COVER, ["sampul"]), ("html", '<div class="surat"><p>Surat pengantar uji.</p></div>'),
                    ("md", "# KATA PENGANTAR\n\nKata pengantar uji."), ("html", TOC), *cells)
    return Part("00_depan.ipynb", data, "", "depan")


def chapter(name: str, number: str, *cells: tuple, bagian: str = "utama") -> Part:
    return Part(f"{name}.ipynb", notebook(*cells), number, bagian)


def page(parts: list[Part], info: PageInfo | None = None) -> str:
    return stitch(parts, 2024, "kantor-uji", info=info or PageInfo(nama="Kantor Uji"))


def pdf(page_html: str, out: Path, attachments: tuple[Berkas, ...] = ()) -> Path:
    render_pdf(page_html, out, attachments=attachments, stylesheets=[PDF_CSS])
    return out


def page_texts(path: Path) -> list[str]:
    """The text of every page of a PDF (pdfium)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()
