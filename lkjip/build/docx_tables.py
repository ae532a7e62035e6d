"""HTML tables as Word tables.

A ``<caption>`` becomes a Caption paragraph kept with the table; the rows of ``<thead>`` repeat
at the top of every page the table runs onto; no row breaks across pages (lkjip.css:
``tr { break-inside: avoid }``); ``rowspan``/``colspan`` become merged cells; ``th`` cells are
shaded and centred, ``td.ar`` right-aligned, ``td.ac`` centred; the rows ``tr.total`` and
``tr.jumlah`` are bold. The text is the HTML's, so numbers read exactly as in the HTML edition.

Numbered tables (``table.tabel``) span the text's width, as in the PDF; other tables are as wide
as their content. Column widths follow the browser's automatic table layout in outline: each
column gets at least its longest word (its whole text where it must not wrap) and shares the
rest by the length of its text. The widths are fixed in the document, so Word and LibreOffice
lay the table out alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.shared import Pt
from docx.text.paragraph import Paragraph

from lkjip.build import docx_blocks as B
from lkjip.build import docx_word as W
from lkjip.build.docx_styles import LAYOUT_TABLE_STYLE, PLAIN_TABLE_STYLE, TABLE_STYLE

HEADER_FILL = "E8EDF3"  # lkjip.css: --latar-kepala
BOLD_ROWS = {"total", "jumlah"}
TABLE_PT = 9  # lkjip.css: table.tabel { font-size: .86em }


@dataclass
class Cell:
    el: Any
    row: int
    col: int
    rowspan: int
    colspan: int
    header: bool  # a row of <thead>


def rows_of(table: Any) -> list[tuple[Any, bool]]:
    """The table's rows in order, each with whether it is a header row (in ``<thead>``)."""
    out = []
    for child in table:
        if child.tag == "tr":
            out.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            out += [(tr, child.tag == "thead") for tr in child if tr.tag == "tr"]
    return out


def _span(el: Any, name: str, most: int) -> int:
    value = (el.get(name) or "1").strip()
    return max(1, min(int(value) if value.isdigit() else 1, most))


def grid(rows: list[tuple[Any, bool]]) -> tuple[dict[tuple[int, int], Cell], int]:
    """Every slot (row, column) of the table and the cell covering it (HTML's table model),
    and the number of columns."""
    slots: dict[tuple[int, int], Cell] = {}
    for r, (tr, header) in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in slots:
                c += 1
            cell = Cell(td, r, c, _span(td, "rowspan", len(rows) - r), _span(td, "colspan", 1000), header)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    slots[(r + dr, c + dc)] = cell
            c += cell.colspan
    return slots, 1 + max((c for _, c in slots), default=0)


def _text(el: Any) -> str:
    """The cell's text as it wraps: a line per ``<br>`` or block, no break inside numbers
    (``span.angka``: lkjip.css white-space: nowrap)."""
    out = []

    def walk(node: Any, nowrap: bool) -> None:
        nowrap = nowrap or "angka" in node.get("class", "").split()
        if node.tag in ("br", "p", "li", "div") and node is not el:
            out.append("\n")
        if node.text and node.tag != "br":
            out.append(node.text.replace(" ", "\u00a0") if nowrap else node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child, nowrap)
            if child.tail:
                out.append(child.tail)

    walk(el, False)
    return "".join(out)


_FONTS: dict[bool, Any] = {}
_WIDTHS: dict[tuple[str, float, bool], float] = {}


def text_width(text: str, size: float, bold: bool) -> float:
    """``text``'s width in DejaVu Sans (lkjip's font, as Matplotlib ships it), in twips."""
    key = (text, size, bold)
    if key not in _WIDTHS:
        if bold not in _FONTS:
            import matplotlib
            from matplotlib.ft2font import FT2Font

            name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
            _FONTS[bold] = FT2Font(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name))
        font = _FONTS[bold]
        font.set_size(size, 72)
        font.set_text(text)
        _WIDTHS[key] = font.get_width_height()[0] / 64 * B.PT
    return _WIDTHS[key]


