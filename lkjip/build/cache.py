"""Content-addressed cache of executed chapters (and of the stitched report), and the hashes
that key it.

A chapter is re-executed only when something it depends on changed. Its key has two parts:

* the **static key**, known before running anything: the chapter's notebook (its cells'
  types, sources and tags: not its stored outputs), the notebook parameters, every params
  file, every rule file, every file of the package, the names of the files in the office's
  data folder (a file added or removed), and the environment (Python and every installed
  distribution's version);
* the **data files** a result was made from, each with its sha256, stored in the entry and
  re-hashed on every build (a chapter's entry lists every file of the office's data folder).

An entry is ``<cache>/<kind>/<name>/<static key>.meta`` (JSON: the files read and the sha256
of the stored result) next to the result itself (``<static key>.<ext>``). The result is written
first and the meta last, each through a temporary file and ``os.replace``; a meta that does not
parse, or a result whose sha256 differs from the meta's, is a miss (and is overwritten).

This module is on the "nothing changed" path of a build: it imports nothing heavy.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip.paths import write_atomic

CACHE_FORMAT = 1
KEEP_PER_NAME = 4  # entries kept per chapter (older ones are removed when a new one is stored)

# Distributions whose versions the manifest lists (the cache key covers every installed one).
KEY_PACKAGES = ("pandas", "numpy", "matplotlib", "babel", "pyyaml", "pandera", "papermill",
                "nbclient", "nbformat", "nbconvert", "ipykernel", "ipython", "jupyter_client",
                "mistune", "jinja2", "weasyprint", "pydyf", "fonttools", "tinycss2")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path | str) -> str | None:
    """The file's sha256, or None when it does not exist."""
    try:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def sha256_json(obj: Any) -> str:
    return sha256_bytes(json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode())


def tree(folder: Path, suffixes: Iterable[str] | None = None, skip: Iterable[str] = ()) -> dict[str, str]:
    """sha256 of every file under ``folder`` (relative POSIX path -> hash), sorted.

    ``suffixes`` keeps only files ending so; a path with a part in ``skip`` (or a
    ``__pycache__`` or dot folder) is left out.
    """
    skip = set(skip) | {"__pycache__"}
    sufs = tuple(suffixes) if suffixes else None
    out: dict[str, str] = {}
    if not folder.is_dir():
        return out
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith((".pyc", ".tmp")) or (sufs and not name.endswith(sufs)):
                continue
            path = Path(root) / name
            out[path.relative_to(folder).as_posix()] = sha256_file(path) or ""
    return dict(sorted(out.items()))


def listing(folder: Path) -> list[str]:
    """The relative paths of the files under ``folder`` (names only, no contents)."""
    if not folder.is_dir():
        return []
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out += [(Path(root) / f).relative_to(folder).as_posix() for f in files if not f.startswith(".")]
    return sorted(out)


