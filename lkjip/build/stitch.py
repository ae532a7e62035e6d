"""The executed chapters as one self-contained HTML page (nbconvert + the lkjip template).

Each chapter notebook is converted by nbconvert's TemplateExporter with the ``lkjip`` template
(``lkjip/present/templates/lkjip/``): markdown and rich outputs only, no code, no prompts, no
script, images inline. Its tables and figures are numbered (:func:`numbered`) and finished for
the page (:mod:`lkjip.build.halaman`: header cells scoped, tables in boxes of their own). The
fragments are then set into ``page.html.j2`` with the style sheet and the house style inlined:

* the cover (``<header>``): the outputs of the first chapter's cells tagged ``sampul`` (a plain
  cover from the year when there are none), with the office's logo when its data folder has one;
* the cover letter: what the front matter (``bagian="depan"``) shows before its first ``<h1>``;
  without running header or page number in the PDF;
* the front matter, numbered i, ii, iii in the PDF, holding the table of contents and the
  Daftar Tabel and Daftar Gambar where a chapter shows ``L.daftar_isi()`` (else right after the
  cover letter): every h1 and h2 and every numbered caption, linked;
* the BABs and the appendices, each a ``<section class="bab">``, numbered 1, 2, 3 from BAB I
  on; the year's attached documents (:mod:`lkjip.build.lampiran`) close the Lampiran.

Every heading gets a stable id (from its text, made unique in order), so links and the PDF's
page references do not change from build to build. Elements that start a run of page numbers
carry ``data-nomor-halaman`` (sampul, surat, romawi, arab): :mod:`lkjip.build.pdf` labels the
PDF's pages from them.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lkjip.build import gaya as G
from lkjip.build import halaman
from lkjip.build.lampiran import Dokumen, html_tautan
from lkjip.paths import TEMPLATES_DIR
from lkjip.present.dokumen import judul_berjalan

TEMPLATE_NAME = "lkjip"  # lkjip/templates/lkjip/index.html.j2: one chapter's outputs
PAGE_TEMPLATE = "page.html.j2"  # the whole report
CSS_FILE = "lkjip.css"
COVER_TAG = "sampul"
TOC_MARKER = re.compile(r'<nav class="daftar-isi" data-lkjip="daftar-isi"></nav>')

_JUDUL = re.compile(r'<p class="judul-laporan">(.*?)</p>', re.S)
_HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.S | re.I)
_ATTR_ID = re.compile(r'\sid="[^"]*"')


@dataclass(frozen=True)
class Part:
    """One executed chapter to stitch: its notebook's name and bytes, its number ("3", "L", or
    "" for none) and its part of the book (depan, utama, lampiran: lkjip.build.chapters)."""

    name: str
    data: bytes
    number: str
    bagian: str = "utama"

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    def notebook(self) -> Any:
        import nbformat

        return nbformat.reads(self.data.decode("utf-8"), as_version=4)


@dataclass(frozen=True)
class PageInfo:
    """What the page carries besides the chapters, from the office's data folder and the params."""

    nama: str = ""  # the office's name: the PDF's author, the logo's text
    gaya: dict[str, Any] = field(default_factory=lambda: dict(G.GAYA_BAWAAN))  # the house style
    logo: tuple[str, bytes] | None = None  # (mime type, bytes) of logo.svg or logo.png
    dokumen: tuple[Dokumen, ...] = ()  # the year's attached documents

    def key(self) -> dict[str, Any]:
        """What the HTML is made from (for its cache key)."""
        return {"nama": self.nama, "gaya": self.gaya,
                "logo": [self.logo[0], hashlib.sha256(self.logo[1]).hexdigest()] if self.logo else None,
                "dokumen": [[d.name, d.judul] for d in self.dokumen]}


