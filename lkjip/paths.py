"""Every path the project uses, in one place; and how a file is written so that no reader sees
half of it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJ_ROOT / "data"
PARAMS_DIR = PROJ_ROOT / "params"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
BUILD_DIR = PROJ_ROOT / "build"
GOLDEN_DIR = PROJ_ROOT / "tests" / "golden"  # the reference run's figures, by id (make golden)
RULES_DIR = Path(__file__).resolve().parent / "rules"
KESIAPAN_RULES_DIR = RULES_DIR / "kesiapan"  # criteria of the yearly SAKIP evaluation (LKE)
TEMPLATES_DIR = Path(__file__).resolve().parent / "present" / "templates"
SOURCE_REPORT = PROJ_ROOT.parent / "shared" / "source-report" / "lkjip-2024-kanim-pamekasan.md"


def office_dir(office: str, data_dir: Path | None = None) -> Path:
    """The folder that holds one office's inputs."""
    return (Path(data_dir) if data_dir else DATA_DIR) / office


def year_build_dir(year: int, build_dir: Path | None = None) -> Path:
    return (Path(build_dir) if build_dir else BUILD_DIR) / str(year)


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it back at once
    os.umask(mask)
    return mask


# Read once, at import (os.umask is process-wide: reading it later, from a thread, would race).
_UMASK = _umask()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file and a rename: a reader never sees half a file.

    The file gets the mode an ordinary ``open(path, "w")`` would give (0666 less the umask),
    not mkstemp's 0600: the report is for others to read (a web server, a shared folder).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
