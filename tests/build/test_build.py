"""lkjip build of the repository's chapters: what it writes (HTML, PDF, figures.json,
manifest), byte-identical without the cache, nothing re-run when nothing changed."""

from __future__ import annotations

import html as htmllib
import io
import json
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import sha, tree_hashes

from lkjip.build import build as B
from lkjip.build import kernels
from lkjip.build.chapters import chapters
from lkjip.paths import NOTEBOOKS_DIR, PROJ_ROOT

YEAR = 2024
FORMATS = ("html", "pdf", "docx")



@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The repository's report, built cold (html + pdf + docx) into a temporary build folder."""
    out = tmp_path_factory.mktemp("build")
    B.build(YEAR, formats=FORMATS, out_dir=out)
    return out / str(YEAR)


# ---- what a build writes ---------------------------------------------------------------------
def test_build_writes_every_output(built):
    names = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    expected = {f"lkjip-{YEAR}.html", f"lkjip-{YEAR}.pdf", f"lkjip-{YEAR}.docx", "manifest.json", "figures.json",
                "audit.json", "audit.html", "kesiapan.json", "kesiapan.html"}
    expected |= {f"notebooks/{c.notebook}" for c in chapters()}
    assert names == expected
    assert (built / f"lkjip-{YEAR}.pdf").read_bytes().startswith(b"%PDF-")
    assert not [p for p in built.parent.glob(f".{YEAR}.*") if p.is_dir()], "temporary folders left behind"


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


