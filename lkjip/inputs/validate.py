"""Validating a year's inputs: every file read, every problem collected (never stopping at the
first), then the checks across tables; and ``lkjip check``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip.errors import DataError, Problem
from lkjip.inputs.crosschecks import CrossChecks
from lkjip.inputs.load import FILES, read_file
from lkjip.inputs.reading import Read, err, shown_path
from lkjip.inputs.yaml_file import line_of, read_yaml
from lkjip.paths import DATA_DIR, PARAMS_DIR, office_dir


@dataclass
class ValidationReport:
    """What ``validate_year`` found: errors, warnings, and how much was read."""

    errors: list[Problem]
    warnings: list[Problem]
    tables: int  # data files read (CSV and YAML)
    rows: int  # CSV data rows read
    office: str = ""
    year: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_params(year: int, params_root: Path) -> tuple[dict[str, Any], list[Problem]]:
    """defaults.yaml overlaid with <year>.yaml, as lkjip.inputs.params reads them, with line numbers."""
    from lkjip.inputs import yaml_spec

    problems: list[Problem] = []
    values: dict[str, Any] = {}
    defaults = params_root / "defaults.yaml"
    if defaults.exists():
        result = read_yaml(yaml_spec.DEFAULTS_SPEC, defaults, shown_path(defaults, params_root.parent))
        problems += result.problems
        # an optional key left out of defaults.yaml reads as empty: it must not hide a missing key
        values.update({k: v for k, v in (result.value or {}).items() if v is not None})
        values.pop("default_year", None)
    path = params_root / f"{year}.yaml"
    shown = shown_path(path, params_root.parent)
    optional = {f"{k}?": v for k, v in yaml_spec.PARAMS_SPEC.items() if k in values}
    spec = {k: v for k, v in yaml_spec.PARAMS_SPEC.items() if k not in values} | optional
    if not path.exists():
        problems.append(err(shown, None, None, f"berkas parameter tahun {year}", "berkas tidak ada",
                             "buat berkas ini, mis. dengan menyalin berkas tahun lain lalu "
                             "mengubah isinya"))
        return values, problems
    result = read_yaml(spec, path, shown)
    problems += result.problems
    if result.value is not None:
        values.update(result.value)
        if values.get("year") != year:
            problems.append(err(shown, line_of(result.raw, "year"), "year", f"year: {year}",
                                 f"year: {values.get('year')!r}",
                                 "nama berkas dan isian 'year' harus sama"))
    return values, problems


def validate_year(year: int, data_dir: Path | None = None,
                  params_dir: Path | None = None) -> ValidationReport:
    """Read every input of a year and check it; never stops at the first problem."""
    data_root = Path(data_dir or DATA_DIR)
    params_root = Path(params_dir or PARAMS_DIR)
    params, problems = _read_params(year, params_root)
    office = params.get("office")
    if not office:
        problems.append(err(shown_path(params_root / "defaults.yaml", params_root.parent), None,
                             "office", "kode kantor, mis. 'office: kanim-pamekasan'",
                             "kunci itu tidak ada", "tambahkan ke params/defaults.yaml"))
        return _report(problems, 0, 0, "", year)
    folder = office_dir(office, data_root)
    if not folder.is_dir():
        problems.append(err(shown_path(folder, data_root), None, None,
                             f"folder data kantor '{office}'", "folder itu tidak ada",
                             "periksa --data dan isian 'office' di params"))
        return _report(problems, 0, 0, office, year)

    results: dict[str, Read] = {}
    tables = rows = 0
    for name in FILES:
        result, path = read_file(name, folder, year, data_root)
        if path.exists():
            tables += 1
            rows += result.rows
        results[name] = result
        problems += result.problems
    checks = CrossChecks(year, {n: r for n, r in results.items() if r.ok},
                          {n: shown_path(folder / f.format(year=year), data_root)
                           for n, f in FILES.items()})
    problems += checks.run()
    return _report(problems, tables, rows, office, year)


def _report(problems: list[Problem], tables: int, rows: int, office: str,
            year: int) -> ValidationReport:
    return ValidationReport(
        errors=[p for p in problems if p.severity != "warning"],
        warnings=[p for p in problems if p.severity == "warning"],
        tables=tables, rows=rows, office=office, year=year)


# --- lkjip check ----------------------------------------------------------------------------------
def cli_check(args: argparse.Namespace,
              then: Callable[[], list[Problem]] | None = None) -> int:
    """``lkjip check``: 0 and one summary line, or 2 and every problem, one per line.

    ``then`` runs when the inputs are valid (the later stages' own checks); its problems are
    errors of the check."""
    import yaml

    strict = bool(getattr(args, "strict", False))
    try:
        report = validate_year(args.year, getattr(args, "data", None),
                               getattr(args, "params", None))
    except DataError as exc:
        report = _report(exc.problems, 0, 0, "", args.year)
    except (OSError, yaml.YAMLError) as exc:
        report = _report([err(str(getattr(exc, "filename", "") or "masukan"), None, None,
                               "masukan yang dapat dibaca", f"{type(exc).__name__}: {exc}",
                               "periksa berkas itu dan izin aksesnya")], 0, 0, "", args.year)
    if then is not None and not report.errors:
        report.errors.extend(then())
    office = report.office or "?"
    failed = bool(report.errors) or (strict and bool(report.warnings))
    # Printed for analysts, in Bahasa Indonesia.
    if not failed:
        print(f"lolos: {office} {report.year}: {report.tables} berkas, {report.rows} baris data, "
              f"{len(report.warnings)} peringatan")
        _print(report.warnings, "peringatan", sys.stdout)
        return 0
    _print(report.errors, "kesalahan", sys.stderr)
    _print(report.warnings, "peringatan", sys.stderr)
    note = " (--strict: peringatan dihitung sebagai kesalahan)" if strict and report.warnings else ""
    print(f"gagal: {office} {report.year}: {len(report.errors)} kesalahan, "
          f"{len(report.warnings)} peringatan{note}", file=sys.stderr)
    return 2


def _print(problems: Iterable[Problem], prefix: str, stream: Any) -> None:
    for problem in problems:
        print(f"{prefix}: {problem}", file=stream)
