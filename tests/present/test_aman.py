"""Text from data is never markup (issue 16): whatever an office's data holds (its name, the
names of its indicators, sasaran, breakdowns and cases, the narasi bullets), the HTML that
Laporan shows has no live element or attribute from it, no link but http(s)/mailto, and template
syntax in it is printed, never evaluated.

Data text may use the safe Markdown subset (emphasis, code, lists, http/https/mailto links):
those are the only elements it can bring. Property tests (hypothesis) over text that mixes
hostile fragments with arbitrary characters; example counts are small, so the folder stays fast.
"""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest
from contoh import FIXTURE, Tag, bab, teks
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lkjip.present.laporan import Laporan

HOSTILE = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//x.example>",
    "<svg onload=alert(2)>", '<a href="javascript:alert(3)">a</a>', "<div onclick=alert(4)>d</div>",
    "[x](javascript:alert(5))", "[y](JaVaScRiPt:alert(6))", "![i](javascript:alert(7))", "<javascript:alert(8)>",
    "[d](data:text/html,<script>alert(9)</script>)", "&", "&amp;", "&lt;b&gt;", "&#60;script&#62;",
    "{{ 7*191 }}", "{% for i in range(3) %}QZ{% endfor %}", "{{ rahasia }}", "{# komentar #}", "{%", "}}",
    "`kode`", "``", "*miring*", "_garis_", "**tebal**", "# judul", "- butir", "1. nomor", "> kutip",
    "<!-- catatan -->", "\\", "|a|b|", "\n\n# baris baru", "\ue000" "0" "\ue001", "\ue0011\ue001",
]
# Elements the package makes (text, tables, charts) and the safe Markdown subset may bring.
HTML_OK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code", "a", "span", "br",
           "blockquote", "hr", "pre", "table", "caption", "thead", "tbody", "tr", "th", "td", "div", "figure",
           "figcaption", "nav"}
SVG_OK = {"svg", "g", "path", "defs", "clippath", "use", "text", "tspan", "style", "rect", "circle", "polyline",
          "polygon", "line", "ellipse", "title", "desc"}
SAFE_SCHEMES = ("http", "https", "mailto")

# Laporan refuses to show the words Python and pandas print for a missing value ("None", "nan"),
# whatever their source: a loud error, not a page that shows them. Data text is tested without them.
_KOSONG = re.compile(r"(?<![\w-])(nan|NaN|None|NaT|<NA>)(?![\w-])")
hostile_text = (st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=6)
                .map("".join).filter(lambda s: not _KOSONG.search(s)))
# Examples per property: few, so that tests/present stays fast; LKJIP_HYPOTHESIS=1000 for a deep run
# (the whole-chapter property renders four chapters per example: it takes one in 25 of that).
N = int(os.environ.get("LKJIP_HYPOTHESIS", "25"))
FEW = settings(max_examples=N, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEWER = settings(max_examples=max(N // 25, 1), deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def aman(html: str) -> None:
    """No live element or attribute a browser would run, no link to an unsafe scheme, no comment
    (which would hide what follows it)."""
    parsed = Tag(html)
    assert not parsed.hidden, parsed.hidden
    for tag, attrs in parsed.tags:
        assert tag in HTML_OK | SVG_OK, f"live <{tag}> in {html[:300]!r}"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"<{tag} {name}=...>"
            if name in ("href", "src", "xlink:href", "action", "formaction"):
                url = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert url.startswith("#") or url.split(":", 1)[0] in SAFE_SCHEMES, f"<{tag} {name}={value!r}>"


def tidak_dievaluasi(html: str, text: str) -> None:
    """Template syntax from data is printed, never run: no 7*191, no loop, no secret name."""
    plain = teks(html)
    for result in ("1337", "QZQZ", "RAHASIA-TEMPLATE"):
        assert result not in plain or result in text


@pytest.fixture(scope="module")
def L(shell):
    L = Laporan(2025, "", str(FIXTURE / "data"), str(FIXTURE / "params"))
    L.pakai(rahasia="RAHASIA-TEMPLATE")
    return L


def tampil(fn) -> str:
    """The HTML of what ``fn`` shows."""
    from IPython.utils.capture import capture_output

    with capture_output() as cap:
        fn()
    return "\n".join(o.data["text/html"] for o in cap.outputs)


# ---- one piece of data text through each way of showing it --------------------------------------------
@FEW
@given(text=hostile_text)
@example(text="".join(HOSTILE))
def test_data_text_in_a_template_is_text(L, text):
    L.pakai(x=text, xs=[text, "biasa", text])
    html = tampil(lambda: L.teks("Kantor {{ x }} tahun {{ tahun }}.\n\n## {{ x }}\n\n{{ daftar(xs) }}\n\n"
                                 "Bersama {{ gabung(xs) }}; {{ x | kecil }}."))
    aman(html)
    tidak_dievaluasi(html, text)
    # the Jinja delimiters in data reach the reader as they are (outside link targets and escapes)
    if "\\" not in text and "](" not in text:
        plain = teks(html)
        for delim in ("{{", "{%", "}}", "%}"):
            assert plain.count(delim) >= 2 * text.count(delim)


@FEW
@given(text=hostile_text)
def test_data_text_in_a_table_is_text(L, text):
    html = L.tabel_html([[text, L.v("ikk.jumlah")], [1, text]], judul=text, kolom=[text, "Jumlah"], catatan=text)
    aman(html)
    tidak_dievaluasi(html, text)
    # a cell, the caption and the note show the text exactly as written (a table is not Markdown)
    assert teks(html).count(re.sub(r"\s+", " ", text).strip()) >= 4


@FEW
@given(text=hostile_text)
def test_the_chapters_own_markdown_renders_only_the_safe_subset(L, text):
    html = tampil(lambda: L.md(text))
    aman(html)
    tidak_dievaluasi(html, text)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*191 }}",
                                  "{% for i in range(3) %}QZ{% endfor %}", "Rp5 & 10% < 20% > 1%", "&amp; &lt;",
                                  "[x](javascript:alert(1)) tetap teks", "`<b>`", "a_b_c dan 2*3*4", "snake_case_nama"])