@cache
def exporter(templates_dir: Path = TEMPLATES_DIR) -> Any:
    """nbconvert's TemplateExporter with the ``lkjip`` template (made once per process; it
    compiles the template when it first converts a notebook)."""
    from nbconvert.exporters import TemplateExporter
    from traitlets.config import Config

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    c.TemplateExporter.exclude_input = True
    c.TemplateExporter.exclude_input_prompt = True
    c.TemplateExporter.exclude_output_prompt = True
    exp = TemplateExporter(config=c, template_name=TEMPLATE_NAME, file_extension=".html",
                           extra_template_basedirs=[str(templates_dir)])
    exp.register_filter("markdown2html", _markdown_html)
    return exp


def prepare(templates_dir: Path = TEMPLATES_DIR) -> None:
    """Import nbconvert and compile the chapter template now. The build calls this while its
    kernels execute the chapters, when this process has nothing else to do; otherwise the
    stitch after the last chapter would wait for it (about 0.15 s)."""
    from nbformat.v4 import new_notebook

    exporter(templates_dir).from_notebook_node(new_notebook())


def _markdown_html(source: str) -> str:
    """Markdown as nbconvert renders it, without the "¶" anchor links (the stitched page gives
    every heading its own id)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    return MarkdownWithMath(renderer=IPythonRenderer(escape=False, exclude_anchor_links=True)).render(source)


def fragment(exp: Any, nb: Any) -> str:
    body, _ = exp.from_notebook_node(nb)
    return body.strip()


def running_title(cover: str) -> str | None:
    """The text of the cover's ``judul-laporan`` line (the PDF's running header), if it has one."""
    m = _JUDUL.search(cover)
    return halaman.plain(m.group(1)) if m else None


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "bagian"


class _Headings:
    """Gives every heading a unique, stable id and collects h1/h2 for the table of contents."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.toc: list[tuple[int, str, str, bool]] = []  # (level, id, text, in the front matter)

    def _unique(self, base: str) -> str:
        hid, n = base, 2
        while hid in self.used:
            hid, n = f"{base}-{n}", n + 1
        self.used.add(hid)
        return hid

    def reserve(self, hid: str) -> str:
        return self._unique(hid)

    def apply(self, fragment_html: str, toc: bool = True, depan: bool = False) -> str:
        def repl(m: re.Match) -> str:
            level, attrs, inner = int(m.group(1)), m.group(2) or "", m.group(3)
            text = halaman.plain(inner)
            hid = self._unique(_slug(text))
            if toc and level <= 2 and text:
                self.toc.append((level, hid, text, depan))
            attrs = _ATTR_ID.sub("", attrs)
            return f'<h{level} id="{hid}"{attrs}>{inner}</h{level}>'

        return _HEADING.sub(repl, fragment_html)


def toc_html(entries: list[tuple[int, str, str, bool]]) -> str:
    lines = ['<div class="halaman-daftar" id="daftar-isi">', '<h1 id="judul-daftar-isi">DAFTAR ISI</h1>',
             '<nav class="daftar-isi" aria-labelledby="judul-daftar-isi">', "<ol>"]
    for level, hid, text, depan in entries:
        cls = f"tingkat-{level}" + (" depan" if depan else "")
        lines.append(f'<li class="{cls}"><a href="#{hid}">{html.escape(text)}</a></li>')
    lines += ["</ol>", "</nav>", "</div>"]
    return "\n".join(lines)


def _cover_and_rest(nb: Any) -> tuple[Any, Any]:
    """(the cells tagged 'sampul', the other cells) of a notebook, as two notebooks."""
    import copy

    cover, rest = copy.copy(nb), copy.copy(nb)
    cover.cells = [c for c in nb.cells if COVER_TAG in c.get("metadata", {}).get("tags", [])]
    rest.cells = [c for c in nb.cells if COVER_TAG not in c.get("metadata", {}).get("tags", [])]
    return cover, rest


