"""What a chapter notebook shows, and how: the display primitives every chapter uses.

A chapter does::

    from lkjip.present.laporan import Laporan
    L = Laporan(year, office, data_dir, params_dir)
    L.md(f"Realisasi anggaran mencapai {L.v('anggaran.persen')} dari pagu {L.v('anggaran.pagu')}.")
    L.tabel(rows, "Realisasi anggaran menurut jenis belanja", kolom=[...])
    L.gambar(fig, "Realisasi anggaran 2021–2024")

Every number in prose goes through ``L.v(id)``: it reads the registry of figures and wraps the
formatted text in ``<span data-fig="id" data-fmt="kind:digits">`` so the audit can check, in the
rendered report, that each figure reads the registry's value and shows one value everywhere.

What these show is plain, deterministic HTML (no random ids, no timestamps, figures as inline
SVG with a fixed salt): the stitched report, its CSS and the PDF rely on it, and two builds give
the same bytes. ``print`` output is not part of the report (the build drops streams).

Tables and charts are shown with a caption but no number: the build numbers them per chapter,
in reading order, when it stitches the chapters (so re-running one cell never renumbers).

Kept light on import (no pandas, no matplotlib): a chapter pays only for what it uses.
"""

from __future__ import annotations

import hashlib
import html
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from lkjip.errors import BuildError
from lkjip.present.svg import siapkan_matplotlib, svg_figure
from lkjip.present.tabel import KOSONG, baris, polos, tabel_html

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

# A missing value printed by Python or pandas: never what a reader should see.
_TEKS_KOSONG = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>)(?![\w-])")


class Laporan:
    """The report seen from one chapter: its inputs, figures and displays.

    Parameters
    ----------
    year, office, data_dir, params_dir
        The notebook's parameters; ``""`` means the repository default.
    """

    def __init__(self, year: int, office: str = "", data_dir: str = "", params_dir: str = "",
                 chapter: str = "") -> None:
        self.year = int(year)
        self.office = office
        self.data_dir = data_dir or None
        self.params_dir = params_dir or None
        self._inputs: Any = None
        self._fig: Any = None
        siapkan_matplotlib()

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
    def teks(self, id: str, kind: str | None = None, digits: int | None = None, kosong: str = KOSONG) -> str:
        """The figure formatted the Indonesian way, as plain text (for charts and titles)."""
        from lkjip.present.fmt import render

        f = self.fig[id]
        k, d = _DEFAULT_FMT.get(f.unit, ("nilai", 2))
        kind = kind or k
        digits = d if digits is None else digits
        if f.value is None:
            return kosong
        if kind == "teks" and f.unit == "kode":
            return self.label_status(f.value) if id.endswith(".status") else str(f.value)
        return render(f.value, f"{kind}:{digits}")

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
        from lkjip.present import fmt

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
        _tampilkan(_periksa(text, "L.html text"), polos(text))

    def tabel(self, rows: Any, judul: str, kolom: Sequence[Any] | None = None,
              catatan: str | None = None, align: Sequence[str] | Mapping[Any, str] | str | None = None,
              hitung: str | None = None, kelas: str = "") -> str:
        """Show a table under the caption "Tabel <judul>" (the build numbers it: "Tabel 3.1").

        Parameters
        ----------
        rows
            A DataFrame, a list of rows (lists or tuples) or a list of dicts (column -> cell).
            Cells are text the caller formatted (``lkjip.present.fmt``, ``L.v``; HTML allowed); ints
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
        header, body, row_class = baris(rows, kolom)
        doc = tabel_html(judul, header, body, row_class, catatan, align, hitung, kelas)
        _tampilkan(_periksa(doc, f"Tabel ({judul})"), f"Tabel {judul}")

    def gambar(self, fig: Any, judul: str, sumber: str | None = None) -> None:
        """Show a Matplotlib figure as an inline SVG under the caption "Gambar <judul>" (the
        build numbers it: "Gambar 3.1"). Closes the figure, so the inline backend does not show
        it a second time."""
        # ids inside the SVG are prefixed so that many charts on one page do not share them;
        # the prefix comes from the caption, so re-running the cell gives the same bytes
        prefix = "g" + hashlib.sha256(judul.encode("utf-8")).hexdigest()[:8]
        svg = svg_figure(fig, prefix=prefix)
        cap = f'<span class="nomor">Gambar</span> {html.escape(judul)}'
        parts = ['<figure class="gambar">', svg, f"<figcaption>{cap}</figcaption>"]
        if sumber:
            parts.append(f'<p class="sumber">Sumber: {html.escape(sumber)}</p>')
        parts.append("</figure>")
        _tampilkan(_periksa("\n".join(parts), f"Gambar ({judul})"), f"Gambar {judul}")

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


def _periksa(text: str, apa: str) -> str:
    """``text``, unless it shows a missing value as 'nan'/'None' (a bug, never what a reader wants)."""
    plain = re.sub(r"<[^>]*>", " ", text)
    m = _TEKS_KOSONG.search(plain)
    if m:
        near = plain[max(m.start() - 40, 0):m.end() + 40].strip()
        raise BuildError(f"{apa} shows {m.group(0)!r} (a missing value) near {near!r}; format "
                         f"values with lkjip.present.fmt or L.v, which print '{KOSONG}' for an unknown value")
    return text

