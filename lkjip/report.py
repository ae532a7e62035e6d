"""What a chapter notebook shows, and how: the display primitives every chapter uses.

A chapter does::

    from lkjip.report import Laporan
    L = Laporan(year, office, data_dir, params_dir, chapter="03_akuntabilitas_kinerja.ipynb")
    L.md(f"Realisasi anggaran mencapai {L.v('anggaran.persen')} dari pagu {L.v('anggaran.pagu')}.")
    L.tabel(rows, "Realisasi anggaran menurut jenis belanja", kolom=[...])
    L.gambar(fig, "Realisasi anggaran 2021–2024")

Every number in prose goes through ``L.v(id)``: it reads the registry of figures and wraps the
formatted text in ``<span data-fig="id" data-fmt="kind:digits">`` so the audit can check, in the
rendered report, that each figure reads the registry's value and shows one value everywhere.

What these show is plain, deterministic HTML (no random ids, no timestamps, figures as inline
SVG with a fixed salt): the stitched report, its CSS and the PDF rely on it, and two builds give
the same bytes. ``print`` output is not part of the report (the build drops streams).

Kept light on import (no pandas, no matplotlib): a chapter pays only for what it uses.
"""

from __future__ import annotations

import html
import io
import re
import sys
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lkjip.chapters import CHAPTERS
from lkjip.errors import BuildError

# The placeholder of an unknown value (lkjip.fmt.KOSONG; not imported here: fmt loads Babel).
KOSONG = "–"

# Default formatting per registry unit: (fmt kind, decimals)
_DEFAULT_FMT = {
    "persen": ("persen", 2),
    "rupiah": ("rupiah", 0),
    "jumlah": ("angka", 0),
    "indeks": ("indeks", 2),
    "nilai": ("nilai", 2),
    "poin": ("nilai", 2),
    "kategori": ("teks", 0),
    "kode": ("teks", 0),
}

# Matplotlib settings of every chart, applied over Matplotlib's own defaults when a chapter
# starts, so that a chart looks the same whatever ran before it in a shared kernel.
GAYA_MATPLOTLIB: dict[str, Any] = {
    "svg.hashsalt": "lkjip",  # clip-path ids from a fixed salt, not a random one
    "svg.fonttype": "none",  # text stays text: searchable in the PDF, and a smaller SVG
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "figure.figsize": (6.4, 3.6),
    "axes.spines.top": False,
    "axes.spines.right": False,
}

# A missing value printed by Python or pandas: never what a reader should see.
_TEKS_KOSONG = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>)(?![\w-])")

# A right-aligned column: every non-empty cell is a number, a percentage or money.
_ANGKA = re.compile(r"^(Rp\s?)?[-+−]?\d[\d.]*(,\d+)?\s?%?$")


@dataclass(frozen=True)
class Sel:
    """A table cell that spans columns or rows, or carries a CSS class (``kelas``)."""

    teks: Any
    colspan: int = 1
    rowspan: int = 1
    kelas: str = ""


