"""Word's own structures that python-docx has no call for, written as WordprocessingML: fields
(TOC, PAGE, PAGEREF, SEQ), bookmarks, internal links, section properties, list definitions,
"update fields on opening", and a byte-reproducible save.

Element names and their order follow ECMA-376 Part 1 (17.3.1 paragraphs, 17.6 sections, 17.9
numbering, 17.15.1.89 updateFields, 17.16 fields).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# ZIP's own epoch: the earliest time a ZIP entry can carry (also the core properties' dates
# unless SOURCE_DATE_EPOCH says otherwise).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def el(tag: str, text: str | None = None, **attrs: Any) -> Any:
    """A ``w:`` element with ``w:`` attributes (``xml_space`` gives ``xml:space``)."""
    e = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        e.set("{http://www.w3.org/XML/1998/namespace}space" if k == "xml_space" else qn(f"w:{k}"), str(v))
    if text is not None:
        e.text = text
    return e


def run(text: str = "", rpr: Any = None) -> Any:
    r = el("r")
    if rpr is not None:
        r.append(rpr)
    if text:
        r.append(el("t", text, xml_space="preserve"))
    return r


def field(parent: Any, instr: str, result: list[Any] | str | None = None, dirty: bool = False) -> None:
    """A complex field appended to ``parent`` (a ``w:p`` or ``w:hyperlink``): begin, the
    instruction, separate, the result (text or runs shown until the field is updated), end."""
    begin = el("fldChar", fldCharType="begin")
    if dirty:
        begin.set(qn("w:dirty"), "true")
    parent.append(_wrap(begin))
    parent.append(_wrap(el("instrText", f" {instr} ", xml_space="preserve")))
    parent.append(_wrap(el("fldChar", fldCharType="separate")))
    for r in ([run(result)] if isinstance(result, str) and result else result or []):
        parent.append(r)
    parent.append(_wrap(el("fldChar", fldCharType="end")))


def field_start(parent: Any, instr: str) -> list[Any]:
    """The first half of a field whose result is written next (a table of contents spans
    paragraphs); its runs."""
    runs = [_wrap(el("fldChar", fldCharType="begin", dirty="true")),
            _wrap(el("instrText", f" {instr} ", xml_space="preserve")), _wrap(el("fldChar", fldCharType="separate"))]
    for r in runs:
        parent.append(r)
    return runs


def field_end(parent: Any) -> Any:
    r = _wrap(el("fldChar", fldCharType="end"))
    parent.append(r)
    return r


def _wrap(child: Any) -> Any:
    r = el("r")
    r.append(child)
    return r


def bookmark(p: Any, name: str, ident: int) -> None:
    """Bookmark the whole paragraph ``p`` as ``name`` (a target for links and PAGEREF)."""
    start = el("bookmarkStart", id=ident, name=name)
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else list(p).index(ppr) + 1, start)
    p.append(el("bookmarkEnd", id=ident))


def internal_link(p: Any, anchor: str) -> Any:
    """A ``w:hyperlink`` to the bookmark ``anchor``, appended to ``p``; runs go inside it."""
    h = el("hyperlink", anchor=anchor, history=1)
    p.append(h)
    return h


def toc_entry(p: Any, text_runs: list[Any], anchor: str) -> None:
    """A line of a table of contents as shown until Word updates the field: a link to the
    heading. Word writes the page number after a tab; no page number is known here, and
    LibreOffice shows the stored line as it is (dots to no number, were a tab there)."""
    link = internal_link(p, anchor)
    for r in text_runs:
        link.append(r)


@dataclass(frozen=True)
class Page:
    """A section's page in twips: size, margins (top, right, bottom, left), header and footer
    distances."""

    width: int
    height: int
    margins: tuple[int, int, int, int]
    header: int
    footer: int


@dataclass(frozen=True)
class Section:
    """How a section of the Word edition starts, numbers its pages and what it shows."""

    page: Page
    refs: tuple[str, str] | None = None  # (header rId, footer rId): its own; None: the previous one's
    number_format: str = "decimal"  # lowerRoman | decimal
    restart: bool = False  # page numbers start again at 1


def sect_pr(s: Section) -> Any:
    """``w:sectPr`` for ``s``, its children in the schema's order."""
    sp = el("sectPr")
    if s.refs:
        for kind, rid in zip(("headerReference", "footerReference"), s.refs, strict=True):
            ref = el(kind, type="default")
            ref.set(qn("r:id"), rid)
            sp.append(ref)
    sp.append(el("type", val="nextPage"))
    sp.append(el("pgSz", w=s.page.width, h=s.page.height))
    top, right, bottom, left = s.page.margins
    sp.append(el("pgMar", top=top, right=right, bottom=bottom, left=left, header=s.page.header,
                 footer=s.page.footer, gutter=0))
    num = el("pgNumType", fmt=s.number_format)
    if s.restart:
        num.set(qn("w:start"), "1")
    sp.append(num)
    sp.append(el("cols", space=720))
    sp.append(el("docGrid", linePitch=360))
    return sp


def end_section(body: Any, s: Section) -> None:
    """End the section whose content is the body so far: its ``w:sectPr`` goes into the last
    paragraph (an empty one is added when the body ends with a table)."""
    blocks = [c for c in body if c.tag != qn("w:sectPr")]
    last = blocks[-1] if blocks else None
    if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        last = el("p")
        sentinel = body.find(qn("w:sectPr"))
        if sentinel is not None:
            sentinel.addprevious(last)
        else:
            body.append(last)
    ppr_insert(last.get_or_add_pPr(), sect_pr(s))