def _extent(cell: Cell, size: float, pad: int, bold: bool) -> tuple[int, int]:
    """(narrowest, widest) width of a cell's content, in twips (with 3 % and 2 pt to spare: the
    font's measure is of the glyphs' ink, not of their advance)."""
    bold = bold or cell.el.tag == "th" or cell.el.find(".//strong") is not None or cell.el.find(".//b") is not None
    lines = [re.sub(r"[ \t\r\f]+", " ", line).strip() for line in _text(cell.el).split("\n")]
    lines = [line for line in lines if line] or [""]
    classes = set(cell.el.get("class", "").split())
    units = lines if "ar" in classes and "ac" not in classes else [w for line in lines for w in line.split(" ")]
    narrowest = max(text_width(u, size, bold) for u in units)
    widest = max(text_width(line, size, bold) for line in lines)
    return round(narrowest * 1.03) + 40 + pad, round(widest * 1.03) + 40 + pad


def widths(slots: dict[tuple[int, int], Cell], ncols: int, available: int, full: bool, size: float,
           pad: int, bold_rows: set[int]) -> list[int]:
    """The columns' widths in twips (the browser's automatic table layout, in outline)."""
    lo, hi = [pad] * ncols, [pad] * ncols
    cells = {id(c): c for c in slots.values()}.values()
    for cell in sorted(cells, key=lambda c: c.colspan):
        a, b = _extent(cell, size, pad, cell.row in bold_rows)
        cols = range(cell.col, cell.col + cell.colspan)
        for bound, value in ((lo, a), (hi, b)):
            short = value - sum(bound[c] for c in cols)
            if short > 0:
                for c in cols:
                    bound[c] += short / cell.colspan
    total = available if full else min(available, round(sum(hi)))
    if sum(hi) <= total:
        out = [h * total / sum(hi) for h in hi]
    elif sum(lo) >= total:
        out = [v * total / sum(lo) for v in lo]
    else:
        share = (total - sum(lo)) / (sum(hi) - sum(lo))
        out = [v + (h - v) * share for v, h in zip(lo, hi, strict=True)]
    result = [max(1, round(v)) for v in out]
    result[-1] += total - sum(result)
    return result


def table(w: Any, el: Any, ctx: B.Ctx) -> None:
    """``el`` (a ``<table>``) written as a Word table where the writer ``w`` is."""
    classes = set(el.get("class", "").split())
    bordered = bool(classes & {"tabel", "dataframe"})
    size = TABLE_PT if bordered else (ctx.size or B.BASE_PT)
    caption = el.find("caption")
    if caption is not None:  # lkjip.css: the caption in the table's size
        p = B.caption(w, caption, ctx, el, size if bordered else None)
        if p is not None:
            Paragraph(p, w.doc).paragraph_format.keep_with_next = True
    rows = rows_of(el)
    slots, ncols = grid(rows)
    if not slots:
        return
    pad = 144 if bordered else 120
    bold_rows = {r for r, (tr, _) in enumerate(rows) if set(tr.get("class", "").split()) & BOLD_ROWS}
    cols = widths(slots, ncols, w.width_left(ctx), "tabel" in classes, size, pad, bold_rows)
    style = w.doc.styles[TABLE_STYLE if bordered else PLAIN_TABLE_STYLE].style_id

    tbl = _table_element(style, cols, ctx.indent)
    w.place(tbl)
    for r, (tr, header) in enumerate(rows):
        row = W.el("tr")
        trpr = W.el("trPr")
        trpr.append(W.el("cantSplit"))
        if header:
            trpr.append(W.el("tblHeader"))
        row.append(trpr)
        tbl.append(row)
        bold = bool(set(tr.get("class", "").split()) & BOLD_ROWS)
        for c in range(ncols):
            cell = slots.get((r, c))
            if cell is not None and cell.col != c:
                continue  # inside a cell spanning columns
            span = cell.colspan if cell else 1
            tc = _tc(sum(cols[c:c + span]), cell, r)
            row.append(tc)
            if cell is None or cell.row != r:
                tc.append(W.el("p"))
                continue
            _fill(w, tc, cell, ctx, bordered, bold, sum(cols[c:c + span]) - pad)
    # lkjip.css: table.tabel { margin: .6em 0 1.2em } (of its 9 pt); else the table's own style
    below = B.length_pt(B.margins(B.css(el))["bottom"], ctx.size or B.BASE_PT, 0)
    w.gap = below if below is not None else (1.2 * TABLE_PT if "tabel" in classes else 0)


