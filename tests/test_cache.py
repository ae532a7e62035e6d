"""lkjip.cache and the build's use of it: a chapter is re-executed exactly when something it
depends on changed, and a damaged cache entry is rebuilt, never served.

The build tests use the small fixture chapters of tests/fixtures/build/ (a made-up office
"kantor-uji"): a_tabel.ipynb reads angka.csv, b_gambar.ipynb reads seri.csv, nothing reads
tidak_dibaca.csv. Every path the cache hashes is injected, so the fixtures stand in for the
repository's notebooks, params, rules and package.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from lkjip import cache as C
from lkjip.build import BuildResult, build
from lkjip.chapters import Chapter

FIXTURES = Path(__file__).parent / "fixtures" / "build"
CHAPTERS = [Chapter("a_tabel.ipynb", "Bab Uji A", "1"), Chapter("b_gambar.ipynb", "Bab Uji B", "2")]


# ---- the cache on its own ----------------------------------------------------------------------
def test_put_get_roundtrip_and_files_read(tmp_path):
    data = tmp_path / "x.csv"
    data.write_text("a\n1\n")
    c = C.Cache(tmp_path / "cache")
    c.put("chapters", "bab", "k1", "ipynb", b"hasil", [str(data)])
    got = c.get("chapters", "bab", "k1", "ipynb")
    assert got.hit and got.hit.data == b"hasil" and got.reason == "cached"
    assert got.hit.files_read == {str(data): C.sha256_file(data)}
    data.write_text("a\n2\n")
    assert c.get("chapters", "bab", "k1", "ipynb").hit is None
    assert c.get("chapters", "bab", "k1", "ipynb").reason == f"changed: {tmp_path.name}/x.csv"
    assert c.get("chapters", "bab", "k2", "ipynb").reason == "not in cache"


@pytest.mark.parametrize("damage, reason", [
    (lambda meta, res: meta.write_text(meta.read_text()[:20]), "cache entry corrupt (meta)"),
    (lambda meta, res: meta.write_text("[]"), "cache entry corrupt (meta)"),
    (lambda meta, res: res.write_bytes(b"hasil lain"), "cache entry corrupt (hash mismatch)"),
    (lambda meta, res: res.write_bytes(res.read_bytes()[:3]), "cache entry corrupt (hash mismatch)"),
    (lambda meta, res: res.unlink(), "cache entry corrupt (result missing)"),
])
def test_damaged_entry_is_a_miss(tmp_path, damage, reason):
    c = C.Cache(tmp_path)
    c.put("chapters", "bab", "k", "ipynb", b"hasil")
    damage(tmp_path / "chapters" / "bab" / "k.meta", tmp_path / "chapters" / "bab" / "k.ipynb")
    got = c.get("chapters", "bab", "k", "ipynb")
    assert got.hit is None and got.reason == reason


def test_old_entries_are_pruned(tmp_path):
    c = C.Cache(tmp_path)
    for i in range(C.KEEP_PER_NAME + 3):
        c.put("chapters", "bab", f"k{i}", "ipynb", b"x")
    assert len(list((tmp_path / "chapters" / "bab").glob("*.meta"))) == C.KEEP_PER_NAME
    assert len(list((tmp_path / "chapters" / "bab").glob("*.ipynb"))) == C.KEEP_PER_NAME


def test_validated_tables_are_pruned_to_the_newest_of_this_environment(tmp_path):
    import os

    here, old = tmp_path / "tables" / "env-now", tmp_path / "tables" / "env-before"
    for folder in (here, old):
        folder.mkdir(parents=True)
    for i in range(5):
        p = here / f"t{i}.pkl"
        p.write_bytes(b"x")
        os.utime(p, ns=(i * 10**9, i * 10**9))
    (old / "t.pkl").write_bytes(b"x")
    C.prune_tables(here, keep=3)
    assert sorted(p.name for p in here.iterdir()) == ["t2.pkl", "t3.pkl", "t4.pkl"]
    assert not old.exists()
    C.prune_tables(tmp_path / "nothing" / "yet")  # no folder: nothing to do


def test_notebook_hash_ignores_outputs_but_not_sources(tmp_path):
    nb = json.loads((FIXTURES / "notebooks" / "a_tabel.ipynb").read_text())
    p = tmp_path / "n.ipynb"
    p.write_text(json.dumps(nb))
    h = C.notebook_source_hash(p)
    nb["cells"][4]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    nb["cells"][4]["execution_count"] = 7
    nb["cells"][4]["id"] = "lain"
    p.write_text(json.dumps(nb))
    assert C.notebook_source_hash(p) == h
    nb["cells"][4]["source"] += "\n# komentar"
    p.write_text(json.dumps(nb))
    assert C.notebook_source_hash(p) != h


def test_environment_lists_every_distribution():
    env = C.environment()
    assert env["python"].count(".") == 2
    assert {"pandas", "papermill", "nbconvert", "weasyprint"} <= set(env["distributions"])
    assert C.key_versions()["papermill"] == env["distributions"]["papermill"]


# ---- the build's cache --------------------------------------------------------------------------
@dataclass
class Bengkel:
    """A writable copy of the fixtures: notebooks, data, params, rules and a 'package'."""

    root: Path
    pool: object

    def __getattr__(self, name: str) -> Path:
        return self.root / name

    def build(self, **kw) -> BuildResult:
        return build(2024, formats=("html",), data_dir=self.data, params_dir=self.params,
                     out_dir=self.out, chapter_list=CHAPTERS, notebooks_dir=self.notebooks,
                     rules_dir=self.rules, package_dir=self.package, figures=False,
                     pool=self.pool, **kw)

    def executed(self, **kw) -> list[str]:
        return sorted(self.build(**kw).executed())

    def edit(self, rel: str, old: str, new: str) -> None:
        p = self.root / rel
        text = p.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        p.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def pool():
    from lkjip.execute import Pool

    p = Pool(1)  # one kernel for every build of the module: reset between chapters
    yield p
    p.close()


@pytest.fixture
def bengkel(tmp_path, pool) -> Bengkel:
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    (tmp_path / "package").mkdir()
    (tmp_path / "package" / "modul.py").write_text("NILAI = 1\n")
    return Bengkel(tmp_path, pool)


A, B = "a_tabel.ipynb", "b_gambar.ipynb"


def test_reexecutes_exactly_what_changed(bengkel):
    w = bengkel
    assert w.executed() == [A, B]
    html = (w.out / "2024" / "lkjip-2024.html").read_bytes()
    assert w.executed() == []  # nothing changed
    assert (w.out / "2024" / "lkjip-2024.html").read_bytes() == html

    w.edit("data/kantor-uji/tidak_dibaca.csv", "1", "2")
    assert w.executed() == []  # a data file no chapter read

    w.edit("data/kantor-uji/angka.csv", "1.234", "1.235")
    assert w.executed() == [A]  # a data file only chapter A read
    assert "1.235" in (w.out / "2024" / "lkjip-2024.html").read_text()

    w.edit("data/kantor-uji/seri.csv", "2024,6", "2024,7")
    assert w.executed() == [B]

    w.edit("notebooks/b_gambar.ipynb", "Seri uji per tahun", "Seri uji tiap tahun")
    assert w.executed() == [B]  # its notebook

    nb = json.loads((w.notebooks / A).read_text())
    nb["cells"][4]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "lama"}]
    (w.notebooks / A).write_text(json.dumps(nb))
    assert w.executed() == []  # stored outputs (golden) are not an input

    w.edit("params/2024.yaml", "UJI-1", "UJI-2")
    assert w.executed() == [A, B]  # the params

    w.edit("rules/2024.yaml", "tahun: 2024", "tahun: 2024\nbobot: 1")
    assert w.executed() == [A, B]  # a rule file

    w.edit("package/modul.py", "NILAI = 1", "NILAI = 2")
    assert w.executed() == [A, B]  # package code

    (w.data / "kantor-uji" / "baru.csv").write_text("x\n1\n")
    assert w.executed() == [A, B]  # a data file appeared: a chapter may look for it

    assert w.executed() == []
    assert w.executed(use_cache=False) == [A, B]


def test_corrupt_entries_are_rebuilt_cleanly(bengkel):
    w = bengkel
    w.executed()
    good = {p.name: p.read_bytes() for p in (w.out / "2024").rglob("*") if p.is_file()}
    entries = w.out / ".cache" / "chapters"

    (meta,) = (entries / "a_tabel").glob("*.meta")
    meta.write_text(meta.read_text()[: len(meta.read_text()) // 2])  # truncated JSON
    (nb,) = (entries / "b_gambar").glob("*.ipynb")
    nb.write_bytes(nb.read_bytes().replace(b"Seri uji", b"Seri RUSAK"))  # content tampered
    result = w.build()
    assert sorted(result.executed()) == [A, B]
    assert {s.name: s.note for s in result.steps if s.status == "executed"} == {
        A: "cache entry corrupt (meta)", B: "cache entry corrupt (hash mismatch)"}
    again = {p.name: p.read_bytes() for p in (w.out / "2024").rglob("*") if p.is_file()}
    assert again == good
    assert w.executed() == []

    for report in (w.out / ".cache" / "report").rglob("*.html"):
        report.write_bytes(b"<html>rusak</html>")
    result = w.build()
    assert [s.status for s in result.steps if s.name == "lkjip-2024.html"] == ["stitched"]
    assert (w.out / "2024" / "lkjip-2024.html").read_bytes() == good["lkjip-2024.html"]
