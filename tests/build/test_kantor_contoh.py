"""A second office, end to end (issue 14): the synthetic `kanim-contoh` (tests/fixtures/kantor-contoh)
is checked and built for its two years, each with its own PK. Its figures are the hand-computed
ones of its README; the real office appears nowhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from contoh import run

from lkjip.build.chapters import Chapter
from lkjip.build.periksa import periksa_bab

ROOT = Path(__file__).parents[1] / "fixtures" / "kantor-contoh"
WHERE = ["--data", str(ROOT / "data"), "--params", str(ROOT / "params")]
BUILD_FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"


def text(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[int, str]:
    out = tmp_path_factory.mktemp("contoh")
    pages = {}
    for year, formats in ((2024, "html"), (2025, "html")):  # the PDF: test_tahun_baru
        code, log = run("check", "--year", str(year), *WHERE)
        assert code == 0, log
        code, log = run("build", "--year", str(year), "--format", formats, "--out", str(out), "--quiet", *WHERE)
        assert code == 0, log
        pages[year] = (out / str(year) / f"lkjip-{year}.html").read_text(encoding="utf-8")
    return pages


def test_the_office_is_named_and_the_other_one_is_not(built):
    for page in built.values():
        assert "Kantor Imigrasi Kelas III Non TPI Contoh" in page
        assert "Pamekasan" not in page and "Madura" not in page


def test_each_year_reports_its_own_pk(built):
    t24, t25 = text(built[2024]), text(built[2025])
    assert "Persentase Kehadiran Pegawai" in t24 and "Persentase Kehadiran Pegawai" not in t25
    assert "Indeks Pengamanan Keimigrasian di Wilayah" in t25
    assert "Indeks Pengamanan Keimigrasian di Wilayah" not in t24


def test_hand_computed_capaian_are_printed(built):
    t24, t25 = text(built[2024]), text(built[2025])
    # negatif, 2024: realisasi 2/50 = 4 %, target 5 %: capaian (2 x 5 - 4) / 5 x 100 = 120 %
    assert re.search(r"Capaian = \(2 × 5,00% − 4,00%\) ÷ 5,00% × 100% = 120,00%", t24)
    # rentang 95-100, 2024: realisasi 4.700/4.800 = 97,92 %, inside the range: capaian 100 %
    assert "97,92%" in t24
    # negatif, 2025: 3/60 = 5 % against 5 %: capaian 100 %
    assert re.search(r"Capaian = \(2 × 5,00% − 5,00%\) ÷ 5,00% × 100% = 100,00%", t25)
    # a survey on a 1-100 scale: 82,5 x 4 / 100 = 3,30 (index of Pengamanan, 2025)
    assert "3,30" in t25


def test_a_chapter_that_cannot_run_is_named_by_check():
    problems = periksa_bab(2024, BUILD_FIXTURES / "data", BUILD_FIXTURES / "params",
                           [Chapter("c_gagal.ipynb", "Bab Gagal", "3")], BUILD_FIXTURES / "notebooks")
    assert len(problems) == 1
    p = problems[0]
    assert p.file == "notebooks/c_gagal.ipynb" and p.column.startswith("sel 4")
    assert "KeyError" in p.found and "tidak_ada" in p.found