def _table_element(style_id: str, cols: list[int], indent: int) -> Any:
    """An empty ``w:tbl``: its style, fixed width, columns."""
    tbl = W.el("tbl")
    pr = W.el("tblPr")
    for child in (W.el("tblStyle", val=style_id), W.el("tblW", w=sum(cols), type="dxa"),
                  W.el("tblInd", w=indent, type="dxa"), W.el("tblLayout", type="fixed"),
                  W.el("tblLook", val="0000", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)):
        pr.append(child)
    tbl.append(pr)
    g = W.el("tblGrid")
    for width in cols:
        g.append(W.el("gridCol", w=width))
    tbl.append(g)
    return tbl


def _tc(width: int, cell: Cell | None, r: int) -> Any:
    tc = W.el("tc")
    pr = W.el("tcPr")
    pr.append(W.el("tcW", w=width, type="dxa"))
    if cell is not None and cell.colspan > 1:
        pr.append(W.el("gridSpan", val=cell.colspan))
    if cell is not None and cell.rowspan > 1:
        pr.append(W.el("vMerge", val="restart") if cell.row == r else W.el("vMerge"))
    if cell is not None and cell.el.tag == "th":
        pr.append(W.el("shd", val="clear", color="auto", fill=HEADER_FILL))
    if cell is not None and cell.el.tag == "th":  # lkjip.css: th { vertical-align: middle }
        pr.append(W.el("vAlign", val="center"))
    tc.append(pr)
    return tc


def _fill(w: Any, tc: Any, cell: Cell, ctx: B.Ctx, bordered: bool, bold: bool, width: int) -> None:
    """The cell's content, as paragraphs of the table's styles."""
    classes = set(cell.el.get("class", "").split())
    align = B.css(cell.el).get("text-align")
    if "ac" in classes:  # lkjip.css: td.ac comes after td.ar
        align = "center"
    elif "ar" in classes:
        align = "right"
    style = ("Kepala Tabel" if cell.el.tag == "th" else "Isi Tabel") if bordered else "Normal"
    inner = B.Ctx(style=style, align=align, bold=bold, in_cell=True, width=width, size=ctx.size if not bordered else None)
    start = len(w.made)
    restore = w.into(tc)
    w.flow(cell.el, inner, B.Fmt(bold=bold))
    restore()
    if not bordered:
        for p in w.made[start:]:
            Paragraph(p, w.doc).paragraph_format.space_after = Pt(0)


def row_of_boxes(w: Any, row: Any, ctx: B.Ctx, fmt: B.Fmt) -> None:
    """A flex row of boxes (``display:flex``, e.g. two signatures side by side) as a one-row
    table without borders (style "Tata Letak"): each box as wide as its ``width`` (else an equal
    share), the space left between them, as ``justify-content: space-between`` puts it."""
    boxes = [k for k in row if isinstance(k.tag, str)]
    if len(boxes) < 2:
        w.flow(row, ctx, fmt)
        return
    total = w.width_left(ctx)
    shares = [float(m.group(1)) if (m := re.fullmatch(r"([0-9.]+)%", B.css(b).get("width", ""))) else 0.0
              for b in boxes]  # % of the row
    if unset := shares.count(0.0):
        rest = max(0.0, 100 - sum(shares)) / unset
        shares = [share or rest for share in shares]
    gap = max(0.0, 100 - sum(shares)) / (len(boxes) - 1)
    parts: list[tuple[Any, float]] = []
    for i, (box, share) in enumerate(zip(boxes, shares, strict=True)):
        if i:
            parts.append((None, gap))
        parts.append((box, share))
    cols = [round(total * share / 100) for _, share in parts]
    cols[-1] += total - sum(cols)
    tbl = _table_element(w.doc.styles[LAYOUT_TABLE_STYLE].style_id, cols, ctx.indent)
    w.place(tbl)
    tr = W.el("tr")
    trpr = W.el("trPr")
    trpr.append(W.el("cantSplit"))
    tr.append(trpr)
    tbl.append(tr)
    for (box, _), width in zip(parts, cols, strict=True):
        tc = _tc(width, None, 0)
        tr.append(tc)
        restore = w.into(tc)
        if box is not None:
            w.flow_list([box], B.Ctx(style=ctx.style, align=ctx.align, in_cell=True, width=width, size=ctx.size), fmt)
        restore()