def last_section(body: Any, s: Section) -> None:
    """The document's final section properties (the body's own ``w:sectPr``)."""
    old = body.find(qn("w:sectPr"))
    new = sect_pr(s)
    if old is not None:
        old.addnext(new)
        body.remove(old)
    else:
        body.append(new)


# ---- lists ----------------------------------------------------------------------------------
BULLETS = ("•", "◦", "▪")
FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
INDENT, HANGING = 600, 300  # a list level's indent and its marker's width, in twips (40px as in HTML)


class Lists:
    """List definitions in the document's numbering part: one for every bullet list, one of its
    own for each numbered list (so each starts at its own number)."""

    def __init__(self, numbering: Any):
        self.numbering = numbering
        self.bullets: int | None = None

    def _next_id(self, tag: str, attr: str) -> int:
        return 1 + max((int(e.get(qn(f"w:{attr}"))) for e in self.numbering.findall(qn(f"w:{tag}"))), default=0)

    def _define(self, kind: str, start: int) -> int:
        aid = self._next_id("abstractNum", "abstractNumId")
        a = el("abstractNum", abstractNumId=aid)
        a.append(el("nsid", val=f"{0x1C000000 + aid:08X}"))
        a.append(el("multiLevelType", val="hybridMultilevel"))
        for level in range(9):
            lvl = el("lvl", ilvl=level)
            lvl.append(el("start", val=start if level == 0 else 1))
            if kind == "bullet":
                lvl.append(el("numFmt", val="bullet"))
                lvl.append(el("lvlText", val=BULLETS[level % len(BULLETS)]))
            else:
                lvl.append(el("numFmt", val=FORMATS.get(kind, "decimal")))
                lvl.append(el("lvlText", val=f"%{level + 1}."))
            lvl.append(el("lvlJc", val="left"))
            ppr = el("pPr")
            ppr.append(el("ind", left=INDENT * (level + 1), hanging=HANGING))
            lvl.append(ppr)
            a.append(lvl)
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(a)
        else:
            self.numbering.append(a)
        nid = self._next_id("num", "numId")
        num = el("num", numId=nid)
        num.append(el("abstractNumId", val=aid))
        self.numbering.append(num)
        return nid

    def bullet(self) -> int:
        if self.bullets is None:
            self.bullets = self._define("bullet", 1)
        return self.bullets

    def numbered(self, kind: str = "1", start: int = 1) -> int:
        return self._define(kind, start)


# CT_PPr's children in the schema's order (python-docx keeps the order of those it writes itself)
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def ppr_insert(ppr: Any, child: Any) -> None:
    """Put ``child`` into ``ppr`` where the schema wants it (replacing one of its kind)."""
    tag = child.tag.rsplit("}", 1)[1]
    for old in ppr.findall(qn(f"w:{tag}")):
        ppr.remove(old)
    later = set(_PPR_ORDER[_PPR_ORDER.index(tag) + 1:])
    for i, existing in enumerate(ppr):
        if existing.tag.rsplit("}", 1)[1] in later:
            ppr.insert(i, child)
            return
    ppr.append(child)


def num_pr(ppr: Any, num_id: int, level: int) -> None:
    n = el("numPr")
    n.append(el("ilvl", val=level))
    n.append(el("numId", val=num_id))
    ppr_insert(ppr, n)


def bottom_border(p: Any, size: int, color: str, space: int) -> None:
    """A line under paragraph ``p``: ``size`` in eighths of a point, ``space`` in points."""
    ppr = p.get_or_add_pPr()
    borders = el("pBdr")
    borders.append(el("bottom", val="single", sz=size, space=space, color=color))
    ppr_insert(ppr, borders)


# ---- the document as a whole ----------------------------------------------------------------
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                        "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                        "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                        "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                        "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def update_fields_on_open(settings: Any) -> None:
    """``w:updateFields``: Word fills the tables of contents and page references when it opens
    the document (it asks first)."""
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    new = el("updateFields", val="true")
    for tag in _AFTER_UPDATE_FIELDS:
        found = settings.find(qn(f"w:{tag}"))
        if found is not None:
            found.addprevious(new)
            return
    settings.append(new)


def one_header_for_all_pages(settings: Any) -> None:
    """No separate even-page headers (a template may ask for them; lkjip writes one header)."""
    for old in settings.findall(qn("w:evenAndOddHeaders")):
        settings.remove(old)


def drop_thumbnail(document: Any) -> None:
    """No preview picture: the reference's would show its own (empty) page, not the report."""
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith("/metadata/thumbnail")]:
        rels.pop(rid)


def fixed_time() -> Any:
    """The time written as the document's creation and modification: SOURCE_DATE_EPOCH when set
    (https://reproducible-builds.org/specs/source-date-epoch/), else 1980-01-01."""
    import datetime as dt

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime(*ZIP_TIME)


def save_reproducibly(document: Any, edit: dict[str, Any] | None = None) -> bytes:
    """The document's bytes, the same for the same content: python-docx stamps ZIP entries with
    the current time, so the package is written again with fixed times, entries in name order
    (``[Content_Types].xml`` first). ``edit`` maps an entry's name to a function of its bytes
    (for a part python-docx only carries along)."""
    cp = document.core_properties
    cp.created = cp.modified = fixed_time()
    cp.revision = 1
    if cp.last_printed is not None:
        cp.last_printed = fixed_time()
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            data = src.read(name)
            dst.writestr(info, edit[name](data) if edit and name in edit else data)
    return out.getvalue()
