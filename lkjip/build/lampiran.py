"""Documents attached to a year's report: the signed PK, a decree, any scan the office puts in
``data/<office>/lampiran/<year>/`` (PDF, PNG or JPEG).

They are appended to the Lampiran, in file-name order, each under a heading of its own (listed
in the Daftar Isi): the HTML links to the original (copied next to it, into
``build/<year>/lampiran/``); the PDF shows every page, a PDF rasterised page by page with
pdfium (150 dpi, JPEG), so that the report stays one PDF/A file.

A document's title is its file name without the extension, without a leading order number and
with "_" as spaces: ``01_Perjanjian Kinerja Tahun 2024.pdf`` reads "Perjanjian Kinerja Tahun 2024".
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lkjip.errors import BuildError

FOLDER = "lampiran"  # data/<office>/lampiran/<year>/
JENIS = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
DPI = 150  # a scanned A4 page: 1240 x 1754 pixels
JPEG_QUALITY = 85

_TAUTAN = re.compile(r'<p class="tautan-dokumen" data-dokumen="(\d+)">.*?</p>', re.S)


@dataclass(frozen=True)
class Dokumen:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def mime(self) -> str:
        return JENIS[self.path.suffix.lower()]

    @property
    def judul(self) -> str:
        stem = re.sub(r"^\d+[\s._-]+", "", self.path.stem).replace("_", " ")
        return re.sub(r"\s+", " ", stem).strip() or self.path.stem


def folder(office_folder: Path, year: int) -> Path:
    return Path(office_folder) / FOLDER / str(year)


def dokumen(office_folder: Path, year: int) -> list[Dokumen]:
    """The year's attached documents, in file-name order."""
    where = folder(office_folder, year)
    if not where.is_dir():
        return []
    found = []
    for path in sorted(where.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() not in JENIS:
            raise BuildError(f"{path}: dokumen lampiran harus berkas PDF, PNG atau JPEG "
                             f"(ditemukan: '{path.suffix or 'tanpa ekstensi'}'); ubah formatnya atau pindahkan dari {where}")
        found.append(Dokumen(path))
    return found


def html_tautan(docs: list[Dokumen], first_number: int | None) -> str:
    """The documents as the HTML page shows them: a heading each and a link to the original
    (``lampiran/<file>`` next to the page). ``first_number`` numbers the headings ("3. ...")
    after the Lampiran's own, or None for no number."""
    out = []
    for i, d in enumerate(docs):
        nomor = f"{first_number + i}. " if first_number is not None else ""
        kind = "PDF" if d.mime == "application/pdf" else d.mime.split("/")[1].upper()
        out += ['<div class="dokumen-lampiran">',
                f"<h2>{html.escape(nomor + d.judul)}</h2>",
                f'<p class="tautan-dokumen" data-dokumen="{i}">Berkas asli: '
                f'<a href="{FOLDER}/{quote(d.name)}">{html.escape(d.name)}</a> ({kind})</p>',
                "</div>"]
    return "\n".join(out)


def halaman(doc: Dokumen) -> list[tuple[str, bytes]]:
    """Every page of a document as an image (mime type, bytes): a PDF's pages rasterised, an
    image as it is."""
    data = doc.path.read_bytes()
    if doc.mime != "application/pdf":
        return [(doc.mime, data)]
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise BuildError(f"{doc.path}: PDF ini tidak dapat dibaca ({exc}); simpan ulang sebagai PDF biasa "
                         "tanpa enkripsi") from None
    pages = []
    try:
        for i in range(len(pdf)):
            image = pdf[i].render(scale=DPI / 72).to_pil().convert("RGB")
            buf = io.BytesIO()
            image.save(buf, "JPEG", quality=JPEG_QUALITY)
            pages.append(("image/jpeg", buf.getvalue()))
    finally:
        pdf.close()
    if not pages:
        raise BuildError(f"{doc.path}: PDF ini tidak memiliki halaman")
    return pages


def untuk_pdf(page_html: str, docs: list[Dokumen]) -> str:
    """The report page as the PDF shows it: each document's link replaced by its pages."""
    def repl(m: re.Match) -> str:
        doc = docs[int(m.group(1))]
        pages = halaman(doc)
        out = []
        for k, (mime, data) in enumerate(pages, 1):
            alt = html.escape(f"{doc.judul}, halaman {k} dari {len(pages)}")
            src = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
            cls = "halaman-dokumen pertama" if k == 1 else "halaman-dokumen"
            out.append(f'<figure class="{cls}"><img src="{src}" alt="{alt}"></figure>')
        return "\n".join(out)

    return _TAUTAN.sub(repl, page_html) if docs else page_html