def _default_cover(year: int, office: str) -> str:
    return ('<section class="sampul">\n'
            '<p class="sampul-judul">Laporan Kinerja Instansi Pemerintah</p>\n'
            '<p class="sampul-sub">(LKjIP)</p>\n'
            f'<p class="sampul-tahun">Tahun {year}</p>\n'
            f'<p class="sampul-instansi">{html.escape(office)}</p>\n'
            f'<p class="judul-laporan">{html.escape(judul_berjalan(office, year))}</p>\n'
            "</section>")


def _with_logo(cover: str, info: PageInfo) -> str:
    """The cover with the office's logo above the office's name (or at its end)."""
    if not info.logo:
        return cover
    mime, data = info.logo
    alt = f"Logo {info.nama}".strip()
    logo = (f'<p class="sampul-logo"><img src="data:{mime};base64,{base64.b64encode(data).decode("ascii")}" '
            f'alt="{html.escape(alt)}"></p>\n')
    at = cover.find('<p class="sampul-instansi"')
    return cover[:at] + logo + cover[at:] if at >= 0 else cover + "\n" + logo


_TABEL = re.compile(r'<table class="(tabel[^"]*)"')
_TABEL_NOMOR = '<span class="nomor">Tabel</span>'
_GAMBAR = re.compile(r'<figure class="(gambar[^"]*)"')
_GAMBAR_NOMOR = '<span class="nomor">Gambar</span>'


def numbered(body: str, chapter: str) -> str:
    """Tables and figures numbered per chapter in reading order ("Tabel 3.1", "Tabel L.1"; with
    no chapter number "Tabel 1"), each with an id ("tabel-3-1", "tabel-l-1", "tabel-1") that
    links and the PDF can point at."""
    prefix = f"{chapter}." if chapter else ""
    slug = f"{_slug(chapter)}-" if chapter else ""
    for tag, mark, word in ((_TABEL, _TABEL_NOMOR, "Tabel"), (_GAMBAR, _GAMBAR_NOMOR, "Gambar")):
        body = _count(tag, body, lambda m, k, w=word: f'{m.group(0)} id="{w.lower()}-{slug}{k}"')
        body = _count(re.compile(re.escape(mark)), body,
                      lambda m, k, w=word: f'<span class="nomor">{w} {prefix}{k}</span>')
    return body


def _count(pattern: re.Pattern, text: str, make: Any) -> str:
    """``pattern``'s matches in ``text`` replaced by ``make(match, k)``, k = 1, 2, ..."""
    counter = itertools.count(1)
    return pattern.sub(lambda m: make(m, next(counter)), text)


def convert(exp: Any, part: Part, first: bool) -> tuple[str | None, str]:
    """One chapter as HTML fragments: its cover (the first chapter's cells tagged ``sampul``;
    None for the other chapters) and its body, tables and figures numbered and finished."""
    nb = part.notebook()
    if not first:
        return None, halaman.tuntas(numbered(fragment(exp, nb), part.number))
    cover_nb, rest = _cover_and_rest(nb)
    cover = fragment(exp, cover_nb) if cover_nb is not None and cover_nb.cells else ""
    return cover, halaman.tuntas(numbered(fragment(exp, rest), part.number))


def _split_letter(body: str) -> tuple[str, str]:
    """(the cover letter, the rest) of the front matter: what comes before its first h1."""
    m = re.search(r"<h1[\s>]", body)
    head = body[:m.start()] if m else ""
    if not re.sub(r"<[^>]*>", "", head).strip() or TOC_MARKER.search(head):
        return "", body
    return head, body[m.start():]


def _next_number(body: str) -> int | None:
    """The number of the next h2 of an appendix whose h2 are numbered ("1. ...", "2. ..."), else None."""
    texts = [halaman.plain(x) for x in re.findall(r"<h2[^>]*>(.*?)</h2>", body, re.S)]
    return len(texts) + 1 if texts and all(re.match(r"\d+\.\s", t) for t in texts) else None


