"""The executed chapters as one self-contained HTML page (nbconvert + the lkjip template).

Each chapter notebook is converted by nbconvert's HTMLExporter with the ``lkjip`` template
(``lkjip/templates/lkjip/``): markdown and rich outputs only, no code, no prompts, no script,
images inline. The fragments are then set into ``page.html.j2`` with the style sheet inlined:

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
    """One executed chapter to stitch: its notebook, table/figure number and file stem."""

    nb: Any  # nbformat.NotebookNode
    number: str
    stem: str


def exporter(templates_dir: Path = TEMPLATES_DIR):
    """nbconvert's HTMLExporter set up for report fragments (built once per build)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from traitlets.config import Config

    class FragmentExporter(HTMLExporter):
        """HTMLExporter without its final BeautifulSoup pass, which re-serialises the page:
        it lower-cases SVG names (viewBox, clipPath) and adds accessibility attributes to the
        notebook UI, which a report fragment does not have."""

        def from_notebook_node(self, nb, resources=None, **kw):
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove-cell"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove-output"}
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.exclude_anchor_links = True
    # embed_images would re-parse every inline HTML tag of a Markdown output on its own, closing
    # the <span data-fig> that carries a number before its text: the audit could not trace it.
    # Charts are inline SVG already, so nothing needs embedding.
    c.HTMLExporter.embed_images = False
    c.HTMLExporter.sanitize_html = False
    # validate each notebook once, after all preprocessors, not after each of them (a third of
    # the stitching time otherwise)
    c.HTMLExporter.optimistic_validation = True
    return FragmentExporter(config=c, template_name=TEMPLATE_NAME,
                            extra_template_basedirs=[str(templates_dir)])


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


def convert(exp: Any, part: Part, first: bool) -> tuple[str | None, str]:
    """One chapter as HTML fragments: its cover (the first chapter's cells tagged ``sampul``;
    None for the other chapters) and its body. Chapters convert independently, so a build can
    convert each as soon as it has executed; :func:`stitch` puts them together."""
    if not first:
        return None, fragment(exp, part.nb)
    cover_nb, rest = _cover_and_rest(part.nb)
    cover = fragment(exp, cover_nb) if cover_nb is not None and cover_nb.cells else ""
    return cover, fragment(exp, rest)


def stitch(parts: list[Part], year: int, office: str = "",
           templates_dir: Path = TEMPLATES_DIR,
           converted: dict[str, tuple[str | None, str]] | None = None) -> str:
    """The report page from the executed chapters, in order.

    ``converted``: fragments already made by :func:`convert` (with the same ``templates_dir``),
    by chapter stem; the others are converted here.
    """
    import jinja2

    from lkjip import __version__

    made = dict(converted or {})
    exp = None
    for i, part in enumerate(parts):
        if part.stem not in made:
            exp = exp or exporter(templates_dir)
            made[part.stem] = convert(exp, part, i == 0)
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
