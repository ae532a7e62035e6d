"""lkjip.present.laporan: the display primitives of the chapter notebooks (no kernel needed)."""

from __future__ import annotations

import math
import re

import pytest

from lkjip.errors import BuildError
from lkjip.present.laporan import Laporan
from lkjip.present.tabel import KOSONG, Sel


@pytest.fixture
def shown(shell):
    """What the primitives display (mime bundles), captured from the IPython shell."""
    from IPython.utils.capture import capture_output

    class Shown:
        def __init__(self, cap):
            self.cap = cap

        def __getitem__(self, i):
            return self.cap.outputs[i].data

        def __len__(self):
            return len(self.cap.outputs)

    with capture_output() as cap:
        yield Shown(cap)


def test_tabel_structure(shown):
    L = Laporan(2024)
    L.tabel([["Layanan", "96,62%"], ["Pro yustisia", "100,00%"]], "Capaian", kolom=["Indikator", "Capaian"])
    html = shown[0]["text/html"]
    assert html.startswith('<table class="tabel">')
    assert '<caption><span class="nomor">Tabel</span> Capaian</caption>' in html  # the build numbers it
    assert "<thead>\n<tr><th>Indikator</th><th>Capaian</th></tr>\n</thead>" in html
    assert '<td class="ar">96,62%</td>' in html  # numbers right-aligned by default
    assert "<td>Layanan</td>" in html
    assert shown[0]["text/plain"] == "Tabel Capaian"


def test_tabel_is_the_same_every_time(shown):
    """Re-running a cell shows the same table: no counter, no random id."""
    rows = [["a", "1"], ["b", "2"]]
    L = Laporan(2024)
    L.tabel(rows, "X", kolom=["k", "v"])
    L.tabel(rows, "X", kolom=["k", "v"])
    Laporan(2024).tabel(rows, "X", kolom=["k", "v"])
    assert shown[0] == shown[1] == shown[2]
    assert "id=" not in shown[0]["text/html"]


def test_tabel_unknown_values_never_print_nan_or_none(shown):
    L = Laporan(2024)
    L.tabel([["a", None], ["b", math.nan], ["c", "nan"], ["d", 3]], "Kosong", kolom=["k", "v"])
    html = shown[0]["text/html"]
    assert "nan" not in html.lower().replace("tanggal", "") and "None" not in html
    assert html.count(f">{KOSONG}<") == 3
    assert "<td>3</td>" in html or '<td class="ar">3</td>' in html


def test_tabel_refuses_unformatted_float(shown):
    with pytest.raises(BuildError, match="format it first"):
        Laporan(2024).tabel([["a", 92.29]], "x")


def test_tabel_from_dataframe_dicts_spans_and_row_classes(shown):
    pd = pytest.importorskip("pandas")
    L = Laporan(2024)
    L.tabel(pd.DataFrame({"Uraian": ["a", "b"], "Nilai": ["1.234", None]}), "Frame")
    assert "<th>Uraian</th><th>Nilai</th>" in shown[0]["text/html"]
    assert '<td class="ar">1.234</td>' in shown[0]["text/html"]
    assert f">{KOSONG}<" in shown[0]["text/html"]
    L.tabel([{"Uraian": "a", "Nilai": "1"}], "Dicts")
    assert "<th>Uraian</th><th>Nilai</th>" in shown[1]["text/html"]
    L.tabel([["a", "1", "2"], {"cells": [Sel("Jumlah", colspan=2), "3"], "class": "total"}],
            "Span", kolom=[[Sel("Uraian", rowspan=2), Sel("Tahun", colspan=2)], ["2023", "2024"]],
            align="lrr", hitung="pegawai.jumlah")
    html = shown[2]["text/html"]
    assert 'data-count-fig="pegawai.jumlah"' in html
    assert '<th rowspan="2">Uraian</th><th colspan="2">Tahun</th>' in html
    assert '<tr class="total"><td colspan="2">Jumlah</td><td>3</td></tr>' in html


