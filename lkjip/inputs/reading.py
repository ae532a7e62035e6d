"""Reading one file of the inputs as text: the outcome of a read, and the problems a file can
have before its contents are looked at (missing, empty, a BOM, not UTF-8, broken CSV quoting)."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip.errors import Problem


# --- reading one file ------------------------------------------------------------------------
@dataclass
class Read:
    """The outcome of reading one file."""

    value: Any = None  # DataFrame, dict, or None when the file could not be used
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    raw: Any = None  # YAML: the data with line numbers (for cross-table checks)

    @property
    def ok(self) -> bool:
        return self.value is not None and not any(p.severity == "error" for p in self.problems)


def err(file: str, row: int | None, column: str | None, expected: str, found: str,
         hint: str = "") -> Problem:
    return Problem(file, row, column, expected, found, hint)


def warn(file: str, row: int | None, column: str | None, expected: str, found: str,
          hint: str = "") -> Problem:
    return Problem(file, row, column, expected, found, hint, severity="warning")


def read_text(path: Path, shown: str, what: str, raw: bytes | None = None) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file (or of its bytes ``raw``, already read), or None with the
    problems (missing, empty, BOM, encoding)."""
    try:
        if raw is None:
            raw = path.read_bytes()
    except FileNotFoundError:
        return None, [err(shown, None, None, what, "no such file",
                           "create it as docs/ARCHITECTURE.md describes")]
    except IsADirectoryError:
        return None, [err(shown, None, None, what, "a folder")]
    except OSError as exc:
        return None, [err(shown, None, None, "a readable file", f"{type(exc).__name__}: "
                                                                 f"{exc.strerror or exc}")]
    problems = []
    if raw.startswith(codecs.BOM_UTF8):
        problems.append(err(shown, None, None, "UTF-8 without BOM",
                             "a UTF-8 byte order mark (BOM) at the start",
                             "save as UTF-8 without BOM: Excel's 'CSV UTF-8' adds one, "
                             "LibreOffice and text editors can leave it out"))
        raw = raw[len(codecs.BOM_UTF8):]
    if not raw.strip():
        problems.append(err(shown, None, None, what,
                             "an empty file (0 bytes)" if not raw else "only blank space"))
        return None, problems
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError:
        pass
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(err(shown, None, None, "UTF-8 text", "UTF-16 text",
                             "save the file as UTF-8"))
        return None, problems
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = line[exc.start:exc.start + 1].hex().upper()
            snippet = line.decode("cp1252", errors="replace").strip()
            if len(snippet) > 60:
                snippet = snippet[:57] + "..."
            problems.append(err(shown, number, None, "UTF-8 text",
                                 f"byte 0x{bad} that is not UTF-8 in '{snippet}'",
                                 "the file looks Latin-1/Windows-1252 encoded: save it as UTF-8"))
    return None, problems


def csv_records(text: str, shown: str) -> tuple[list[list[str]] | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        return None, [err(shown, len(records) + 1, None, "a valid CSV row", str(exc),
                           "check the quotes (\") of this row")]
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()  # trailing blank lines
    return records, []


def shown_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the data folder given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
