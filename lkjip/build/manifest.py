"""``manifest.json``: every input of a build with its sha256, the versions it ran with, and every
output. No timestamps and no absolute paths of the repository: two builds from the same inputs
write the same manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lkjip.build import cache as C
from lkjip.build.chapters import Chapter
from lkjip.build.sources import Sources
from lkjip.paths import DATA_DIR, PARAMS_DIR, PROJ_ROOT


def _rel(path: Path | str, *roots: tuple[str, Path]) -> str:
    """A path shown relative to a named root ("data/kanim-pamekasan")."""
    p = Path(path).resolve()
    for label, root in roots:
        try:
            return f"{label}/{p.relative_to(Path(root).resolve()).as_posix()}".lstrip("/")
        except ValueError:
            continue
    return p.as_posix()


def manifest(src: Sources, chs: list[Chapter], folder: Path, data_dir: Path | None,
             params_dir: Path | None, notebooks_dir: Path, formats: tuple[str, ...]) -> dict[str, Any]:
    roots = (("data", Path(data_dir or DATA_DIR)), ("params", Path(params_dir or PARAMS_DIR)),
             ("notebooks", Path(notebooks_dir)), ("", PROJ_ROOT))
    outputs = {p.relative_to(folder).as_posix(): C.sha256_file(p)
               for p in sorted(folder.rglob("*")) if p.is_file()}
    return {
        "year": src.year,
        "office": src.office,
        "formats": list(formats),
        "parameters": {k: (_rel(v, *roots) if k in ("data_dir", "params_dir") and v else v)
                       for k, v in src.parameters.items()},
        "inputs": {
            "notebooks": {c.notebook: C.sha256_file(Path(notebooks_dir) / c.notebook) for c in chs},
            "params": src.params,
            "rules": src.rules,
            "data": {f"{src.data_folder.name}/{k}": v for k, v in src.data.items()},
            "package": src.package,
            "templates": src.templates,
        },
        "versions": {"python": src.env["python"], **C.key_versions()},
        "system": src.env["system"],
        "outputs": outputs,
    }


def write(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