def test_a_table_in_parts_repeats_headers_and_the_part_label(shown):
    """Rows marked "bagian" start a part: one table each, the column headers and the part's label
    in its head (repeated on every page it runs to), one caption, the same column widths."""
    L = Laporan(2024)
    L.tabel([{"cells": [Sel("Sasaran A", colspan=2)], "class": "judul-kelompok", "bagian": True},
             ["1", "satu"], ["2", "dua"],
             {"cells": [Sel("Sasaran B", colspan=2)], "class": "judul-kelompok", "bagian": True},
             ["3", "tiga"], {"cells": ["Jumlah", "3"], "class": "total"}],
            "Bertingkat", kolom=["No", "Uraian"], catatan="Catatan.")
    html = shown[0]["text/html"]
    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 2 and html.count("<caption>") == 1 and html.count("Catatan.") == 1
    assert tables[0].startswith('<table class="tabel berbagian">') and "<caption>" in tables[0]
    assert tables[1].startswith('<table class="lanjutan tabel berbagian">')
    for table, label in zip(tables, ("Sasaran A", "Sasaran B"), strict=True):
        head = table.split("<thead>")[1].split("</thead>")[0]
        assert "<th>No</th><th>Uraian</th>" in head and f'<th colspan="2">{label}</th>' in head
        assert re.search(r"<colgroup>.*</colgroup>", table)
    assert re.findall(r"<colgroup>.*?</colgroup>", tables[0]) == re.findall(r"<colgroup>.*?</colgroup>", tables[1])
    assert "<td>tiga</td>" in tables[1] and '<tr class="total">' in tables[1] and "tiga" not in tables[0]
    # a table without parts stays one table, without widths of its own
    L.tabel([["1", "satu"]], "Biasa", kolom=["No", "Uraian"])
    assert shown[1]["text/html"].count("<table") == 1 and "colgroup" not in shown[1]["text/html"]


def test_gambar_inline_svg_deterministic_and_closed(shown):
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    def one() -> str:
        L = Laporan(2024)
        fig, ax = plt.subplots()
        ax.bar(["2023", "2024"], [1, 2])
        L.gambar(fig, "Realisasi", sumber="data")
        assert not plt.fignum_exists(fig.number)
        return shown[-1]["text/html"]

    a, b = one(), one()
    assert a == b
    assert a.startswith('<figure class="gambar">\n<svg')
    assert "<?xml" not in a and "<dc:date>" not in a and "<metadata>" not in a
    assert '<figcaption><span class="nomor">Gambar</span> Realisasi</figcaption>' in a
    assert '<p class="sumber">Sumber: data</p>' in a
    ids = re.findall(r'\bid="([^"]+)"', a)
    assert ids and len({i.split("-")[0] for i in ids}) == 1  # one prefix per chart
    assert len(ids) == len(set(ids))


def test_md_renders_the_chapters_markdown_and_refuses_missing_values(shown):
    L = Laporan(2024)
    L.md("""
Capaian **96,62%**.

## Judul

- satu
- dua
""")
    assert [shown[i]["text/html"] for i in range(len(shown))] == ["<p>Capaian <strong>96,62%</strong>.</p>", "<h2>Judul</h2>",
                                               "<ul>\n<li>satu</li>\n<li>dua</li>\n</ul>"]
    for bad in ("Capaian None", "Capaian nan%", "nilai NaN"):
        with pytest.raises(BuildError, match="missing value"):
            L.md(bad)
    L.md("Nonaktif dan Nanas tidak apa-apa")  # words that merely start so
    assert shown[-1]["text/html"] == "<p>Nonaktif dan Nanas tidak apa-apa</p>"


def test_teks_prints_figures_traced_and_refuses_what_is_not_a_figure(shown):
    from lkjip.present.template import TemplateError

    L = Laporan(2024)
    L.teks("Pegawai {{ v('pegawai.jumlah') | terbilang }} orang; tahun {{ tahun }}.")
    assert shown[-1]["text/html"] == ('<p>Pegawai <span class="angka" data-fig="pegawai.jumlah" '
                                      'data-fmt="terbilang:0">38 (tiga puluh delapan)</span> orang; tahun 2024.</p>')
    assert shown[-1]["text/plain"] == "Pegawai 38 (tiga puluh delapan) orang; tahun 2024."
    for bad, why in (("{{ nilai('anggaran.persen') }}", "registry"), ("{{ tidak_ada }}", "undefined"),
                     ("{{ kantor }}", "dict"), ("{{ none }}", "None")):
        with pytest.raises(TemplateError, match=why):
            L.pakai(none=None)
            L.teks(bad)
