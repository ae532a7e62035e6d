"""A small office to break: a copy of the synthetic office (tests/fixtures/kantor-contoh) in a
temporary folder, with helpers to change one cell, row or key and check its inputs.

The check here is the inputs' half of ``lkjip check`` (what it prints, and its exit code); the
other half (every figure and chapter run) belongs to the later stages' tests. test_check.py runs
the whole installed command once."""

from __future__ import annotations

import argparse
import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Workspace

from lkjip.inputs.validate import cli_check

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "kantor-contoh"
OFFICE = "kanim-contoh"


def where(severity: str, file: str, row: int | None, column: str | None) -> str:
    """How a problem line starts: 'kesalahan: kanim-contoh/x.csv, baris 3, kolom 'y':'."""
    shown = file if file.startswith("params/") else f"{OFFICE}/{file}"
    text = f"{severity}: {shown}"
    if row is not None:
        text += f", baris {row}"
    if column is not None:
        text += f", {'kunci' if file.endswith('.yaml') else 'kolom'} '{column}'"
    return text + ":"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def line(self, start: str, *fragments: str) -> str:
        """The one output line that starts with ``start`` and holds every fragment.

        Every line that names a problem carries a hint: the analyst is told what to do.
        """
        text = self.out + self.err
        found = [line for line in text.splitlines()
                 if line.startswith(start) and all(f in line for f in fragments)]
        assert found, f"no line starting {start!r} with {fragments!r} in:\n{text}"
        assert "(petunjuk: " in found[0], found[0]
        return found[0]

    def error(self, file: str, row: int | None, column: str | None, *fragments: str) -> str:
        """The error line about a file of the office (row and column as the message names them)."""
        return self.line(where("kesalahan", file, row, column), *fragments)

    def warning(self, file: str, row: int | None, column: str | None, *fragments: str) -> str:
        return self.line(where("peringatan", file, row, column), *fragments)

    @property
    def problems(self) -> list[str]:
        return [line for line in (self.out + self.err).splitlines()
                if line.startswith(("kesalahan: ", "peringatan: "))]


@dataclass
class Office(Workspace):
    """The synthetic office's data and params, in a temporary folder (``office`` is its data
    folder; ``path``, ``read``, ``write`` and ``replace`` as for any workspace)."""

    capsys: pytest.CaptureFixture

    def line_of(self, name: str, fragment: str) -> int:
        """The line (1-based) of a file that first holds ``fragment``."""
        for number, line in enumerate(self.read(name).splitlines(), start=1):
            if fragment in line:
                return number
        raise AssertionError(f"{fragment!r} not in {name}")

    # CSV tables ------------------------------------------------------------------------------
    def rows(self, name: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.read(name), newline="")))

    def write_rows(self, name: str, rows: list[list[str]]) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        self.write(name, buffer.getvalue())

    def set_cell(self, name: str, where: dict[str, str], column: str, value: str) -> int:
        """Set one cell of the first row matching ``where``; return its spreadsheet row."""
        rows = self.rows(name)
        header = rows[0]
        for number, row in enumerate(rows[1:], start=2):
            if all(row[header.index(k)] == v for k, v in where.items()):
                row[header.index(column)] = value
                self.write_rows(name, rows)
                return number
        raise AssertionError(f"no row {where} in {name}")

    def append(self, name: str, *rows: str) -> int:
        """Append rows written as CSV lines; return the spreadsheet row of the first one."""
        text = self.read(name)
        if not text.endswith("\n"):
            text += "\n"
        first = len(text.splitlines()) + 1
        self.write(name, text + "".join(f"{row}\n" for row in rows))
        return first

    def drop(self, name: str, where: dict[str, str]) -> None:
        rows = self.rows(name)
        header = rows[0]
        kept = [rows[0]] + [r for r in rows[1:]
                            if not all(r[header.index(k)] == v for k, v in where.items())]
        assert len(kept) < len(rows), f"no row {where} in {name}"
        self.write_rows(name, kept)

    # the command -----------------------------------------------------------------------------
    def check(self, *extra: str, year: int = 2024) -> Result:
        """``lkjip check --year Y [--strict]`` on the inputs of this office."""
        self.capsys.readouterr()
        args = argparse.Namespace(year=year, data=self.data, params=self.params,
                                  strict="--strict" in extra)
        code = cli_check(args)
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return Result(code, out, err)

    def failed(self, *extra: str, year: int = 2024) -> Result:
        """``lkjip check`` on inputs that must fail: exit 2, problems on stderr, a summary last."""
        result = self.check(*extra, year=year)
        assert result.code == 2, result.out + result.err
        assert result.out == ""
        assert result.err.rstrip().splitlines()[-1].startswith(f"gagal: {OFFICE} {year}: ")
        return result


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture) -> Office:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "params", tmp_path / "params")
    return Office(tmp_path / "data", tmp_path / "params", tmp_path / "data" / OFFICE, capsys)
