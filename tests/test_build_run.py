"""lkjip build, run by run: the PDF's pages, a failing chapter, the progress display, shared
kernels that behave like fresh ones, papermill without the build. Small fixture chapters
(tests/fixtures/build/) and synthetic notebooks keep these fast."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import tree_hashes

from lkjip import build as B
from lkjip.chapters import Chapter, chapters
from lkjip.execute import ChapterError, Job, Pool, dumps
from lkjip.paths import NOTEBOOKS_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "build"
YEAR = 2024



def _sections(page: str) -> dict[str, str]:
    """section id -> its HTML."""
    return dict(re.findall(r'<section class="bab" id="([^"]+)"[^>]*>(.*?)</section>', page, re.S))


# ---- the PDF's page layout -------------------------------------------------------------------
def _pages(doc):
    """(margin-box texts, body text) of each page of a rendered WeasyPrint document."""
    from weasyprint.formatting_structure import boxes

    def texts(box):
        return " ".join(b.text for b in box.descendants() if isinstance(b, boxes.TextBox))

    out = []
    for page in doc.pages:
        kids = page._page_box.children
        margins = {c.at_keyword: texts(c) for c in kids if isinstance(c, boxes.MarginBox)}
        out.append((margins, " ".join(texts(c) for c in kids if not isinstance(c, boxes.MarginBox))))
    return out


def _synthetic_report() -> str:
    """A small stitched report (no kernel): a cover, three chapters, one long table."""
    import nbformat.v4 as v4

    from lkjip.report import _tabel_html
    from lkjip.stitch import Part, stitch

    def nb(cells):
        return v4.new_notebook(cells=cells)

    def out(html_text, tags=()):
        c = v4.new_code_cell("x", metadata={"tags": list(tags)})
        c.outputs = [v4.new_output("display_data", data={"text/html": html_text, "text/plain": ""})]
        return c

    cover = out('<section class="sampul"><p class="sampul-judul">Laporan</p>'
                f'<p class="judul-laporan">LKjIP Kantor Uji Tahun {YEAR}</p></section>', ["sampul"])
    rows = [[f"Baris {i}", str(i)] for i in range(1, 121)]
    table = _tabel_html("2.1", "Panjang", [["Uraian", "Jumlah"]], rows, [""] * len(rows), None, None, None, "")
    lorem = "Kalimat pengisi halaman laporan kinerja. " * 60
    parts = [
        Part(nb([cover, v4.new_markdown_cell(f"# Kata Pengantar\n\n{lorem}")]), "0", "00_pembuka"),
        Part(nb([v4.new_markdown_cell(f"# BAB I Pendahuluan\n\n## A. Latar\n\n{lorem}\n\n{lorem}"),
                 v4.new_markdown_cell(f"## B. Tugas\n\n{lorem}")]), "1", "01_pendahuluan"),
        Part(nb([v4.new_markdown_cell("# BAB II Perencanaan"), out(table)]), "2", "02_perencanaan"),
    ]
    return stitch(parts, YEAR, "kantor-uji")


def test_pdf_pages_cover_toc_header_footer_and_tables():
    import weasyprint

    from lkjip.pdf import svg_as_images

    page = _synthetic_report()
    doc = weasyprint.HTML(string=svg_as_images(page)).render()
    pages = _pages(doc)
    anchor_page = {a: n for n, p in enumerate(doc.pages, 1) for a in p.anchors}
    cover_margins, cover_text = pages[0]
    assert not any(cover_margins.values()), "the cover has no header or footer"
    assert "LAPORAN" in cover_text  # the title is set in capitals by the CSS
    toc_start = anchor_page["daftar-isi"]
    margins, toc_text = pages[toc_start - 1]
    assert margins.get("@top-center") == f"LKjIP Kantor Uji Tahun {YEAR}"  # string-set from the cover
    assert margins.get("@bottom-center") == str(toc_start)
    # every entry of the table of contents shows the page its heading is on
    toc = page[page.index('<nav class="daftar-isi"'):page.index("</nav>")]
    entries = re.findall(r'href="#([^"]+)">(.*?)</a>', toc)
    assert [label for _, label in entries] == ["Kata Pengantar", "BAB I Pendahuluan", "A. Latar",
                                               "B. Tugas", "BAB II Perencanaan"]
    for hid, label in entries:
        assert re.search(re.escape(label) + r"[ .]*" + str(anchor_page[hid]) + r"\b", toc_text), label
    # chapters start on a new page: a section's anchor is at the top of its page
    top = min(p.anchors[a][1] for p in doc.pages[1:] for a in p.anchors)
    for sid in _sections(page):
        p = doc.pages[anchor_page[sid] - 1]
        assert abs(p.anchors[sid][1] - top) < 1, f"{sid} does not start a page"
    table_pages = [text for _, text in pages if re.search(r"Baris \d+ \d+", text)]
    assert len(table_pages) >= 2
    assert table_pages[0].lstrip().startswith("BAB II PERENCANAAN Tabel 2.1")  # h1 in capitals (CSS)
    for text in table_pages[1:]:
        assert text.lstrip().startswith("Uraian Jumlah"), "the header row repeats on every page"
    seen = [int(n) for text in table_pages for n in re.findall(r"Baris (\d+) \d+", text)]
    assert seen == list(range(1, 121)), "no row is lost or split"
    for m, _ in pages[1:]:
        assert m.get("@bottom-center", "").isdigit()


def test_pdf_plain_numbers_keep_every_line_and_page():
    """lkjip.pdf.plain_numbers drops the spans of numbers that cannot break anyway (a render
    ~8% faster): the same lines, with the same text, at the same places (within 0.25 pt:
    a run no longer split at the span may kern a hair differently), on the same pages; spans
    whose text could break stay."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    from lkjip.paths import TEMPLATES_DIR
    from lkjip.pdf import plain_numbers

    def angka(text: str) -> str:
        return f'<span class="angka" data-fig="uji.{len(text)}" data-fmt="angka:0">{text}</span>'

    prose = " ".join(
        f"Realisasi belanja {angka('Rp24.147.552.841')}; penyerapan {angka('88,19%')} dari pagu "
        f"{angka('Rp27.379.998.000')}, dengan {angka('3 (tiga)')} sasaran dan capaian {angka('-1,81')} "
        f"pada periode {angka('2020–2024')}, status {angka('Tercapai')}." for _ in range(3))
    rows = "".join(f'<tr><td>Baris {i}</td><td class="ar">{angka(f"{i * 1234567:,}".replace(",", "."))}</td>'
                   f'<td class="ar">{angka(f"{i * 7.5:.2f}%".replace(".", ","))}</td></tr>' for i in range(1, 60))
    css = (TEMPLATES_DIR / "lkjip.css").read_text(encoding="utf-8")
    page = (f"<!DOCTYPE html><html lang='id'><head><style>{css}</style></head><body>"
            + f"<p>{prose}</p>" * 12
            + f'<table class="tabel"><thead><tr><th>Uraian</th><th>Jumlah</th><th>Persen</th></tr></thead>'
              f"<tbody>{rows}</tbody></table></body></html>")
    plain = plain_numbers(page)
    assert plain.count('class="angka"') == 3 * 12 * 3  # "3 (tiga)", "-1,81" and "2020–2024" stay
    assert "Rp24.147.552.841;" in plain

    def lines(html_text):
        doc = weasyprint.HTML(string=html_text).render()
        out = []
        for n, pg in enumerate(doc.pages, 1):
            for box in pg._page_box.descendants():
                if isinstance(box, boxes.LineBox):
                    runs = [b for b in box.descendants() if isinstance(b, boxes.TextBox)]
                    out.append((n, "".join(b.text for b in runs), box.position_y,
                                min(b.position_x for b in runs),
                                max(b.position_x + b.width for b in runs)))
        return out

    before, after = lines(page), lines(plain)
    assert len(before) == len(after) > 100
    assert len({n for n, *_ in before}) > 1  # more than one page
    for b, a in zip(before, after, strict=True):
        assert a[:2] == b[:2], (b, a)  # page and text of every line
        # its height on the page, and where its text begins and ends
        assert all(abs(x - y) < 0.25 for x, y in zip(a[2:], b[2:], strict=True)), (b, a)


