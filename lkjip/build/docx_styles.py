"""The Word edition's styles and page: what ``lkjip/present/templates/referensi.docx`` holds.

The Word edition takes its styles, page size and margins from a reference document. The
committed one is made by :func:`make_reference` from python-docx's own template, with the look
of ``lkjip.css`` (DejaVu Sans 10.5 pt, line height 1.45, A4 with the PDF's margins); an office
may replace it with its own template made in Word. :func:`ensure_styles` adds to a document any
lkjip style its reference lacks (a template made in Word often defines "Heading 3" only once it
is used), so any .docx works as a reference.

Paragraphs of the HTML with a class use the style named after the class when there is one:
``<p class="sampul-judul">`` takes "Sampul Judul". ``python -m lkjip.build.docx_styles PATH``
writes a fresh reference document (``make referensi``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip.paths import TEMPLATES_DIR

REFERENCE = TEMPLATES_DIR / "referensi.docx"
FONT = "DejaVu Sans"  # lkjip.css: html { font-family: "DejaVu Sans", ... }
LANGUAGE = "id-ID"
BASE_SIZE = 10.5  # pt
# lkjip.css: line-height 1.45 (of the font size). Word and LibreOffice multiply the font's own
# line height instead, which for DejaVu Sans is 1.164 of its size (ascent .928 + descent .236).
LINE = round(1.45 / 1.164, 3)
GREY = "555555"
# lkjip.css @page: margin 25mm 20mm 22mm 25mm (top right bottom left); the cover 30mm 25mm.
PAGE_MM = (210, 297)
MARGINS_MM = (25, 20, 22, 25)
COVER_MARGINS_MM = (30, 25, 30, 25)
HEADER_MM, FOOTER_MM = 12, 10  # distance of the running header and the page number from the edge


@dataclass(frozen=True)
class Spec:
    """One paragraph style: sizes in pt, spacing in pt, indents in twips."""

    name: str
    base: str = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool = False
    color: str | None = None
    align: str | None = None  # left | center | right | both
    before: float | None = None
    after: float | None = None
    line: float | None = None  # multiple of the single line
    keep_next: bool = False
    outline: int | None = None  # 0 for Heading 1 ... ; 9 = body text
    tab_leader: bool = False  # a right tab with dots at the text's right edge (TOC entries)
    indent: int = 0


# What lkjip.css gives each kind of paragraph; Word's own styles under Word's own names (some in
# lower case: "toc 1", "table of figures"), so that Word uses them when it fills its fields.
# Word adds a paragraph's space after to the next one's space before (CSS collapses them):
# headings' space before is the CSS margin less the 10.5 pt a paragraph leaves after itself.
SPECS: tuple[Spec, ...] = (
    Spec("Heading 1", size=15, bold=True, caps=True, align="center", before=0, after=18, keep_next=True, outline=0),
    Spec("Heading 2", size=12.5, bold=True, before=7, after=7.5, keep_next=True, outline=1),
    Spec("Heading 3", size=11, bold=True, before=3, after=5.5, keep_next=True, outline=2),
    Spec("Heading 4", size=10.5, bold=True, italic=False, before=0, after=4, keep_next=True, outline=3),
    Spec("Heading 5", size=10.5, bold=True, italic=False, before=0, after=4, keep_next=True, outline=4),
    Spec("Heading 6", size=10.5, bold=True, italic=False, before=0, after=4, keep_next=True, outline=5),
    Spec("Caption", size=10.5, bold=True, align="center", before=4, after=6),
    Spec("Header", size=8, color=GREY, align="center", before=0, after=0, line=1.0),
    Spec("Footer", size=9, align="center", before=0, after=0, line=1.0),
    Spec("List Paragraph", before=0, after=0),
    Spec("TOC Heading", size=15, bold=True, caps=True, align="center", before=0, after=18, outline=9),
    Spec("toc 1", bold=True, before=6, after=2, tab_leader=True),
    Spec("toc 2", before=0, after=2, tab_leader=True, indent=315),
    Spec("table of figures", before=0, after=2, tab_leader=True),
    # classes of lkjip's HTML
    Spec("Judul Daftar Isi", base="TOC Heading"),
    Spec("Isi Tabel", size=9, before=0, after=0),
    Spec("Kepala Tabel", base="Isi Tabel", bold=True, align="center"),
    Spec("Catatan Tabel", size=8.5, color=GREY, before=0, after=10.5),
    Spec("Sumber", size=8.5, color=GREY, align="center", before=0, after=10.5),
    Spec("Sampul Induk", size=10, align="center", before=0, after=0),
    Spec("Sampul Judul", size=20, bold=True, caps=True, align="center", before=136, after=4, line=1.25),
    Spec("Sampul Sub", size=14.5, bold=True, align="center", before=4, after=4),
    Spec("Sampul Tahun", size=14.5, bold=True, align="center", before=22, after=4),
    Spec("Sampul Instansi", size=12.5, bold=True, caps=True, align="center", before=180, after=4),
    Spec("Judul Laporan", size=8.5, color=GREY, align="center", before=4, after=4),
)
TABLE_STYLE = "Tabel Laporan"  # a numbered table: thin grey borders
PLAIN_TABLE_STYLE = "Tabel Polos"  # any other table (the letter's Nomor/Lampiran/Hal): no borders
LAYOUT_TABLE_STYLE = "Tata Letak"  # boxes side by side (signatures): no borders, no cell margins


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _el(tag: str, **attrs: Any) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(f"w:{tag}", {_w(k): str(v) for k, v in attrs.items()})


def set_fonts(rpr: Any, font: str = FONT) -> None:
    """The run properties' fonts set to ``font`` for every script (no theme font)."""
    for old in rpr.findall(_w("rFonts")):
        rpr.remove(old)
    rpr.insert(0, _el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font))