def notebook_source_hash(path: Path) -> str:
    """sha256 of what executing a notebook depends on: each cell's type, source and tags, and
    the kernel. Stored outputs, execution counts, ids and other metadata do not count (so a
    notebook re-saved by ``lkjip golden`` or JupyterLab keeps its cache entries)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = []
    for c in nb.get("cells", []):
        src = c.get("source", "")
        cells.append([c.get("cell_type"), "".join(src) if isinstance(src, list) else src,
                      sorted(c.get("metadata", {}).get("tags", []))])
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name", "")
    return sha256_json({"cells": cells, "kernel": kernel})


_ENV: dict[str, Any] | None = None


def environment() -> dict[str, Any]:
    """Python's version and every installed distribution with its version.

    Read from the names of the ``*.dist-info`` folders (one directory listing, no imports),
    so that upgrading any library invalidates the cache.
    """
    global _ENV
    if _ENV is None:
        dists: dict[str, str] = {}
        for key in ("purelib", "platlib"):
            folder = Path(sysconfig.get_paths()[key])
            try:
                names = os.listdir(folder)
            except FileNotFoundError:
                continue
            for n in names:
                if n.endswith((".dist-info", ".egg-info")):
                    stem = n.rsplit(".", 1)[0]
                    name, _, version = stem.partition("-")
                    dists[name.lower().replace("_", "-")] = version
        _ENV = {"python": sys.version.split()[0], "implementation": sys.implementation.name,
                "platform": sys.platform, "machine": os.uname().machine if hasattr(os, "uname") else "",
                "distributions": dict(sorted(dists.items())), "system": _system()}
    return _ENV


_LIB_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
             "/usr/lib", "/usr/local/lib")
_LIBS = ("libpango", "libharfbuzz", "libfontconfig", "libfreetype", "libcairo", "libgobject")
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts")


def _system() -> dict[str, Any]:
    """The system libraries and fonts charts and the PDF are drawn with, by file name (the
    name carries the version: libharfbuzz.so.0.60000.0) and size. A directory listing, no
    hashing: enough to notice an upgraded library, an installed HarfBuzz-Subset (WeasyPrint then
    subsets fonts differently) or a changed font."""
    dirs = [*os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep), *_LIB_DIRS]
    libs = set()
    for d in dirs:
        try:
            libs.update(n for n in os.listdir(d) if n.startswith(_LIBS))
        except OSError:
            continue
    fonts = []
    for d in _FONT_DIRS:
        root = Path(d).expanduser()
        for dirpath, _, files in os.walk(root):
            for f in files:
                path = Path(dirpath) / f
                try:
                    fonts.append(f"{path.relative_to(root).as_posix()}:{path.stat().st_size}")
                except OSError:
                    continue
    return {"libs": sorted(libs), "fonts": sorted(fonts)}


def key_versions() -> dict[str, str]:
    """Versions of the packages the manifest names."""
    d = environment()["distributions"]
    return {p: d.get(p.lower().replace("_", "-"), "") for p in KEY_PACKAGES}


# ---- the entries ---------------------------------------------------------------------------------


@dataclass
class Hit:
    data: bytes
    files_read: dict[str, str | None]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Lookup:
    """The outcome of a lookup: ``hit`` or the reason for a miss."""

    hit: Hit | None
    reason: str


class Cache:
    """The cache folder (``build/.cache`` by default). ``kind`` groups entries: "chapters",
    "figures", "report"."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _paths(self, kind: str, name: str, key: str, ext: str) -> tuple[Path, Path]:
        d = self.folder / kind / name
        return d / f"{key}.meta", d / f"{key}.{ext}"

    def get(self, kind: str, name: str, key: str, ext: str) -> Lookup:
        meta_path, data_path = self._paths(kind, name, key, ext)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Lookup(None, "belum ada di cache")
        except (ValueError, UnicodeDecodeError):
            return Lookup(None, "isi cache rusak (meta)")
        if not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT or meta.get("key") != key:
            return Lookup(None, "isi cache rusak (meta)")
        try:
            data = data_path.read_bytes()
        except FileNotFoundError:
            return Lookup(None, "isi cache rusak (hasil hilang)")
        if sha256_bytes(data) != meta.get("sha256"):
            return Lookup(None, "isi cache rusak (hash tidak cocok)")
        files = meta.get("files_read", {})
        if not isinstance(files, dict):
            return Lookup(None, "isi cache rusak (meta)")
        for path, digest in sorted(files.items()):
            if sha256_file(path) != digest:
                return Lookup(None, f"berubah: {_short(path)}")
        return Lookup(Hit(data, files, meta.get("extra", {})), "cached")

    def put(self, kind: str, name: str, key: str, ext: str, data: bytes,
            files_read: Iterable[str] = (), extra: dict[str, Any] | None = None) -> dict[str, str | None]:
        """Store ``data``; hashes the files read now (they are what the result was made from)."""
        meta_path, data_path = self._paths(kind, name, key, ext)
        files = {p: sha256_file(p) for p in sorted(set(files_read))}
        write_atomic(data_path, data)
        meta = {"format": CACHE_FORMAT, "key": key, "sha256": sha256_bytes(data),
                "files_read": files, "extra": extra or {}}
        write_atomic(meta_path, json.dumps(meta, indent=1, sort_keys=True).encode())
        self._prune(meta_path.parent)
        return files

    def _prune(self, folder: Path) -> None:
        metas = sorted(folder.glob("*.meta"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in metas[KEEP_PER_NAME:]:
            for p in folder.glob(old.stem + ".*"):
                p.unlink(missing_ok=True)


def _short(path: str) -> str:
    p = Path(path)
    return f"{p.parent.name}/{p.name}"