def test_pdf_is_reproducible(tmp_path):
    from lkjip.pdf import render_pdf

    page = _synthetic_report()
    render_pdf(page, tmp_path / "a.pdf")
    render_pdf(page, tmp_path / "b.pdf")
    data = (tmp_path / "a.pdf").read_bytes()
    assert data == (tmp_path / "b.pdf").read_bytes()
    assert b"/CreationDate" not in data and b"/ModDate" not in data


def test_pdf_in_parts_has_the_pages_of_one_process(tmp_path):
    """lkjip.pdf renders a report in parts on two processes: every page the same, pixel for
    pixel, with the same text (page numbers, running header, table of contents with the page
    of every heading), the same outline and links, and the same file twice."""
    from conftest import pdf_facts

    from lkjip.pdf import render_pdf, split_parts

    page = _synthetic_report()
    parts = split_parts(page)
    assert parts is not None and all(parts.bodies[:3]), "cover+TOC, the opening, the longest chapter"
    assert render_pdf(page, tmp_path / "parts.pdf") == "parts"
    assert render_pdf(page, tmp_path / "one.pdf", parallel=False) == "one"
    parts_pdf, one_pdf = pdf_facts(tmp_path / "parts.pdf"), pdf_facts(tmp_path / "one.pdf")
    assert len(one_pdf["pages"]) >= 5
    for n, (a, b) in enumerate(zip(parts_pdf["pages"], one_pdf["pages"], strict=True), 1):
        assert a[0] == b[0], f"text of page {n}"
        assert a[1] == b[1], f"pixels of page {n}"
    assert parts_pdf["outline"] == one_pdf["outline"] and len(one_pdf["outline"]) >= 5
    assert parts_pdf["info"] == one_pdf["info"] and parts_pdf["lang"] == one_pdf["lang"] == "id"
    # every link of the table of contents leads to the same page and place (its rectangle's
    # left and top; a number's box may end a digit's width apart)
    assert [(p, x, y, d) for p, x, y, d in parts_pdf["links"]] == one_pdf["links"]
    render_pdf(page, tmp_path / "again.pdf")
    assert (tmp_path / "again.pdf").read_bytes() == (tmp_path / "parts.pdf").read_bytes()


