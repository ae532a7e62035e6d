"""What a chapter notebook shows, and how: the one object every chapter makes.

A chapter's first code cell does::

    from lkjip.present import Laporan
    L = Laporan(year, office, data_dir, params_dir)

and its text is written in template cells (Markdown with placeholders, see
:mod:`lkjip.present.template`)::

    %%teks
    Realisasi anggaran mencapai {{ v('anggaran.persen') }} dari pagu {{ v('anggaran.pagu') }}.

    {{ tabel.jenis_belanja() }}

Every number goes through the registry: :meth:`Laporan.v` wraps its text in
``<span data-fig="id" data-fmt="kind:digits">`` so that the audit can check, in the rendered
report, that each figure reads the registry's value and shows one value everywhere. Tables and
charts are shown with a caption but no number: the build numbers them per chapter when it
stitches the chapters (re-running one cell never renumbers). What is shown is plain,
deterministic HTML (no random ids, no timestamps): two builds give the same bytes.

Kept light on import (no pandas, no matplotlib): a chapter pays only for what it uses.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from lkjip.errors import BuildError
from lkjip.present.fmt import bawaan, render
from lkjip.present.svg import siapkan_matplotlib, svg_figure
from lkjip.present.tabel import KOSONG, baris, polos, tabel_html

# A missing value printed by Python or pandas: never what a reader should see.
_TEKS_KOSONG = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>)(?![\w-])")


class Laporan:
    """The report seen from one chapter: its inputs, figures and displays.

    Parameters
    ----------
    year, office, data_dir, params_dir
        The notebook's parameters; ``""`` means the repository default.
    """

    def __init__(self, year: int, office: str = "", data_dir: str = "", params_dir: str = "") -> None:
        self.year = int(year)
        self.office = office
        self.data_dir = data_dir or None
        self.params_dir = params_dir or None
        self._inputs: Any = None
        self._fig: Any = None
        self._context: dict[str, Any] | None = None
        siapkan_matplotlib()
        _daftarkan_magic(self)

    # ---- data ----------------------------------------------------------------------------
    @property
    def inputs(self) -> Any:
        """The year's inputs (``lkjip.inputs.load_year``); each table is read on first use."""
        if self._inputs is None:
            from lkjip.inputs.load import load_year

            self._inputs = load_year(self.year, self.data_dir, self.params_dir)
        return self._inputs

    @property
    def fig(self) -> Any:
        """The year's figures (``lkjip.figures.Figures``), sharing :attr:`inputs`."""
        if self._fig is None:
            from lkjip.figures import Figures

            self._fig = Figures(self.year, self.data_dir, self.params_dir, inputs=self.inputs)
        return self._fig

    @property
    def params(self) -> dict[str, Any]:
        """The year's params (``params/<year>.yaml`` over ``params/defaults.yaml``)."""
        return self.inputs.params

    # ---- numbers -------------------------------------------------------------------------
    def polos(self, id: str, kind: str | None = None, digits: int | None = None, kosong: str = KOSONG) -> str:
        """The figure formatted the Indonesian way, as plain text (for charts and titles)."""
        f = self.fig[id]
        k, d = bawaan(f.unit)
        kind = kind or k
        digits = d if digits is None else digits
        if f.value is None:
            return kosong
        if kind == "teks" and f.unit == "kode":
            return self.label_status(f.value) if id.endswith(".status") else str(f.value)
        return render(f.value, f"{kind}:{digits}")

    def v(self, id: str, kind: str | None = None, digits: int | None = None, kosong: str = KOSONG) -> Markup:
        """The figure formatted, wrapped in a span the audit can trace back to the registry.

        ``kind`` is one of angka, persen, rupiah, indeks, nilai, teks, terbilang; by default it
        follows the figure's unit. An undefined value prints ``kosong`` (never "nan"/"None").
        """
        f = self.fig[id]
        k, d = bawaan(f.unit)
        kind = kind or k
        digits = d if digits is None else digits
        text = self.polos(id, kind, digits, kosong)
        if f.value is None or (kind == "teks" and f.unit == "kode"):
            return Markup(f'<span class="angka kosong" data-fig-kosong="{html.escape(id)}">{html.escape(text)}</span>')
        return Markup(f'<span class="angka" data-fig="{html.escape(id)}" data-fmt="{kind}:{digits}">'
                      f"{html.escape(text)}</span>")

    def angka_teks(self, id: str, kind: str | None = None, desimal: int | None = None) -> Any:
        """A figure for a template (``v('id')``): printed as :meth:`v` prints it, and with its
        ``.value`` for conditions."""
        from lkjip.present.template import Angka

        return Angka(lambda i, k, d: str(self.v(i, k, d)), lambda i: self.fig[i].value, id, kind, desimal)

    def angka(self, x: float | int | None, digits: int = 0) -> str:
        """A number computed outside the registry (e.g. a count of audit findings), Indonesian style."""
        from lkjip.present import fmt

        return fmt.angka(x, digits)

    def label_status(self, kode: str) -> str:
        return self.fig.rules.status_label.get(kode, kode)

    # ---- the text ------------------------------------------------------------------------
    def teks(self, source: str) -> None:
        """Render a template (the body of a ``%%teks`` cell) and show it, piece by piece."""
        from lkjip.present.konteks import konteks
        from lkjip.present.template import render

        if self._context is None:
            self._context = konteks(self)
        for piece in render(source, self._context):
            if piece.strip():
                _tampilkan(_periksa(piece, "the text"), polos(piece))

    def pakai(self, **names: Any) -> None:
        """Add names to what this chapter's templates see (e.g. a view the chapter made)."""
        from lkjip.present.konteks import konteks

        if self._context is None:
            self._context = konteks(self)
        self._context.update(names)

    def md(self, text: str) -> None:
        """Show Markdown written by the chapter (not data text: that goes through a template)."""
        from lkjip.present.markup import Tokens, tanpa_token, to_html

        for piece in to_html(tanpa_token(_periksa(text, "L.md text")), Tokens()):
            _tampilkan(piece, polos(piece))

    def html(self, text: str) -> None:
        """Show HTML made by the package (data text in it escaped there)."""
        _tampilkan(_periksa(text, "L.html text"), polos(text))

    # ---- tables and charts -----------------------------------------------------------------
    def tabel_html(self, rows: Any, judul: str, kolom: Sequence[Any] | None = None,
                   catatan: str | None = None, align: Sequence[str] | Mapping[Any, str] | str | None = None,
                   hitung: str | None = None, kelas: str = "") -> str:
        """A table's HTML under the caption "Tabel <judul>" (the build numbers it: "Tabel 3.1").

        Parameters
        ----------
        rows
            A DataFrame, a list of rows (lists or tuples) or a list of dicts (column -> cell).
            A cell is text (escaped), HTML made by the package (``Markup``, e.g. :meth:`v`), an
            int (shown as it is) or unknown (None, NaN: "–"); a float is refused (format it).
            A :class:`lkjip.present.tabel.Sel` spans columns or rows. A row given as
            ``{"cells": [...], "class": "total"}`` gets a CSS class.
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
        header, body, row_class = baris(rows, kolom)
        return _periksa(tabel_html(judul, header, body, row_class, catatan, align, hitung, kelas), f"Tabel ({judul})")

    def tabel(self, rows: Any, judul: str, **kw: Any) -> None:
        """Show a table (see :meth:`tabel_html`)."""
        _tampilkan(self.tabel_html(rows, judul, **kw), f"Tabel {judul}")

    def gambar_html(self, fig: Any, judul: str, sumber: str | None = None, deskripsi: str | None = None) -> str:
        """A Matplotlib figure as an inline SVG under the caption "Gambar <judul>" (the build
        numbers it). Closes the figure, so the inline backend does not show it a second time."""
        # ids inside the SVG are prefixed so that many charts on one page do not share them;
        # the prefix comes from the caption, so re-running the cell gives the same bytes
        prefix = "g" + hashlib.sha256(judul.encode("utf-8")).hexdigest()[:8]
        svg = svg_figure(fig, prefix=prefix, judul=judul, deskripsi=deskripsi)
        cap = f'<span class="nomor">Gambar</span> {html.escape(judul)}'
        parts = ['<figure class="gambar">', svg, f"<figcaption>{cap}</figcaption>"]
        if sumber:
            parts.append(f'<p class="sumber">Sumber: {html.escape(sumber)}</p>')
        parts.append("</figure>")
        return _periksa("\n".join(parts), f"Gambar ({judul})")

    def gambar(self, fig: Any, judul: str, sumber: str | None = None, deskripsi: str | None = None) -> None:
        """Show a chart (see :meth:`gambar_html`); ``deskripsi`` says in words what it shows, for a
        reader who cannot see it."""
        _tampilkan(self.gambar_html(fig, judul, sumber, deskripsi), f"Gambar {judul}")

    # ---- page structure --------------------------------------------------------------------
    def daftar_isi(self) -> None:
        """Mark where the table of contents goes (the build fills it); by default after the cover."""
        _tampilkan('<nav class="daftar-isi" data-lkjip="daftar-isi"></nav>', "Daftar Isi")

    def halaman_baru(self) -> None:
        """Start a new page here in the PDF."""
        _tampilkan('<div class="halaman-baru"></div>', "")


def _daftarkan_magic(L: Laporan) -> None:
    """Register the ``%%teks`` cell magic of this chapter (inside IPython only)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return

    def teks(line: str, cell: str) -> None:
        L.teks(cell)

    shell.register_magic_function(teks, magic_kind="cell", magic_name="teks")


def _tampilkan(html_text: str, plain: str) -> None:
    from IPython.display import display

    display({"text/html": html_text, "text/plain": plain}, raw=True)


def _periksa(text: str, apa: str) -> str:
    """``text``, unless it shows a missing value as 'nan'/'None' (a bug, never what a reader wants)."""
    plain = re.sub(r"<[^>]*>", " ", text)
    m = _TEKS_KOSONG.search(plain)
    if m:
        near = plain[max(m.start() - 40, 0):m.end() + 40].strip()
        raise BuildError(f"{apa} shows {m.group(0)!r} (a missing value) near {near!r}; format "
                         f"values with lkjip.present.fmt or L.v, which print '{KOSONG}' for an unknown value")
    return text
