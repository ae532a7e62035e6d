"""The Word edition: the stitched HTML page written as a .docx with python-docx.

The page is converted by element, not by text, so chapters may change freely:

* ``div.halaman-sampul`` is the cover, a section of its own without header and page number;
* in the front chapter (``section.bab`` with ``data-bab="0"``) what comes before its first
  ``h1`` is the cover letter, also a section without header and page number; the rest of the
  front matter is numbered i, ii, ... and has the running header (the page's title);
* every other ``section.bab`` is a section starting on a new page; the first restarts the page
  numbers at 1 (arabic);
* ``h1``-``h6`` are Word's Heading 1-6 (the navigation pane and the table of contents use
  them), bookmarked under their ids; ``nav.daftar-isi`` is a TOC field that Word fills when it
  opens the document (its entries as the HTML lists them until then), followed by a list of
  tables and a list of figures (TOC fields over the captions' SEQ fields);
* ``table`` is a Word table (:mod:`lkjip.build.docx_tables`); ``figure`` a picture with its
  caption (:mod:`lkjip.build.docx_images`); ``ul``/``ol`` Word lists; a ``div`` shown as a flex
  row (the signatures of the Perjanjian Kinerja) a borderless one-row table, as offices lay out
  signatures side by side in Word (a row never breaks across pages); a ``p`` or ``div`` keeps
  the alignment, margins, size and bottom border its ``style`` gives it;
* a paragraph with a class takes the style named after it, when the reference has one
  (:mod:`lkjip.build.docx_styles`).
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu, Pt, Twips
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from lkjip.build import docx_blocks as B
from lkjip.build import docx_word as W
from lkjip.build.docx_blocks import WS, Ctx, Fmt
from lkjip.build.docx_images import Picture, data_picture, svg_picture, take_svgs
from lkjip.build.docx_styles import COVER_MARGINS_MM, REFERENCE, ensure_styles, text_width

FRONT = {"", "0"}  # data-bab of the front chapter
_MM = 56.7  # twips per mm
_NOTE_GAP = 2  # pt; lkjip.css pulls a table's note (p.catatan-tabel) up under it
_NUMBER = re.compile(r"^\s*((\S+)\s.*?)(\d+)\s*$")  # "Tabel 3.1": ("Tabel 3.", "Tabel", "1")
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


class Writer:
    """Writes one HTML page into a python-docx document made from a reference document."""

    def __init__(self, reference: Path):
        import docx

        self.doc = docx.Document(str(reference))
        ensure_styles(self.doc)
        default = self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        # style name -> id of the paragraph styles (the default style is not named on a paragraph)
        self.styles = {s.name: "" if s == default else s.style_id for s in self.doc.styles
                       if s.type == WD_STYLE_TYPE.PARAGRAPH}
        self.body = self.doc.element.body
        self.sentinel = self.body.get_or_add_sectPr()  # the last section's properties
        for child in list(self.body):
            if child is not self.sentinel:
                self.body.remove(child)
        s = self.doc.sections[-1]
        twips = lambda emu: round(emu / 635)  # noqa: E731
        self.width = text_width(self.doc)
        self.page = W.Page(twips(s.page_width), twips(s.page_height),
                           (twips(s.top_margin), twips(s.right_margin), twips(s.bottom_margin), twips(s.left_margin)),
                           twips(s.header_distance), twips(s.footer_distance))
        self.cover_page = replace(self.page, margins=tuple(round(v * _MM) for v in COVER_MARGINS_MM))
        self.lists = W.Lists(self.doc.part.numbering_part.element)
        self.container: Any = None  # None: the document's body; else a table cell (w:tc)
        self.p: Any = None  # the paragraph being written (w:p), and its python-docx proxy
        self.para: Any = None
        self.made: list[Any] = []  # every paragraph made (w:p), in order
        self.pending_break = False
        self.gap: float | None = None  # space before the next paragraph (pt), after a table
        self.pending_num: tuple[int, int] | None = None
        self.space = True  # the paragraph so far is empty or ends with a space
        self.in_caption = False
        self.section: W.Section | None = None
        self.bookmarks: dict[str, str] = {}  # element id -> bookmark name
        self.captions: dict[str, list[tuple[str, str]]] = {}  # "Tabel" -> [(caption, bookmark)]
        self.svgs: list[str] = []
        self.refs: tuple[str, str] | None = None
        self.bookmark_count = 0

    # ---- the page -------------------------------------------------------------------------
    def write(self, page: str) -> None:
        import lxml.html

        page, self.svgs = take_svgs(page)
        root = lxml.html.document_fromstring(page)
        self._scan(root)
        title = WS.sub(" ", root.findtext(".//title") or "").strip()
        self.refs = self._header_footer(title)
        cp = self.doc.core_properties
        cp.title, cp.language = title, "id-ID"
        W.update_fields_on_open(self.doc.settings.element)
        W.one_header_for_all_pages(self.doc.settings.element)
        W.drop_thumbnail(self.doc)
        first_body = True
        for kind, elements in self._segments(root.find("body")):
            if kind in ("cover", "letter"):
                self._begin(W.Section(self.cover_page if kind == "cover" else self.page))
            elif kind == "front":
                self._begin(W.Section(self.page, refs=self._take_refs(), number_format="lowerRoman", restart=True))
            else:
                self._begin(W.Section(self.page, refs=self._take_refs(), restart=first_body))
                first_body = False
            self.flow_list(elements, Ctx(align="center") if kind == "cover" else Ctx(), Fmt())
            self.close()
        if self.section is not None:
            W.last_section(self.body, self.section)

    def _take_refs(self) -> tuple[str, str] | None:
        """The header and footer for the first numbered section; later ones inherit them."""
        refs, self.refs = self.refs, None
        return refs

    def _scan(self, root: Any) -> None:
        """Bookmark names for headings, tables and figures; the captions for the lists of
        tables and figures (known before the table of contents is written)."""
        for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "table", "figure"):
            hid = el.get("id")
            if hid and hid not in self.bookmarks:
                self.bookmarks[hid] = f"_Lkjip{len(self.bookmarks) + 1}"
            cap = el.find("caption" if el.tag == "table" else "figcaption")
            nomor = cap.find(".//span[@class='nomor']") if cap is not None else None
            if hid and nomor is not None and (nomor.text or "").split():
                text = WS.sub(" ", cap.text_content()).strip()
                self.captions.setdefault(nomor.text.split()[0], []).append((text, self.bookmarks[hid]))

    @staticmethod
    def _segments(body: Any) -> list[tuple[str, list[Any]]]:
        """(kind, elements): the cover, the cover letter, the front matter, each chapter."""
        out: list[tuple[str, list[Any]]] = []
        for el in _flat(body):
            if "halaman-sampul" in el.get("class", "").split():
                out.append(("cover", [el]))
            elif "halaman-surat" in el.get("class", "").split():
                out.append(("letter", [el]))
            elif el.tag == "section" and el.get("data-bab", "") in FRONT:
                kids = [k for k in el if isinstance(k.tag, str)]
                h1 = next((i for i, k in enumerate(kids) if k.tag == "h1"), len(kids))
                out += [(kind, part) for kind, part in (("letter", kids[:h1]), ("front", kids[h1:])) if part]
            elif el.tag == "section":
                out.append(("body", [el]))
            elif out and out[-1][0] in ("front", "body"):
                out[-1][1].append(el)
            else:
                out.append(("front", [el]))
        return out

    def _header_footer(self, title: str) -> tuple[str, str]:
        """The running header (the title) and the footer's PAGE field, made once; the first
        numbered section refers to them by their relationship ids, later ones inherit them."""
        section = self.doc.sections[-1]
        for story, style in ((section.header, "Header"), (section.footer, "Footer")):
            story.is_linked_to_previous = False
            root = story.part.element
            for child in list(root):
                root.remove(child)
            p = W.el("p")
            root.append(p)
            para = Paragraph(p, story)
            para.style = self.doc.styles[style]
            if style == "Header":
                para.add_run(title)
            else:
                W.field(p, "PAGE")
        rid, default = W.qn("r:id"), W.qn("w:type")
        return tuple(next(r.get(rid) for r in self.sentinel.findall(W.qn(f"w:{kind}")) if r.get(default) == "default")
                     for kind in ("headerReference", "footerReference"))

    # ---- sections ---------------------------------------------------------------------------
    def _begin(self, section: W.Section) -> None:
        self.close()
        self._end_section()
        self.section = section
        self.pending_break = False  # a section starts on a new page anyway

    def _end_section(self) -> None:
        if self.section is not None:
            W.end_section(self.body, self.section)

    # ---- paragraphs -------------------------------------------------------------------------
    def open_para(self, ctx: Ctx) -> Paragraph:
        """The paragraph being written; a new one with ``ctx``'s properties if there is none."""
        if self.para is not None:
            return self.para
        p = W.el("p")
        if self.container is None:
            self.sentinel.addprevious(p)
        else:
            self.container.append(p)
        para = Paragraph(p, self.doc)
        style = self.styles.get(ctx.style)
        if style:  # set here: python-docx looks a style up among all of them on every paragraph
            W.ppr_insert(p.get_or_add_pPr(), W.el("pStyle", val=style))
        pf = para.paragraph_format
        if ctx.align:
            pf.alignment = _ALIGN.get(ctx.align)
        if ctx.indent or ctx.right:
            pf.left_indent, pf.right_indent = Twips(ctx.indent), Twips(ctx.right)
        if self.pending_break:
            pf.page_break_before, self.pending_break = True, False
        if self.gap is not None:  # the space a table leaves below itself
            pf.space_before = Pt(_NOTE_GAP if ctx.style == "Catatan Tabel" else self.gap)
            self.gap = None
        if self.pending_num is not None:
            W.num_pr(p.get_or_add_pPr(), *self.pending_num)
            pf.first_line_indent = Twips(-W.HANGING)
            self.pending_num = None
        self.p, self.para, self.space = p, para, True
        self.made.append(p)
        return para

    def close(self) -> None:
        """End the paragraph being written (its trailing spaces dropped)."""
        if self.p is not None:
            texts = self.p.findall(f".//{W.qn('w:t')}")
            if texts and texts[-1].text:
                texts[-1].text = texts[-1].text.rstrip(" ")
        self.p = self.para = None

    def new_page(self) -> None:
        self.close()
        self.pending_break = True

    def bookmark(self, el: Any, p: Any) -> None:
        name = self.bookmarks.get(el.get("id") or "")
        if name and p is not None:
            self.bookmark_count += 1
            W.bookmark(p, name, self.bookmark_count)

    def place(self, block: Any) -> None:
        """A table (``w:tbl``) placed where the next paragraph would go."""
        self.close()
        if self.pending_break:  # a page break before a table: carried by an empty paragraph
            self.open_para(Ctx())
            self.close()
        if self.container is None:
            self.sentinel.addprevious(block)
        else:
            self.container.append(block)
        self.gap = None

    def into(self, container: Any) -> Any:
        """Write into ``container`` (a ``w:tc``) until the returned restore() is called."""
        self.close()
        saved, self.container = self.container, container

        def restore() -> None:
            self.close()
            if container.find(W.qn("w:p")) is None or container[-1].tag != W.qn("w:p"):
                container.append(W.el("p"))
            self.container = saved

        return restore

    def width_left(self, ctx: Ctx) -> int:
        return (ctx.width or self.width) - ctx.indent - ctx.right

    # ---- flow -------------------------------------------------------------------------------
    def flow(self, el: Any, ctx: Ctx, fmt: Fmt) -> None:
        """An element's content: text and inline elements into paragraphs, blocks as blocks."""
        if el.text:
            self.text(el.text, ctx, fmt)
        self.flow_list(list(el), ctx, fmt)

    def flow_list(self, children: list[Any], ctx: Ctx, fmt: Fmt) -> None:
        for child in children:
            if isinstance(child.tag, str):
                if child.tag in B.BLOCKS:
                    self.close()
                    B.block(self, child, ctx, fmt)
                else:
                    self.inline(child, ctx, fmt)
            if child.tail:
                self.text(child.tail, ctx, fmt)

    def text(self, text: str, ctx: Ctx, fmt: Fmt) -> None:
        text = WS.sub(" ", text)
        if fmt.nowrap:  # lkjip.css: .angka { white-space: nowrap }
            text = text.replace(" ", "\u00a0")
        if self.para is None or self.space:
            text = text.lstrip(" ")
        if not text:
            return
        para = self.open_para(ctx)
        if fmt.link:
            links = self.p.findall(W.qn("w:hyperlink"))
            link = links[-1] if links and self.p[-1] is links[-1] and \
                links[-1].get(W.qn("w:anchor")) == fmt.link else W.internal_link(self.p, fmt.link)
            r = W.el("r")
            link.append(r)
            run = Run(r, para)
            run.text = text
        else:
            run = para.add_run(text)
        f = run.font
        f.bold = fmt.bold or None
        f.italic = fmt.italic or None
        f.underline = fmt.underline or None
        f.superscript, f.subscript = fmt.sup or None, fmt.sub or None
        if ctx.size:
            f.size = Pt(ctx.size)
        if fmt.mono:
            f.name = "DejaVu Sans Mono"
        self.space = text.endswith(" ")

    def inline(self, el: Any, ctx: Ctx, fmt: Fmt) -> None:
        tag, classes = el.tag, set(el.get("class", "").split())
        if tag == "br":
            self.open_para(ctx).add_run().add_break()
            self.space = True
            return
        if tag == "img":
            self.picture(el, ctx)
            return
        if tag in ("script", "style", "template"):
            return
        f = replace(fmt, bold=fmt.bold or tag in ("strong", "b"), italic=fmt.italic or tag in ("em", "i", "cite"),
                    underline=fmt.underline or tag in ("u", "ins"), sup=fmt.sup or tag == "sup",
                    sub=fmt.sub or tag == "sub", mono=fmt.mono or tag in ("code", "kbd", "samp"),
                    nowrap=fmt.nowrap or "angka" in classes)
        if tag == "a" and (el.get("href") or "").startswith("#"):
            f = replace(f, link=self.bookmarks.get(el.get("href")[1:]))
        number = _NUMBER.match(WS.sub(" ", el.text_content())) if self.in_caption and "nomor" in classes else None
        if number is None:
            self.flow(el, ctx, f)
            return
        # A caption's number ("Tabel 3.1"): its last number is a SEQ field set to that number,
        # so that Word's list of tables (TOC \c "Tabel") finds the caption and keeps the number.
        self.text(number.group(1), ctx, f)
        runs = W.field_start(self.p, f"SEQ {number.group(2)} \\r {number.group(3)}")
        self.text(number.group(3), ctx, f)
        result = self.p[-1]
        runs.append(W.field_end(self.p))
        rpr = result.find(W.qn("w:rPr"))
        for r in runs if rpr is not None else ():  # LibreOffice shows the field as its first run is
            r.insert(0, copy.deepcopy(rpr))

    def picture(self, el: Any, ctx: Ctx) -> None:
        """An image (a chart's SVG drawn as PNG, or a data: URI) in the paragraph being written,
        described by its figure's caption (or its alt text)."""
        limit = self.width_left(ctx) * 635
        if el.get("data-lkjip-svg") is not None:
            pic: Picture | None = svg_picture(self.svgs[int(el.get("data-lkjip-svg"))], limit)
        else:
            pic = data_picture(el.get("src", ""), el.get("width"), limit)
        if pic is None:
            self.text(el.get("alt", ""), ctx, Fmt())
            return
        para = self.open_para(ctx)
        run = para.add_run()
        run.add_picture(io.BytesIO(pic.png), width=Emu(pic.width_emu), height=Emu(pic.height_emu))
        figure = next(el.iterancestors("figure"), None)
        caption = figure.find("figcaption") if figure is not None else None
        descr = caption.text_content() if caption is not None else el.get("alt", "")
        for doc_pr in run.element.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            doc_pr.set("descr", WS.sub(" ", descr).strip())
        para.paragraph_format.line_spacing = 1.0  # a multiple would stretch the picture's line
        para.paragraph_format.space_after = Pt(3)
        self.space = False


def render_docx(page: str, reference: Path = REFERENCE) -> bytes:
    """The stitched HTML ``page`` as a .docx (bytes), with the styles of ``reference``."""
    w = Writer(reference)
    w.write(page)
    return W.save_reproducibly(w.doc)


# the wrappers of the stitched page (lkjip.build.stitch): the <main> landmark and the page groups
# of the front matter and the body, whose children are the cover letter and the chapters
_WRAPPERS = {"halaman-depan", "halaman-utama"}


def _flat(parent: Any) -> Iterator[Any]:
    """The elements of the page that make its sections, out of their wrappers."""
    for el in parent:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "main" or (el.tag == "div" and _WRAPPERS & set(el.get("class", "").split())):
            yield from _flat(el)
        else:
            yield el
