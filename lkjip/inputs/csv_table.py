"""One CSV table read, parsed cell by cell, and validated (pandera): every problem with its row
and column, the frame only when there is no error.

Parsing alone makes the frame; validation only finds problems. So bytes this build has already
validated (:mod:`lkjip.inputs.load`) are parsed without validating them again (``periksa=False``):
the same frame, and pandera is not imported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from lkjip.errors import Problem
from lkjip.inputs.reading import Read, csv_records, err, read_text, warn

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from lkjip.inputs.tables import Table


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    """A CSV file of the data folder as lkjip writes one (the batch's comparison table, the
    synthetic offices): UTF-8, commas, "\n" line ends, an empty cell for None."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def read_csv(table: Table, path: Path, shown: str, raw: bytes | None = None, periksa: bool = True) -> Read:
    """Read, parse and validate one CSV table (``periksa=False``: parse only); the frame only if
    it has no error."""
    import pandas as pd

    from lkjip.inputs import cells

    out = Read()
    columns = table.column_names
    header_wanted = "berkas CSV dengan baris judul " + ",".join(columns)
    text, problems = read_text(path, shown, header_wanted, raw)
    out.problems += problems
    if text is None:
        return out
    separator = other_separator(text, columns)
    if separator is not None:
        out.problems.append(separator_problem(shown, text, columns, separator))
        return out  # every column would be reported missing: say the one thing that is wrong
    records, problems = csv_records(text, shown)
    out.problems += problems
    if records is None:
        return out
    if not records:
        out.problems.append(err(shown, 1, None, header_wanted, "hanya baris kosong",
                                 "tulis baris judul di baris pertama: " + ",".join(columns)))
        return out

    header = [cell.strip() for cell in records[0]]
    present: list[str] = []
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in positions:
            out.problems.append(err(shown, 1, name, "setiap kolom satu kali",
                                     f"kolom '{name}' dua kali (sel ke-{positions[name] + 1} dan "
                                     f"ke-{i + 1})", "hapus salah satu kolom itu"))
            continue
        positions[name] = i
    lowered = {name.lower().replace(" ", "_"): name for name in header}
    for name in columns:
        if name in positions:
            present.append(name)
            continue
        near = lowered.get(name)
        hint = f"ganti nama kolom '{near}' menjadi '{name}'" if near else (
            "kolom berkas ini, berurutan: " + ",".join(columns))
        out.problems.append(err(shown, 1, name, f"kolom '{name}'", "kolom itu tidak ada", hint))
    for i, name in enumerate(header):
        if not name:
            out.problems.append(warn(shown, 1, None, "nama untuk setiap kolom",
                                      f"kolom ke-{i + 1} tanpa nama",
                                      "kolom itu diabaikan; hapus kolom tanpa nama itu"))
        elif name not in columns and name.lower().replace(" ", "_") not in columns:
            out.problems.append(warn(shown, 1, name, "hanya kolom " + ",".join(columns),
                                      f"kolom lain '{name}'",
                                      "kolom itu diabaikan; hapus kolom itu, atau perbarui kontrak "
                                      "data (docs/ARCHITECTURE.md)"))
    if len(present) == len(columns):
        order = sorted(present, key=lambda c: positions[c])
        if order != columns:
            out.problems.append(err(shown, 1, None, "urutan kolom " + ",".join(columns),
                                     ",".join(order), "susun ulang kolomnya sesuai urutan itu"))

    # cells -> typed columns
    body = records[1:]
    if not body and table.rows_required:
        out.problems.append(err(shown, None, None, "sedikitnya satu baris data",
                                 "hanya baris judul", "tambahkan baris datanya"))
    width = len(header)
    values: dict[str, list[Any]] = {name: [] for name in present}
    bad_columns: set[str] = set()
    keep: list[int] = []  # positions in `body` of the rows kept
    for i, record in enumerate(body):
        row = i + 2
        if not any(cell.strip() for cell in record):
            out.problems.append(err(shown, row, None, "baris data", "baris kosong",
                                     "hapus baris kosong itu"))
            continue
        if len(record) != width:
            out.problems.append(err(shown, row, None, f"{width} sel, seperti baris judul",
                                     f"{len(record)} sel", _ragged_hint(record, width)))
            continue  # its cells are out of place: a finding per cell would only mislead
        keep.append(i)
        for name in present:
            col = table.col(name)
            pos = positions[name]
            cell = record[pos].strip() if pos < len(record) else ""
            if cell == "":
                if not col.nullable:
                    out.problems.append(err(shown, row, name, cells.EXPECTED_CELL[col.kind],
                                             "sel kosong", cells.HINT_CELL[col.kind]))
                    bad_columns.add(name)
                values[name].append(None)
                continue
            value, error = cells.parse_cell(col.kind, cell)
            if error is not None:
                out.problems.append(err(shown, row, name, error.expected, error.found, error.hint))
                bad_columns.add(name)
            values[name].append(value)

    index = pd.Index(keep, dtype="int64")
    data = {}
    for name in present:
        col = table.col(name)
        dtype = col.dtype
        if name in bad_columns:
            dtype = {"int64": "Int64"}.get(dtype, dtype)
        if dtype in ("int64", "Int64"):
            series = pd.Series(pd.array(values[name], dtype="Int64"), index=index)
            data[name] = series.astype("int64") if dtype == "int64" else series
        elif dtype == "float64":
            data[name] = pd.Series([float("nan") if v is None else v for v in values[name]],
                                   index=index, dtype="float64")
        else:
            data[name] = pd.Series(values[name], index=index, dtype="str")
    frame = pd.DataFrame(data, index=index)
    out.rows = len(frame)
    if periksa:
        out.problems += validate_frame(table, frame, present, bad_columns, shown)
    out.problems.sort(key=lambda p: (p.row or 0))
    if not any(p.severity == "error" for p in out.problems):
        out.value = frame.reset_index(drop=True)
    return out


