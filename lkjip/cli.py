"""The ``lkjip`` command: its parser, and the commands that are a few lines over a stage's API.
Sub-commands import what they use only when they run."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from lkjip.errors import LkjipError

# sub-command -> "module:function"; each function takes the parsed args and returns an exit code.
COMMANDS = {
    "check": "lkjip.cli:cli_check",
    "figures": "lkjip.cli:cli_figures",
    "build": "lkjip.cli:cli_build",
    "audit": "lkjip.cli:cli_audit",
    "kesiapan": "lkjip.cli:cli_kesiapan",
    "golden": "lkjip.cli:cli_golden",
    "tahun-baru": "lkjip.inputs.tahun_baru:cli_tahun_baru",
    "batch": "lkjip.batch.driver:cli_batch",
    "sintetis": "lkjip.cli:cli_sintetis",
}


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, default=None, help="reporting year (default: params/defaults.yaml)")
    p.add_argument("--data", type=Path, default=None, help="data folder (default: the repository's data/)")
    p.add_argument("--params", type=Path, default=None, help="params folder (default: the repository's params/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lkjip", description="LKjIP generated from data.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate a year's inputs")
    _common(p)
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--kesiapan", action="store_true",
                   help="also check evaluation readiness: exit 1 while a blocking criterion is not met")

    p = sub.add_parser("figures", help="print every figure of the report")
    _common(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = sub.add_parser("build", help="build the report")
    _common(p)
    p.add_argument("--format", default="html,pdf", help="comma-separated: html, pdf, docx (default: html,pdf)")
    p.add_argument("--out", type=Path, default=None, help="build folder (default: the repository's build/)")
    p.add_argument("--rekonsiliasi", action="store_true",
                   help="add the appendix 'Catatan Rekonsiliasi' (differences from the published report)")
    p.add_argument("--no-cache", action="store_true", help="re-execute every chapter")
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser("audit", help="check every figure and compare with the published report")
    _common(p)
    p.add_argument("--out", type=Path, default=None, help="build folder (default: the repository's build/)")

    p = sub.add_parser("tahun-baru", help="draft a new year from the last one (params, PK, narasi)")
    _common(p)
    p.set_defaults(year_required=True)
    p.add_argument("--dari", type=int, default=None,
                   help="the year to copy (default: the last year with a PK)")

    p = sub.add_parser("kesiapan", help="check the report against the SAKIP evaluation criteria (kesiapan.html)")
    _common(p)
    p.add_argument("--out", type=Path, default=None, help="build folder (default: the repository's build/)")
    p = sub.add_parser("batch", help="build every office of a data root on Dask, and the consolidated edition")
    p.set_defaults(year_required=True)
    p.add_argument("--year", type=int, default=None, help="reporting year")
    p.add_argument("--data-root", type=Path, required=True,
                   help="one folder per office: <office>/data/<office>/ and <office>/params/")
    p.add_argument("--offices", default=None, help="comma-separated office ids (default: every office)")
    p.add_argument("--format", default="html,pdf", help="comma-separated: html, pdf, docx (default: html,pdf)")
    p.add_argument("--out", type=Path, default=None,
                   help="output root: <out>/<office>/<year>/ and <out>/_gabungan/<year>/ (default: build/)")
    p.add_argument("--workers", type=int, default=None, help="Dask workers of the local cluster (default: cores)")
    p.add_argument("--scheduler", default=None, help="an existing Dask scheduler, e.g. tcp://HOST:8786")
    p.add_argument("--banding", action="store_true",
                   help="compare each office's capaian with the batch average in BAB III (analysis d)")
    p.add_argument("--nama", default=None, help="the batch's name as printed (default: batch.yaml, else the folder)")
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser("sintetis", help="write N made-up offices for tests and benchmarks")
    p.add_argument("--n", type=int, default=20, help="how many offices (default 20)")
    p.add_argument("--seed", type=int, default=1, help="seed (the same seed gives the same offices)")
    p.add_argument("--year", type=int, default=2025, help="reporting year (default 2025)")
    p.add_argument("--out", type=Path, required=True, help="an empty folder (or one of synthetic offices)")

    p = sub.add_parser("golden", help="re-execute the notebooks in place as the nbval reference")
    _common(p)
    return parser


def resolve_year(args: argparse.Namespace) -> int:
    """The --year given, else the default year from params/defaults.yaml."""
    if getattr(args, "year", None):
        return int(args.year)
    from lkjip.inputs.params import default_year

    return default_year(getattr(args, "params", None))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "year_required", False) and args.year is None:
        parser.error(f"{args.command}: sebutkan tahun baru dengan --year, mis. --year 2025")
    module_name, func_name = COMMANDS[args.command].split(":")
    try:
        args.year = resolve_year(args)
        func = getattr(importlib.import_module(module_name), func_name)
        return int(func(args) or 0)
    except LkjipError as exc:
        print(f"lkjip {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into e.g. `head`: stop quietly, no traceback
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug: one line for the user, the traceback in a file
        return _bug(args.command, exc)


def _bug(command: str, exc: BaseException) -> int:
    """An unexpected error (a bug in lkjip or a library): say so in one line, and where the full
    traceback was written for the bug report."""
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile("w", prefix=f"lkjip-{command}-", suffix=".log", delete=False,
                                     encoding="utf-8") as f:
        traceback.print_exception(exc, file=f)
    print(f"lkjip {command}: kesalahan di dalam lkjip atau pustakanya, bukan di data Anda "
          f"({type(exc).__name__}: {exc}). Jejak lengkapnya ada di {f.name}; lampirkan berkas itu "
          "saat melaporkan.", file=sys.stderr)
    return 3


# ---- commands -------------------------------------------------------------------------------
def cli_figures(args: argparse.Namespace) -> int:
    """``lkjip figures``: every figure of the year, as a table or as JSON."""
    from lkjip.errors import DataError
    from lkjip.figures import Figures
    from lkjip.inputs import validate_year

    report = validate_year(args.year, args.data, args.params)
    if report.errors:
        raise DataError(report.errors)
    figs = Figures(args.year, args.data, args.params)
    if args.json:
        print(figs.to_json(), end="")
        return 0
    for fid, f in figs.all().items():
        v = "" if f.value is None else f.value
        print(f"{fid}\t{v}\t{f.unit}")
    return 0


def cli_build(args: argparse.Namespace) -> int:
    """``lkjip build``: exit 2 when a chapter fails or an audit check fails (a bug in lkjip)."""
    from lkjip.build.build import build, formats_of

    formats = formats_of(args.format or None)
    result = build(args.year, formats=formats, data_dir=args.data, params_dir=args.params,
                   out_dir=args.out, rekonsiliasi=bool(args.rekonsiliasi),
                   use_cache=not args.no_cache, progress=None if args.quiet else sys.stderr)
    for name, message in result.audit_failed:
        print(f"lkjip build: pemeriksaan audit gagal [{name}] {message} (kesalahan lkjip: laporkan)", file=sys.stderr)
    if not args.quiet:
        for line in closing_lines(result, args.year, formats):
            print(line, file=sys.stderr)
        if result.kesiapan is not None:
            print(f"  {result.kesiapan['summary']} ({_shown(result.folder / 'kesiapan.html')})", file=sys.stderr)
    return 2 if result.audit_failed else 0


def cli_check(args: argparse.Namespace) -> int:
    """``lkjip check``: the inputs, then every figure and every chapter run in this process, so
    that a year that passes also builds (exit 2 when not); with ``--kesiapan`` also the
    evaluation readiness of the year's data, exit 1 while a blocking criterion is not met."""
    from lkjip.build.periksa import periksa
    from lkjip.inputs.validate import cli_check as check_inputs

    code = check_inputs(args, then=lambda: periksa(args.year, args.data, args.params))
    if code or not args.kesiapan:
        return code
    from lkjip.audit.kesiapan import kesiapan_year, lines

    result = kesiapan_year(args.year, args.data, args.params)
    print("\n".join(lines(result)))
    return 1 if result.menghalangi else 0


