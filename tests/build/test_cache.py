"""lkjip.build.cache on its own: entries round-trip, a damaged entry is a miss, old entries are
pruned, a notebook's key ignores its stored outputs. (What a build re-executes when something
changes: tests/build/test_fixture_builds.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lkjip.build import cache as C

FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"


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
    assert c.get("chapters", "bab", "k1", "ipynb").reason == f"berubah: {tmp_path.name}/x.csv"
    assert c.get("chapters", "bab", "k2", "ipynb").reason == "belum ada di cache"


@pytest.mark.parametrize("damage, reason", [
    (lambda meta, res: meta.write_text(meta.read_text()[:20]), "isi cache rusak (meta)"),
    (lambda meta, res: meta.write_text("[]"), "isi cache rusak (meta)"),
    (lambda meta, res: res.write_bytes(b"hasil lain"), "isi cache rusak (hash tidak cocok)"),
    (lambda meta, res: res.write_bytes(res.read_bytes()[:3]), "isi cache rusak (hash tidak cocok)"),
    (lambda meta, res: res.unlink(), "isi cache rusak (hasil hilang)"),
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
