"""Every path the project uses, in one place."""

from __future__ import annotations

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
