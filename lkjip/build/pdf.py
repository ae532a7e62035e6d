"""The report's PDF: WeasyPrint renders the stitched HTML, in one process, with the CSS
paged-media rules of ``lkjip/present/templates/lkjip.css`` (A4, cover and cover letter without
header and footer, front matter numbered i, ii, iii and the chapters 1, 2, 3, table of contents
and lists of tables and figures with page numbers, running title, tables and figures kept whole).

An archival document (WeasyPrint's own options, public API only):

* **PDF/A-3b** (``pdf_variant="pdf/a-3b"``: sRGB output intent, XMP metadata with
  ``pdfaid:part`` 3, fonts embedded) and **tagged** (``pdf_tags``: a structure tree, MarkInfo,
  the document's language): readable by assistive technology, reflowable, archivable;
* **its data inside**: the files given as ``attachments`` (figures.json, audit.json, the
  year's inputs) are embedded with their PDF/A-3 relationship, so that anyone holding the PDF can
  take the data out (``pdfdetach -saveall``, or any PDF reader's attachment pane) and recompute;
* **page labels** to match the printed numbers (Sampul, Surat Pengantar, i, ii, ..., 1, 2, ...):
  WeasyPrint does not make /PageLabels, so its documented ``finisher`` hook adds them to the
  catalog before the file is written (a /PageLabels number tree is allowed in PDF/A);
* Title, Author, Subject and Keywords from the page's ``<title>`` and ``<meta>`` tags.

The paged media that only WeasyPrint knows (running header, page-number runs, leaders and
target counters: ``lkjip-pdf.css``) is given here as a stylesheet, not written into the HTML
page, which holds standard CSS only (the Nu HTML Checker finds no error in it).

The PDF is reproducible: the HTML carries no date, so WeasyPrint writes no /CreationDate or
/ModDate; the file identifier (/ID) is derived from the HTML and the attachments instead of
being random; the attachments are dated SOURCE_DATE_EPOCH; and the embedded font subsets, which
fontTools stamps with the current time ('head.modified'), get a fixed time through
SOURCE_DATE_EPOCH too (https://reproducible-builds.org/specs/source-date-epoch/).

One speed measure lives here: garbage collection waits while WeasyPrint renders. A render makes
hundreds of thousands of objects that all live until its end, and in the build process, which
already holds pandas, the figures and nbconvert, each collection walks all of them: measured on
the 2024 report in a process loaded like the build's, the render took 5.1 s with collection and
3.6 s without (medians of 3), about 15 % of a cold HTML and PDF build. Memory is the same: the
objects are freed when the render ends.
"""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# The time stamped into embedded fonts and attachments unless the caller's environment sets
# SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH = "0"
PDF_VARIANT = "pdf/a-3b"

# data-nomor-halaman (lkjip.build.stitch) -> the page label of the run it starts
PAGE_LABELS = {"sampul": {"P": "Sampul"}, "surat": {"P": "Surat Pengantar"},
               "romawi": {"S": "/r"}, "arab": {"S": "/D"}}
_STARTS = re.compile(r'<[a-z]+\b[^>]*\bid="([^"]+)"[^>]*\bdata-nomor-halaman="(\w+)"')


@dataclass(frozen=True)
class Berkas:
    """A file the PDF carries as an attachment."""

    name: str  # as a PDF reader lists it, e.g. "data/kanim-pamekasan/pegawai.csv"
    data: bytes
    description: str = ""
    relationship: str = "Data"  # PDF/A-3 AFRelationship: Data, Source, Supplement, ...


def identifier(html_text: str, attachments: Sequence[Berkas] = ()) -> bytes:
    """The PDF's /ID: a digest of what it is made from (the same inputs, the same bytes)."""
    h = hashlib.sha256(html_text.encode("utf-8"))
    for a in attachments:
        h.update(f"\0{a.name}\0{a.relationship}\0{a.description}\0".encode())
        h.update(hashlib.sha256(a.data).digest())
    return h.hexdigest()[:32].encode("ascii")


def render_pdf(html_text: str, out: Path, base_url: Path | None = None,
               attachments: Sequence[Berkas] = (), stylesheets: Sequence[str] = ()) -> None:
    """Write ``html_text`` as a tagged PDF/A-3b to ``out``, carrying ``attachments``, styled
    also by ``stylesheets`` (CSS text: the paged media only WeasyPrint knows, lkjip-pdf.css)."""
    from weasyprint import CSS, HTML, Attachment

    starts = _STARTS.findall(html_text)
    with _quiet_render():
        stamp = datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=UTC)
        files = [Attachment(file_obj=io.BytesIO(a.data), name=a.name, description=a.description,
                            created=stamp, modified=stamp, relationship=a.relationship) for a in attachments]
        HTML(string=html_text, base_url=str(base_url) if base_url else None).write_pdf(
            str(out), pdf_identifier=identifier(html_text, attachments), pdf_variant=PDF_VARIANT,
            pdf_tags=True, attachments=files, stylesheets=[CSS(string=css) for css in stylesheets],
            finisher=lambda document, pdf: _label_pages(document, pdf, starts))


def _label_pages(document: Any, pdf: Any, starts: list[tuple[str, str]]) -> None:
    """/PageLabels in the catalog: each run of page numbers starts on the first page holding
    the anchor of the element that starts it."""
    import pydyf

    first: dict[str, int] = {}
    for i, page in enumerate(document.pages):
        for anchor in page.anchors:
            first.setdefault(anchor, i)
    runs: dict[int, str] = {}
    for hid, kind in starts:
        if hid in first and kind in PAGE_LABELS:
            runs.setdefault(first[hid], kind)
    runs.setdefault(0, "arab")
    nums = pydyf.Array()
    for i in sorted(runs):
        spec, label = PAGE_LABELS[runs[i]], pydyf.Dictionary()
        if "S" in spec:
            label["S"], label["St"] = spec["S"], 1
        if "P" in spec:
            label["P"] = pydyf.String(spec["P"])
        nums.extend([i, label])
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": nums})


@contextmanager
def _quiet_render() -> Iterator[None]:
    """WeasyPrint's loggers quiet, SOURCE_DATE_EPOCH set and garbage collection paused for a
    render (restored after it)."""
    # WeasyPrint logs every CSS property it ignores (e.g. 'hyphens'); the report does not care.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved or SOURCE_DATE_EPOCH
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """A zip archive of (name, bytes), the same bytes for the same files: entries in name
    order, each dated 1980-01-01 (zip's first day) with mode 0644."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()
