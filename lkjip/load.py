"""Reading and validating a year's inputs: the data folder of the office and the params.

- :func:`load_year` returns an :class:`Inputs` bundle whose tables are read lazily, each
  validated against its schema (``lkjip.schemas``) on first access and cached.
- :func:`validate_year` reads every file, collects every problem, and runs the checks across
  tables (references, sums, stated vs listed counts).
- :func:`cli_check` is ``lkjip check``.

pandas and pandera are imported inside the functions that need them, so that importing this
module stays cheap.
"""

from __future__ import annotations

import argparse
import codecs
import copy
import csv
import functools
import hashlib
import io
import os
import re
import sys
import types
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip.errors import DataError, Problem
from lkjip.paths import DATA_DIR, PARAMS_DIR, office_dir

if TYPE_CHECKING:
    import pandas as pd

    from lkjip.schemas import Table

# Every data file read in this process (absolute paths); the build harvests it from a kernel.
FILES_READ: set[str] = set()

# attribute of Inputs -> file inside the office folder ("{year}": the reporting year)
FILES: dict[str, str] = {
    "kantor": "kantor.yaml",
    "organisasi": "organisasi.yaml",
    "renstra": "renstra.yaml",
    "inovasi": "inovasi.yaml",
    "capaian_lain": "capaian_lain.yaml",
    "kabupaten": "kabupaten.csv",
    "kecamatan": "kecamatan.csv",
    "pegawai": "pegawai.csv",
    "sasaran": "sasaran.csv",
    "indikator": "indikator.csv",
    "pk_anggaran": "pk_anggaran.csv",
    "pk_lampiran": "pk_lampiran.csv",
    "pro_yustisia": "pro_yustisia.csv",
    "pro_yustisia_kasus": "pro_yustisia_kasus.csv",
    "tindakan_administratif": "tindakan_administratif.csv",
    "layanan": "layanan.csv",
    "layanan_jenis": "layanan_jenis.csv",
    "tak_jenis": "tak_jenis.csv",
    "rb_indikator": "rb_indikator.csv",
    "rb_aksi": "rb_aksi.csv",
    "survei": "survei.csv",
    "rata_rata_nasional": "rata_rata_nasional.csv",
    "anggaran_jenis_belanja": "anggaran_jenis_belanja.csv",
    "anggaran_sumber_dana": "anggaran_sumber_dana.csv",
    "anggaran_tambahan": "anggaran_tambahan.csv",
    "anggaran_sasaran": "anggaran_sasaran.csv",
    "anggaran_indikator": "anggaran_indikator.csv",
    "pnbp": "pnbp.csv",
    "pnbp_target": "pnbp_target.csv",
    "smart": "smart.csv",
    "ikpa": "ikpa.csv",
    "nka": "nka.csv",
    "narasi": "narasi/{year}.yaml",
    "published": "published/{year}.csv",
}
OPTIONAL = {"published"}  # absent -> None


# --- reading one file ------------------------------------------------------------------------
@dataclass
class _Read:
    """The outcome of reading one file."""

    value: Any = None  # DataFrame, dict, or None when the file could not be used
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    raw: Any = None  # YAML: the data with line numbers (for cross-table checks)

    @property
    def ok(self) -> bool:
        return self.value is not None and not any(p.severity == "error" for p in self.problems)


def _err(file: str, row: int | None, column: str | None, expected: str, found: str,
         hint: str = "") -> Problem:
    return Problem(file, row, column, expected, found, hint)


def _warn(file: str, row: int | None, column: str | None, expected: str, found: str,
          hint: str = "") -> Problem:
    return Problem(file, row, column, expected, found, hint, severity="warning")


