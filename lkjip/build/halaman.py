"""The finishing of a chapter's HTML for the page: what every table and figure of the report
gets whatever chapter made it, and the lists built from their captions.

* every ``<th>`` gets a ``scope`` (``col``/``colgroup`` in the header, ``row`` in the body);
* every report table sits in a box of its own (``div.gulir``) that scrolls sideways on a narrow
  screen instead of widening the page; a small table's box is marked ``utuh`` (the PDF keeps it
  on one page);
* a figure's source line (``p.sumber``) is moved into its caption (HTML allows a figcaption
  only as a figure's first or last child);
* the Daftar Tabel and Daftar Gambar: every numbered caption, in reading order, linked.

Everything here works on the HTML that :mod:`lkjip.present` writes (tables of
``lkjip.present.tabel``, figures of ``Laporan.gambar``): plain, regular markup, matched with
regular expressions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A table with at most this many body rows is kept on one page in the PDF (a taller one may split,
# its header repeated, never leaving a row alone: lkjip.css). Rows, not height: a table of a few
# tall rows that is moved whole leaves at most about its own height blank.
BARIS_TABEL_KECIL = 8

_TABLE = re.compile(r"<table\b([^>]*)>(.*?)</table>", re.S)
_TH = re.compile(r"<th\b(?![^>]*\bscope=)([^>]*)>")
_THEAD = re.compile(r"(<thead\b.*?</thead>)", re.S)
_SUMBER = re.compile(r'</figcaption>\s*(<p class="sumber">.*?</p>)\s*</figure>', re.S)
_CAPTION = re.compile(r'<table class="tabel[^"]*" id="([^"]+)"[^>]*>\s*<caption>(.*?)</caption>', re.S)
_FIGCAPTION = re.compile(r'<figure class="gambar[^"]*" id="([^"]+)"[^>]*>.*?<figcaption>(.*?)</figcaption>', re.S)
_NOMOR = re.compile(r'<span class="nomor">(.*?)</span>', re.S)


def _th(default: str):
    def repl(m: re.Match) -> str:
        attrs = m.group(1)
        span = re.search(r'\bcolspan="(\d+)"', attrs)
        scope = "colgroup" if default == "col" and span and int(span.group(1)) > 1 else default
        return f'<th scope="{scope}"{attrs}>'
    return repl


def _scoped(table_html: str) -> str:
    """Every ``<th>`` of a table with a scope: header cells name their column (or group of
    columns), a ``<th>`` in the body names its row."""
    parts = _THEAD.split(table_html)
    return "".join(_TH.sub(_th("col" if p.startswith("<thead") else "row"), p) for p in parts)


def tabel(body: str) -> str:
    """``body`` with every table scoped; report and data tables each in a scrolling box."""
    def repl(m: re.Match) -> str:
        attrs, inner = m.group(1), m.group(2)
        table = f"<table{attrs}>{_scoped(inner)}</table>"
        cls = re.search(r'\bclass="([^"]*)"', attrs)
        classes = cls.group(1).split() if cls else []
        if not {"tabel", "dataframe"} & set(classes):
            return table
        tbody = inner.split("<tbody", 1)[-1] if "<tbody" in inner else inner
        # a small table is kept whole; a part of a table in parts may break (its head repeats)
        small = len(re.findall(r"<tr\b", tbody)) <= BARIS_TABEL_KECIL and "berbagian" not in classes
        box = ["gulir"] + (["utuh"] if small else [])
        nomor = _NOMOR.search(inner)
        label = plain(nomor.group(1)) if nomor else "Lanjutan tabel" if "lanjutan" in classes else "Tabel"
        return (f'<div class="{" ".join(box)}" role="region" tabindex="0" aria-label="{html.escape(label)}">'
                f"{table}</div>")

    return _TABLE.sub(repl, body)


def gambar(body: str) -> str:
    """``body`` with each figure's source line inside its caption."""
    return _SUMBER.sub(lambda m: f"{m.group(1)}</figcaption>\n</figure>", body)


def tuntas(body: str) -> str:
    """A chapter's body finished for the page: tables, then figures."""
    return gambar(tabel(body))


# ---- the lists of tables and figures ---------------------------------------------------------
@dataclass(frozen=True)
class Keterangan:
    """A numbered caption: the id it links to, its number ("Tabel 3.1"), its text."""

    id: str
    nomor: str
    teks: str
    depan: bool = False  # in the front matter (its page number is roman)


def plain(inner: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, white space folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", inner))).strip()


def keterangan(body: str, depan: bool = False) -> tuple[list[Keterangan], list[Keterangan]]:
    """(tables, figures) of a chapter body, in reading order."""
    out: tuple[list[Keterangan], list[Keterangan]] = ([], [])
    for pattern, found in ((_CAPTION, out[0]), (_FIGCAPTION, out[1])):
        for m in pattern.finditer(body):
            cap = re.sub(r'<p class="sumber">.*?</p>', "", m.group(2), flags=re.S)
            nomor = _NOMOR.search(cap)
            found.append(Keterangan(m.group(1), plain(nomor.group(1)) if nomor else "",
                                    plain(_NOMOR.sub("", cap)), depan))
    return out


def daftar(kind: str, title: str, items: list[Keterangan]) -> str:
    """A list of numbered captions (``kind`` "tabel" or "gambar"), each linked to its table or
    figure, with its page in the PDF."""
    lines = [f'<div class="halaman-daftar" id="daftar-{kind}">', f'<h1 id="judul-daftar-{kind}">{html.escape(title)}</h1>',
             f'<nav class="daftar daftar-{kind}" aria-labelledby="judul-daftar-{kind}">', "<ol>"]
    for k in items:
        cls = ' class="depan"' if k.depan else ""
        lines.append(f'<li{cls}><a href="#{html.escape(k.id)}"><span class="nomor-daftar">{html.escape(k.nomor)}</span> '
                     f"{html.escape(k.teks)}</a></li>")
    lines += ["</ol>", "</nav>", "</div>"]
    return "\n".join(lines)
