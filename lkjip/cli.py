"""The ``lkjip`` command. Sub-commands import their module only when they run."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from lkjip.errors import LkjipError

# sub-command -> "module:function"; each function takes the parsed args and returns an exit code.
COMMANDS = {
    "check": "lkjip.load:cli_check",
    "figures": "lkjip.figures:cli_figures",
    "build": "lkjip.build:cli_build",
    "audit": "lkjip.audit:cli_audit",
    "golden": "lkjip.build:cli_golden",
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

    p = sub.add_parser("figures", help="print every figure of the report")
    _common(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = sub.add_parser("build", help="build the report")
    _common(p)
    p.add_argument("--format", default="html,pdf", help="comma-separated: html, pdf (default: html,pdf)")
    p.add_argument("--out", type=Path, default=None, help="build folder (default: the repository's build/)")
    p.add_argument("--rekonsiliasi", action="store_true",
                   help="add the appendix 'Catatan Rekonsiliasi' (differences from the published report)")
    p.add_argument("--no-cache", action="store_true", help="re-execute every chapter")
    p.add_argument("--quiet", action="store_true", help="no progress display")

    p = sub.add_parser("audit", help="check every figure and compare with the published report")
    _common(p)
    p.add_argument("--out", type=Path, default=None, help="build folder (default: the repository's build/)")

    p = sub.add_parser("golden", help="re-execute the notebooks in place as the nbval reference")
    _common(p)
    return parser


def resolve_year(args: argparse.Namespace) -> int:
    """The --year given, else the default year from params/defaults.yaml."""
    if getattr(args, "year", None):
        return int(args.year)
    from lkjip.params import default_year

    return default_year(getattr(args, "params", None))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.year = resolve_year(args)
    module_name, func_name = COMMANDS[args.command].split(":")
    try:
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


if __name__ == "__main__":
    sys.exit(main())