def cli_kesiapan(args: argparse.Namespace) -> int:
    """``lkjip kesiapan``: the readiness check, written next to the year's build (with the places
    in the built report when it exists); exit 1 while a blocking criterion is not met."""
    from lkjip.audit.kesiapan import kesiapan_year, lines, write_outputs
    from lkjip.paths import year_build_dir

    out_dir = year_build_dir(args.year, args.out)
    html_path = out_dir / f"lkjip-{args.year}.html"
    html_text = html_path.read_text(encoding="utf-8") if html_path.exists() else None
    result = kesiapan_year(args.year, args.data, args.params, html_text)
    write_outputs(result, out_dir)
    print("\n".join(lines(result)))
    if html_text is None:
        print(f"catatan: {html_path} tidak ada; letak di laporan tidak diperiksa (jalankan lkjip build dahulu)")
    print(f"ditulis: {out_dir / 'kesiapan.json'} dan {out_dir / 'kesiapan.html'}")
    return 1 if result.menghalangi else 0


def _shown(path: Path) -> str:
    """A path as the user typed it: relative to the current folder when it is under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def closing_lines(result: object, year: int, formats: tuple[str, ...]) -> list[str]:
    """The build's last lines, in plain Indonesian: where the report and the audit are, and how
    many figures differ from the edition the office published."""
    folder = result.folder  # type: ignore[attr-defined]
    made = [_shown(folder / f"lkjip-{year}.{f}") for f in ("pdf", "html", "docx") if f in formats]
    lines = [f"  Laporan: {', '.join(made)}"]
    audit = result.audit  # type: ignore[attr-defined]
    if audit is None:
        return lines
    lines.append(f"  {audit['summary']}")
    where = _shown(folder / "audit.html")
    counts = audit.get("counts") or {}
    beda, tidak = counts.get("mismatch", 0), counts.get("not_derivable", 0)
    if not beda and not tidak:
        lines.append(f"  Semua angka laporan terbitan sama dengan hasil hitung ulang. Audit: {where}")
        return lines
    lines.append(f"  {beda} angka dalam laporan ini berbeda dari laporan yang diterbitkan kantor; "
                 f"{tidak} angka terbitan tidak dapat dihitung ulang dari data.")
    for label, printed, computed in audit.get("berbeda") or []:
        lines.append(f"    - {label}: terbitan {printed}, hasil hitung {computed}")
    lines.append(f"  Rinciannya, angka demi angka: {where}")
    return lines
def cli_sintetis(args: argparse.Namespace) -> int:
    """``lkjip sintetis``: made-up offices, laid out for ``lkjip batch``."""
    from lkjip.batch.sintetis import generate

    ids = generate(args.out, args.n, args.seed, args.year)
    print(f"{len(ids)} kantor sintetis di {args.out}: {ids[0]} .. {ids[-1]}", file=sys.stderr)
    return 0


def cli_golden(args: argparse.Namespace) -> int:
    """``lkjip golden``: the notebooks re-executed in place (nbval's reference outputs)."""
    from lkjip.build.golden import golden
    from lkjip.paths import NOTEBOOKS_DIR

    written = golden(args.year, data_dir=args.data, params_dir=args.params, progress=sys.stderr)
    print(f"{len(written) - 1} notebooks re-executed in place in {NOTEBOOKS_DIR}; figures in {written[-1]}",
          file=sys.stderr)
    return 0


def cli_audit(args: argparse.Namespace) -> int:
    """``lkjip audit``: the checks and the reconciliation, written next to the year's build."""
    from lkjip.audit.result import audit_year, write_outputs
    from lkjip.paths import year_build_dir

    out_dir = year_build_dir(args.year, args.out)
    html_path = out_dir / f"lkjip-{args.year}.html"
    html_text = html_path.read_text(encoding="utf-8") if html_path.exists() else None
    result, office = audit_year(args.year, args.data, args.params, html_text)
    write_outputs(result, out_dir, office)
    print(result.summary())
    if html_text is None:
        print(f"catatan: {html_path} tidak ada; laporan yang dirender tidak diperiksa (jalankan lkjip build dahulu)")
    for ch in result.failed:
        print(f"GAGAL [{ch.name}] {ch.message}")
    for fd in result.findings:
        if fd.status == "mismatch":
            places = "; ".join(f"{r.published} di {r.where}" + (f" (baris {r.line})" if r.line else "")
                               for r in fd.occurrences if r.status == "mismatch")
            print(f"berbeda {fd.figure}: hasil hitung {fd.computed!r}; tercetak {places}")
    print(f"ditulis: {out_dir / 'audit.json'} dan {out_dir / 'audit.html'}")
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
