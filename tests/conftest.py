"""Shared fixtures: a writable copy of the repository's inputs."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from lkjip.paths import DATA_DIR, PARAMS_DIR


@dataclass
class Workspace:
    """A temporary copy of data/ and params/; ``office`` is the office's data folder."""

    data: Path
    params: Path
    office: Path

    def path(self, name: str) -> Path:
        """A file of the office folder, e.g. ``ws.path('pegawai.csv')``."""
        return self.office / name

    def read(self, name: str) -> str:
        return self.path(name).read_text(encoding="utf-8")

    def write(self, name: str, text: str) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        """Replace the first ``old`` in a file (which must contain it)."""
        text = self.read(name)
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new, 1))


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    data = tmp_path / "data"
    params = tmp_path / "params"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(PARAMS_DIR, params)
    office = yaml.safe_load((params / "defaults.yaml").read_text(encoding="utf-8"))["office"]
    return Workspace(data=data, params=params, office=data / office)


@pytest.fixture(scope="module")
def L():
    """The 2024 report's view of the data, for table and chapter helpers."""
    from lkjip.present.laporan import Laporan

    return Laporan(2024, "kanim-pamekasan")


def _teks(cell) -> str:
    """A table cell's visible text (spans and tags removed)."""
    import re

    from lkjip.present.tabel import Sel

    if isinstance(cell, Sel):
        cell = cell.teks
    return re.sub(r"<[^>]+>", "", str(cell))


def sha(p: Path) -> str:
    """sha256 of a file."""
    return hashlib.sha256(p.read_bytes()).hexdigest()


def tree_hashes(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``folder``."""
    return {p.relative_to(folder).as_posix(): sha(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def pdf_facts(path: Path, dpi: int = 40) -> dict:
    """What a reader gets from a PDF, to compare two renderings of one report: each page's text
    and pixels (pdfium), the outline (title, level, page, place) and every link (page, where,
    the page and place it leads to; named destinations resolved). Not the file's structure."""
    import pikepdf
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    pages = []
    for i in range(len(doc)):
        page = doc[i]
        bitmap = page.render(scale=dpi / 72).to_numpy()
        pages.append((page.get_textpage().get_text_range(), hashlib.sha256(bitmap.tobytes()).hexdigest()))
    doc.close()
    pdf = pikepdf.open(path)
    index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    names = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Names" in pdf.Root else {}

    def dest(d) -> tuple:
        if isinstance(d, (pikepdf.String, str)):
            d = names[str(d)]
        return index[d[0].objgen], round(float(d[2]), 1), round(float(d[3]), 1)

    outline = []
    with pdf.open_outline() as o:
        def walk(items, level):
            for it in items:
                outline.append((level, it.title, dest(it.destination), it.is_closed))
                walk(it.children, level + 1)
        walk(o.root, 0)
    links = sorted((i, round(float(a.Rect[0]), 1), round(float(a.Rect[1]), 1), dest(a.Dest))
                   for i, p in enumerate(pdf.pages) for a in p.obj.get("/Annots", [])
                   if a.Subtype == "/Link" and "/Dest" in a)
    return {"pages": pages, "outline": outline, "links": links,
            "info": {str(k): str(v) for k, v in pdf.docinfo.items()}, "lang": str(pdf.Root.get("/Lang"))}