def _read_text(path: Path, shown: str, what: str, raw: bytes | None = None) -> tuple[str | None, list[Problem]]:
    """The text of a UTF-8 file (or of its bytes ``raw``, already read), or None with the
    problems (missing, empty, BOM, encoding)."""
    try:
        if raw is None:
            raw = path.read_bytes()
    except FileNotFoundError:
        return None, [_err(shown, None, None, what, "no such file",
                           "create it as docs/ARCHITECTURE.md describes")]
    except IsADirectoryError:
        return None, [_err(shown, None, None, what, "a folder")]
    except OSError as exc:
        return None, [_err(shown, None, None, "a readable file", f"{type(exc).__name__}: "
                                                                 f"{exc.strerror or exc}")]
    problems = []
    if raw.startswith(codecs.BOM_UTF8):
        problems.append(_err(shown, None, None, "UTF-8 without BOM",
                             "a UTF-8 byte order mark (BOM) at the start",
                             "save as UTF-8 without BOM: Excel's 'CSV UTF-8' adds one, "
                             "LibreOffice and text editors can leave it out"))
        raw = raw[len(codecs.BOM_UTF8):]
    if not raw.strip():
        problems.append(_err(shown, None, None, what,
                             "an empty file (0 bytes)" if not raw else "only blank space"))
        return None, problems
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError:
        pass
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        problems.append(_err(shown, None, None, "UTF-8 text", "UTF-16 text",
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
            problems.append(_err(shown, number, None, "UTF-8 text",
                                 f"byte 0x{bad} that is not UTF-8 in '{snippet}'",
                                 "the file looks Latin-1/Windows-1252 encoded: save it as UTF-8"))
    return None, problems


def _records(text: str, shown: str) -> tuple[list[list[str]] | None, list[Problem]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as exc:
        return None, [_err(shown, len(records) + 1, None, "a valid CSV row", str(exc),
                           "check the quotes (\") of this row")]
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()  # trailing blank lines
    return records, []


def _read_csv(table: Table, path: Path, shown: str, raw: bytes | None = None) -> _Read:
    """Read, parse and validate one CSV table; the frame only if it has no error."""
    import pandas as pd

    from lkjip import schemas

    out = _Read()
    columns = table.column_names
    text, problems = _read_text(path, shown, "a header row: " + ",".join(columns), raw)
    out.problems += problems
    if text is None:
        return out
    records, problems = _records(text, shown)
    out.problems += problems
    if records is None:
        return out
    if not records:
        out.problems.append(_err(shown, 1, None, "a header row: " + ",".join(columns),
                                 "only blank lines"))
        return out

    header = [cell.strip() for cell in records[0]]
    present: list[str] = []
    positions: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in positions:
            out.problems.append(_err(shown, 1, name, "each column once",
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
        out.problems.append(_err(shown, 1, name, f"a column '{name}'", "no such column", hint))
    for i, name in enumerate(header):
        if not name:
            out.problems.append(_warn(shown, 1, None, "a name for every column",
                                      f"column {i + 1} without a name", "it is ignored"))
        elif name not in columns and name.lower().replace(" ", "_") not in columns:
            out.problems.append(_warn(shown, 1, name, "only the columns " + ",".join(columns),
                                      f"an unexpected column '{name}'",
                                      "it is ignored; remove it or update the contract"))
    if len(present) == len(columns):
        order = sorted(present, key=lambda c: positions[c])
        if order != columns:
            out.problems.append(_err(shown, 1, None, "the columns in the order " + ",".join(columns),
                                     ",".join(order), "reorder the columns"))

    # cells -> typed columns
    body = records[1:]
    if not body and table.rows_required:
        out.problems.append(_err(shown, None, None, "at least one data row", "only the header row",
                                 "add the rows"))
    width = len(header)
    values: dict[str, list[Any]] = {name: [] for name in present}
    bad_columns: set[str] = set()
    keep: list[int] = []  # positions in `body` of the rows kept
    for i, record in enumerate(body):
        row = i + 2
        if not any(cell.strip() for cell in record):
            out.problems.append(_err(shown, row, None, "a data row", "an empty row",
                                     "delete the empty row"))
            continue
        if len(record) != width:
            hint = ("a cell holds a comma: put the cell in double quotes" if len(record) > width
                    else "a cell is missing: the row is cut short")
            out.problems.append(_err(shown, row, None, f"{width} cells, like the header",
                                     f"{len(record)} cells", hint))
        keep.append(i)
        for name in present:
            col = table.col(name)
            pos = positions[name]
            cell = record[pos].strip() if pos < len(record) else ""
            if cell == "":
                if not col.nullable:
                    out.problems.append(_err(shown, row, name, schemas.EXPECTED_CELL[col.kind],
                                             "an empty cell"))
                    bad_columns.add(name)
                values[name].append(None)
                continue
            value, error = schemas.parse_cell(col.kind, cell)
            if error is not None:
                out.problems.append(_err(shown, row, name, error.expected, error.found, error.hint))
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
    out.problems += _validate_frame(table, frame, present, bad_columns, shown)
    out.problems.sort(key=lambda p: (p.row or 0))
    if not any(p.severity == "error" for p in out.problems):
        out.value = frame.reset_index(drop=True)
    return out


def _validate_frame(table: Table, frame: pd.DataFrame, present: list[str],
                    bad_columns: set[str], shown: str) -> list[Problem]:
    """Run the table's pandera schema and translate its failure cases into Problems."""
    import pandera.pandas as pa

    from lkjip import schemas

    schema = schemas.SCHEMAS[table.name]
    complete = len(present) == len(table.columns) and not bad_columns
    if not complete:
        schema = schemas.schema(table, present=present, loose=bad_columns)
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
            row_problems.append((set(rc.columns), _err(
                shown, row, rc.column, rc.expected,
                rc.found(frame.loc[int(index)]) if has_index else check)))
            continue
        column = case["column"]
        if (check, row, column) in seen:
            continue
        seen.add((check, row, column))
        problems.append(_err(shown, row, column, check, schemas.show(case["failure_case"])))
    # a row check says nothing new where one of its cells already failed its own check
    failed = {(p.row, p.column) for p in problems}
    problems += [p for columns, p in row_problems
                 if not any((p.row, c) in failed for c in columns)]
    for key, indexes in duplicates.items():
        rows = sorted(i + 2 for i in indexes)
        shown_key = ", ".join(f"{c}={schemas.show(v)}" for c, v in zip(table.key, key, strict=True))
        problems.append(_err(shown, rows[-1], ", ".join(table.key),
                             f"each key ({', '.join(table.key)}) once",
                             f"{shown_key} in rows " + " and ".join(str(r) for r in rows),
                             "keep one row per key: delete or merge the duplicate"))
    return problems


# --- YAML with line numbers --------------------------------------------------------------------
class _LineDict(dict):
    """A mapping read from YAML that remembers the line of each key."""

    lines: dict


class _LineList(list):
    lines: dict


def _yaml_loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def mapping(loader: Any, node: Any) -> _LineDict:
        loader.flatten_mapping(node)
        result = _LineDict()
        result.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in result.lines:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' appears twice (lines {result.lines[key]} and {line})",
                    key_node.start_mark)
            result[key] = loader.construct_object(value_node, deep=True)
            result.lines[key] = line
        return result

    def sequence(loader: Any, node: Any) -> _LineList:
        result = _LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.lines = {i: child.start_mark.line + 1 for i, child in enumerate(node.value)}
        return result

    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", sequence)
    return Loader


def _line_of(container: Any, key: Any) -> int | None:
    return getattr(container, "lines", {}).get(key)


def _read_yaml(spec: Any, path: Path, shown: str, raw: bytes | None = None) -> _Read:
    """Read one YAML file and check it against its spec (``lkjip.schemas``)."""
    import yaml

    from lkjip import schemas

    out = _Read()
    text, problems = _read_text(path, shown, "a YAML file", raw)
    out.problems += problems
    if text is None:
        return out
    try:
        data = yaml.load(text, Loader=_yaml_loader())  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        what = " ".join(str(x) for x in (getattr(exc, "context", None),
                                         getattr(exc, "problem", None)) if x) or str(exc)
        hint = ("keep the key once" if "appears twice" in what else
                "check the indentation and the ':' after each key; quote text that contains ': ' "
                "or starts with a special character")
        out.problems.append(_err(shown, mark.line + 1 if mark else None, None, "valid YAML", what,
                                 hint))
        return out
    except (TypeError, ValueError) as exc:
        out.problems.append(_err(shown, None, None, "valid YAML", str(exc)))
        return out
    plain, findings = schemas.check_yaml(data, spec, _line_of)
    out.problems += [Problem(shown, f.line, f.path, f.expected, f.found, f.hint, f.severity)
                     for f in findings]
    if not any(p.severity == "error" for p in out.problems):
        out.value = plain
        out.raw = data
    return out


def _read(name: str, folder: Path, year: int, data_root: Path) -> tuple[_Read, Path]:
    path = folder / FILES[name].format(year=year)
    shown = _shown(path, data_root)
    if name in OPTIONAL and not path.exists():
        return _Read(), path
    try:
        raw: bytes | None = path.read_bytes()
    except OSError:
        raw = None  # _read_text says what is wrong
    memo = _memo()
    key = None
    if raw is not None:
        key = (name, str(path.resolve()), shown, int(year), hashlib.sha256(raw).hexdigest(), _code_hash())
        hit = memo.get(key)
        if hit is not None:
            memo.move_to_end(key)
            return _copy(hit), path
    disk = _disk_path(key) if key is not None and FILES[name].endswith(".csv") else None
    result = _disk_get(disk) if disk is not None else None
    if result is None:
        from lkjip import schemas  # pandera: only when a file is validated

        if name in schemas.TABLES:
            result = _read_csv(schemas.TABLES[name], path, shown, raw)
        else:
            result = _read_yaml(schemas.YAML_FILES[name][1], path, shown, raw)
        if disk is not None and result.ok:
            _disk_put(disk, result)
    if key is not None:
        memo[key] = _copy(result)
        while len(memo) > _MEMO_SIZE:
            memo.popitem(last=False)
    return result, path


# --- files already validated, by content ----------------------------------------------------------
# Reading and validating a table (pandera) costs about 10 ms; a build's kernel runs several chapters
# that read the same tables. So each process keeps what it read, keyed by the file's bytes (sha256),
# its name and place, the year, and the source of this module, lkjip.schemas and lkjip.errors: a
# changed byte, or changed validation code, is a miss, never a stale result. Callers get a copy, so
# a chapter that modifies a table in place does not change what the next one reads. The memo lives
# in a module of its own ("_lkjip_memo"), which lkjip.report.reset_state leaves alone: it is not
# chapter state.
_MEMO_SIZE = 256


def _memo() -> OrderedDict:
    holder = sys.modules.get("_lkjip_memo")
    if holder is None:
        holder = types.ModuleType("_lkjip_memo", "lkjip.load's validated files, by content")
        holder.tables = OrderedDict()  # type: ignore[attr-defined]
        sys.modules["_lkjip_memo"] = holder
    return holder.tables  # type: ignore[attr-defined]


# --- validated tables on disk, for the kernels of a build ------------------------------------------
# A build's kernels are new processes: each would import pandera and validate again every table its
# chapters read, although the data rarely changed since the last build (~0.5 s of a chapter). The
# build names a folder in LKJIP_TABLE_CACHE (in its cache, one per environment: Python and package
# versions); there a validated table is kept as a pickle, under the sha256 of the memo key above
# (the file's bytes, name, place, year, and the code of load.py, schemas.py and errors.py). A changed
# byte or changed code is another name: never a stale table. Each file carries the sha256 of its
# pickle: a damaged file is a miss, validated again and rewritten. Only tables that passed are kept. Outside a build (an
# analyst's JupyterLab session) the variable is unset and nothing is written. The folder is the
# build's own cache: whoever can write there can change the package too, so unpickling is no wider
# trust than importing lkjip.
TABLE_CACHE_ENV = "LKJIP_TABLE_CACHE"
_DISK_MAGIC = b"lkjip-table-1\n"


def _disk_path(key: tuple) -> Path | None:
    folder = os.environ.get(TABLE_CACHE_ENV)
    if not folder:
        return None
    return Path(folder) / (hashlib.sha256(repr(key).encode("utf-8")).hexdigest() + ".pkl")


def _disk_get(path: Path) -> _Read | None:
    import pickle

    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_DISK_MAGIC)
    digest, payload = data[head:head + 64], data[head + 65:]
    if not data.startswith(_DISK_MAGIC) or hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    try:
        result = pickle.loads(payload)  # noqa: S301 - our own cache folder, see above
    except Exception:  # noqa: BLE001 - a damaged entry is a miss
        return None
    return result if isinstance(result, _Read) and result.ok else None


def _disk_put(path: Path, result: _Read) -> None:
    import pickle

    from lkjip.cache import _write_atomic

    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        # two kernels writing one table: either file is whole and right
        _write_atomic(path, _DISK_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    except Exception:  # noqa: BLE001 - the cache is only a shortcut (full disk, read-only folder)
        pass


@functools.cache
def _code_hash() -> str:
    h = hashlib.sha256()
    # errors.py too: its Problem is part of what a validated file is (and of the pickles on disk)
    for module_file in (Path(__file__), Path(__file__).with_name("schemas.py"),
                        Path(__file__).with_name("errors.py")):
        h.update(module_file.read_bytes())
    return h.hexdigest()


def _copy(result: _Read) -> _Read:
    value = result.value
    if value is not None:
        value = value.copy(deep=True) if hasattr(value, "copy") and hasattr(value, "columns") else copy.deepcopy(value)
    return _Read(value, list(result.problems), result.rows, copy.deepcopy(result.raw))


def _shown(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the data folder given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# --- the bundle -----------------------------------------------------------------------------------
class Inputs:
    """A year's inputs. Tables are attributes named after their file, read on first access.

    Each table holds the rows of every year (callers filter by ``tahun``). CSV tables are
    DataFrames with the dtypes of ``lkjip.schemas``; YAML files are dicts; ``published`` is None
    when the year has no published report.
    """

    if TYPE_CHECKING:  # the lazy attributes, for readers and type checkers
        kantor: dict[str, Any]
        organisasi: dict[str, Any]
        renstra: dict[str, Any]
        inovasi: dict[str, Any]
        capaian_lain: dict[str, Any]
        narasi: dict[str, Any]
        kabupaten: pd.DataFrame
        kecamatan: pd.DataFrame
        pegawai: pd.DataFrame
        sasaran: pd.DataFrame
        indikator: pd.DataFrame
        pk_anggaran: pd.DataFrame
        pk_lampiran: pd.DataFrame
        pro_yustisia: pd.DataFrame
        pro_yustisia_kasus: pd.DataFrame
        tindakan_administratif: pd.DataFrame
        layanan: pd.DataFrame
        layanan_jenis: pd.DataFrame
        tak_jenis: pd.DataFrame
        rb_indikator: pd.DataFrame
        rb_aksi: pd.DataFrame
        survei: pd.DataFrame
        rata_rata_nasional: pd.DataFrame
        anggaran_jenis_belanja: pd.DataFrame
        anggaran_sumber_dana: pd.DataFrame
        anggaran_tambahan: pd.DataFrame
        anggaran_sasaran: pd.DataFrame
        anggaran_indikator: pd.DataFrame
        pnbp: pd.DataFrame
        pnbp_target: pd.DataFrame
        smart: pd.DataFrame
        ikpa: pd.DataFrame
        nka: pd.DataFrame
        published: pd.DataFrame | None

    def __init__(self, year: int, office: str, params: dict[str, Any], folder: Path,
                 data_root: Path):
        self.year = int(year)
        self.office = office
        self.params = params
        self.folder = folder
        self.data_root = data_root
        self.files_read: set[str] = set()
        self.warnings: list[Problem] = []  # file-level warnings of the tables read so far

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in FILES:
            raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")
        result, path = _read(name, self.folder, self.year, self.data_root)
        if path.exists():
            self.files_read.add(str(path.resolve()))
            FILES_READ.add(str(path.resolve()))
        errors = [p for p in result.problems if p.severity == "error"]
        if errors:
            raise DataError(errors)
        self.warnings += result.problems
        self.__dict__[name] = result.value
        return result.value

    def path(self, name: str) -> Path:
        """The file an attribute is read from."""
        return self.folder / FILES[name].format(year=self.year)

    def __repr__(self) -> str:
        loaded = [n for n in FILES if n in self.__dict__]
        return f"Inputs(year={self.year}, office={self.office!r}, loaded={loaded})"


def load_year(year: int, data_dir: Path | None = None, params_dir: Path | None = None) -> Inputs:
    """The inputs of a year: params now, every data file lazily (see :class:`Inputs`).

    Raises DataError when the params are invalid or the office has no data folder.
    """
    from lkjip.params import load_params

    params_root = Path(params_dir or PARAMS_DIR)
    data_root = Path(data_dir or DATA_DIR)
    try:
        params = load_params(year, params_root)
    except DataError as exc:
        raise DataError([_relabel(p, params_root) for p in exc.problems]) from None
    office = params.get("office")
    if not office:
        raise DataError([_err(_shown(params_root / f"{year}.yaml", params_root.parent), None,
                              "office", "the office id, e.g. 'office: kanim-pamekasan'",
                              "no such key", "add it to params/defaults.yaml")])
    folder = office_dir(office, data_root)
    if not folder.is_dir():
        raise DataError([_err(_shown(folder, data_root), None, None,
                              f"the data folder of office '{office}'", "no such folder")])
    inputs = Inputs(year, office, params, folder, data_root)
    for name in ("defaults.yaml", f"{year}.yaml"):
        if (params_root / name).exists():
            inputs.files_read.add(str((params_root / name).resolve()))
    FILES_READ.update(inputs.files_read)
    return inputs


def _relabel(problem: Problem, params_root: Path) -> Problem:
    """A params problem with its file shown as 'params/<file>' instead of an absolute path."""
    path = Path(problem.file)
    if path.is_absolute():
        return replace(problem, file=_shown(path, params_root.parent))
    return problem


# --- validation ---------------------------------------------------------------------------------
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
    """defaults.yaml overlaid with <year>.yaml, as lkjip.params reads them, with line numbers."""
    from lkjip import schemas

    problems: list[Problem] = []
    values: dict[str, Any] = {}
    defaults = params_root / "defaults.yaml"
    if defaults.exists():
        result = _read_yaml(schemas.DEFAULTS_SPEC, defaults, _shown(defaults, params_root.parent))
        problems += result.problems
        values.update(result.value or {})
        values.pop("default_year", None)
    path = params_root / f"{year}.yaml"
    shown = _shown(path, params_root.parent)
    optional = {f"{k}?": v for k, v in schemas.PARAMS_SPEC.items() if k in values}
    spec = {k: v for k, v in schemas.PARAMS_SPEC.items() if k not in values} | optional
    if not path.exists():
        problems.append(_err(shown, None, None, f"the params of {year}", "no such file",
                             "create it, e.g. by copying another year's file"))
        return values, problems
    result = _read_yaml(spec, path, shown)
    problems += result.problems
    if result.value is not None:
        values.update(result.value)
        if values.get("year") != year:
            problems.append(_err(shown, _line_of(result.raw, "year"), "year", f"year: {year}",
                                 f"year: {values.get('year')!r}",
                                 "the file name and its 'year' must agree"))
    return values, problems


def validate_year(year: int, data_dir: Path | None = None,
                  params_dir: Path | None = None) -> ValidationReport:
    """Read every input of a year and check it; never stops at the first problem."""
    data_root = Path(data_dir or DATA_DIR)
    params_root = Path(params_dir or PARAMS_DIR)
    params, problems = _read_params(year, params_root)
    office = params.get("office")
    if not office:
        problems.append(_err(_shown(params_root / "defaults.yaml", params_root.parent), None,
                             "office", "the office id, e.g. 'office: kanim-pamekasan'",
                             "no office", "add it to params/defaults.yaml"))
        return _report(problems, 0, 0, "", year)
    folder = office_dir(office, data_root)
    if not folder.is_dir():
        problems.append(_err(_shown(folder, data_root), None, None,
                             f"the data folder of office '{office}'", "no such folder",
                             "check --data and the office in params"))
        return _report(problems, 0, 0, office, year)

    results: dict[str, _Read] = {}
    tables = rows = 0
    for name in FILES:
        result, path = _read(name, folder, year, data_root)
        if path.exists():
            FILES_READ.add(str(path.resolve()))
            tables += 1
            rows += result.rows
        results[name] = result
        problems += result.problems
    checks = _CrossChecks(year, {n: r for n, r in results.items() if r.ok},
                          {n: _shown(folder / f.format(year=year), data_root)
                           for n, f in FILES.items()})
    problems += checks.run()
    return _report(problems, tables, rows, office, year)


def _report(problems: list[Problem], tables: int, rows: int, office: str,
            year: int) -> ValidationReport:
    return ValidationReport(
        errors=[p for p in problems if p.severity != "warning"],
        warnings=[p for p in problems if p.severity == "warning"],
        tables=tables, rows=rows, office=office, year=year)


class _CrossChecks:
    """The checks across tables, on the tables that were read without error."""

    def __init__(self, year: int, results: dict[str, _Read], shown: dict[str, str]):
        self.year = year
        self.t = {n: r.value for n, r in results.items()}
        self.raw = {n: r.raw for n, r in results.items()}
        self.shown = shown
        self.problems: list[Problem] = []

    def has(self, *names: str) -> bool:
        return all(self.t.get(n) is not None for n in names)

    def error(self, name: str, row: int | None, column: str | None, expected: str, found: str,
              hint: str = "") -> None:
        self.problems.append(_err(self.shown[name], row, column, expected, found, hint))

    def warning(self, name: str, row: int | None, column: str | None, expected: str, found: str,
                hint: str = "") -> None:
        self.problems.append(_warn(self.shown[name], row, column, expected, found, hint))

    def run(self) -> list[Problem]:
        for check in (self.year_has_data, self.indicator_codes, self.sasaran_codes,
                      self.narasi_codes, self.published_ids, self.jenis_codes,
                      self.total_or_types, self.budget_sums, self.realisasi_within_pagu,
                      self.indicator_budget_within_sasaran, self.rb_numbering, self.nips,
                      self.kecamatan_counts, self.narasi_without_numbers):
            check()
        return self.problems

    # references ----------------------------------------------------------------------------
    def _codes_by_year(self, name: str) -> dict[int, set[str]]:
        frame = self.t[name]
        return {int(y): set(g["kode"]) for y, g in frame.groupby("tahun")}

    def year_has_data(self) -> None:
        if not self.has("indikator"):
            return
        years = sorted(int(y) for y in self.t["indikator"]["tahun"].unique())
        if self.year not in years:
            self.error("indikator", None, "tahun", f"the indicators (PK) of {self.year}",
                       f"no data for year {self.year} (years in the file: "
                       f"{', '.join(map(str, years)) or 'none'})",
                       "add the year's rows, or choose another --year")
        if self.has("sasaran") and self.year in years and self.year not in set(
                self.t["sasaran"]["tahun"]):
            self.error("sasaran", None, "tahun", f"the sasaran kegiatan of {self.year}",
                       f"no data for year {self.year}")

    def _check_codes(self, name: str, column: str, known: dict[int, set[str]], what: str,
                     source: str) -> None:
        everything = set().union(*known.values()) if known else set()
        frame = self.t[name]
        for i, row in frame.iterrows():
            year = int(row["tahun"])
            codes = known.get(year, everything)
            if row[column] not in codes:
                where = f"{source} for {year}" if year in known else f"{source} (any year)"
                self.error(name, int(i) + 2, column, f"{what} listed in {where}",
                           f"'{row[column]}'", "; ".join([
                               "known: " + (", ".join(sorted(codes)) or "none"),
                               "fix the code or add it to " + source]))

    def indicator_codes(self) -> None:
        if not self.has("indikator"):
            return
        known = self._codes_by_year("indikator")
        for name, column in (("anggaran_indikator", "indikator"), ("survei", "kode"),
                             ("rata_rata_nasional", "kode")):
            if self.has(name):
                self._check_codes(name, column, known, "an indicator code",
                                  self.shown["indikator"])

    def sasaran_codes(self) -> None:
        if not self.has("sasaran"):
            return
        known = self._codes_by_year("sasaran")
        for name in ("indikator", "anggaran_sasaran"):
            if self.has(name):
                self._check_codes(name, "sasaran", known, "a sasaran code", self.shown["sasaran"])

    def narasi_codes(self) -> None:
        if not self.has("narasi"):
            return
        raw = self.raw["narasi"]
        for section, table, what in (("indikator", "indikator", "an indicator code"),
                                     ("sasaran", "sasaran", "a sasaran code")):
            if not self.has(table):
                continue
            frame = self.t[table]
            codes = set(frame.loc[frame["tahun"] == self.year, "kode"])
            block = raw.get(section) or {}
            for code in block:
                if code not in codes:
                    self.error("narasi", _line_of(block, code), f"{section}.{code}",
                               f"{what} of {self.year} ({self.shown[table]})",
                               f"'{code}'", "known: " + (", ".join(sorted(codes)) or "none"))

    def published_ids(self) -> None:
        if not self.has("published"):
            return
        frame = self.t["published"]
        ind = sas = None
        if self.has("indikator"):
            f = self.t["indikator"]
            ind = set(f.loc[f["tahun"] == self.year, "kode"])
        if self.has("sasaran"):
            f = self.t["sasaran"]
            sas = set(f.loc[f["tahun"] == self.year, "kode"])
        for i, row in frame.iterrows():
            parts = str(row["figure"]).split(".")
            if len(parts) < 3 or isinstance(row["note"], str) and row["note"].strip():
                continue
            if parts[0] == "ikk" or parts[:2] == ["anggaran", "indikator"]:
                code = parts[1] if parts[0] == "ikk" else parts[2]
                codes, source, what = ind, "indikator", "an indicator code"
            elif parts[:2] == ["anggaran", "sasaran"] and parts[2] != "total":
                code, codes, source, what = parts[2], sas, "sasaran", "a sasaran code"
            else:
                continue
            if codes is not None and code not in codes:
                self.error("published", int(i) + 2, "figure",
                           f"an id whose code is {what} of {self.year} "
                           f"({self.shown[source]})",
                           f"'{row['figure']}' (unknown code '{code}')",
                           "fix the id, or say in 'note' why the figure has no counterpart")

    def jenis_codes(self) -> None:
        for name, names in (("layanan", "layanan_jenis"), ("tindakan_administratif", "tak_jenis")):
            if not self.has(name, names):
                continue
            known = set(self.t[names]["jenis"])
            for i, value in self.t[name]["jenis"].items():
                if value not in known:
                    self.error(name, int(i) + 2, "jenis", f"a jenis listed in {self.shown[names]}",
                               f"'{value}'", "known: " + ", ".join(sorted(known)))

    # base facts once --------------------------------------------------------------------------
    def total_or_types(self) -> None:
        from lkjip.schemas import SELURUH

        for name in ("layanan", "tindakan_administratif"):
            if not self.has(name):
                continue
            for year, group in self.t[name].groupby("tahun"):
                whole = group.index[group["jenis"] == SELURUH]
                parts = group.index[group["jenis"] != SELURUH]
                if len(whole) and len(parts):
                    rows = ", ".join(str(i + 2) for i in parts)
                    self.error(name, int(whole[0]) + 2, "jenis",
                               f"for {year} either one row '{SELURUH}' or rows per type, not both "
                               "(a base fact stored twice)",
                               f"'{SELURUH}' in row {int(whole[0]) + 2} and per-type rows {rows}",
                               f"keep the per-type rows and delete the '{SELURUH}' row: "
                               "the total is computed")

    def budget_sums(self) -> None:
        if not self.has("anggaran_jenis_belanja"):
            return
        jb = self.t["anggaran_jenis_belanja"].groupby("tahun")["pagu"].sum()
        if self.has("anggaran_sumber_dana"):
            sd = self.t["anggaran_sumber_dana"]
            for year, group in sd.groupby("tahun"):
                if year in jb.index and int(group["pagu"].sum()) != int(jb[year]):
                    parts = " + ".join(f"{r.sumber_dana} {r.pagu}" for r in group.itertuples())
                    self.error("anggaran_sumber_dana", int(group.index[0]) + 2, "pagu",
                               f"the pagu by sumber dana of {year} to add up to the pagu by "
                               f"jenis belanja ({self.shown['anggaran_jenis_belanja']}): "
                               f"{int(jb[year])}",
                               f"{parts} = {int(group['pagu'].sum())}",
                               "both split the same DIPA: correct the amounts")
        if self.has("pk_anggaran") and self.year in jb.index:
            pk = self.t["pk_anggaran"]
            rows = pk[(pk["tahun"] == self.year) & (pk["dokumen"] == "pk")]
            if len(rows) and int(rows["anggaran"].sum()) != int(jb[self.year]):
                self.warning("pk_anggaran", int(rows.index[0]) + 2, "anggaran",
                             f"the PK budget of {self.year} (dokumen pk) to equal the pagu by "
                             f"jenis belanja: {int(jb[self.year])}",
                             f"{int(rows['anggaran'].sum())}")

    def realisasi_within_pagu(self) -> None:
        for name, key in (("anggaran_jenis_belanja", "jenis_belanja"), ("anggaran_sasaran",
                                                                          "sasaran"),
                          ("anggaran_indikator", "indikator")):
            if not self.has(name):
                continue
            frame = self.t[name]
            for i, row in frame[frame["realisasi"] > frame["pagu"]].iterrows():
                self.warning(name, int(i) + 2, "realisasi",
                             f"realisasi <= pagu ({row[key]} {row['tahun']}: pagu {row['pagu']})",
                             f"realisasi {row['realisasi']}")

    def indicator_budget_within_sasaran(self) -> None:
        if not self.has("anggaran_indikator", "anggaran_sasaran", "indikator"):
            return
        ind = self.t["indikator"][["tahun", "kode", "sasaran"]]
        merged = self.t["anggaran_indikator"].merge(
            ind, left_on=["tahun", "indikator"], right_on=["tahun", "kode"], how="inner")
        sums = merged.groupby(["tahun", "sasaran"])["pagu"].sum()
        sas = self.t["anggaran_sasaran"]
        for i, row in sas.iterrows():
            total = sums.get((row["tahun"], row["sasaran"]))
            if total is not None and int(total) > int(row["pagu"]):
                self.warning("anggaran_sasaran", int(i) + 2, "pagu",
                             f"the pagu of sasaran '{row['sasaran']}' ({row['tahun']}) to cover its "
                             f"indicators' pagu in {self.shown['anggaran_indikator']}",
                             f"pagu {row['pagu']} < indicators' sum {int(total)}")

    def rb_numbering(self) -> None:
        if not self.has("rb_indikator"):
            return
        for (year, quarter), group in self.t["rb_indikator"].groupby(["tahun", "triwulan"]):
            numbers = sorted(int(n) for n in group["no"])
            if numbers != list(range(1, len(numbers) + 1)):
                missing = sorted(set(range(1, len(numbers) + 1)) - set(numbers))
                self.error("rb_indikator", int(group.index[0]) + 2, "no",
                           f"'no' running 1..{len(numbers)} in {year} triwulan {quarter}",
                           "numbers missing: " + ", ".join(map(str, missing[:10])))

    # stated facts that cannot all be true --------------------------------------------------------
    def nips(self) -> None:
        from lkjip.schemas import nip_findings

        if not self.has("pegawai"):
            return
        for i, row in self.t["pegawai"].iterrows():
            for finding in nip_findings(row["nip"], row["jenis_kelamin"]):
                self.warning("pegawai", int(i) + 2, "nip",
                             "an NIP whose embedded dates and sex digit are possible",
                             f"'{row['nip']}': {finding}", "check the NIP against the source")

    def kecamatan_counts(self) -> None:
        if not self.has("kabupaten", "kecamatan"):
            return
        listed = self.t["kecamatan"].groupby("kabupaten").size()
        known = set(self.t["kabupaten"]["kabupaten"])
        for i, row in self.t["kabupaten"].iterrows():
            n = int(listed.get(row["kabupaten"], 0))
            if n != int(row["jumlah_kecamatan_tertulis"]):
                self.warning("kabupaten", int(i) + 2, "jumlah_kecamatan_tertulis",
                             f"the count stated to equal the kecamatan listed in "
                             f"{self.shown['kecamatan']}: {n}",
                             str(row["jumlah_kecamatan_tertulis"]))
        for i, value in self.t["kecamatan"]["kabupaten"].items():
            if value not in known:
                self.error("kecamatan", int(i) + 2, "kabupaten",
                           f"a kabupaten listed in {self.shown['kabupaten']}", f"'{value}'",
                           "known: " + ", ".join(sorted(known)))


    def narasi_without_numbers(self) -> None:
        """Narrative bullets carry no numbers: numbers come from figures."""
        if not self.has("narasi"):
            return

        def walk(node: Any, path: str, line: int | None) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    walk(value, f"{path}.{key}" if path else str(key), _line_of(node, key))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{path}[{i + 1}]", _line_of(node, i))
            elif isinstance(node, str) and re.search(r"\d", node):
                self.warning("narasi", line, path, "a bullet without numbers (numbers come from "
                             "figures)", repr(node if len(node) <= 80 else node[:77] + "..."),
                             "write it in words, or take the number from a figure in the chapter")

        walk(self.raw["narasi"], "", None)


# --- lkjip check ----------------------------------------------------------------------------------
def cli_check(args: argparse.Namespace) -> int:
    """``lkjip check``: 0 and one summary line, or 2 and every problem, one per line."""
    import yaml

    strict = bool(getattr(args, "strict", False))
    try:
        report = validate_year(args.year, getattr(args, "data", None),
                               getattr(args, "params", None))
    except DataError as exc:
        report = _report(exc.problems, 0, 0, "", args.year)
    except (OSError, yaml.YAMLError) as exc:
        report = _report([_err(str(getattr(exc, "filename", "") or "input"), None, None,
                               "readable inputs", f"{type(exc).__name__}: {exc}")], 0, 0, "",
                         args.year)
    office = report.office or "?"
    failed = bool(report.errors) or (strict and bool(report.warnings))
    if not failed:
        print(f"ok: {office} {report.year}: {report.tables} tables, {report.rows} rows, "
              f"{len(report.warnings)} warnings")
        _print(report.warnings, "warning", sys.stdout)
        return 0
    _print(report.errors, "error", sys.stderr)
    _print(report.warnings, "warning", sys.stderr)
    note = " (--strict: warnings count as errors)" if strict and report.warnings else ""
    print(f"failed: {office} {report.year}: {len(report.errors)} errors, "
          f"{len(report.warnings)} warnings{note}", file=sys.stderr)
    return 2


def _print(problems: Iterable[Problem], prefix: str, stream: Any) -> None:
    for problem in problems:
        print(f"{prefix}: {problem}", file=stream)
