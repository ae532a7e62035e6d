"""A report table as HTML: header rows, body rows (with spans and row classes), alignment per
column, the caption and a note. A cell is text (escaped here: text from data is never markup),
HTML made by the package (``markupsafe.Markup``, e.g. a number's span), or an int; unknown
values show as "–"."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lkjip.errors import BuildError

# The placeholder of an unknown value (lkjip.present.fmt.KOSONG; not imported: fmt loads Babel).
KOSONG = "–"

# A right-aligned column: every non-empty cell is a number, a percentage or money.
_ANGKA = re.compile(r"^(Rp\s?)?[-+−]?\d[\d.]*(,\d+)?\s?%?$")


@dataclass(frozen=True)
class Sel:
    """A table cell that spans columns or rows, or carries a CSS class (``kelas``)."""

    teks: Any
    colspan: int = 1
    rowspan: int = 1
    kelas: str = ""



def polos(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text)).strip()


# ---- tables -----------------------------------------------------------------------------------
def kosong(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN, NaT
    except (TypeError, ValueError):
        return type(x).__name__ == "NAType"


def sel_teks(x: Any) -> str:
    """A cell as HTML: Markup as it is, text escaped, an int as digits, unknown -> KOSONG."""
    if isinstance(x, Sel):
        x = x.teks
    if kosong(x):
        return KOSONG
    if hasattr(x, "__html__"):
        return str(x.__html__())
    if isinstance(x, str):
        return KOSONG if x.strip() in ("nan", "NaN", "None", "<NA>", "NaT") else html.escape(x, quote=False)
    if isinstance(x, bool):
        return "Ya" if x else "Tidak"
    if isinstance(x, int) or getattr(getattr(x, "dtype", None), "kind", "") in ("i", "u"):
        return str(int(x))  # a row number or a count; money and measures come formatted
    if isinstance(x, float) or hasattr(x, "__float__"):
        raise BuildError(f"a table cell holds the number {x!r}; format it first (lkjip.present.fmt, e.g. "
                         "fmt.persen or fmt.rupiah, or L.v) so the report prints it the Indonesian way")
    return html.escape(str(x), quote=False)


def baris(rows: Any, kolom: Sequence[Any] | None
           ) -> tuple[list[list[Any]], list[list[Any]], list[str]]:
    """(header rows, body rows, CSS class of each body row) from any accepted ``rows``."""
    if hasattr(rows, "columns") and hasattr(rows, "itertuples"):  # a DataFrame, without pandas
        body = [list(r) for r in rows.itertuples(index=False, name=None)]
        classes = [""] * len(body)
        names = [str(c) for c in rows.columns] if kolom is None else kolom
    else:
        body, classes, names = [], [], kolom
        for r in rows:
            if isinstance(r, Mapping) and "cells" in r:
                body.append(list(r["cells"]))
                # "tbody": the row starts a group of rows (a <tbody> of its own; its first rows stay together)
                # "bagian": the row is the label of a part of the table, repeated on each of its pages
                classes.append(str(r.get("class", "")) + ("\1" if r.get("bagian") else "\0" if r.get("tbody") else ""))
            elif isinstance(r, Mapping):
                if names is None:
                    names = list(r)
                body.append([r.get(k) for k in names])
                classes.append("")
            else:
                body.append(list(r))
                classes.append("")
    names = list(names or [])
    if names and isinstance(names[0], list | tuple):
        header = [list(h) for h in names]
    else:
        header = [names] if names else []
    return header, body, classes


def _lebar(row: Iterable[Any]) -> int:
    return sum(c.colspan if isinstance(c, Sel) else 1 for c in row)


def _align(align: Any, header: list[list[Any]], body: list[list[Any]], n: int) -> list[str]:
    """One letter (l/c/r) per column."""
    if isinstance(align, Mapping):
        last = [polos(sel_teks(c)) for c in header[-1]] if header else []
        letters = [""] * n
        for key, val in align.items():
            i = key if isinstance(key, int) else (last.index(str(key)) if str(key) in last else None)
            if i is None or i >= n:
                raise BuildError(f"align: no column {key!r} (columns: {last})")
            letters[i] = val
    else:
        letters = list(align or "")
    letters = (letters + [""] * n)[:n]
    for i in range(n):
        if not letters[i]:
            texts = [polos(sel_teks(r[i])) for r in body if len(r) == n and not kosong(r[i])]
            texts = [t for t in texts if t != KOSONG]
            letters[i] = "r" if texts and all(_ANGKA.match(t) for t in texts) else "l"
    for x in letters:
        if x not in ("l", "c", "r"):
            raise BuildError(f"align: expected 'l', 'c' or 'r' per column; found {x!r}")
    return letters


def _sel(tag: str, c: Any, letter: str) -> str:
    attrs, kelas = [], []
    if letter in ("c", "r"):
        kelas.append("a" + letter)
    if isinstance(c, Sel):
        if c.colspan > 1:
            attrs.append(f'colspan="{c.colspan}"')
        if c.rowspan > 1:
            attrs.append(f'rowspan="{c.rowspan}"')
        if c.kelas:
            kelas += [k for k in html.escape(c.kelas).split() if k not in kelas]
    if kelas:
        attrs.append(f'class="{" ".join(kelas)}"')
    a = (" " + " ".join(attrs)) if attrs else ""
    return f"<{tag}{a}>{sel_teks(c)}</{tag}>"


def tabel_html(judul: str, header: list[list[Any]], body: list[list[Any]], row_class: list[str],
               catatan: str | None, align: Any, hitung: str | None, kelas: str) -> str:
    """The table's HTML; its caption reads "Tabel <judul>" until the build numbers it.

    A table whose rows carry part labels ("bagian") is written as one table per part, each with
    the column headers and its label in its ``<thead>``, so that a reader finds both on every
    page the part runs to (a browser and WeasyPrint repeat a table's head, not a row of its
    body). The first part holds the caption; the others are marked ``lanjutan`` and numbered
    with it."""
    n = max([_lebar(r) for r in header + body] or [0])
    letters = _align(align, header, body, n)
    cls = " ".join(["tabel", *kelas.split()])
    attrs = f' data-count-fig="{html.escape(hitung)}"' if hitung else ""
    out: list[str] = []
    parts = _bagian(body, row_class)
    # the parts of one table share its column widths
    cols = _lebar_kolom(header + body, n) if len(parts) > 1 else ""
    if cols:
        cls += " berbagian"
    for k, (label, rows, classes) in enumerate(parts):
        if k == 0:
            out += [f'<table class="{cls}"{attrs}>',
                    f'<caption><span class="nomor">Tabel</span> {html.escape(judul)}</caption>']
        else:
            out.append(f'<table class="lanjutan {cls}">')
        if cols:
            out.append(cols)
        if header or label is not None:
            out.append("<thead>")
            out += ["<tr>" + "".join(_sel("th", c, "") for c in row) + "</tr>" for row in header]
            if label is not None:
                row, rc = label
                out.append(f'<tr class="{html.escape(rc)}">' + "".join(_sel("th", c, "") for c in row) + "</tr>")
            out.append("</thead>")
        out += _tbody(rows, classes, letters, n)
        out.append("</table>")
    if catatan:
        out.append(f'<p class="catatan-tabel">{sel_teks(catatan)}</p>')
    return "\n".join(out)


def _lebar_kolom(rows: list[list[Any]], n: int) -> str:
    """A ``<colgroup>`` giving each column a share of the width by its longest text plus room for
    the cell's padding (rows that span columns do not count)."""
    longest = [3] * n
    for row in rows:
        if len(row) == n:
            for j, c in enumerate(row):
                longest[j] = max(longest[j], min(len(polos(sel_teks(c))), 40))
    weights = [w + 4 for w in longest]
    total = sum(weights)
    return "<colgroup>" + "".join(f'<col style="width: {100 * w / total:.1f}%">' for w in weights) + "</colgroup>"