@pytest.mark.parametrize("shape", ["no chapter after the longest", "no chapter before the longest"])
def test_pdf_in_parts_with_an_empty_part(tmp_path, shape):
    """The longest chapter may be the first or the last: one part is then empty, and the pages
    are still those of one process."""
    from conftest import pdf_facts

    from lkjip.pdf import render_pdf, split_parts

    page = _synthetic_report()
    sections = re.findall(r'<section class="bab".*?</section>\n?', page, re.S)
    if shape == "no chapter after the longest":
        page = page.replace(sections[2], "")  # the table chapter: BAB I is the longest and last
    else:
        lorem = "Kalimat pengisi halaman laporan kinerja. " * 60
        page = page.replace("<h1 id=\"kata-pengantar\">Kata Pengantar</h1>",
                            "<h1 id=\"kata-pengantar\">Kata Pengantar</h1>" + f"<p>{lorem}</p>" * 12)
    bodies = split_parts(page).bodies
    assert (bodies[3] if shape.startswith("no chapter after") else bodies[1]) == ""
    assert render_pdf(page, tmp_path / "parts.pdf") == "parts"
    render_pdf(page, tmp_path / "one.pdf", parallel=False)
    got, want = pdf_facts(tmp_path / "parts.pdf"), pdf_facts(tmp_path / "one.pdf")
    assert got["pages"] == want["pages"] and got["outline"] == want["outline"]
    assert got["links"] == want["links"]