def test_hostile_fragments_are_shown_as_written(L, text):
    L.pakai(x=text)
    html = tampil(lambda: L.teks("Nama: {{ x }}.\n\n{{ daftar([x]) }}"))
    aman(html)
    plain = teks(html)
    if "](" in text:  # a link to an unsafe scheme keeps its text, not its target
        assert "x tetap teks" in plain and "javascript" not in plain
    elif text.startswith("`"):
        assert "<b>" in plain and "<code>&lt;b&gt;</code>" in html
    elif "2*3" in text:  # emphasis is the safe subset data text may use (markup.py): 2*3*4 -> 2<em>3</em>4
        assert "a_b_c dan 2<em>3</em>4" in html
    else:
        assert plain.count(text) == 2, plain  # the sentence and the list item
    assert "1337" not in plain and "QZQZ" not in plain


def test_chart_captions_and_sources_are_text(L):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.bar(["a"], [1])
    html = L.gambar_html(fig, "<img src=x onerror=alert(1)> {{ 7*191 }}", sumber="<script>alert(2)</script>")
    aman(html)
    assert "&lt;img src=x onerror=alert(1)&gt; {{ 7*191 }}" in html and "&lt;script&gt;" in html


# ---- the whole chapters, with the office's data made hostile --------------------------------------------------
def _hostile_office(text: str) -> Laporan:
    """The fixture office's 2024 report whose every name and narasi bullet holds ``text``."""
    L = Laporan(2024, "", str(FIXTURE / "data"), str(FIXTURE / "params"))
    data = L.inputs
    data.kantor = {**data.kantor, "nama": f"Kantor {text}", "kota": text}
    ind = data.indikator.copy()
    ind["indikator"] = ind["indikator"] + " " + text
    ind["pembilang"] = ind["pembilang"].where(ind["pembilang"].isna(), text + " selesai")
    data.indikator = ind
    sas = data.sasaran.copy()
    sas["sasaran"] = text + " " + sas["sasaran"]
    data.sasaran = sas
    rin = data.rincian.copy()
    rin["nama"] = rin["nama"] + " " + text
    data.rincian = rin
    data.kasus = pd.DataFrame({"tahun": [2024, 2024], "indikator": ["pengaduan_tidak_selesai"] * 2, "no": [1, 2],
                            "nama": [text, f"Kedua {text}"], "kewarganegaraan": [text, None], "pasal": [text, None],
                            "tahapan": [text, "Selesai"]}).astype({"tahun": "int64", "no": "int64"})
    n = dict(data.narasi)
    n["indikator"] = {k: {b: [text, f"Butir {text}"] for b in ("faktor_keberhasilan", "kendala", "solusi",
                                                                 "program_pendukung")} for k in ind["kode"]}
    n.update(isu_strategis=[text], rekomendasi=[text, "Biasa"], efisiensi={"anggaran": [text], "sdm": [], "aset": []})
    data.narasi = n
    org = dict(data.organisasi)
    org["unit"] = [{**u, "nama": f"{u['nama']} {text}"} for u in org["unit"]]
    data.organisasi = org
    L.pakai(rahasia="RAHASIA-TEMPLATE")
    return L


@FEWER
@given(text=hostile_text)
@example(text="".join(HOSTILE[:20]) + " $a{$ harga $5 {{ rahasia }}")
def test_hostile_office_data_stays_text_in_every_chapter(shell, text):
    L = _hostile_office(text)
    html = "\n".join(bab(L, ch) for ch in ("00_pembuka", "01_pendahuluan", "03_akuntabilitas_kinerja",
                                           "04_penutup"))
    aman(html)
    tidak_dievaluasi(html, text)
    assert "Kantor" in teks(html)
