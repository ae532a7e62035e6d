"""lkjip.report: the display primitives of the chapter notebooks (no kernel needed)."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import pytest

from lkjip.errors import BuildError
from lkjip.report import KOSONG, Laporan, Sel


@pytest.fixture
def shown(monkeypatch):
    """What the primitives display, as a list of mime bundles (no IPython display needed)."""
    out: list[dict] = []
    import lkjip.report as r

    monkeypatch.setattr(r, "_tampilkan", lambda html_text, polos: out.append(
        {"text/html": html_text, "text/plain": polos}))

    def md(obj):
        out.append({"text/markdown": obj.data})

    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: md(obj))
    return out


def test_tabel_structure_and_numbering(shown):
    L = Laporan(2024, chapter="03_akuntabilitas_kinerja.ipynb")
    assert L.nomor == "3"
    assert L.tabel([["Layanan", "96,62%"], ["Pro yustisia", "100,00%"]], "Capaian", kolom=["Indikator", "Capaian"]) == "3.1"
    assert L.tabel([["a", "1"]], "Kedua", kolom=["x", "y"]) == "3.2"
    html = shown[0]["text/html"]
    assert html.startswith('<table class="tabel" id="tabel-3-1">')
    assert '<caption><span class="nomor">Tabel 3.1</span> Capaian</caption>' in html
    assert "<thead>\n<tr><th>Indikator</th><th>Capaian</th></tr>\n</thead>" in html
    assert '<td class="ar">96,62%</td>' in html  # numbers right-aligned by default
    assert "<td>Layanan</td>" in html
    assert shown[0]["text/plain"] == "Tabel 3.1 Capaian"
    assert "Tabel 3.2" in shown[1]["text/html"]
    # a new chapter instance numbers from 1 again
    assert Laporan(2024, chapter="03_akuntabilitas_kinerja.ipynb").tabel([["a"]], "x") == "3.1"


def test_tabel_is_deterministic_and_has_no_random_ids(shown):
    rows = [["a", "1"], ["b", "2"]]
    Laporan(2024, chapter="01_pendahuluan.ipynb").tabel(rows, "X", kolom=["k", "v"])
    Laporan(2024, chapter="01_pendahuluan.ipynb").tabel(rows, "X", kolom=["k", "v"])
    assert shown[0] == shown[1]
    assert re.findall(r'id="([^"]+)"', shown[0]["text/html"]) == ["tabel-1-1"]


def test_tabel_unknown_values_never_print_nan_or_none(shown):
    L = Laporan(2024, chapter="01_pendahuluan.ipynb")
    L.tabel([["a", None], ["b", math.nan], ["c", "nan"], ["d", 3]], "Kosong", kolom=["k", "v"])
    html = shown[0]["text/html"]
    assert "nan" not in html.lower().replace("tanggal", "") and "None" not in html
    assert html.count(f">{KOSONG}<") == 3
    assert "<td>3</td>" in html or '<td class="ar">3</td>' in html


def test_tabel_refuses_unformatted_float(shown):
    with pytest.raises(BuildError, match="format it first"):
        Laporan(2024, chapter="01_pendahuluan.ipynb").tabel([["a", 92.29]], "x")


def test_tabel_from_dataframe_dicts_spans_and_row_classes(shown):
    pd = pytest.importorskip("pandas")
    L = Laporan(2024, chapter="02_perencanaan_kinerja.ipynb")
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


def test_gambar_inline_svg_deterministic_and_closed(shown):
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    def one() -> str:
        L = Laporan(2024, chapter="03_akuntabilitas_kinerja.ipynb")
        fig, ax = plt.subplots()
        ax.bar(["2023", "2024"], [1, 2])
        assert L.gambar(fig, "Realisasi", sumber="data") == "3.1"
        assert not plt.fignum_exists(fig.number)
        return shown[-1]["text/html"]

    a, b = one(), one()
    assert a == b
    assert a.startswith('<figure class="gambar" id="gambar-3-1">\n<svg')
    assert "<?xml" not in a and "<dc:date>" not in a and "<metadata>" not in a
    assert '<figcaption><span class="nomor">Gambar 3.1</span> Realisasi</figcaption>' in a
    assert '<p class="sumber">Sumber: data</p>' in a
    ids = re.findall(r'\bid="([^"]+)"', a)
    assert ids and all(i.startswith("g3-1-") for i in ids[1:])
    assert len(ids) == len(set(ids))


def test_md_and_text_refuse_missing_values(shown):
    L = Laporan(2024, chapter="04_penutup.ipynb")
    L.md("""
        Capaian **96,62%**.
    """)
    assert shown == [{"text/markdown": "Capaian **96,62%**."}]
    for bad in ("Capaian None", "Capaian nan%", "nilai NaN"):
        with pytest.raises(BuildError, match="missing value"):
            L.md(bad)
    L.md("Nonaktif dan Nanas tidak apa-apa")  # words that merely start so


def test_unknown_chapter_is_refused():
    with pytest.raises(BuildError, match="not in lkjip.chapters"):
        Laporan(2024, chapter="99_tidak_ada.ipynb")


def test_reset_state_forgets_everything_a_chapter_leaves():
    """Run in a fresh interpreter: reset_state drops lkjip modules, which must not happen to
    the modules this test session uses."""
    code = r"""
import json, os, sys, warnings
import matplotlib as mpl
import lkjip.load, lkjip.rules
from lkjip import report
report.reset_state()                      # the first call records the kernel's start state
import lkjip.load                         # a chapter imports afresh what it uses
from lkjip import report
before = (list(warnings.filters), os.getcwd(), dict(os.environ), mpl.rcParams["font.size"])
lkjip.load.FILES_READ.add("/x.csv")
mpl.rcParams["font.size"] = 30
warnings.simplefilter("ignore")
os.environ["LKJIP_SISA"] = "1"
os.chdir("/")
old_load = lkjip.load
report.reset_state()
import lkjip.load as new_load
after = (list(warnings.filters), os.getcwd(), dict(os.environ), mpl.rcParams["font.size"])
print(json.dumps({"same": before == after, "files": sorted(new_load.FILES_READ),
                  "old_files": sorted(old_load.FILES_READ), "fresh": new_load is not old_load,
                  "harvest": report.files_read()}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got == {"same": True, "files": [], "old_files": [], "fresh": True, "harvest": []}