def test_pdf_in_parts_falls_back_to_one_process(tmp_path, monkeypatch, caplog):
    """A failure in the second process (here: its layout raises) is not the reader's problem:
    a warning, then the PDF from one process. So does a second process that dies. One core,
    or a page not shaped as a report, goes to one process directly."""
    import os

    from lkjip import pdf as P

    page = _synthetic_report()
    parts = P.split_parts(page)
    parent = os.getpid()
    real = P._layout

    def broken(parts_, body, *a, **kw):
        if os.getpid() != parent:
            raise ValueError("broken in the child")
        return real(parts_, body, *a, **kw)

    monkeypatch.setattr(P, "_layout", broken)
    with caplog.at_level("WARNING", logger="lkjip.pdf"):
        assert P.render_pdf(page, tmp_path / "a.pdf") == "one"
    assert "broken in the child" in caplog.text and "rendering it in one" in caplog.text
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF-")
    monkeypatch.setattr(P, "_layout", real)

    def dies(conn, *a):
        os._exit(3)

    real_child = P._child
    monkeypatch.setattr(P, "_child", dies)
    caplog.clear()
    with caplog.at_level("WARNING", logger="lkjip.pdf"):
        assert P.render_pdf(page, tmp_path / "b.pdf") == "one"
    assert "exit code 3" in caplog.text
    assert parts is not None
    monkeypatch.setattr(P, "_child", real_child)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})  # one core: no second process
    assert P.render_pdf(page, tmp_path / "d.pdf") == "one"
    assert P.split_parts("<html><body><p>Bukan laporan</p></body></html>") is None
    assert P.render_pdf("<html><body><p>Bukan laporan</p></body></html>", tmp_path / "c.pdf") == "one"


# ---- failures --------------------------------------------------------------------------------
FIX_CHAPTERS = {n: Chapter(n, t, k) for n, t, k in [
    ("a_tabel.ipynb", "Bab Uji A", "1"), ("b_gambar.ipynb", "Bab Uji B", "2"),
    ("c_gagal.ipynb", "Bab Gagal", "3"), ("d_kotor.ipynb", "Bab Kotor", "4")]}


@pytest.fixture
def fixture_build(tmp_path):
    root = tmp_path / "w"
    shutil.copytree(FIXTURES, root)
    (root / "package").mkdir()
    (root / "package" / "modul.py").write_text("NILAI = 1\n")

    def run(names, **kw):
        return B.build(YEAR, formats=kw.pop("formats", ("html",)), data_dir=root / "data",
                       params_dir=root / "params", out_dir=root / "build",
                       chapter_list=[FIX_CHAPTERS[n] for n in names], notebooks_dir=root / "notebooks",
                       rules_dir=root / "rules", package_dir=root / "package", figures=False,
                       workers=1, **kw)

    run.root = root
    return run


def test_failing_chapter_stops_the_build_and_keeps_the_good_one(fixture_build):
    out = fixture_build.root / "build"
    fixture_build(["a_tabel.ipynb", "b_gambar.ipynb"])
    good = tree_hashes(out / str(YEAR))
    progress = io.StringIO()
    with pytest.raises(ChapterError) as info:
        fixture_build(["a_tabel.ipynb", "c_gagal.ipynb", "b_gambar.ipynb"], progress=progress)
    message = str(info.value)
    assert "chapter c_gagal.ipynb failed in cell 3 (nilai = {'a': 1}): KeyError: 'tidak_ada'" in message
    assert "Traceback" not in message and len(message.splitlines()) == 2
    kept = out / f"{YEAR}.failed" / "notebooks" / "c_gagal.ipynb"
    assert str(kept) in message and kept.is_file()
    failed_nb = json.loads(kept.read_text())
    assert any(o.get("ename") == "KeyError" for c in failed_nb["cells"] for o in c.get("outputs", []))
    assert tree_hashes(out / str(YEAR)) == good, "the previous build is untouched"
    assert not list(out.glob(f".{YEAR}.*"))
    assert "c_gagal.ipynb" in progress.getvalue() and "failed" in progress.getvalue()
    # the next good build removes the failed one
    fixture_build(["a_tabel.ipynb", "b_gambar.ipynb"])
    assert not (out / f"{YEAR}.failed").exists()


