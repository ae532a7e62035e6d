"""The blocks of the Word edition: headings, paragraphs, boxes (``div``), lists, captions and
the table of contents, each written by a function of the :class:`lkjip.build.docx.Writer`
``w`` it is given. Also what a block passes to its content (:class:`Ctx`, :class:`Fmt`) and
the few CSS declarations of a ``style`` attribute the HTML uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from docx.shared import Pt
from docx.text.paragraph import Paragraph

from lkjip.build import docx_word as W

KEEP_TOGETHER = {"tanda-tangan", "tanda-tangan-pk"}  # lkjip.css: break-inside: avoid (and figures)
BASE_PT = 10.5
PT = 20  # twips per point
WS = re.compile(r"[ \t\n\r\f]+")
BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3",
          "h4", "h5", "h6", "ul", "ol", "li", "table", "figure", "figcaption", "blockquote", "pre", "hr",
          "dl", "dt", "dd", "caption"}


@dataclass(frozen=True)
class Ctx:
    """What a block's paragraphs inherit: style, alignment, indents (twips), size (pt)."""

    style: str = "Normal"
    align: str | None = None
    indent: int = 0
    right: int = 0
    level: int = 0  # depth of lists
    bold: bool = False
    size: float | None = None
    in_cell: bool = False
    width: int | None = None  # twips available (a table cell's); None: the text's width


@dataclass(frozen=True)
class Fmt:
    """Inline formatting of a run."""

    bold: bool = False
    italic: bool = False
    sup: bool = False
    sub: bool = False
    nowrap: bool = False
    underline: bool = False
    mono: bool = False
    link: str | None = None  # bookmark name


def css(el: Any) -> dict[str, str]:
    """The declarations of an element's ``style`` attribute."""
    out = {}
    for decl in (el.get("style") or "").split(";"):
        k, _, v = decl.partition(":")
        if k.strip():
            out[k.strip().lower()] = v.strip()
    return out


def length_pt(value: str, font_pt: float, width_pt: float) -> float | None:
    """A CSS length in pt (em of ``font_pt``, % of ``width_pt``)."""
    m = re.match(r"^(-?[0-9.]+)(em|pt|px|mm|%)?$", value.strip())
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2) or "px"
    return {"em": n * font_pt, "pt": n, "px": n * 0.75, "mm": n * 72 / 25.4, "%": n * width_pt / 100}[unit]


def margins(decl: dict[str, str]) -> dict[str, str]:
    """top/right/bottom/left from ``margin`` and ``margin-*``."""
    parts = decl.get("margin", "").split()
    box = {1: lambda p: p * 4, 2: lambda p: p * 2, 3: lambda p: [p[0], p[1], p[2], p[1]],
           4: lambda p: p}.get(len(parts), lambda p: ["", "", "", ""])(parts)
    out = dict(zip(("top", "right", "bottom", "left"), box, strict=True))
    for side in out:
        out[side] = decl.get(f"margin-{side}", out[side])
    return out


# ---- blocks -----------------------------------------------------------------------------


def block(w: Any, el: Any, ctx: Ctx, fmt: Fmt) -> None:
    from lkjip.build.docx_tables import table

    tag, classes = el.tag, set(el.get("class", "").split())
    if "judul-laporan" in classes:
        return  # the PDF's running-header source, hidden on the page; Word's header is a field of its own
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        start = len(w.made)
        w.flow(el, Ctx(style=f"Heading {tag[1]}", indent=ctx.indent, width=ctx.width), Fmt())
        w.close()
        w.bookmark(el, w.made[start] if len(w.made) > start else None)
    elif tag == "p":
        paragraph(w, el, ctx, fmt)
    elif tag in ("ul", "ol"):
        word_list(w, el, ctx, fmt)
    elif tag == "table":
        table(w, el, ctx)
    elif tag == "nav" and "daftar-isi" in classes:
        toc(w, el, ctx)
    elif tag in ("figcaption", "caption"):
        caption(w, el, ctx, el.getparent())
    elif tag == "blockquote":  # the browser's 40px on both sides
        w.flow(el, replace(ctx, indent=ctx.indent + W.INDENT, right=ctx.right + W.INDENT), fmt)
    elif tag == "hr":
        W.bottom_border(_hr(w, ctx), 4, "888888", 0)
    elif tag == "dt":
        w.flow(el, ctx, replace(fmt, bold=True))
    elif tag == "dd":
        w.flow(el, replace(ctx, indent=ctx.indent + W.INDENT), fmt)
    else:  # div, section, figure, li outside a list, pre ...
        division(w, el, ctx, fmt)
    w.close()