_DAFTAR = "<!--lkjip:daftar-->"
_RESERVED = ("daftar-isi", "judul-daftar-isi", "daftar-tabel", "judul-daftar-tabel", "daftar-gambar",
             "judul-daftar-gambar", "sampul", "surat-pengantar", "halaman-depan", "halaman-utama")


def stitch(parts: list[Part], year: int, office: str = "", templates_dir: Path = TEMPLATES_DIR,
           info: PageInfo | None = None) -> str:
    """The report page from the executed chapters, in order."""
    import jinja2

    from lkjip import __version__

    info = info or PageInfo(nama=office)
    exp = exporter(templates_dir)
    made = {part.stem: convert(exp, part, i == 0) for i, part in enumerate(parts)}
    heads = _Headings()
    for hid in _RESERVED:
        heads.reserve(hid)
    cover = (made[parts[0].stem][0] or "") if parts else ""
    if not cover.strip():
        cover = _default_cover(year, office)
    cover = _with_logo(heads.apply(cover, toc=False), info)

    tables: list[halaman.Keterangan] = []
    figures: list[halaman.Keterangan] = []
    letter, sections, daftar_at, docs_left = "", [], None, list(info.dokumen)
    for part in parts:
        depan = part.bagian == "depan"
        body = made[part.stem][1]
        t, f = halaman.keterangan(body, depan)
        tables += t
        figures += f
        if depan and not letter and not any(s["bagian"] == "depan" for s in sections):
            letter, body = _split_letter(body)
            letter = heads.apply(letter, toc=False)
        if part.bagian == "lampiran" and docs_left:
            body += "\n" + html_tautan(docs_left, _next_number(body))
            docs_left = []
        sid = heads.reserve(f"bab-{_slug(part.stem)}")
        m = TOC_MARKER.search(body) if daftar_at is None else None
        if m:
            before = heads.apply(body[:m.start()], depan=depan)
            daftar_at = len(heads.toc)
            body = before + _DAFTAR + heads.apply(TOC_MARKER.sub("", body[m.end():]), depan=depan)
        else:
            body = heads.apply(TOC_MARKER.sub("", body), depan=depan)
        sections.append({"id": sid, "number": part.number, "bagian": part.bagian, "html": body})
    if docs_left and sections:  # no appendix chapter: the documents close the report
        sections[-1]["html"] += "\n" + heads.apply(html_tautan(docs_left, None))

    lists = [(1, "judul-daftar-isi", "DAFTAR ISI", True)]
    extra = []
    for kind, title, items in (("tabel", "DAFTAR TABEL", tables), ("gambar", "DAFTAR GAMBAR", figures)):
        if items:
            lists.append((1, f"judul-daftar-{kind}", title, True))
            extra.append(halaman.daftar(kind, title, items))
    at = daftar_at if daftar_at is not None else 0
    daftar = "\n".join([toc_html(heads.toc[:at] + lists + heads.toc[at:]), *extra])
    for s in sections:
        s["html"] = s["html"].replace(_DAFTAR, daftar)

    title = running_title(cover)
    if title is None:
        title = judul_berjalan(office, year).replace("  ", " ")
    nama = info.nama or office
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)),
                             autoescape=False, keep_trailing_newline=True)
    css = (templates_dir / CSS_FILE).read_text(encoding="utf-8") + G.css(info.gaya)
    return env.get_template(PAGE_TEMPLATE).render(
        title=title, css=css, cover=cover, letter=letter, daftar=daftar if daftar_at is None else "",
        depan=[s for s in sections if s["bagian"] == "depan"],
        utama=[s for s in sections if s["bagian"] != "depan"], version=__version__,
        author=nama, description=f"Laporan Kinerja Instansi Pemerintah (LKjIP) {nama} Tahun {year}",
        keywords=", ".join(x for x in ("LKjIP", "SAKIP", "laporan kinerja", "akuntabilitas kinerja",
                                       str(year), nama) if x))
