"""Hostile text in the data (issue 16): markup, a script, a javascript: link, template syntax, a
500-character word and emoji in the office's name and in a narasi bullet come out as text in the
HTML and in the PDF, nothing live and nothing off the page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from lkjip.build.build import build

ROOT = Path(__file__).parents[1] / "fixtures" / "kantor-contoh"
WORD = "Panjang" + "x" * 493
HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(2)> [klik](javascript:alert(3)) "
           "{{ 7*7 }} {% if 1 %}ya{% endif %} 🇮🇩🙂 " + WORD)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT, root, dirs_exist_ok=True)
    office = root / "data" / "kanim-contoh"
    kantor = office / "kantor.yaml"
    text = kantor.read_text(encoding="utf-8")
    kantor.write_text(text.replace("nama: Kantor Imigrasi Kelas III Non TPI Contoh",
                                   f"nama: 'Kantor Contoh {HOSTILE}'", 1), encoding="utf-8")
    narasi = office / "narasi" / "2024.yaml"
    text = narasi.read_text(encoding="utf-8")
    narasi.write_text(re.sub(r"(rekomendasi:\n)", lambda m: m.group(1) + f"  - '{HOSTILE}'\n", text, count=1),
                      encoding="utf-8")
    build(2024, formats=("html", "pdf"), data_dir=root / "data", params_dir=root / "params",
          out_dir=root / "build", audit=False)
    return root / "build" / "2024"


def test_hostile_text_is_text_in_the_html(built):
    page = (built / "lkjip-2024.html").read_text(encoding="utf-8")
    body = page[page.index("<body"):]
    assert "<script" not in body and "<img src=x" not in body
    tags = re.findall(r"<[a-zA-Z][^>]*>", body)
    assert not [t for t in tags if re.search(r"\son\w+\s*=", t)]
    assert "javascript:" not in re.findall(r'href="([^"]*)"', body).__str__()
    assert body.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2  # the name (several times) and the bullet
    assert "{{ 7*7 }}" in body and "{% if 1 %}ya{% endif %}" in body
    assert "🙂" in body and WORD in body


def test_hostile_text_is_text_in_the_pdf_and_stays_on_the_page(built):
    pdf = pdfium.PdfDocument(built / "lkjip-2024.pdf")
    text, beyond = [], []
    for i in range(len(pdf)):
        page = pdf[i]
        width = page.get_width()
        tp = page.get_textpage()
        text.append(tp.get_text_range())
        for k in range(tp.count_chars()):
            left, _, right, _ = tp.get_charbox(k)
            if right > width + 0.5 or left < -0.5:
                beyond.append((i + 1, round(right)))
    joined = re.sub(r"\s+", "", "".join(text))
    assert "<script>alert(1)</script>" in joined and "{{7*7}}" in joined
    assert beyond == [], f"characters off the page: {beyond[:5]}"
