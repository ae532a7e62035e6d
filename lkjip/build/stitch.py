"""The executed chapters as one self-contained HTML page (nbconvert + the lkjip template).

Each chapter notebook is converted by nbconvert's TemplateExporter with the ``lkjip`` template
(``lkjip/present/templates/lkjip/``): markdown and rich outputs only, no code, no prompts, no
script, images inline. Its tables and figures are numbered (:func:`numbered`). The fragments are
then set into ``page.html.j2`` with the style sheet inlined:

* the cover: the outputs of the first chapter's cells tagged ``sampul`` (a plain cover from the
  year when there are none);
* the table of contents: every h1 and h2 of the chapters, linked; placed where a chapter shows
  ``L.daftar_isi()``, else right after the cover;
* the chapters, each a ``<section class="bab">``.

Every heading gets a stable id (from its text, made unique in order), so links and the PDF's
page references do not change from build to build.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip.paths import TEMPLATES_DIR

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
    """One executed chapter to stitch: its notebook's name and bytes, and its number ("3")."""

    name: str
    data: bytes
    number: str

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    def notebook(self) -> Any:
        import nbformat

        return nbformat.reads(self.data.decode("utf-8"), as_version=4)


def exporter(templates_dir: Path = TEMPLATES_DIR) -> Any:
    """nbconvert's TemplateExporter with the ``lkjip`` template (made once per stitch)."""
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
    return _plain(m.group(1)) if m else None


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "bagian"


def _plain(inner: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", inner))).strip()


class _Headings:
    """Gives every heading a unique, stable id and collects h1/h2 for the table of contents."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.toc: list[tuple[int, str, str]] = []  # (level, id, text)

    def _unique(self, base: str) -> str:
        hid, n = base, 2
        while hid in self.used:
            hid, n = f"{base}-{n}", n + 1
        self.used.add(hid)
        return hid

    def reserve(self, hid: str) -> str:
        return self._unique(hid)

    def apply(self, fragment_html: str, toc: bool = True) -> str:
        def repl(m: re.Match) -> str:
            level, attrs, inner = int(m.group(1)), m.group(2) or "", m.group(3)
            text = _plain(inner)
            hid = self._unique(_slug(text))
            if toc and level <= 2 and text:
                self.toc.append((level, hid, text))
            attrs = _ATTR_ID.sub("", attrs)
            return f'<h{level} id="{hid}"{attrs}>{inner}</h{level}>'

        return _HEADING.sub(repl, fragment_html)


def toc_html(entries: list[tuple[int, str, str]]) -> str:
    lines = ['<nav class="daftar-isi" id="daftar-isi">', '<p class="judul-daftar-isi"><strong>Daftar Isi</strong></p>',
             "<ol>"]
    for level, hid, text in entries:
        lines.append(f'<li class="tingkat-{level}"><a href="#{hid}">{html.escape(text)}</a></li>')
    lines += ["</ol>", "</nav>"]
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
            f'<p class="judul-laporan">LKjIP {html.escape(office)} Tahun {year}</p>\n'
            "</section>")


_TABEL = re.compile(r'<table class="(tabel[^"]*)"')
_TABEL_NOMOR = '<span class="nomor">Tabel</span>'
_GAMBAR = re.compile(r'<figure class="(gambar[^"]*)"')
_GAMBAR_NOMOR = '<span class="nomor">Gambar</span>'


def numbered(body: str, chapter: str) -> str:
    """Tables and figures numbered per chapter in reading order ("Tabel 3.1"), each with an id
    ("tabel-3-1") that links and the PDF can point at."""
    for tag, mark, word in ((_TABEL, _TABEL_NOMOR, "Tabel"), (_GAMBAR, _GAMBAR_NOMOR, "Gambar")):
        body = _count(tag, body, lambda m, k, w=word: f'{m.group(0)} id="{w.lower()}-{chapter}-{k}"')
        body = _count(re.compile(re.escape(mark)), body,
                      lambda m, k, w=word: f'<span class="nomor">{w} {chapter}.{k}</span>')
    return body


def _count(pattern: re.Pattern, text: str, make: Any) -> str:
    """``pattern``'s matches in ``text`` replaced by ``make(match, k)``, k = 1, 2, ..."""
    counter = itertools.count(1)
    return pattern.sub(lambda m: make(m, next(counter)), text)


def convert(exp: Any, part: Part, first: bool) -> tuple[str | None, str]:
    """One chapter as HTML fragments: its cover (the first chapter's cells tagged ``sampul``;
    None for the other chapters) and its body, tables and figures numbered."""
    nb = part.notebook()
    if not first:
        return None, numbered(fragment(exp, nb), part.number)
    cover_nb, rest = _cover_and_rest(nb)
    cover = fragment(exp, cover_nb) if cover_nb is not None and cover_nb.cells else ""
    return cover, numbered(fragment(exp, rest), part.number)


def stitch(parts: list[Part], year: int, office: str = "", templates_dir: Path = TEMPLATES_DIR) -> str:
    """The report page from the executed chapters, in order."""
    import jinja2

    from lkjip import __version__

    exp = exporter(templates_dir)
    made = {part.stem: convert(exp, part, i == 0) for i, part in enumerate(parts)}
    heads = _Headings()
    heads.reserve("daftar-isi")
    cover = (made[parts[0].stem][0] or "") if parts else ""
    if not cover.strip():
        cover = _default_cover(year, office)
    cover = heads.apply(cover, toc=False)

    sections = []
    for part in parts:
        body = made[part.stem][1]
        sid = heads.reserve(f"bab-{_slug(part.stem)}")
        sections.append({"id": sid, "number": part.number, "html": heads.apply(body)})

    toc = toc_html(heads.toc)
    placed = False
    for s in sections:
        if not placed and TOC_MARKER.search(s["html"]):
            s["html"] = TOC_MARKER.sub(lambda _: toc, s["html"], count=1)
            placed = True
        s["html"] = TOC_MARKER.sub("", s["html"])

    title = running_title(cover)
    if title is None:
        title = f"LKjIP {office} Tahun {year}".replace("  ", " ")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir)),
                             autoescape=False, keep_trailing_newline=True)
    page = env.get_template(PAGE_TEMPLATE).render(
        title=title, css=(templates_dir / CSS_FILE).read_text(encoding="utf-8"), cover=cover,
        toc=toc, toc_after_cover=not placed, sections=sections, version=__version__)
    return page
