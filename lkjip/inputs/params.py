"""Per-run values of a year (params/<year>.yaml), as papermill and the build read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lkjip.errors import DataError, Problem
from lkjip.inputs.yaml_file import yaml_problem
from lkjip.paths import PARAMS_DIR


def read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([Problem(str(path), None, None, "berkas parameter", "berkas tidak ada",
                                 "buat berkas ini, mis. dengan menyalin berkas tahun lain lalu "
                                 "mengubah isinya")]) from None
    except UnicodeDecodeError as exc:
        raise DataError([Problem(str(path), None, None, "teks UTF-8",
                                 f"bita yang bukan UTF-8 ({exc.reason})",
                                 "simpan ulang dengan enkode UTF-8")]) from None
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # noqa: S506 (safe; libyaml is ~10x faster)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark else None
        raise DataError([Problem(str(path), row, None, "YAML yang sah",
                                 yaml_problem(str(getattr(exc, "problem", exc))),
                                 "periksa indentasi (spasi, bukan tab) dan titik dua setelah setiap "
                                 "kunci")]) from None
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), None, None, "pemetaan kunci: nilai",
                                 "daftar" if isinstance(data, list) else repr(data),
                                 "tulis 'kunci: nilai', satu kunci per baris")])
    return data


def default_year(params_dir: Path | None = None) -> int:
    path = Path(params_dir or PARAMS_DIR) / "defaults.yaml"
    value = read_file(path).get("default_year")
    if not isinstance(value, int) or isinstance(value, bool):
        raise DataError([Problem(str(path), None, "default_year", "default_year: <tahun>",
                                 "kunci itu tidak ada" if value is None else repr(value),
                                 "tambahkan mis. 'default_year: 2024', atau berikan --year")])
    return value


def load_params(year: int, params_dir: Path | None = None) -> dict[str, Any]:
    """defaults.yaml overlaid with <year>.yaml; ``year`` must match the file's own value."""
    folder = Path(params_dir or PARAMS_DIR)
    values = read_file(folder / "defaults.yaml") if (folder / "defaults.yaml").exists() else {}
    values.pop("default_year", None)
    path = folder / f"{year}.yaml"
    own = read_file(path)
    values.update(own)
    if values.get("year") != int(year):
        raise DataError([Problem(str(path), None, "year", f"year: {year}",
                                 f"year: {values.get('year')!r}",
                                 "nama berkas dan isian 'year' harus sama")])
    return values
