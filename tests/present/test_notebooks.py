"""The chapter notebooks as an analyst edits them (issue 15): text in Markdown and template cells,
little Python, no fact of an office typed in a cell, stable cell ids and tags. Whether they
render for another office's data: test_bab.py."""

from __future__ import annotations

import ast
import csv
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from contoh import FIXTURE

from lkjip.paths import DATA_DIR

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def _read(name: str):
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def _python(nb) -> list[tuple[str, str]]:
    """(cell id, source) of the code cells that are Python (not the parameters, not a magic)."""
    return [(c.id, c.source) for c in nb.cells if c.cell_type == "code" and not c.source.lstrip().startswith("%%")
            and "parameters" not in c.metadata.get("tags", [])]


def _facts() -> tuple[list[str], list[str]]:
    """Office-, person- and indicator-specific text of both offices in the suite, and indicator codes."""
    words, codes = [], []
    for office in (DATA_DIR / "kanim-pamekasan", FIXTURE / "data" / "kanim-contoh"):
        kantor = yaml.safe_load((office / "kantor.yaml").read_text(encoding="utf-8"))
        words += [kantor["nama"], kantor["nama_singkat"], kantor["kota"], kantor["kepala"]["nama"],
                  kantor["penandatangan_pk"]["pihak_pertama"]["nama"], kantor["penandatangan_pk"]["pihak_kedua"]["nama"]]
        for name, col in (("pegawai.csv", "nama"), ("indikator.csv", "indikator"), ("sasaran.csv", "sasaran"),
                          ("kabupaten.csv", "kabupaten"), ("rincian.csv", "nama")):
            with (office / name).open(encoding="utf-8") as f:
                words += [r[col] for r in csv.DictReader(f)]
        with (office / "indikator.csv").open(encoding="utf-8") as f:
            codes += [r["kode"] for r in csv.DictReader(f)]
    return sorted({w for w in words if w}), sorted(set(codes))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_text_not_python(name):
    # issue 15: no function definitions, at most 10 `if`, no sentence inside a Python string
    problems = []
    for cid, src in _python(_read(name)):
        tree = ast.parse(src)
        problems += [f"{cid}: def {n.name}" for n in ast.walk(tree)
                     if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)]
        problems += [f"{cid}: string {n.value[:40]!r}..." for n in ast.walk(tree)
                     if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) > 60 and " " in n.value]
    ifs = sum(isinstance(n, ast.If | ast.IfExp) for _, src in _python(_read(name)) for n in ast.walk(ast.parse(src)))
    assert ifs <= 10, f"{ifs} Python if"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_types_no_fact_of_an_office(name):
    words, codes = _facts()
    assert "Kantor Imigrasi Kelas III Non TPI Contoh" in words and "pengaduan_tidak_selesai" in codes
    problems = []
    for cell in _read(name).cells:
        if "parameters" in cell.metadata.get("tags", []):
            continue
        src = cell.source
        problems += [f"{cell.id}: typed {w!r}" for w in words if w.lower() in src.lower()]
        problems += [f"{cell.id}: year {m}" for m in re.findall(r"\b(?:19|20)\d\d\b", src)]
        problems += [f"{cell.id}: indicator code {c!r}" for c in codes
                     if re.search(rf"['\"]{c}['\"]|\bikk\.{c}\b", src)]
        problems += [f"{cell.id}: arithmetic on numbers {m!r}" for m in re.findall(r"\d\s*[-+*/×÷]\s*\d", src)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_cells_have_stable_ids_tags_and_the_projects_kernel(name):
    nb = _read(name)
    stem = name.removesuffix(".ipynb")
    assert [c.id for c in nb.cells] == [f"{stem}-{i}" for i in range(len(nb.cells))]
    assert "parameters" in nb.cells[0].metadata.get("tags", [])
    assert not [c.id for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    for c in nb.cells[1:]:
        if c.cell_type == "code":
            assert "remove-input" in c.metadata.get("tags", []), c.id
    assert nb.metadata.kernelspec.name == "lkjip"
    assert [line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
            if line.startswith("# ")], "each chapter opens with an h1"
