"""lkjip build of the repository's chapters: what it writes (HTML, PDF, figures.json,
manifest), byte-identical without the cache, nothing re-run when nothing changed."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
from conftest import sha, tree_hashes

from lkjip import build as B
from lkjip.chapters import chapters
from lkjip.paths import NOTEBOOKS_DIR, PROJ_ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "build"
YEAR = 2024



@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The repository's report, built cold (html + pdf) into a temporary build folder."""
    out = tmp_path_factory.mktemp("build")
    B.build(YEAR, formats=("html", "pdf"), out_dir=out)
    return out / str(YEAR)


# ---- what a build writes ---------------------------------------------------------------------
def test_build_writes_every_output(built):
    names = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    expected = {f"lkjip-{YEAR}.html", f"lkjip-{YEAR}.pdf", "manifest.json", "figures.json",
                "audit.json", "audit.html"}
    expected |= {f"notebooks/{c.notebook}" for c in chapters()}
    assert names == expected
    assert (built / f"lkjip-{YEAR}.pdf").read_bytes().startswith(b"%PDF-")
    assert not list(built.parent.glob(f".{YEAR}.*")), "temporary folders left behind"


def test_outputs_are_readable_like_any_written_file(built):
    """Atomic writes go through mkstemp (mode 0600): the report must still get the mode an
    ordinary write gives (0666 less the umask), or a web server or a colleague cannot read it."""
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    modes = {p.relative_to(built).as_posix(): p.stat().st_mode & 0o777
             for p in built.rglob("*") if p.is_file()}
    assert modes[f"lkjip-{YEAR}.html"] == 0o666 & ~mask
    assert set(modes.values()) == {0o666 & ~mask}, modes


def test_build_keeps_the_validated_tables_for_its_kernels(built):
    """The kernels share validated tables through the build's cache (lkjip.load): one entry per
    table file read, in one folder for this environment."""
    (env,) = (built.parent / ".cache" / "tables").iterdir()
    entries = list(env.glob("*.pkl"))
    read = {p for files in json.loads((built / "manifest.json").read_text())["chapters"].values()
            for p in files if p.endswith(".csv")}
    assert 0 < len(entries) and len(read) <= len(entries)
    assert all(p.read_bytes().startswith(b"lkjip-table-1\n") for p in entries)