def test_cli_build_exit_code_and_message(monkeypatch, capsys):
    from lkjip.cli import main
    from lkjip.execute import Failure

    def fails(*a, **k):
        raise ChapterError(Failure("03_x.ipynb", 4, "L.tabel(x)", "ValueError", "salah", Path("k.ipynb")))

    monkeypatch.setattr(B, "build", fails)
    assert main(["build", "--year", str(YEAR), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "chapter 03_x.ipynb failed in cell 4 (L.tabel(x)): ValueError: salah" in err
    assert "k.ipynb" in err


def test_progress_one_line_per_chapter(fixture_build):
    progress = io.StringIO()
    fixture_build(["a_tabel.ipynb", "b_gambar.ipynb"], progress=progress)
    fixture_build(["a_tabel.ipynb", "b_gambar.ipynb"], progress=progress)
    lines = progress.getvalue().splitlines()
    for name in ("a_tabel.ipynb", "b_gambar.ipynb"):
        mine = [ln for ln in lines if ln.split()[:1] == [name]]
        assert [ln.split()[1] for ln in mine] == ["executed", "cached"]
        assert all(re.search(r"\d+\.\d\d s", ln) for ln in mine)


def test_build_cli_quiet_prints_nothing(fixture_build, monkeypatch, capsys):
    seen = {}

    def fake(year, **kw):
        seen.update(kw)
        return B.BuildResult(Path("."))

    monkeypatch.setattr(B, "build", fake)
    from lkjip.cli import main

    assert main(["build", "--year", str(YEAR), "--quiet", "--format", "html", "--no-cache"]) == 0
    assert seen["progress"] is None and seen["formats"] == ("html",) and seen["use_cache"] is False
    assert capsys.readouterr().err == ""


def test_build_cli_exits_2_when_an_audit_check_fails(monkeypatch, capsys):
    """A failed consistency check is a bug in lkjip: the build names it and exits 2."""
    def fake(year, **kw):
        audit = {"summary": "audit 2024: 1/2 consistency checks passed",
                 "failed": [["jumlah = rincian", "anggaran.total is not the sum of its rows"]]}
        return B.BuildResult(Path("."), audit=audit)

    monkeypatch.setattr(B, "build", fake)
    from lkjip.cli import main

    assert main(["build", "--year", str(YEAR), "--format", "html"]) == 2
    err = capsys.readouterr().err
    assert "1/2 consistency checks passed" in err
    assert "audit check failed [jumlah = rincian] anggaran.total is not the sum of its rows" in err


# ---- the audit's kernel waits for the HTML --------------------------------------------------------
def _audit_job(tmp_path: Path) -> Job:
    params = {"year": YEAR, "office": "kanim-pamekasan", "data_dir": "", "params_dir": ""}
    return Job("audit", tmp_path / "r.html", tmp_path / "audit.out", params, kind="audit")


def test_the_audit_checks_the_html_once_it_appears(tmp_path):
    """The build queues the audit before the HTML exists: the kernel checks the registry, waits,
    then checks the rendered numbers once the build has written the page."""
    job = _audit_job(tmp_path)
    pool = Pool(1, cwd=NOTEBOOKS_DIR)
    page = ('<p><span class="angka" data-fig="anggaran.persen" data-fmt="persen:2">88,19%</span> dan '
            '<span class="angka" data-fig="anggaran.persen" data-fmt="persen:2">96,62%</span></p>')

    def meanwhile():
        time.sleep(0.5)
        job.source.write_text(page, encoding="utf-8")

    try:
        pool.run([job], while_waiting=meanwhile)
    finally:
        pool.close()
    doc = json.loads(job.output.read_text(encoding="utf-8"))
    assert [name for name, _ in doc["failed"]] == ["angka di laporan = registri",
                                                   "satu figur, satu nilai di seluruh laporan"]
    assert "96,62%" in doc["failed"][0][1]
    assert set(doc) == {"summary", "failed", "audit.json", "audit.html"}


def test_a_failure_meanwhile_ends_the_waiting_audit(tmp_path):
    """Stitching fails while the audit waits: the skip marker ends it, the error is raised at once
    (not after the audit's 15 minutes of waiting), and nothing is written."""
    job = _audit_job(tmp_path)
    pool = Pool(1, cwd=NOTEBOOKS_DIR)

    def meanwhile():
        time.sleep(0.5)
        Path(f"{job.source}.skip").touch()
        raise RuntimeError("stitching failed")

    t = time.perf_counter()
    try:
        with pytest.raises(RuntimeError, match="stitching failed"):
            pool.run([job], while_waiting=meanwhile)
    finally:
        pool.close()
    assert time.perf_counter() - t < 60
    assert not job.output.exists()


def test_next_job_keeps_the_audit_last_and_splits_drawing_chapters():
    from lkjip.execute import next_job

    p = Path("x.ipynb")
    j = lambda name, draws=False, kind="chapter": Job(name, p, p, {}, kind=kind, draws=draws)  # noqa: E731
    queue = [j("03", draws=True), j("00"), j("figures.json", kind="figures"), j("01", draws=True),
             j("audit", kind="audit")]
    names = lambda: [q.name for q in queue]  # noqa: E731
    assert names()[next_job(queue, None)] == "03"  # no split: in order
    assert names()[next_job(queue, True)] == "03"  # the drawing kernel: its kind first
    assert names()[next_job(queue, False)] == "00"  # the other: its kind first
    rest = [j("01", draws=True), j("audit", kind="audit")]
    # out of its own kind, a kernel takes the other kind before the audit
    assert next_job(rest, False) == 0 and next_job(rest, None) == 0
    assert next_job([j("audit", kind="audit")], False) == 0


# ---- shared kernels behave like fresh ones ---------------------------------------------------
def test_clean_notebook_merges_stream_chunks():
    """What a cell prints reaches nbclient in chunks that depend on the kernel's IO-thread flush
    timing (``print("x")`` as "x" then "\\n", or as one "x\\n"); the stored notebook (and the
    manifest's hash of it) must not depend on how it was chunked."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from lkjip.execute import clean_notebook

    def nb(*texts):
        outs = [new_output("stream", name="stdout", text=t) for t in texts]
        outs += [new_output("display_data", data={"text/plain": "t"}),
                 new_output("stream", name="stderr", text="w\n"), new_output("stream", name="stdout", text="z")]
        return nbformat.from_dict(new_notebook(cells=[new_code_cell("print('x')", outputs=outs, execution_count=3)]))

    whole = clean_notebook(nb("keluaran\n"), "bab")
    assert dumps(clean_notebook(nb("keluaran", "\n"), "bab")) == dumps(whole)
    assert dumps(clean_notebook(nb("kel", "uaran", "\n"), "bab")) == dumps(whole)
    assert [(o["output_type"], o.get("name")) for o in whole.cells[0].outputs] == [
        ("stream", "stdout"), ("display_data", None), ("stream", "stderr"), ("stream", "stdout")]


def _run(pool: Pool, root: Path, names: list[str], out: Path) -> dict[str, bytes]:
    params = {"year": YEAR, "office": "kantor-uji", "data_dir": str(root / "data"), "params_dir": ""}
    jobs = [Job(n, root / "notebooks" / n, out / n, params) for n in names]
    return {d.job.name: dumps(d.nb) for d in pool.run(jobs)}


def test_build_kernels_keep_no_ipython_history(tmp_path, monkeypatch):
    """A build's cells do not go into the user's IPython history (history.sqlite)."""
    import sqlite3

    ipython_dir = tmp_path / "ipython"
    monkeypatch.setenv("IPYTHONDIR", str(ipython_dir))
    root = tmp_path / "w"
    shutil.copytree(FIXTURES, root)
    pool = Pool(1)
    try:
        _run(pool, root, ["a_tabel.ipynb"], tmp_path / "out")
    finally:
        pool.close()
    db = ipython_dir / "profile_default" / "history.sqlite"
    rows = []
    if db.exists():
        with sqlite3.connect(db) as con:
            rows = con.execute("SELECT source_raw FROM history").fetchall()
    assert rows == []


def test_a_kernel_that_dies_starting_is_a_clear_error(tmp_path):
    """A kernel that exits before it is ready: the build says so, with the kernel's last words,
    instead of waiting out the start-up timeout. (``python -m ipykernel_launcher`` finds a
    module of that name in its working folder first: here, one that fails.)"""
    from lkjip.errors import BuildError
    from lkjip.execute import Worker

    (tmp_path / "ipykernel_launcher.py").write_text(
        "import sys\nsys.stderr.write('no kernel today\\n')\nsys.exit(3)\n", encoding="utf-8")
    t = time.perf_counter()
    w = Worker(tmp_path, startup_timeout=60)
    try:
        with pytest.raises(BuildError) as exc:
            w._started.result(timeout=90)
    finally:
        w.close()
    assert "the kernel did not start" in str(exc.value)
    assert "no kernel today" in str(exc.value)
    assert w.launched.is_set()
    assert time.perf_counter() - t < 30, "waited out the timeout"


def test_shared_kernel_gives_the_same_outputs_as_a_fresh_one(tmp_path):
    root = tmp_path / "w"
    shutil.copytree(FIXTURES, root)
    fresh, shared = Pool(1), Pool(1)
    try:
        alone = _run(fresh, root, ["b_gambar.ipynb"], tmp_path / "fresh")
        # d_kotor leaves rcParams, warnings filters, a figure, an env var, the cwd, a global
        # and lkjip.load.FILES_READ behind; a_tabel leaves its own state
        after = _run(shared, root, ["a_tabel.ipynb", "d_kotor.ipynb", "b_gambar.ipynb"], tmp_path / "shared")
    finally:
        fresh.close()
        shared.close()
    assert after["b_gambar.ipynb"] == alone["b_gambar.ipynb"]


def test_shared_kernel_repository_chapters(tmp_path):
    """A repository chapter executed after all the others in one kernel is the same as alone."""
    chs = chapters(include_optional=True)
    params = {"year": YEAR, "office": "kanim-pamekasan", "data_dir": "", "params_dir": ""}
    jobs = lambda names, out: [Job(n, NOTEBOOKS_DIR / n, out / n, params) for n in names]  # noqa: E731
    last = chs[-1].notebook
    fresh, shared = Pool(1), Pool(1)
    try:
        alone = {d.job.name: dumps(d.nb) for d in fresh.run(jobs([last, chs[0].notebook], tmp_path / "a"))}
        after = {d.job.name: dumps(d.nb) for d in shared.run(jobs([c.notebook for c in chs], tmp_path / "b"))}
    finally:
        fresh.close()
        shared.close()
    assert after[last] == alone[last]
    assert after[chs[0].notebook] == alone[chs[0].notebook]


# ---- outside the build -----------------------------------------------------------------------
def test_papermill_runs_a_chapter_directly(tmp_path):
    """No build-only state: `papermill notebooks/<any>.ipynb out.ipynb -p year 2024` works."""
    papermill = Path(sys.executable).parent / "papermill"
    out = tmp_path / "out.ipynb"
    proc = subprocess.run([str(papermill), str(NOTEBOOKS_DIR / "01_pendahuluan.ipynb"), str(out),
                           "-p", "year", str(YEAR), "--no-progress-bar"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(out.read_text())["metadata"]["papermill"]["parameters"] == {"year": YEAR}