class Laporan:
    """The report seen from one chapter: its inputs, figures, numbering and displays.

    Parameters
    ----------
    year, office, data_dir, params_dir
        The notebook's parameters; ``""`` means the repository default.
    chapter
        The notebook's file name as listed in ``lkjip.chapters``; gives :attr:`nomor`, the
        prefix of the chapter's table and figure numbers ("3" -> "Tabel 3.1").
    """

    def __init__(self, year: int, office: str = "", data_dir: str = "", params_dir: str = "",
                 chapter: str = "") -> None:
        self.year = int(year)
        self.office = office
        self.data_dir = data_dir or None
        self.params_dir = params_dir or None
        self.chapter = chapter
        ch = next((c for c in CHAPTERS if c.notebook == chapter), None)
        if chapter and ch is None:
            known = ", ".join(c.notebook for c in CHAPTERS)
            raise BuildError(f"chapter {chapter!r} is not in lkjip.chapters ({known})")
        self.judul_bab = ch.title if ch else ""
        self.nomor = ch.number if ch else "0"
        self._tabel = 0
        self._gambar = 0
        self._inputs: Any = None
        self._fig: Any = None
        _siapkan_matplotlib()

    # ---- data ----------------------------------------------------------------------------
    @property
    def inputs(self) -> Any:
        """The year's inputs (``lkjip.load.load_year``); each table is read on first use."""
        if self._inputs is None:
            from lkjip.load import load_year

            self._inputs = load_year(self.year, self.data_dir, self.params_dir)
        return self._inputs

    @property
    def fig(self) -> Any:
        """The year's figures (``lkjip.figures.Figures``), sharing :attr:`inputs`."""
        if self._fig is None:
            try:
                from lkjip.figures import Figures
            except ModuleNotFoundError as exc:
                if exc.name != "lkjip.figures":
                    raise
                raise BuildError("lkjip.figures does not exist yet: no chapter can show figures") from None
            self._fig = Figures(self.year, self.data_dir, self.params_dir, inputs=self.inputs)
        return self._fig

    @property
    def params(self) -> dict[str, Any]:
        """The year's params (``params/<year>.yaml`` over ``params/defaults.yaml``)."""
        return self.inputs.params

    # ---- numbers -------------------------------------------------------------------------
    def teks(self, id: str, kind: str | None = None, digits: int | None = None, kosong: str = KOSONG) -> str:
        """The figure formatted the Indonesian way, as plain text (for charts and titles)."""
        from lkjip.audit import render_value

        f = self.fig[id]
        k, d = _DEFAULT_FMT.get(f.unit, ("nilai", 2))
        kind = kind or k
        digits = d if digits is None else digits
        if f.value is None:
            return kosong
        if kind == "teks" and f.unit == "kode":
            return self.label_status(f.value) if id.endswith(".status") else str(f.value)
        return render_value(f.value, f"{kind}:{digits}")

    def v(self, id: str, kind: str | None = None, digits: int | None = None, kosong: str = KOSONG) -> str:
        """The figure formatted, wrapped in a span the audit can trace back to the registry.

        ``kind`` is one of angka, persen, rupiah, indeks, nilai, teks, terbilang; by default it
        follows the figure's unit. An undefined value prints ``kosong`` (never "nan"/"None").
        """
        f = self.fig[id]
        k, d = _DEFAULT_FMT.get(f.unit, ("nilai", 2))
        kind = kind or k
        digits = d if digits is None else digits
        text = self.teks(id, kind, digits, kosong)
        if f.value is None or (kind == "teks" and f.unit == "kode"):
            return f'<span class="angka kosong" data-fig-kosong="{html.escape(id)}">{html.escape(text)}</span>'
        return (f'<span class="angka" data-fig="{html.escape(id)}" data-fmt="{kind}:{digits}">'
                f"{html.escape(text)}</span>")

    def angka(self, x: float | int | None, digits: int = 0) -> str:
        """A number computed outside the registry (e.g. a count of audit findings), Indonesian style."""
        from lkjip import fmt

        return fmt.angka(x, digits)

    def label_status(self, kode: str) -> str:
        return self.fig.rules.status_label.get(kode, kode)

    # ---- display -------------------------------------------------------------------------
    def md(self, text: str) -> None:
        """Show Markdown (dedented; inline HTML such as ``L.v`` spans is kept).

        Refuses text that shows a missing value as 'nan' or 'None'.
        """
        from IPython.display import Markdown, display

        text = textwrap.dedent(text).strip("\n")
        display(Markdown(_periksa(text, "L.md text")))

    def html(self, text: str) -> None:
        """Show raw HTML (for what the other primitives do not cover)."""
        _tampilkan(_periksa(text, "L.html text"), _polos(text))

    def bab(self, judul: str | None = None) -> None:
        """Show a chapter heading (h1); by default the chapter's title from lkjip.chapters."""
        judul = judul or self.judul_bab
        _tampilkan(f"<h1>{html.escape(judul)}</h1>", judul)

    def _nomor(self, jenis: str, k: int) -> str:
        return f"{self.nomor}.{k}" if self.nomor else str(k)

    def tabel(self, rows: Any, judul: str, kolom: Sequence[Any] | None = None,
              catatan: str | None = None, align: Sequence[str] | Mapping[Any, str] | str | None = None,
              hitung: str | None = None, kelas: str = "") -> str:
        """Show a numbered table, "Tabel <n>.<k> <judul>", and return its number ("3.1").

        Parameters
        ----------
        rows
            A DataFrame, a list of rows (lists or tuples) or a list of dicts (column -> cell).
            Cells are text the caller formatted (``lkjip.fmt``, ``L.v``; HTML allowed); ints
            show as they are; unknown values (None, NaN) show as "–"; a float is refused (format
            it). A :class:`Sel` spans columns or rows. A row given as ``{"cells": [...],
            "class": "total"}`` gets a CSS class.
        judul
            The caption, after the number.
        kolom
            Column headings; by default the DataFrame's columns or the dicts' keys. A list of
            lists gives several header rows (group with ``Sel(..., colspan=n)``).
        catatan
            A note under the table (e.g. "Sumber: ...").
        align
            Per column "l", "c" or "r": a string ("lrr"), a list, or a mapping of heading or
            index to letter. By default a column whose cells are all numbers, percentages or
            money is right-aligned.
        hitung
            A registry figure that counts the rows (e.g. "pegawai.jumlah"): the audit checks it.
        kelas
            Extra CSS classes of the table.
        """
        header, body, row_class = _baris(rows, kolom)
        self._tabel += 1
        nomor = self._nomor("Tabel", self._tabel)
        doc = _tabel_html(nomor, judul, header, body, row_class, catatan, align, hitung, kelas)
        _tampilkan(_periksa(doc, f"Tabel {nomor} ({judul})"), f"Tabel {nomor} {judul}")
        return nomor

    def gambar(self, fig: Any, judul: str, sumber: str | None = None) -> str:
        """Show a Matplotlib figure as a numbered inline SVG, "Gambar <n>.<k> <judul>".

        Closes the figure (so the inline backend does not show it a second time) and returns
        its number ("3.1").
        """
        self._gambar += 1
        nomor = self._nomor("Gambar", self._gambar)
        svg = svg_figure(fig, prefix=f"g{_id(self.nomor or '0')}-{self._gambar}")
        cap = f'<span class="nomor">Gambar {nomor}</span> {html.escape(judul)}'
        parts = [f'<figure class="gambar" id="gambar-{_id(nomor)}">', svg, f"<figcaption>{cap}</figcaption>"]
        if sumber:
            parts.append(f'<p class="sumber">Sumber: {html.escape(sumber)}</p>')
        parts.append("</figure>")
        _tampilkan(_periksa("\n".join(parts), f"Gambar {nomor} ({judul})"), f"Gambar {nomor} {judul}")
        return nomor

    def sampul(self, judul: str = "Laporan Kinerja Instansi Pemerintah", sub: str = "(LKjIP)",
               instansi: str | None = None) -> None:
        """Show the cover.

        Put it in a cell tagged ``sampul`` of the first chapter: the build sets the outputs of
        that chapter's ``sampul`` cells on pages of their own, without header and footer. The
        line of class ``judul-laporan`` becomes the running header of the PDF.
        """
        if instansi is None:
            instansi = (self.inputs.kantor or {}).get("nama") or self.office
        lines = [
            '<section class="sampul">',
            f'<p class="sampul-judul">{html.escape(judul)}</p>',
            f'<p class="sampul-sub">{html.escape(sub)}</p>' if sub else "",
            f'<p class="sampul-tahun">Tahun {self.year}</p>',
            f'<p class="sampul-instansi">{html.escape(instansi)}</p>',
            f'<p class="judul-laporan">LKjIP {html.escape(instansi)} Tahun {self.year}</p>',
            "</section>",
        ]
        _tampilkan("\n".join(x for x in lines if x), f"{judul} {sub} Tahun {self.year}")

    def daftar_isi(self) -> None:
        """Mark where the table of contents goes (the build fills it); by default after the cover."""
        _tampilkan('<nav class="daftar-isi" data-lkjip="daftar-isi"></nav>', "Daftar Isi")

    def halaman_baru(self) -> None:
        """Start a new page here in the PDF."""
        _tampilkan('<div class="halaman-baru"></div>', "")