def _hr(w: Any, ctx: Ctx) -> Any:
    w.open_para(ctx)
    p = w.p
    w.close()
    return p


def _style_of(w: Any, el: Any) -> str | None:
    """The style named after one of the element's classes ("sampul-judul": "Sampul Judul")."""
    for cls in el.get("class", "").split():
        name = " ".join(word.capitalize() for word in cls.split("-"))
        if name in w.styles:
            return name
    return None


def _boxed(w: Any, el: Any, ctx: Ctx, fmt: Fmt, inner: Ctx) -> None:
    """Flow ``el`` with ``inner``, then give its first and last paragraph the margins and
    the bottom border of its ``style``."""
    decl, size = css(el), inner.size or BASE_PT
    width_pt = w.width_left(ctx) / PT
    start = len(w.made)
    w.flow(el, inner, fmt)
    w.close()
    made = [Paragraph(p, w.doc).paragraph_format for p in w.made[start:]]
    if not made:
        return
    m = margins(decl)
    if (top := length_pt(m["top"], size, width_pt)) is not None:
        made[0].space_before = Pt(max(top, 0))
    if (bottom := length_pt(m["bottom"], size, width_pt)) is not None:
        made[-1].space_after = Pt(max(bottom, 0))
    border = re.match(r"([0-9.]+)pt\s+solid\s+#?([0-9a-fA-F]{3,6})", decl.get("border-bottom", ""))
    if border:
        pad = length_pt(decl.get("padding-bottom", "0"), size, width_pt) or 0
        color = border.group(2) if len(border.group(2)) == 6 else "".join(c * 2 for c in border.group(2))
        W.bottom_border(w.made[-1], round(float(border.group(1)) * 8), color.upper(), round(pad))
    if set(el.get("class", "").split()) & KEEP_TOGETHER or el.tag == "figure":
        for pf in made[:-1]:
            pf.keep_with_next = True
    if el.tag == "figure":  # lkjip.css: figure.gambar { margin: 1em 0 1.4em }
        made[-1].space_after = Pt(1.4 * BASE_PT)


def _inner(w: Any, el: Any, ctx: Ctx, style: str | None = None) -> Ctx:
    decl = css(el)
    size = ctx.size
    if (fs := re.match(r"^([0-9.]+)em$", decl.get("font-size", ""))) is not None:
        size = float(fs.group(1)) * (ctx.size or BASE_PT)
    left = length_pt(margins(decl)["left"], size or BASE_PT, w.width_left(ctx) / PT)
    return replace(ctx, style=style or ctx.style, size=size,
                   align=decl.get("text-align", ctx.align if el.tag != "figure" else "center"),
                   indent=ctx.indent + round(max(left or 0, 0) * PT))


def paragraph(w: Any, el: Any, ctx: Ctx, fmt: Fmt) -> None:
    _boxed(w, el, ctx, fmt, _inner(w, el, ctx, _style_of(w, el)))


def division(w: Any, el: Any, ctx: Ctx, fmt: Fmt) -> None:
    from lkjip.build.docx_tables import row_of_boxes

    decl, classes = css(el), set(el.get("class", "").split())
    if "halaman-baru" in classes:  # lkjip.css: break-after: page
        w.flow(el, ctx, fmt)
        w.new_page()
        return
    if decl.get("display") == "flex":
        row_of_boxes(w, el, _inner(w, el, ctx), fmt)
        return
    height = length_pt(decl.get("height", ""), ctx.size or BASE_PT, 0)
    if height and not el.text_content().strip() and not len(el):
        para = w.open_para(replace(ctx, style="Normal"))  # room for a signature
        pf = para.paragraph_format
        pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), Pt(height)
        w.close()
        return
    _boxed(w, el, ctx, fmt, _inner(w, el, ctx))


