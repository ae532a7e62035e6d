"""Builds of small fixture chapters (tests/fixtures/build/): what is re-executed when something
changes, a failing chapter, damaged cache entries, the progress display, and the output folder
(one build at a time, nothing left behind)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from conftest import tree_hashes

from lkjip.build.build import build
from lkjip.build.chapters import Chapter
from lkjip.build.notebook import ChapterError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"
YEAR = 2024
A, B, GAGAL = "a_tabel.ipynb", "b_gambar.ipynb", "c_gagal.ipynb"
CHAPTERS = {n: Chapter(n, t, k) for n, t, k in [(A, "Bab Uji A", "1"), (B, "Bab Uji B", "2"),
                                               (GAGAL, "Bab Gagal", "3")]}


class Bengkel:
    """A writable copy of the fixtures, built into ``out``."""

    def __init__(self, root: Path):
        self.root = root
        self.out = root / "build"

    def build(self, names=(A, B), **kw):
        return build(YEAR, formats=("html",), data_dir=self.root / "data", params_dir=self.root / "params",
                     out_dir=self.out, chapter_list=[CHAPTERS[n] for n in names],
                     notebooks_dir=self.root / "notebooks", figures=False, audit=False, workers=1, **kw)

    def executed(self, **kw) -> list[str]:
        return sorted(self.build(**kw).executed())

    def edit(self, rel: str, old: str, new: str) -> None:
        p = self.root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        p.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def w(tmp_path) -> Bengkel:
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    return Bengkel(tmp_path)


def test_a_chapter_runs_again_only_when_what_it_is_made_from_changed(w):
    assert w.executed() == [A, B]
    page = (w.out / "2024" / "lkjip-2024.html").read_bytes()
    assert w.executed() == []  # nothing changed
    assert (w.out / "2024" / "lkjip-2024.html").read_bytes() == page

    w.edit("data/kantor-uji/angka.csv", "1.234", "1.235")
    assert w.executed() == [A, B]  # any data file: every chapter
    assert "1.235" in (w.out / "2024" / "lkjip-2024.html").read_text()

    w.edit("notebooks/b_gambar.ipynb", "Seri uji per tahun", "Seri uji tiap tahun")
    assert w.executed() == [B]  # its notebook

    nb = json.loads((w.root / "notebooks" / A).read_text())
    nb["cells"][4]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "lama"}]
    (w.root / "notebooks" / A).write_text(json.dumps(nb))
    assert w.executed() == []  # stored outputs (the reference run) are not an input

    w.edit("params/2024.yaml", "UJI-1", "UJI-2")
    assert w.executed() == [A, B]  # the params

    (w.root / "data" / "kantor-uji" / "baru.csv").write_text("x\n1\n")
    assert w.executed() == [A, B]  # a data file appeared
    assert w.executed() == []
    assert w.executed(use_cache=False) == [A, B]


def test_damaged_cache_entries_are_made_again(w):
    w.executed()
    good = tree_hashes(w.out / "2024")
    entries = w.out / ".cache" / "chapters"
    (meta,) = (entries / "a_tabel").glob("*.meta")
    meta.write_text(meta.read_text()[: len(meta.read_text()) // 2])  # truncated JSON
    (nb,) = (entries / "b_gambar").glob("*.ipynb")
    nb.write_bytes(nb.read_bytes().replace(b"Seri uji", b"Seri RUSAK"))  # content tampered
    result = w.build()
    assert {s.name: s.note for s in result.steps if s.status == "executed"} == {
        A: "isi cache rusak (meta)", B: "isi cache rusak (hash tidak cocok)"}
    assert tree_hashes(w.out / "2024") == good
    for page in (w.out / ".cache" / "report").rglob("*.html"):
        page.write_bytes(b"<html>rusak</html>")
    result = w.build()
    assert [s.status for s in result.steps if s.name == "lkjip-2024.html"] == ["stitched"]
    assert tree_hashes(w.out / "2024") == good


def test_a_failing_chapter_keeps_the_previous_build(w):
    w.build()
    good = tree_hashes(w.out / "2024")
    progress = io.StringIO()
    with pytest.raises(ChapterError) as info:
        w.build((A, GAGAL, B), progress=progress)
    kept = w.out / f"{YEAR}.failed" / "notebooks" / GAGAL
    assert str(kept) in str(info.value) and kept.is_file()
    assert tree_hashes(w.out / "2024") == good, "the previous build is untouched"
    assert not list(w.out.glob(f".{YEAR}.tmp-*"))
    assert re.search(r"c_gagal.ipynb\s+gagal", progress.getvalue())
    w.build()  # the next good build forgets the failed one
    assert not (w.out / f"{YEAR}.failed").exists()


def test_progress_one_line_per_chapter(w):
    progress = io.StringIO()
    w.build(progress=progress)
    w.build(progress=progress)
    lines = progress.getvalue().splitlines()
    for name in (A, B):
        mine = [ln for ln in lines if ln.split()[:1] == [name]]
        assert [ln.split()[1] for ln in mine] == ["dijalankan", "tersimpan"]


def test_tables_and_figures_are_numbered_per_chapter(w):
    w.build()
    page = (w.out / "2024" / "lkjip-2024.html").read_text()
    assert re.findall(r'<span class="nomor">([^<]+)</span>', page) == ["Tabel 1.1", "Gambar 2.1", "Tabel 2.1"]
    assert 'id="tabel-1-1"' in page and 'id="gambar-2-1"' in page and 'id="tabel-2-1"' in page


# ---- the output folder ------------------------------------------------------------------------
def test_a_second_build_of_the_year_waits_for_the_first(w):
    w.build()
    say = [io.StringIO(), io.StringIO()]
    errors: list[BaseException] = []

    def run(k: int) -> None:
        try:
            w.build(use_cache=False, progress=say[k])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    waited = [s.getvalue() for s in say if "menunggu sampai selesai" in s.getvalue()]
    assert len(waited) == 1
    assert not list(w.out.glob(f".{YEAR}.*-*"))
    manifest = json.loads((w.out / "2024" / "manifest.json").read_text())
    assert {k: v for k, v in tree_hashes(w.out / "2024").items() if k != "manifest.json"} == manifest["outputs"]


def test_what_dead_builds_left_is_removed(w):
    w.build()
    dead = [w.out / f".{YEAR}.tmp-999999", w.out / f".{YEAR}.old-999998"]
    for d in dead:
        (d / "notebooks").mkdir(parents=True)
    w.build()
    assert not any(d.exists() for d in dead)


def test_a_build_killed_between_its_renames_is_put_back(w):
    """Between swap()'s two renames the year's folder is briefly aside: the next build finds the
    good folder there and puts it back before anything else."""
    w.build()
    good = tree_hashes(w.out / "2024")
    os.replace(w.out / "2024", w.out / f".{YEAR}.old-999999")
    from lkjip.build import folder

    folder.remove_leftovers(w.out, YEAR)
    assert tree_hashes(w.out / "2024") == good