def _tampilkan(html_text: str, polos: str) -> None:
    from IPython.display import display

    display({"text/html": html_text, "text/plain": polos}, raw=True)


def _polos(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text)).strip()


def _periksa(text: str, apa: str) -> str:
    """``text``, unless it shows a missing value as 'nan'/'None' (a bug, never what a reader wants)."""
    plain = re.sub(r"<[^>]*>", " ", text)
    m = _TEKS_KOSONG.search(plain)
    if m:
        near = plain[max(m.start() - 40, 0):m.end() + 40].strip()
        raise BuildError(f"{apa} shows {m.group(0)!r} (a missing value) near {near!r}; format "
                         f"values with lkjip.fmt or L.v, which print '{KOSONG}' for an unknown value")
    return text


# ---- tables -----------------------------------------------------------------------------------
def _kosong(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN, NaT
    except (TypeError, ValueError):
        return type(x).__name__ == "NAType"


def _teks(x: Any) -> str:
    """A cell as text: the caller's string as it is, an int as digits, unknown -> KOSONG."""
    if isinstance(x, Sel):
        x = x.teks
    if _kosong(x):
        return KOSONG
    if isinstance(x, str):
        return KOSONG if x.strip() in ("nan", "NaN", "None", "<NA>", "NaT") else x
    if isinstance(x, bool):
        return "Ya" if x else "Tidak"
    if isinstance(x, int) or getattr(getattr(x, "dtype", None), "kind", "") in ("i", "u"):
        return str(int(x))  # a row number or a count; money and measures come formatted
    if isinstance(x, float) or hasattr(x, "__float__"):
        raise BuildError(f"a table cell holds the number {x!r}; format it first (lkjip.fmt, e.g. "
                         "fmt.persen or fmt.rupiah, or L.v) so the report prints it the Indonesian way")
    return str(x)


def _baris(rows: Any, kolom: Sequence[Any] | None
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
                classes.append(str(r.get("class", "")))
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
        last = [_polos(_teks(c)) for c in header[-1]] if header else []
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
            texts = [_polos(_teks(r[i])) for r in body if len(r) == n and not _kosong(r[i])]
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
            kelas.append(html.escape(c.kelas))
    if kelas:
        attrs.append(f'class="{" ".join(kelas)}"')
    a = (" " + " ".join(attrs)) if attrs else ""
    return f"<{tag}{a}>{_teks(c)}</{tag}>"


def _tabel_html(nomor: str, judul: str, header: list[list[Any]], body: list[list[Any]],
                row_class: list[str], catatan: str | None, align: Any, hitung: str | None,
                kelas: str) -> str:
    n = max([_lebar(r) for r in header + body] or [0])
    letters = _align(align, header, body, n)
    cls = " ".join(["tabel", *kelas.split()])
    attrs = f' data-count-fig="{html.escape(hitung)}"' if hitung else ""
    out = [f'<table class="{cls}" id="tabel-{_id(nomor)}"{attrs}>',
           f'<caption><span class="nomor">Tabel {nomor}</span> {html.escape(judul)}</caption>']
    if header:
        out.append("<thead>")
        out += ["<tr>" + "".join(_sel("th", c, "") for c in row) + "</tr>" for row in header]
        out.append("</thead>")
    out.append("<tbody>")
    for row, rc in zip(body, row_class, strict=True):
        # column alignment applies to full rows; a row with spans keeps the default
        lets = letters if len(row) == n else [""] * len(row)
        tr = f'<tr class="{html.escape(rc)}">' if rc else "<tr>"
        out.append(tr + "".join(_sel("td", c, x) for c, x in zip(row, lets, strict=True)) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    if catatan:
        out.append(f'<p class="catatan-tabel">{catatan}</p>')
    return "\n".join(out)


def _id(nomor: str) -> str:
    """'3.1' -> '3-1': a stable anchor."""
    return re.sub(r"[^a-z0-9]+", "-", nomor.lower()).strip("-")


# ---- figures ----------------------------------------------------------------------------------
def _siapkan_matplotlib() -> None:
    """Matplotlib's defaults plus GAYA_MATPLOTLIB, whatever an earlier chapter changed."""
    try:
        import matplotlib as mpl
    except ImportError:  # a chapter without charts does not need it
        return
    import warnings

    backend = mpl.rcParams._get_backend_or_none()  # the kernel's (inline); keep it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mpl.rcdefaults()
    mpl.rcParams.update(GAYA_MATPLOTLIB)
    if backend is not None:
        mpl.rcParams["backend"] = backend


def svg_figure(fig: Any, prefix: str = "g") -> str:
    """``fig`` as an inline ``<svg>`` element (no XML prolog, no date); closes the figure.

    Matplotlib's element ids ("figure_1", clip paths) repeat from figure to figure; each is
    prefixed with ``prefix`` so that a page holding many figures has unique ids.
    """
    import matplotlib as mpl

    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "lkjip"}):
        fig.savefig(buf, format="svg",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(fig)
    svg = buf.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'(\bid="|url\(#|href="#)', lambda m: f"{m.group(1)}{prefix}-", svg)
    return svg.strip()


# ---- state between chapters -------------------------------------------------------------------
def reset_state() -> None:
    """Make a shared kernel look freshly started to the next chapter.

    The build calls this in the kernel before every chapter. It clears the user namespace (as
    ``%reset -f``, execution count back to 1), closes every figure, restores Matplotlib's and
    pandas' defaults and the warning filters, working directory, environment and ``sys.path``
    of the kernel's first call, and forgets every lkjip module, so that module-level state
    (``lkjip.load.FILES_READ``, ``lkjip.rules.load_rules``'s cache, registries) starts empty:
    the next chapter imports them afresh. Third-party modules (pandas, matplotlib) stay loaded:
    that is the time a shared kernel saves.
    """
    import gc
    import os
    import warnings

    shell = None
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:
        pass
    holder = shell if shell is not None else sys  # survives the purge of lkjip modules below
    base = getattr(holder, "_lkjip_awal", None)
    if base is None:  # the first call: what a fresh kernel looks like
        base = {"filters": list(warnings.filters), "cwd": os.getcwd(), "env": dict(os.environ),
                "path": list(sys.path)}
        holder._lkjip_awal = base

    if shell is not None:
        shell.reset(new_session=True)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    if "matplotlib" in sys.modules:
        _siapkan_matplotlib()
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    warnings.filters[:] = base["filters"]
    if hasattr(warnings, "_filters_mutated"):
        warnings._filters_mutated()  # forget "already shown once": a warning shows again
    if os.getcwd() != base["cwd"]:
        os.chdir(base["cwd"])
    if dict(os.environ) != base["env"]:
        os.environ.clear()
        os.environ.update(base["env"])
    sys.path[:] = base["path"]
    for name in [m for m in sys.modules if m == "lkjip" or m.startswith("lkjip.")]:
        module = sys.modules.pop(name)
        files = getattr(module, "FILES_READ", None)
        if isinstance(files, set):
            files.clear()
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                try:
                    clear()
                except TypeError:
                    pass
    # IPython's reset above runs a full garbage collection, which walks every object the kernel
    # holds (pandas, Matplotlib: ~0.08 s a chapter). Collect once more now that the chapter's
    # modules are gone, then freeze the survivors (modules and other long-lived objects) out of
    # the collector's way: the next reset walks only what that chapter created. Memory is still
    # freed as before: frozen objects are the live ones, and refcounting frees what dies later.
    gc.collect()
    gc.freeze()


def files_read() -> list[str]:
    """The files the chapter just executed read (``lkjip.load.FILES_READ``), sorted."""
    load = sys.modules.get("lkjip.load")
    return sorted(getattr(load, "FILES_READ", ()))
