"""What a build is made from, as hashes: the keys of its cache entries.

Hashing is cheap (files are read, nothing heavy is imported), so a build with nothing to do
knows it in a fraction of a second. Every result is keyed by everything it depends on:

* a chapter: its notebook's cells, the parameters, every params and rule file, the package,
  the office's data folder (every file, by content) and the environment;
* ``figures.json``: the same without a notebook;
* the HTML: the executed chapters, the templates, the package, the environment and what the
  page carries besides the chapters (the office's name, the house style, the logo, the names of
  the attached documents);
* the PDF: the HTML, the attached documents' and the attachments' contents (figures.json,
  audit.json, the year's inputs), the package and the environment; the audit: the HTML and the
  figures' key.
* the Word edition: the HTML, the package, the templates (lkjip's reference document), the
  office's own reference document if it has one, and the environment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lkjip
from lkjip.build import cache as C
from lkjip.build import gaya as G
from lkjip.build import lampiran
from lkjip.build.chapters import Chapter
from lkjip.errors import BuildError, LkjipError
from lkjip.inputs.params import load_params, read_file
from lkjip.paths import PARAMS_DIR, RULES_DIR, TEMPLATES_DIR, office_dir

LOGO_FILES = (("logo.svg", "image/svg+xml"), ("logo.png", "image/png"))  # in the office's data folder

PACKAGE_DIR = Path(lkjip.__file__).resolve().parent
REFERENCE_NAME = "referensi.docx"  # the Word edition's styles (lkjip.build.docx_styles)


@dataclass
class Sources:
    """The hashes of everything a build of one year reads."""

    year: int
    office: str
    parameters: dict[str, Any]  # the notebooks' parameters
    params: dict[str, str]
    rules: dict[str, str]
    package: dict[str, str]
    templates: dict[str, str]
    data: dict[str, str]  # every file of the office's data folder
    data_folder: Path
    env: dict[str, Any]
    params_folder: Path = PARAMS_DIR
    nama: str = ""  # the office's name (kantor.yaml)
    gaya: dict[str, Any] = field(default_factory=lambda: dict(G.GAYA_BAWAAN))  # the house style (params: gaya)

    def common(self) -> dict[str, Any]:
        return {"format": C.CACHE_FORMAT, "parameters": self.parameters, "params": self.params,
                "rules": self.rules, "package": self.package, "data": self.data, "env": self.env}

    def data_files(self) -> list[str]:
        """The office's data files, as absolute paths (a cache entry re-hashes them)."""
        return [str(self.data_folder / name) for name in self.data]

    def logo(self) -> tuple[str, bytes] | None:
        """(mime type, bytes) of the office's logo, if its data folder has one."""
        for name, mime in LOGO_FILES:
            if name in self.data:
                return mime, (self.data_folder / name).read_bytes()
        return None

    def dokumen(self) -> list[lampiran.Dokumen]:
        """The documents attached to the year's report (data/<office>/lampiran/<year>/)."""
        return lampiran.dokumen(self.data_folder, self.year)

    def input_files(self) -> list[tuple[str, Path]]:
        """The year's inputs as (name, path): the year's params and the defaults, every file of
        the office's data folder but other years' attached documents."""
        others = f"{lampiran.FOLDER}/"
        own = f"{lampiran.FOLDER}/{self.year}/"
        files = [(f"params/{rel}", self.params_folder / rel) for rel in ("defaults.yaml", f"{self.year}.yaml")
                 if rel in self.params]
        files += [(f"data/{self.office}/{rel}", self.data_folder / rel) for rel in self.data
                  if not rel.startswith(others) or rel.startswith(own)]
        return files

    def chapter_key(self, chapter: Chapter, notebook: Path) -> str:
        return C.sha256_json({"chapter": chapter.notebook, "notebook": C.notebook_source_hash(notebook),
                              **self.common()})

    def figures_key(self) -> str:
        return C.sha256_json({"figures": True, **self.common()})

    def html_key(self, notebooks: list[tuple[Chapter, bytes]], page: dict[str, Any]) -> str:
        return C.sha256_json({
            "report": "html", "format": C.CACHE_FORMAT, "year": self.year, "office": self.office,
            "notebooks": [[c.notebook, c.number, c.bagian, C.sha256_bytes(b)] for c, b in notebooks],
            "page": page, "templates": self.templates, "package": self.package, "env": self.env})

    def pdf_key(self, html_bytes: bytes, attachments: list[Any], documents: list[lampiran.Dokumen]) -> str:
        return C.sha256_json({
            "report": "pdf", "html": C.sha256_bytes(html_bytes), "env": self.env, "package": self.package,
            "templates": self.templates,
            "attachments": [[a.name, a.relationship, a.description, C.sha256_bytes(a.data)] for a in attachments],
            "documents": [[d.name, C.sha256_file(d.path)] for d in documents]})

    def reference(self) -> Path:
        """The Word edition's reference document: the office's ``referensi.docx`` if its data
        folder has one, else lkjip's (``lkjip/present/templates/referensi.docx``)."""
        own = self.data_folder / REFERENCE_NAME
        return own if REFERENCE_NAME in self.data else TEMPLATES_DIR / REFERENCE_NAME

    def docx_key(self, html_bytes: bytes) -> str:
        return C.sha256_json({"report": "docx", "html": C.sha256_bytes(html_bytes), "env": self.env,
                              "package": self.package, "templates": self.templates,
                              "reference": self.data.get(REFERENCE_NAME)})

    def audit_key(self, html_bytes: bytes) -> str:
        return C.sha256_json({"audit": True, "figures": self.figures_key(),
                              "html": C.sha256_bytes(html_bytes)})


def gather(year: int, data_dir: Path | None, params_dir: Path | None) -> Sources:
    params_root = Path(params_dir or PARAMS_DIR)
    values = load_params(year, params_root)
    office = str(values.get("office") or "")
    if not office:
        raise BuildError(f"{params_root / f'{year}.yaml'}: seharusnya ada 'office: <kode kantor>' "
                         "(di sini atau di defaults.yaml); ditemukan: tidak ada")
    folder = office_dir(office, data_dir)
    parameters = {"year": int(year), "office": office,
                  "data_dir": str(Path(data_dir).resolve()) if data_dir else "",
                  "params_dir": str(Path(params_dir).resolve()) if params_dir else ""}
    nama = office
    try:
        if (folder / "kantor.yaml").is_file():
            nama = str(read_file(folder / "kantor.yaml").get("nama") or office)
    except LkjipError:
        pass  # the chapters report a broken kantor.yaml with its line
    return Sources(
        year=int(year), office=office, parameters=parameters,
        # every params file, not only this year's: a chapter may read last year's number or date
        params=C.tree(params_root, suffixes=(".yaml", ".yml")),
        rules=C.tree(RULES_DIR, suffixes=(".yaml", ".yml")),
        package=C.tree(PACKAGE_DIR, skip={"templates"}),
        templates=C.tree(TEMPLATES_DIR),
        data=C.tree(folder), data_folder=folder.resolve(),
        env=C.environment(), params_folder=params_root.resolve(), nama=nama,
        gaya=G.gaya(values, str(params_root / f"{year}.yaml")),
    )