def _body_text(page: str) -> str:
    body = page.split("<body>", 1)[1]
    body = re.sub(r"<svg\b.*?</svg>", " ", body, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", body))


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
    assert "import Laporan" not in page and "Laporan(" not in page
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
    from lkjip.audit.result import audit_year, to_html, to_json

    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    result, office = audit_year(YEAR, html_text=page)
    assert not result.failed and len(result.checks) >= 400
    assert (built / "audit.json").read_text(encoding="utf-8") == to_json(result)
    assert (built / "audit.html").read_text(encoding="utf-8") == to_html(result, office)
    m = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    assert m["outputs"]["audit.json"] == sha(built / "audit.json")


def test_build_checks_evaluation_readiness_of_what_it_built(built):
    """kesiapan.json and kesiapan.html of the build are those of ``lkjip kesiapan`` on the same
    HTML, with places in it."""
    from lkjip.audit.kesiapan import kesiapan_year
    from lkjip.audit.kesiapan_html import to_html

    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    result = kesiapan_year(YEAR, html_text=page)
    assert (built / "kesiapan.json").read_text(encoding="utf-8") == result.to_json()
    assert (built / "kesiapan.html").read_text(encoding="utf-8") == to_html(result)
    doc = json.loads(result.to_json())
    assert doc["html_diperiksa"] is True
    target = next(c for c in doc["kriteria"] if c["kode"] == "target_realisasi")["hasil"][0]
    assert target["tempat"] and all(t["bab"].startswith("BAB III") for t in target["tempat"])
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    links = re.findall(rf"href='lkjip-{YEAR}\.html#([^']+)'", (built / "kesiapan.html").read_text(encoding="utf-8"))
    assert links and set(links) <= ids


def test_manifest_hashes_inputs_without_timestamps(built):
    text = (built / "manifest.json").read_text(encoding="utf-8")
    m = json.loads(text)
    assert set(m["inputs"]) == {"notebooks", "params", "rules", "data", "package", "templates"}
    assert m["inputs"]["notebooks"]["01_pendahuluan.ipynb"] == sha(NOTEBOOKS_DIR / "01_pendahuluan.ipynb")
    assert "2024.yaml" in m["inputs"]["params"] and "build/build.py" in m["inputs"]["package"]
    assert any(k.endswith("pegawai.csv") for k in m["inputs"]["data"])
    assert m["versions"]["python"] == sys.version.split()[0] and m["versions"]["papermill"]
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
    """Every chapter run again in new kernels: the same bytes. Built as HTML only: the PDF and
    the Word file are made from the page alone, and the same page gives the same bytes
    (test_pdf.py, test_docx.py)."""
    out = tmp_path / "build"
    B.build(YEAR, formats=("html",), out_dir=out, use_cache=False)
    editions = {f"lkjip-{YEAR}.pdf", f"lkjip-{YEAR}.docx"}
    again, first = tree_hashes(out / str(YEAR)), tree_hashes(built)
    del again["manifest.json"], first["manifest.json"]  # compared below, without the editions
    assert again == {k: v for k, v in first.items() if k not in editions}
    m_again, m_first = (json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (out / str(YEAR), built))
    m_first["outputs"] = {k: v for k, v in m_first["outputs"].items() if k not in editions}
    m_first["formats"] = ["html"]
    assert m_again == m_first


def test_nothing_changed_rebuild_is_cheap(built, monkeypatch):
    """No kernel (Pool is not even created), no stitching, no rendering: hashes and copies."""
    def no_pool(*a, **k):
        raise AssertionError("a kernel was started although nothing changed")

    monkeypatch.setattr(kernels, "Pool", no_pool)
    before = tree_hashes(built)
    t = time.perf_counter()
    result = B.build(YEAR, formats=FORMATS, out_dir=built.parent)
    seconds = time.perf_counter() - t
    assert {s.status for s in result.steps} == {"cached"}
    assert tree_hashes(built) == before
    assert seconds < 2.0  # about 0.05 s on the development machine; generous for a loaded CI


def test_nothing_changed_rebuild_loads_no_kernel_data_or_pdf_library(built):
    """What keeps an unchanged rebuild at about 0.2 s as a command: it imports none of them."""
    import subprocess

    heavy = ("papermill", "jupyter_client", "nbconvert", "pandas", "pandera", "matplotlib", "weasyprint")
    code = ("import sys; from pathlib import Path; from lkjip.build.build import build; "
            f"r = build({YEAR}, formats={FORMATS!r}, out_dir=Path({str(built.parent)!r})); "
            f"print(sorted({{s.status for s in r.steps}}), [m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['cached'] []"


def test_rekonsiliasi_adds_its_chapter_and_reuses_the_others(built, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(built.parent / ".cache", out / ".cache")
    result = B.build(YEAR, formats=("html",), out_dir=out, rekonsiliasi=True)
    # the HTML changed: audited and checked for readiness again
    assert result.executed() == ["06_rekonsiliasi.ipynb", "audit", "kesiapan"]
    assert re.search(r"(\d+)/\1 pemeriksaan konsistensi lolos", result.audit["summary"])
    page = (out / str(YEAR) / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    assert '<section class="bab" id="bab-06-rekonsiliasi"' in page
    assert not (out / str(YEAR) / f"lkjip-{YEAR}.pdf").exists()
    assert not (out / str(YEAR) / f"lkjip-{YEAR}.docx").exists()


# ---- the Word edition of the real report -------------------------------------------------------
def test_word_edition_has_the_report_s_structure_and_every_figure(built):
    """The acceptance of the Word edition (issue 17), on the real report: its chapters in Heading
    1, every table of the HTML a Word table, every displayed figure's text, the table of
    contents and the page numbers as fields."""
    import docx
    import lxml.html

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    root = lxml.html.document_fromstring(re.sub(r"<svg\b.*?</svg>", "", page, flags=re.S))
    doc = docx.Document(str(built / f"lkjip-{YEAR}.docx"))
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [re.sub(r"\s+", " ", h.text_content()).strip() for h in root.iter("h1")]
    assert len(h1) >= 6 and "IKHTISAR EKSEKUTIF" in h1 and h1[-1] == "LAMPIRAN"
    layout = [t for t in doc.tables if t.style.name == "Tata Letak"]  # signatures side by side
    assert len(doc.tables) - len(layout) == len(root.xpath("//table"))
    assert len(layout) == len(root.xpath("//div[contains(@style, 'display:flex')]"))

    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()

    words = norm("".join(t.text or "" for t in doc.element.iter(f"{w}t")))
    shown = [norm(s.text_content()) for s in root.xpath("//span[contains(concat(' ', @class, ' '), ' angka ')]")]
    assert shown and [s for s in shown if s not in words] == []
    fields = [i.text.strip() for i in doc.element.iter(f"{w}instrText")]
    assert any(f.startswith("TOC \\o") for f in fields)
    footers = {i.text.strip() for s in doc.sections for i in s.footer.part.element.iter(f"{w}instrText")}
    assert footers == {"PAGE"}
    # the sections as the stitched page has them: cover, letter, front matter (roman, with the
    # running header), then one per chapter (arabic from BAB I); the PDF's hidden header source
    # is not a paragraph of its own
    sects = doc.element.body.iter(f"{w}sectPr")
    numbers = [(s.find(f"{w}pgNumType").get(f"{w}fmt"), s.find(f"{w}pgNumType").get(f"{w}start"),
                len(s.findall(f"{w}headerReference"))) for s in sects]
    chapters = root.xpath("//div[contains(@class, 'halaman-utama')]/section")
    assert len(numbers) == 3 + len(chapters) and len(chapters) >= 5
    assert numbers[:4] == [("decimal", None, 0), ("decimal", None, 0), ("lowerRoman", "1", 1), ("decimal", "1", 0)]
    judul = root.xpath("//p[@class='judul-laporan']")[0].text_content().strip()
    assert judul not in [p.text.strip() for p in doc.paragraphs]
    from lkjip.build.docx_images import take_svgs

    assert len(doc.inline_shapes) == len(take_svgs(page)[1]) + len(root.xpath("//img"))  # every chart


# ---- official text, not the tool's notes (issue 16) ----------------------------------------------
# Notes about this data set (its gaps, unconfirmed rules, disagreements with the published edition)
# belong in the reconciliation appendix and the audit, never in a chapter of the report.
NOTE_PHRASES = ("belum terkonfirmasi", "tidak tercatat", "tidak memuat target", "tidak dapat dicocokkan",
                "laporan yang diterbitkan", "edisi terbitan", "laporan sumber", "data tidak memuat",
                "rekonsiliasi", "lkjip")


def test_the_chapters_carry_no_notes_about_the_data(built):
    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    body = page[page.index("<body"):]
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", "", body, flags=re.S)))
    text = re.sub(r"LKjIP", "", text)  # the report's own name
    found = [p for p in NOTE_PHRASES if p in text.lower()]
    assert found == []


def test_foreign_words_from_data_are_in_italics(built):
    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    for word in ("Drive Thru", "dongle", "public campaign", "website"):
        assert f"<em>{word}</em>" in page, word
        assert not re.search(rf"(?<!<em>){word}(?!</em>)", page), word


# ---- the document a reviewer and an archive get ----------------------------------------------
def test_pdf_is_a_tagged_pdfa_carrying_its_data(built):
    import pikepdf

    from lkjip.paths import DATA_DIR, PARAMS_DIR

    with pikepdf.open(built / f"lkjip-{YEAR}.pdf") as doc:
        root = doc.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked) and str(root.Lang) == "id"
        assert root.OutputIntents[0].S == "/GTS_PDFA1"
        assert doc.open_metadata()["pdfaid:part"] == "3"
        for key in ("/Author", "/Subject", "/Keywords", "/Title"):
            assert str(doc.docinfo[key]).strip(), key
        files = doc.attachments
        for name in ("figures.json", "audit.json"):
            assert files[name].get_file().read_bytes() == (built / name).read_bytes()
        inputs = files[f"lkjip-{YEAR}-masukan.zip"]
        assert inputs.obj.AFRelationship == "/Source"
        archive = inputs.get_file().read_bytes()
        office = DATA_DIR / "kanim-pamekasan"
        expected = {f"data/kanim-pamekasan/{p.relative_to(office).as_posix()}" for p in office.rglob("*") if p.is_file()}
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            assert set(z.namelist()) == expected | {"params/2024.yaml", "params/defaults.yaml"}
            assert z.read("params/2024.yaml") == (PARAMS_DIR / "2024.yaml").read_bytes()
        images = [o for o in doc.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert not any(bool(i.get("/Interpolate", False)) for i in images)  # PDF/A-3
        labels = [p.label for p in doc.pages]
    assert labels[:3] == ["Sampul", "Surat Pengantar", "i"]
    first_arabic = labels.index("1")
    assert all(re.fullmatch(r"[ivxlc]+", x) for x in labels[2:first_arabic])
    assert labels[first_arabic:] == [str(n) for n in range(1, len(labels) - first_arabic + 1)]


def test_anyone_holding_the_pdf_can_recompute_the_figures(built, tmp_path):
    import pikepdf

    from lkjip.figures import Figures

    with pikepdf.open(built / f"lkjip-{YEAR}.pdf") as doc:
        archive = doc.attachments[f"lkjip-{YEAR}-masukan.zip"].get_file().read_bytes()
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        z.extractall(tmp_path)
    again = Figures(YEAR, tmp_path / "data", tmp_path / "params").to_json()
    assert again == (built / "figures.json").read_text(encoding="utf-8")


def _pdf_pages(built: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(built / f"lkjip-{YEAR}.pdf"))
    try:
        return [" ".join(doc[i].get_textpage().get_text_range().split()) for i in range(len(doc))]
    finally:
        doc.close()


def test_pdf_reads_as_a_reviewer_expects(built):
    pages = _pdf_pages(built)
    text = "\n".join(pages)
    assert "DAFTAR TABEL" in text and "DAFTAR GAMBAR" in text
    assert not re.search(r"\b(Tabel|Gambar) [05]\.\d", text), "no chapter 0 or 5 numbering"
    assert "Tabel L.1" in text
    running = "LKjIP Kantor Imigrasi Kelas II Non TPI Pamekasan Tahun 2024"
    assert running not in pages[0] and running not in pages[1], "no running header on the cover or the letter"
    number = re.compile(r"\s([0-9]{1,3}|[ivxl]{1,6})$")  # a page number ends a page's text
    assert not number.search(pages[0]) and not number.search(pages[1])
    assert pages[2].endswith(" i") and running in pages[2]
    bab1 = next(i for i, t in enumerate(pages) if t.startswith("BAB I PENDAHULUAN"))
    assert pages[bab1].endswith(" 1")
    toc = next(t for t in pages if "DAFTAR ISI" in t and "KATA PENGANTAR" in t)
    assert re.search(r"KATA PENGANTAR\W+i DAFTAR ISI\W+ii DAFTAR TABEL\W+[ivx]+ DAFTAR GAMBAR\W+[ivx]+ "
                     r"IKHTISAR EKSEKUTIF\W+[ivx]+ BAB I PENDAHULUAN\W+1 ", toc)


def test_html_tables_and_figures_are_accessible(built):
    page = (built / f"lkjip-{YEAR}.html").read_text(encoding="utf-8")
    assert "<main>" in page and '<header class="halaman-sampul"' in page
    assert not re.search(r"<th\b(?![^>]*\bscope=)", page), "every th has a scope"
    tables = re.findall(r'(.{0,120})<table class="tabel', page)
    assert tables and all('<div class="gulir' in before for before in tables), "each table in its scrolling box"
    assert not re.search(r"</figcaption>\s*<p", page), "a figcaption is a figure's last child"
    # every chart is an image with its title and a description in words, with the figures it draws
    svgs = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert svgs and all('role="img"' in x and "<title" in x and "<desc" in x for x in svgs)
    anggaran = next(x for x in svgs if "pagu dan realisasi anggaran per tahun" in x)
    assert "2024 pagu Rp27.379.998.000" in anggaran


def _vnu() -> list[str] | None:
    """The Nu HTML Checker's command (``make checker`` installs it), or None."""
    import os
    import shutil

    jar = Path(os.environ.get("VNU_JAR") or PROJ_ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build"
               / "dist" / "vnu.jar")
    java = shutil.which("java")
    # One short run: the JVM's first-tier compiler alone takes 40 % of the CPU time of the
    # default, and its deeper frames need the bigger stack the checker asks for.
    return [java, "-XX:TieredStopAtLevel=1", "-Xss8m", "-jar", str(jar)] if java and jar.is_file() else None


@pytest.mark.skipif(_vnu() is None, reason="the Nu HTML Checker needs java and vnu.jar (make checker)")
def test_nu_html_checker_finds_no_error(built):
    import subprocess

    run = subprocess.run([*_vnu(), "--format", "json", "--stdout", str(built / f"lkjip-{YEAR}.html")],
                         capture_output=True, text=True, timeout=120, check=False)
    messages = json.loads(run.stdout)["messages"]
    errors = [f"line {m.get('lastLine')}: {m['message']}" for m in messages if m["type"] in ("error", "non-document-error")]
    assert not errors, errors


def test_the_build_ends_saying_where_to_look_and_how_much_differs(built):
    from lkjip.cli import closing_lines

    result = B.build(YEAR, formats=("html", "pdf"), out_dir=built.parent)
    lines = closing_lines(result, YEAR, ("html", "pdf"))
    audit = json.loads((built / "audit.json").read_text(encoding="utf-8"))
    differ = len({r["figure"] for r in audit if r["status"] == "mismatch"})
    assert lines[-1].endswith(str(built / "audit.html").split("/build/", 1)[-1]) or lines[-1].endswith("audit.html")
    said = "\n".join(lines)
    assert f"{differ} angka dalam laporan ini berbeda dari laporan yang diterbitkan kantor" in said
    assert "Realisasi anggaran 2024: terbitan" in said  # the headline budget figure, named