def validate_frame(table: Table, frame: pd.DataFrame, present: list[str],
                    bad_columns: set[str], shown: str) -> list[Problem]:
    """Run the table's pandera schema and translate its failure cases into Problems."""
    import pandera.pandas as pa

    from lkjip.inputs import cells, skema, tables

    complete = len(present) == len(table.columns) and not bad_columns
    schema = skema.of(table.name) if complete else skema.schema(table, present=present, loose=bad_columns)
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    row_checks = {rc.expected: rc for rc in table.row_checks}
    problems: list[Problem] = []
    seen: set[tuple] = set()
    duplicates: dict[tuple, list[int]] = defaultdict(list)
    row_problems: list[tuple[set[str], Problem]] = []
    for case in cases.to_dict("records"):
        check = str(case["check"])
        index = case["index"]
        has_index = index is not None and index == index
        row = int(index) + 2 if has_index else None
        if "uniqueness" in check:
            if has_index:
                key = tuple(frame.at[int(index), c] for c in table.key)
                if int(index) not in duplicates[key]:
                    duplicates[key].append(int(index))
            continue
        if check in row_checks:
            if (check, row) in seen:
                continue
            seen.add((check, row))
            rc = row_checks[check]
            row_problems.append((set(rc.columns), err(
                shown, row, rc.column, rc.expected,
                rc.found(frame.loc[int(index)]) if has_index else check, rc.hint)))
            continue
        column = case["column"]
        if (check, row, column) in seen:
            continue
        seen.add((check, row, column))
        expected, hint = tables.CHECK_HINTS.get(check, (None, ""))
        problems.append(err(shown, row, column, expected or check,
                             cells.show(case["failure_case"]),
                             hint or "periksa isian sel ini terhadap kontrak data "
                                     "(docs/ARCHITECTURE.md)"))
    # a row check says nothing new where one of its cells already failed its own check
    failed = {(p.row, p.column) for p in problems}
    problems += [p for columns, p in row_problems
                 if not any((p.row, c) in failed for c in columns)]
    for key, indexes in duplicates.items():
        rows = sorted(i + 2 for i in indexes)
        shown_key = ", ".join(f"{c}={cells.show(v)}" for c, v in zip(table.key, key, strict=True))
        problems.append(err(shown, rows[-1], ", ".join(table.key),
                             f"setiap kunci ({', '.join(table.key)}) satu kali",
                             f"{shown_key} di baris " + " dan ".join(str(r) for r in rows),
                             "satu baris untuk setiap kunci: hapus atau gabungkan baris kembarnya"))
    return problems


# --- a file saved with another separator -------------------------------------------------------
# Excel in an Indonesian (or other comma-decimal) locale saves "CSV" with ';' between cells and
# ',' as the decimal mark; a "Unicode Text" export uses tabs.
SEPARATORS = {";": "titik koma (;)", "\t": "tab"}
SAVE_WITH_COMMAS = ("simpan ulang sebagai CSV berpemisah koma: di Excel pilih 'CSV UTF-8 (Comma "
                    "delimited) (*.csv)' (bila hasilnya tetap memakai titik koma, ubah 'List "
                    "separator' di pengaturan Region Windows menjadi koma dan tanda desimal menjadi "
                    "titik); di LibreOffice centang 'Edit filter settings' lalu pilih pemisah kolom "
                    "koma. Angka desimal ditulis dengan titik, mis. 92.5")


def other_separator(text: str, columns: list[str]) -> str | None:
    """';' or tab when the header row is separated by it rather than by commas, else None."""
    first = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")

    def known(sep: str) -> int:
        return sum(cell.strip().strip('"') in columns for cell in first.split(sep))

    by_comma = known(",")
    for sep in SEPARATORS:
        if sep in first and (known(sep) > by_comma or ("," not in first and len(columns) > 1)):
            return sep
    return None


def separator_problem(shown: str, text: str, columns: list[str], sep: str) -> Problem:
    first = text.lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
    if len(first) > 60:
        first = first[:57] + "..."
    return err(shown, 1, None, "kolom dipisahkan koma (,): " + ",".join(columns),
               f"kolom dipisahkan {SEPARATORS[sep]}: '{first}'", SAVE_WITH_COMMAS)


def _ragged_hint(record: list[str], width: int) -> str:
    for sep, name in SEPARATORS.items():
        if len(record) < width and sum(cell.count(sep) for cell in record) >= width - len(record):
            return f"baris ini dipisahkan {name}, bukan koma: " + SAVE_WITH_COMMAS
    if len(record) > width:
        return ("ada sel yang memuat koma: apit sel itu dengan tanda petik dua (\"), atau tulis "
                "angka desimal dengan titik")
    return "ada sel yang hilang: baris ini terpotong"
