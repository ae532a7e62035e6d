"""Reading one file of the inputs as text: the outcome of a read, and the problems a file can
have before its contents are looked at (missing, empty, not UTF-8, broken CSV quoting)."""

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


# How to save a file as UTF-8, said for the program that most likely wrote it.
SAVE_CSV_UTF8 = ("simpan ulang sebagai 'CSV UTF-8 (Comma delimited) (*.csv)' di Excel, atau di "
                 "LibreOffice pilih set karakter 'Unicode (UTF-8)' dan pemisah kolom koma")
SAVE_YAML_UTF8 = "simpan ulang dengan enkode UTF-8 (di penyunting teks: Save with Encoding > UTF-8)"
MAX_ENCODING_LINES = 5  # lines listed one by one when a file is not UTF-8; the rest are counted


def read_text(path: Path, shown: str, what: str, raw: bytes | None = None) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file (or of its bytes ``raw``, already read), or None with the
    problems (missing, empty, not UTF-8). A UTF-8 byte order mark (Excel's 'CSV UTF-8' writes
    one) is dropped."""
    try:
        if raw is None:
            raw = path.read_bytes()
    except FileNotFoundError:
        return None, [err(shown, None, None, what, "berkas tidak ada",
                           "buat berkas ini seperti dijelaskan di docs/ARCHITECTURE.md")]
    except IsADirectoryError:
        return None, [err(shown, None, None, what, "sebuah folder",
                           "ganti folder itu dengan berkasnya")]
    except OSError as exc:
        return None, [err(shown, None, None, "berkas yang dapat dibaca",
                           f"{type(exc).__name__}: {exc.strerror or exc}",
                           "periksa izin akses berkas ini")]
    problems: list[Problem] = []
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if not raw.strip():
        problems.append(err(shown, None, None, what,
                             "berkas kosong (0 bita)" if not raw else "hanya spasi atau baris kosong",
                             "isi berkas ini, atau hapus berkasnya bila datanya memang tidak ada "
                             "dan tabelnya boleh tidak ada"))
        return None, problems
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError:
        pass
    save = SAVE_YAML_UTF8 if shown.endswith((".yaml", ".yml")) else SAVE_CSV_UTF8
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(err(shown, None, None, "teks UTF-8",
                             "teks UTF-16 (mis. disimpan Excel sebagai 'Unicode Text')", save))
        return None, problems
    bad_lines = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_lines.append((number, line, exc))
    for number, line, exc in bad_lines[:MAX_ENCODING_LINES]:
        bad = line[exc.start:exc.start + 1].hex().upper()
        snippet = line.decode("cp1252", errors="replace").strip()
        if len(snippet) > 60:
            snippet = snippet[:57] + "..."
        problems.append(err(shown, number, None, "teks UTF-8",
                             f"bita 0x{bad} yang bukan UTF-8 di '{snippet}'",
                             "berkas ini tampaknya berenkode Windows-1252/Latin-1 (mis. disimpan "
                             "Excel sebagai 'CSV (Comma delimited)'): " + save))
    if len(bad_lines) > MAX_ENCODING_LINES:
        problems.append(err(shown, None, None, "teks UTF-8",
                             f"{len(bad_lines) - MAX_ENCODING_LINES} baris lain yang juga bukan UTF-8",
                             save))
    return None, problems


# csv module messages -> what they mean for the person who wrote the file
_CSV_ERRORS = {
    "unexpected end of data": "berkas berakhir di dalam tanda petik dua (\") yang tidak ditutup",
    "new-line character seen in unquoted field": "baris baru di tengah sel tanpa tanda petik",
    "field larger than field limit": "sel yang sangat panjang (tanda petik dua yang tidak ditutup?)",
    "line contains NUL": "karakter NUL (berkas ini bukan teks CSV?)",
    "expected after '\"'": "teks setelah tanda petik penutup (\") di dalam sel",
}


def csv_records(text: str, shown: str) -> tuple[list[list[str]] | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # an unclosed quote is an error
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        message = str(exc)
        found = next((said for key, said in _CSV_ERRORS.items() if key in message),
                     f"baris CSV yang rusak ({message})")
        return None, [err(shown, len(records) + 1, None, "baris CSV yang sah", found,
                           "periksa tanda petik dua (\") di baris ini: setiap petik pembuka perlu "
                           "petik penutup")]
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()  # trailing blank lines
    return records, []


def shown_path(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the data folder given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