def _body_text(page: str) -> str:
    body = page.split("<body>", 1)[1]
    body = re.sub(r"<svg\b.*?</svg>", " ", body, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", body))


def test_pdf_in_parts_is_the_report_of_one_process(built, tmp_path):
    """The build renders the PDF in parts on two processes (lkjip.pdf); the report rendered
    in one process has the same pages (text and pixels), outline, links and metadata."""
    from conftest import pdf_facts

    from lkjip.pdf import render_pdf, split_parts

    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    parts = split_parts(page)
    assert parts is not None and all(parts.bodies), "cover+TOC, opening, BAB III, the rest"
    assert "BAB III" in parts.bodies[2]
    assert render_pdf(page, tmp_path / "one.pdf", base_url=built, parallel=False) == "one"
    got, want = pdf_facts(built / f"lkjip-{YEAR}.pdf"), pdf_facts(tmp_path / "one.pdf")
    assert len(want["pages"]) > 40
    for n, (a, b) in enumerate(zip(got["pages"], want["pages"], strict=True), 1):
        assert a[0] == b[0], f"text of page {n}"
        assert a[1] == b[1], f"pixels of page {n}"
    assert got["outline"] == want["outline"] and len(want["outline"]) > 40
    assert got["links"] == want["links"] and got["info"] == want["info"] and got["lang"] == "id"

    # and the build's file is the joined one (each part embeds its own font subsets)
    import pikepdf

    def font_files(path: Path) -> int:
        with pikepdf.open(path) as pdf:
            return sum(1 for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                       and o.get("/Type") == "/FontDescriptor")

    assert font_files(built / f"lkjip-{YEAR}.pdf") > font_files(tmp_path / "one.pdf")


def test_html_is_self_contained_and_clean(built):
    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert not re.search(r"<link\b[^>]*href=[\"']?https?:", page)
    assert not re.search(r"\bsrc=[\"']?https?:", page)
    assert "cdn" not in page.lower()
    assert "Traceback" not in page
    text = _body_text(page)
    assert not re.search(r"(?<![\w-])(nan|NaN|None)(?![\w-])", text), "a missing value is shown"
    # no code: not the setup cell, not the parameters
    assert "from lkjip.report import" not in page and "Laporan(" not in page
    assert "params_dir" not in text
    # cover first, then the table of contents, then one section per chapter
    assert page.index('class="halaman-sampul"') < page.index('class="daftar-isi"')
    sections = re.findall(r'<section class="bab" id="([^"]+)"', page)
    assert sections == [f"bab-{Path(c.notebook).stem.replace('_', '-')}" for c in chapters()]


def _sections(page: str) -> dict[str, str]:
    """section id -> its HTML."""
    return dict(re.findall(r'<section class="bab" id="([^"]+)"[^>]*>(.*?)</section>', page, re.S))


def test_table_of_contents_links_every_chapter_heading(built):
    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    toc = page[page.index('<nav class="daftar-isi"'):page.index("</nav>")]
    links = re.findall(r'href="#([^"]+)"', toc)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert links and set(links) <= set(ids)
    for sid, body in _sections(page).items():
        heads = re.findall(r'<h([12]) id="([^"]+)"', body)
        assert heads, f"{sid} has no h1/h2 heading"
        assert [h for _, h in heads] == [x for x in links if x in {h for _, h in heads}]


def test_figures_json_is_the_registry(built):
    from lkjip.figures import Figures

    assert (built / "figures.json").read_text(encoding="utf-8") == Figures(YEAR).to_json()


def test_build_audits_what_it_built(built):
    """audit.json and audit.html of the build are those of ``lkjip audit`` on the same HTML."""
    from lkjip import audit
    from lkjip.load import load_year

    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    result = audit.audit_year(YEAR, html_text=page)
    assert not result.failed and len(result.checks) >= 400
    assert (built / "audit.json").read_text(encoding="utf-8") == audit.to_json(result)
    office = load_year(YEAR).kantor["nama"]
    assert (built / "audit.html").read_text(encoding="utf-8") == audit.to_html(result, office)
    m = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert m["outputs"]["audit.json"] == sha(built / "audit.json")


def test_audit_key_follows_every_data_file(tmp_path):
    """The audit reconciles published/<year>.csv, which no chapter reads: a change there must
    re-run the audit although every chapter is served from the cache."""
    from lkjip.paths import DATA_DIR, RULES_DIR, TEMPLATES_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    inputs = B.gather_inputs(YEAR, data, None, RULES_DIR, B.PACKAGE_DIR, TEMPLATES_DIR)
    before = B.audit_key(inputs, b"<html>", data)
    assert B.audit_key(inputs, b"<html>", data) == before
    assert B.audit_key(inputs, b"<html> ", data) != before
    published = data / "kanim-pamekasan" / "published" / f"{YEAR}.csv"
    published.write_text(published.read_text(encoding="utf-8").replace("3 (tiga),3", "3 (tiga),4", 1), encoding="utf-8")
    assert B.audit_key(inputs, b"<html>", data) != before


def test_manifest_hashes_inputs_without_timestamps(built):
    text = (built / "manifest.json").read_text(encoding="utf-8")
    m = json.loads(text)
    assert set(m["inputs"]) == {"notebooks", "params", "rules", "data", "package", "templates"}
    assert m["inputs"]["notebooks"]["01_pendahuluan.ipynb"] == sha(NOTEBOOKS_DIR / "01_pendahuluan.ipynb")
    assert "2024.yaml" in m["inputs"]["params"] and "report.py" in m["inputs"]["package"]
    assert any(k.endswith("pegawai.csv") for k in m["inputs"]["data"])
    assert m["versions"]["python"] == sys.version.split()[0] and m["versions"]["papermill"]
    assert set(m["chapters"]) >= {c.notebook for c in chapters()}
    assert "data/kanim-pamekasan/kantor.yaml" in m["chapters"]["00_pembuka.ipynb"]
    assert m["outputs"][f"lkjip-{YEAR}.html"] == sha(built / f"lkjip-{YEAR}.html")
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), "no timestamps"
    assert str(PROJ_ROOT) not in text, "no absolute paths of the repository"


def test_executed_notebooks_carry_no_timing(built):
    for c in chapters():
        nb = json.loads((built / "notebooks" / c.notebook).read_text(encoding="utf-8"))
        assert "papermill" not in nb["metadata"]
        stem = Path(c.notebook).stem
        assert [cell["id"] for cell in nb["cells"]] == [f"{stem}-{i}" for i in range(len(nb["cells"]))]
        counts = [cell["execution_count"] for cell in nb["cells"] if cell["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1))
        for cell in nb["cells"]:
            assert "execution" not in cell["metadata"] and "papermill" not in cell["metadata"]


def test_rebuild_without_cache_is_byte_identical(built, tmp_path):
    out = tmp_path / "build"
    B.build(YEAR, formats=("html", "pdf"), out_dir=out, use_cache=False)
    assert tree_hashes(out / str(YEAR)) == tree_hashes(built)


def test_nothing_changed_rebuild_is_cheap(built, monkeypatch):
    """No kernel (Pool is not even created), no stitching, no rendering: hashes and copies."""
    import lkjip.execute

    def no_pool(*a, **k):
        raise AssertionError("a kernel was started although nothing changed")

    monkeypatch.setattr(lkjip.execute, "Pool", no_pool)
    before = tree_hashes(built)
    t = time.perf_counter()
    result = B.build(YEAR, formats=("html", "pdf"), out_dir=built.parent)
    seconds = time.perf_counter() - t
    assert {s.status for s in result.steps} == {"cached"}
    assert tree_hashes(built) == before
    assert seconds < 2.0  # about 0.05 s on the development machine; generous for loaded CI


def test_rekonsiliasi_adds_its_chapter_and_reuses_the_others(built, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(built.parent / ".cache", out / ".cache")
    result = B.build(YEAR, formats=("html",), out_dir=out, rekonsiliasi=True)
    assert result.executed() == ["06_rekonsiliasi.ipynb", "audit"]  # the HTML changed: audited again
    assert "439/439 consistency checks passed" in result.audit["summary"]
    page = (out / str(YEAR) / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    assert '<section class="bab" id="bab-06-rekonsiliasi"' in page
    assert not (out / str(YEAR) / f"lkjip-{YEAR}.pdf").exists()
