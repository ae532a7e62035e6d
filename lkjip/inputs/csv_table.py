"""One CSV table read, parsed cell by cell, and validated (pandera): every problem with its row
and column, the frame only when there is no error."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from lkjip.errors import Problem
from lkjip.inputs.reading import Read, csv_records, err, read_text, warn

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

    from lkjip.inputs.tables import Table

def read_csv(table: Table, path: Path, shown: str, raw: bytes | None = None) -> Read:
    """Read, parse and validate one CSV table; the frame only if it has no error."""
    import pandas as pd

    from lkjip.inputs import cells

    out = Read()
    columns = table.column_names
    text, problems = read_text(path, shown, "a header row: " + ",".join(columns), raw)
    out.problems += problems
    if text is None:
        return out
    records, problems = csv_records(text, shown)
    out.problems += problems
    if records is None:
        return out
    if not records:
        out.problems.append(err(shown, 1, None, "a header row: " + ",".join(columns),
                                 "only blank lines"))
        return out

    header = [cell.strip() for cell in records[0]]
    present: list[str] = []
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in positions:
            out.problems.append(err(shown, 1, name, "each column once",
                                     f"column '{name}' twice (cells {positions[name] + 1} and "
                                     f"{i + 1})"))
            continue
        positions[name] = i
    lowered = {name.lower().replace(" ", "_"): name for name in header}
    for name in columns:
        if name in positions:
            present.append(name)
            continue
        near = lowered.get(name)
        hint = f"rename '{near}' to '{name}'" if near else (
            "the columns are, in order: " + ",".join(columns))
        out.problems.append(err(shown, 1, name, f"a column '{name}'", "no such column", hint))
    for i, name in enumerate(header):
        if not name:
            out.problems.append(warn(shown, 1, None, "a name for every column",
                                      f"column {i + 1} without a name", "it is ignored"))
        elif name not in columns and name.lower().replace(" ", "_") not in columns:
            out.problems.append(warn(shown, 1, name, "only the columns " + ",".join(columns),
                                      f"an unexpected column '{name}'",
                                      "it is ignored; remove it or update the contract"))
    if len(present) == len(columns):
        order = sorted(present, key=lambda c: positions[c])
        if order != columns:
            out.problems.append(err(shown, 1, None, "the columns in the order " + ",".join(columns),
                                     ",".join(order), "reorder the columns"))

    # cells -> typed columns
    body = records[1:]
    if not body and table.rows_required:
        out.problems.append(err(shown, None, None, "at least one data row", "only the header row",
                                 "add the rows"))
    width = len(header)
    values: dict[str, list[Any]] = {name: [] for name in present}
    bad_columns: set[str] = set()
    keep: list[int] = []  # positions in `body` of the rows kept
    for i, record in enumerate(body):
        row = i + 2
        if not any(cell.strip() for cell in record):
            out.problems.append(err(shown, row, None, "a data row", "an empty row",
                                     "delete the empty row"))
            continue
        if len(record) != width:
            hint = ("a cell holds a comma: put the cell in double quotes" if len(record) > width
                    else "a cell is missing: the row is cut short")
            out.problems.append(err(shown, row, None, f"{width} cells, like the header",
                                     f"{len(record)} cells", hint))
        keep.append(i)
        for name in present:
            col = table.col(name)
            pos = positions[name]
            cell = record[pos].strip() if pos < len(record) else ""
            if cell == "":
                if not col.nullable:
                    out.problems.append(err(shown, row, name, cells.EXPECTED_CELL[col.kind],
                                             "an empty cell"))
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
    out.problems += validate_frame(table, frame, present, bad_columns, shown)
    out.problems.sort(key=lambda p: (p.row or 0))
    if not any(p.severity == "error" for p in out.problems):
        out.value = frame.reset_index(drop=True)
    return out


def validate_frame(table: Table, frame: pd.DataFrame, present: list[str],
                    bad_columns: set[str], shown: str) -> list[Problem]:
    """Run the table's pandera schema and translate its failure cases into Problems."""
    import pandera.pandas as pa

    from lkjip.inputs import cells, tables

    schema = tables.SCHEMAS[table.name]
    complete = len(present) == len(table.columns) and not bad_columns
    if not complete:
        schema = tables.schema(table, present=present, loose=bad_columns)
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
                rc.found(frame.loc[int(index)]) if has_index else check)))
            continue
        column = case["column"]
        if (check, row, column) in seen:
            continue
        seen.add((check, row, column))
        problems.append(err(shown, row, column, check, cells.show(case["failure_case"])))
    # a row check says nothing new where one of its cells already failed its own check
    failed = {(p.row, p.column) for p in problems}
    problems += [p for columns, p in row_problems
                 if not any((p.row, c) in failed for c in columns)]
    for key, indexes in duplicates.items():
        rows = sorted(i + 2 for i in indexes)
        shown_key = ", ".join(f"{c}={cells.show(v)}" for c, v in zip(table.key, key, strict=True))
        problems.append(err(shown, rows[-1], ", ".join(table.key),
                             f"each key ({', '.join(table.key)}) once",
                             f"{shown_key} in rows " + " and ".join(str(r) for r in rows),
                             "keep one row per key: delete or merge the duplicate"))
    return problems