def word_list(w: Any, el: Any, ctx: Ctx, fmt: Fmt) -> None:
    """A Word list: bullets for ``ul``, numbers of its own (``type``, ``start``) for ``ol``."""
    if el.tag == "ol":
        start = el.get("start", "1")
        num = w.lists.numbered(el.get("type", "1"), int(start) if start.isdigit() else 1)
    else:
        num = w.lists.bullet()
    level = min(ctx.level, 8)
    inner = replace(ctx, style=ctx.style if ctx.in_cell else "List Paragraph",
                    indent=ctx.indent + W.INDENT, level=level + 1)
    start_made = len(w.made)
    for li in el:
        if not isinstance(li.tag, str):
            continue
        w.close()
        w.pending_num = (num, level)
        w.flow(li, inner, fmt)
        w.close()
        w.pending_num = None
    if level == 0 and not ctx.in_cell and len(w.made) > start_made:  # ul { margin: 1em 0 }
        Paragraph(w.made[-1], w.doc).paragraph_format.space_after = Pt(BASE_PT)


def caption(w: Any, el: Any, ctx: Ctx, owner: Any, size: float | None = None) -> Any:
    """A table's or figure's caption (style Caption, in ``size`` pt if given), bookmarked under
    its owner's id; the last part of its number is a SEQ field. Returns its paragraph."""
    start = len(w.made)
    w.in_caption = True
    w.flow(el, replace(ctx, style="Caption", align=None, indent=ctx.indent, size=size), Fmt())
    w.in_caption = False
    w.close()
    p = w.made[start] if len(w.made) > start else None
    if owner is not None:
        w.bookmark(owner, p)
    return p


def toc(w: Any, nav: Any, ctx: Ctx) -> None:
    """The table of contents as a TOC field over Heading 1-N, its entries as the HTML lists
    them until Word updates it; then a list of every kind of caption (Daftar Tabel, Daftar
    Gambar), each a TOC field over its SEQ fields. Each on pages of its own."""
    w.new_page()
    w.flow_list([k for k in nav if isinstance(k.tag, str) and k.tag not in ("ol", "ul")], ctx, Fmt())
    w.close()
    entries = []
    for li in nav.iter("li"):
        a = li.find(".//a")
        level = next((int(c[8:]) for c in li.get("class", "").split() if re.fullmatch(r"tingkat-\d", c)), 1)
        anchor = w.bookmarks.get((a.get("href") or "")[1:]) if a is not None else None
        entries.append((f"toc {level}", WS.sub(" ", li.text_content()).strip(), anchor))
    depth = max((int(e[0][4:]) for e in entries), default=2)
    _field_list(w, f'TOC \\o "1-{depth}" \\h \\z \\u', entries)
    title = Ctx(style="Judul Daftar Isi")
    for word, captions in w.captions.items():
        w.new_page()
        w.open_para(title).add_run(f"Daftar {word}")
        w.close()
        _field_list(w, f'TOC \\h \\z \\c "{word}"', [("table of figures", t, b) for t, b in captions])
    w.new_page()


def _field_list(w: Any, instr: str, entries: list[tuple[str, str, str | None]]) -> None:
    """A field whose result is one paragraph per entry (style, text, bookmark)."""
    for i, (style, text, anchor) in enumerate(entries or [("Normal", "", None)]):
        w.open_para(Ctx(style=style))
        if i == 0:
            W.field_start(w.p, instr)
        if anchor:
            W.toc_entry(w.p, [W.run(text)], anchor)
        elif text:
            w.p.append(W.run(text))
        last = w.p
        w.close()
    W.field_end(last)
