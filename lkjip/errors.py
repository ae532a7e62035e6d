"""One family of errors. Each carries a message written for the person who must act on it."""

from __future__ import annotations

from dataclasses import dataclass


class LkjipError(Exception):
    """Base of every error lkjip raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One finding about the inputs: where it is, what was expected, what was found."""

    file: str
    row: int | None  # the row as a spreadsheet shows it (header = 1, first data row = 2),
    # or the line of a YAML file
    column: str | None
    expected: str
    found: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        # Shown to analysts: in Bahasa Indonesia. A YAML file has keys where a CSV has columns.
        where = self.file
        if self.row is not None:
            where += f", baris {self.row}"
        if self.column and self.file.endswith(".ipynb"):
            where += f", {self.column}"  # a notebook's cell, e.g. "sel 4 (L.tabel(...))"
        elif self.column:
            label = "kunci" if self.file.endswith((".yaml", ".yml")) else "kolom"
            where += f", {label} '{self.column}'"
        text = f"{where}: seharusnya {self.expected}; ditemukan: {self.found}"
        if self.hint:
            text += f" (petunjuk: {self.hint})"
        return text


class DataError(LkjipError):
    """The inputs of a year are invalid; ``problems`` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class RuleError(LkjipError):
    """A rule file is missing or invalid."""


class FigureError(LkjipError):
    """A figure id is unknown or cannot be computed."""


class BuildError(LkjipError):
    """A chapter failed to execute or the report could not be assembled."""


class AuditError(LkjipError):
    """A consistency check failed: a figure does not follow from its parts."""