def _apply(style: Any, spec: Spec, text_width: int) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Pt, Twips

    f, pf = style.font, style.paragraph_format
    set_fonts(style.element.get_or_add_rPr())
    for attr in ("size", "bold", "italic", "color"):
        value = getattr(spec, attr)
        if attr == "size" and value is not None:
            f.size = Pt(value)
        elif attr == "color":
            from docx.shared import RGBColor

            f.color.rgb = RGBColor.from_string(value) if value else None
            if not value:
                # python-docx leaves a theme colour when rgb is cleared: remove the element
                for c in style.element.get_or_add_rPr().findall(_w("color")):
                    c.getparent().remove(c)
        elif value is not None:
            setattr(f, attr, value)
    f.all_caps = spec.caps or None
    if spec.align:
        pf.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                        "right": WD_ALIGN_PARAGRAPH.RIGHT, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}[spec.align]
    if spec.before is not None:
        pf.space_before = Pt(spec.before)
    if spec.after is not None:
        pf.space_after = Pt(spec.after)
    if spec.line is not None:
        pf.line_spacing = spec.line
    pf.keep_with_next = spec.keep_next or None
    if spec.indent:
        pf.left_indent = Twips(spec.indent)
    if spec.tab_leader:
        pf.tab_stops.add_tab_stop(Twips(text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(_w("outlineLvl")):
        ppr.remove(old)
    if spec.outline is not None:
        ppr.append(_el("outlineLvl", val=spec.outline))


def _add_paragraph_style(styles: Any, spec: Spec) -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[spec.base] if _has(styles, spec.base) else styles["Normal"]
    style.quick_style = True
    return style


def _has(styles: Any, name: str) -> bool:
    return any(s.name == name for s in styles)


def _table_style(styles: Any, name: str, border: bool | None) -> None:
    """A table style: thin grey borders (True), none (False), none and no cell margins (None)."""
    from docx.enum.style import WD_STYLE_TYPE

    style = styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = styles["Normal Table"] if _has(styles, "Normal Table") else None
    tblpr = _el("tblPr")
    if border:  # lkjip.css: .5pt solid #444
        borders = _el("tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_el(side, val="single", sz=4, space=0, color="444444"))
        tblpr.append(borders)
    # lkjip.css: padding .2em .4em (of the 9 pt table text); a plain table .6em on the right only
    margins = _el("tblCellMar")
    sides = (("top", 36), ("left", 72), ("bottom", 36), ("right", 72)) if border else \
        (("top", 0), ("left", 0), ("bottom", 0), ("right", 0 if border is None else 120))
    for side, width in sides:
        margins.append(_el(side, w=width, type="dxa"))
    tblpr.append(margins)
    style.element.append(tblpr)


def text_width(document: Any) -> int:
    """The body text's width in twips, from the document's last section."""
    s = document.sections[-1]
    return int((s.page_width - s.left_margin - s.right_margin) / 635)  # EMU -> twips


def ensure_styles(document: Any) -> None:
    """Add every lkjip style ``document`` lacks, with lkjip's look."""
    styles, width = document.styles, text_width(document)
    for spec in SPECS:
        if not _has(styles, spec.name):
            _apply(_add_paragraph_style(styles, spec), spec, width)
    for name, border in ((TABLE_STYLE, True), (PLAIN_TABLE_STYLE, False), (LAYOUT_TABLE_STYLE, None)):
        if not _has(styles, name):
            _table_style(styles, name, border)


def make_reference(path: Path = REFERENCE) -> None:
    """Write the reference document: python-docx's template with lkjip's page and styles."""
    import docx
    from docx.shared import Mm, Pt

    d = docx.Document()
    s = d.sections[0]
    s.page_width, s.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    s.top_margin, s.right_margin, s.bottom_margin, s.left_margin = (Mm(v) for v in MARGINS_MM)
    s.header_distance, s.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)
    # document defaults: the font, its size, Indonesian proofing, line height, 1em after a paragraph
    rpr = d.styles.element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
    set_fonts(rpr)
    for lang in rpr.findall(_w("lang")):
        lang.set(_w("val"), LANGUAGE)
    normal = d.styles["Normal"]
    normal.font.size = Pt(BASE_SIZE)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(BASE_SIZE)
    normal.paragraph_format.line_spacing = LINE
    width = text_width(d)
    for spec in SPECS:
        style = d.styles[spec.name] if _has(d.styles, spec.name) else _add_paragraph_style(d.styles, spec)
        _apply(style, spec, width)
    ensure_styles(d)
    cp = d.core_properties
    cp.author = cp.last_modified_by = "lkjip"
    cp.title, cp.comments, cp.keywords, cp.subject, cp.category = "LKjIP", "", "", "", ""
    body = d.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)
    from lkjip.build.docx_word import drop_thumbnail, save_reproducibly

    drop_thumbnail(d)
    path.write_bytes(save_reproducibly(d, {"word/fontTable.xml": _with_font}))


def _with_font(font_table: bytes) -> bytes:
    """The font table with lkjip's font, described so that a computer without it substitutes a
    wide sans-serif of the same kind (Verdana, which DejaVu Sans's design follows)."""
    entry = (f'<w:font w:name="{FONT}"><w:altName w:val="Verdana"/><w:panose1 w:val="020B0603030804020204"/>'
             '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>')
    if f'w:name="{FONT}"'.encode() in font_table:
        return font_table
    return font_table.replace(b"</w:fonts>", entry.encode() + b"</w:fonts>")


if __name__ == "__main__":
    make_reference(Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE)
