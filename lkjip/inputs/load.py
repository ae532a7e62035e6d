"""Loading a year's inputs: the data folder of the office and the params.

:func:`load_year` returns an :class:`Inputs` bundle whose tables are read lazily, each validated
against its contract (:mod:`lkjip.inputs.tables`, :mod:`lkjip.inputs.yaml_spec`) on first access.
pandas and pandera are imported only when a table is read, so that importing this module stays
cheap.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lkjip.errors import DataError, Problem
from lkjip.inputs.reading import Read, err, shown_path
from lkjip.paths import DATA_DIR, PARAMS_DIR, office_dir, write_atomic

if TYPE_CHECKING:
    import pandas as pd

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
    "realisasi": "realisasi.csv",
    "rincian": "rincian.csv",
    "kasus": "kasus.csv",
    "rencana_aksi_triwulan": "rencana_aksi_triwulan.csv",
    "survei": "survei.csv",
    "rata_rata_nasional": "rata_rata_nasional.csv",
    "banding": "banding.csv",
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
OPTIONAL_YAML = {"inovasi": {"inovasi": []}, "capaian_lain": {"capaian": []}}  # absent -> this value


def read_file(name: str, folder: Path, year: int, data_root: Path) -> tuple[Read, Path]:
    result, path, _ = _read(name, folder, year, data_root)
    return result, path


def _read(name: str, folder: Path, year: int, data_root: Path) -> tuple[Read, Path, tuple | None]:
    """What ``name`` reads as, its path, and its key in the memo (None: the file is unreadable)."""
    path = folder / FILES[name].format(year=year)
    shown = shown_path(path, data_root)
    raw: bytes | None = None
    if not path.exists():
        from lkjip.inputs.tables import TABLES

        if name in OPTIONAL:
            return Read(), path, None
        if name in OPTIONAL_YAML:
            return Read(copy.deepcopy(OPTIONAL_YAML[name])), path, None
        if name in TABLES and TABLES[name].optional:  # an empty table, with its columns
            raw = ",".join(TABLES[name].column_names).encode("utf-8") + b"\n"
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError:
            raw = None  # read_text says what is wrong
    key = None
    if raw is not None:
        # what a file reads as depends on its bytes and on how messages name it, not on where
        # the data folder is: copies of an office (tests, --data) share the memo
        key = (name, shown, int(year), hashlib.sha256(raw).hexdigest())
        hit = _MEMO.get(key)
        if hit is not None:
            _MEMO.move_to_end(key)
            return _copy(hit), path, key
    from lkjip.inputs import tables, yaml_spec  # the contracts: only when a file is read
    from lkjip.inputs.csv_table import read_csv
    from lkjip.inputs.yaml_file import read_yaml

    if name in tables.TABLES:
        result = read_csv(tables.TABLES[name], path, shown, raw, periksa=key not in _validated())
    else:
        result = read_yaml(yaml_spec.YAML_FILES[name][1], path, shown, raw)
    if key is not None:
        _MEMO[key] = _copy(result)
        while len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return result, path, key


# --- files already validated, by content ----------------------------------------------------------
# A kernel runs several chapters that read the same tables, and validating one (pandera) costs about
# 10 ms. So this process keeps what it read, keyed by the file's bytes (sha256), its name as shown
# and the year: a changed byte is a miss, never a stale result. Callers get a copy, so a chapter that
# modifies a table in place does not change what the next one reads.
_MEMO_SIZE = 256
_MEMO: OrderedDict[tuple, Read] = OrderedDict()


# --- files a build has validated, for its kernels ---------------------------------------------------
# A build validates the year's CSV tables in its own process (for the figures) while kernels execute
# the chapters, and each kernel would validate the same bytes again: pandera imported and run once
# more per kernel, about 0.3 s of CPU each on the 2024 report. So the build lists what passed
# (:func:`write_validated`) in the file its kernels find named by the environment variable
# LKJIP_DIPERIKSA, and a kernel parses a listed table (same name, path as shown, year and sha256 of
# its bytes) without validating it again: parsing alone makes the frame, validation only finds
# problems (:mod:`lkjip.inputs.csv_table`). A table not listed, or no list (yet), is validated as
# always; the list saves work and never changes what a table reads as.
VALIDATED_ENV = "LKJIP_DIPERIKSA"


_LISTS: dict[str, frozenset[tuple]] = {}  # a list's path -> the keys it names, once read


def _validated() -> frozenset[tuple]:
    """The keys the build's list names; none without a list, or while it is not written yet."""
    path = os.environ.get(VALIDATED_ENV)
    if not path:
        return frozenset()
    if path not in _LISTS:
        try:
            _LISTS[path] = frozenset(tuple(k) for k in json.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return frozenset()  # not there yet: looked for again at the next table
    return _LISTS[path]


def write_validated(inputs: Inputs, path: Path) -> None:
    """Validate every CSV table of ``inputs``' office and year, and list in ``path`` those
    without error (for the build's kernels, see above). Errors are not raised here: whoever
    reads the table says them, as before."""
    from lkjip.inputs.tables import TABLES

    passed = []
    for name in TABLES:
        result, _, key = _read(name, inputs.folder, inputs.year, inputs.data_root)
        if key is not None and not any(p.severity == "error" for p in result.problems):
            passed.append(list(key))
    write_atomic(path, json.dumps(sorted(passed)).encode("utf-8"))


def _copy(result: Read) -> Read:
    value = result.value
    if value is not None:
        value = value.copy(deep=True) if hasattr(value, "copy") and hasattr(value, "columns") else copy.deepcopy(value)
    return Read(value, list(result.problems), result.rows, copy.deepcopy(result.raw))


# --- the bundle -----------------------------------------------------------------------------------
class Inputs:
    """A year's inputs. Tables are attributes named after their file, read on first access.

    Each table holds the rows of every year (callers filter by ``tahun``). CSV tables are
    DataFrames with the dtypes of ``lkjip.inputs.tables``; YAML files are dicts; ``published`` is None
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
        realisasi: pd.DataFrame
        rincian: pd.DataFrame
        kasus: pd.DataFrame
        rencana_aksi_triwulan: pd.DataFrame
        survei: pd.DataFrame
        rata_rata_nasional: pd.DataFrame
        banding: pd.DataFrame
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
        result, path = read_file(name, self.folder, self.year, self.data_root)
        if path.exists():
            self.files_read.add(str(path.resolve()))
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
    from lkjip.inputs.params import load_params

    params_root = Path(params_dir or PARAMS_DIR)
    data_root = Path(data_dir or DATA_DIR)
    try:
        params = load_params(year, params_root)
    except DataError as exc:
        raise DataError([_relabel(p, params_root) for p in exc.problems]) from None
    office = params.get("office")
    if not office:
        raise DataError([err(shown_path(params_root / f"{year}.yaml", params_root.parent), None,
                              "office", "kode kantor, mis. 'office: kanim-pamekasan'",
                              "kunci itu tidak ada", "tambahkan ke params/defaults.yaml")])
    folder = office_dir(office, data_root)
    if not folder.is_dir():
        raise DataError([err(shown_path(folder, data_root), None, None,
                              f"folder data kantor '{office}'", "folder itu tidak ada",
                              "periksa --data dan isian 'office' di params")])
    inputs = Inputs(year, office, params, folder, data_root)
    for name in ("defaults.yaml", f"{year}.yaml"):
        if (params_root / name).exists():
            inputs.files_read.add(str((params_root / name).resolve()))
    return inputs


def _relabel(problem: Problem, params_root: Path) -> Problem:
    """A params problem with its file shown as 'params/<file>' instead of an absolute path."""
    path = Path(problem.file)
    if path.is_absolute():
        return replace(problem, file=shown_path(path, params_root.parent))
    return problem