def _bagian(body: list[list[Any]], row_class: list[str]
            ) -> list[tuple[tuple[list[Any], str] | None, list[list[Any]], list[str]]]:
    """The table's parts: (label row and its class, or None; rows; their classes)."""
    parts: list[tuple[tuple[list[Any], str] | None, list[list[Any]], list[str]]] = [(None, [], [])]
    for row, rc in zip(body, row_class, strict=True):
        if rc.endswith("\1"):
            if parts[-1] == (None, [], []):
                parts.pop()
            parts.append(((row, rc[:-1]), [], []))
        else:
            parts[-1][1].append(row)
            parts[-1][2].append(rc)
    return parts


def _tbody(body: list[list[Any]], row_class: list[str], letters: list[str], n: int) -> list[str]:
    """The body rows, a ``<tbody>`` per group of rows."""
    groups = any(rc.endswith("\0") for rc in row_class)
    out = ['<tbody class="kelompok">' if groups and row_class and row_class[0].endswith("\0") else "<tbody>"]
    for k, (row, rc) in enumerate(zip(body, row_class, strict=True)):
        if rc.endswith("\0"):
            rc = rc[:-1]
            if k:
                out.append('</tbody>\n<tbody class="kelompok">')
        # column alignment applies to full rows; a row with spans keeps the default
        lets = letters if len(row) == n else [""] * len(row)
        tr = f'<tr class="{html.escape(rc)}">' if rc else "<tr>"
        out.append(tr + "".join(_sel("td", c, x) for c, x in zip(row, lets, strict=True)) + "</tr>")
    out.append("</tbody>")
    return out
