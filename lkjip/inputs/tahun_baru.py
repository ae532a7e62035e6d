"""``lkjip tahun-baru``: draft a new reporting year from the last one.

It writes what the analyst then edits, and nothing else:

- ``params/<year>.yaml``: the last year's params with ``year`` set and the values that change
  every year (``nomor_laporan``, ``tanggal_laporan``) left empty;
- the PK of the new year: the last year's rows of ``sasaran.csv`` and ``indikator.csv`` copied
  with the new ``tahun`` (targets included, to be edited);
- ``narasi/<year>.yaml``: every key the narasi contract asks for, per sasaran and indicator of
  the new PK, left empty.

An empty value is an error for ``lkjip check``, so the check then lists exactly what is left to
fill in, together with the year's base facts that are still missing (realisasi, anggaran...).
A file that already exists is never overwritten; the PK rows are added only when the new year
has none.
"""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lkjip.errors import DataError, Problem
from lkjip.inputs.load import FILES
from lkjip.inputs.params import read_file as read_params
from lkjip.inputs.yaml_spec import PARAMS_SPEC, YAML_FILES, ListOf, MapOf
from lkjip.paths import DATA_DIR, PARAMS_DIR, office_dir

# params that differ every year: left empty in the draft
PER_TAHUN = ("nomor_laporan", "tanggal_laporan")
PK_TABLES = ("sasaran", "indikator")


@dataclass
class Hasil:
    """What the command did, file by file (paths as shown to the analyst)."""

    dibuat: list[str] = field(default_factory=list)
    ditambah: list[str] = field(default_factory=list)
    dibiarkan: list[str] = field(default_factory=list)


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return (rows[0] if rows else []), [r for r in rows[1:] if any(c.strip() for c in r)]


def _years(path: Path) -> list[int]:
    header, rows = _rows(path)
    if not header or header[0] != "tahun":
        return []
    return sorted({int(r[0]) for r in rows if r and r[0].strip().isdigit()})


def tahun_sumber(folder: Path, year: int) -> int:
    """The last year before ``year`` that has a PK in ``indikator.csv``."""
    path = folder / FILES["indikator"]
    before = [y for y in _years(path) if y < year] if path.exists() else []
    if not before:
        raise DataError([Problem(str(path), None, "tahun",
                                 f"Perjanjian Kinerja tahun sebelum {year} untuk disalin",
                                 "tidak ada" if path.exists() else "berkas tidak ada",
                                 "isi PK tahun pertama secara langsung (lihat data/README.md)")])
    return before[-1]


def _append_pk(path: Path, source: int, year: int) -> int:
    """Copy the ``source`` year's rows with ``tahun`` = ``year``; the number of rows added (0 if
    the year already has rows)."""
    header, rows = _rows(path)
    if any(r[0].strip() == str(year) for r in rows):
        return 0
    new = [[str(year), *r[1:]] for r in rows if r[0].strip() == str(source)]
    text = path.read_text(encoding="utf-8-sig")
    buf = io.StringIO()
    if text and not text.endswith("\n"):
        buf.write("\n")
    csv.writer(buf, lineterminator="\n").writerows(new)
    with path.open("a", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    return len(new)


def _empty(spec: Any) -> Any:
    """The empty value of a narasi key: a dict of its keys, else nothing (to be filled in)."""
    if isinstance(spec, dict):
        return {k.rstrip("?"): _empty(v) for k, v in spec.items() if not k.endswith("?")}
    return None


def narasi_draft(year: int, sasaran: list[tuple[str, str]], indikator: list[tuple[str, str]]) -> str:
    """The text of ``narasi/<year>.yaml`` with every key empty, each code with its name."""
    spec = YAML_FILES["narasi"][1]
    lines = [f"# Narasi tahun {year}: penilaian kantor atas kinerjanya, tanpa angka (angka berasal",
             "# dari data). Isi setiap kunci dengan daftar kalimat ('- ...'); tulis [] bila memang",
             f"# tidak ada. Lalu jalankan: lkjip check --year {year}"]
    for key, sub in spec.items():
        key = key.rstrip("?")
        if isinstance(sub, MapOf):
            codes = indikator if key == "indikator" else sasaran
            lines.append(f"{key}:")
            for code, name in codes:
                lines.append(f"  {code}:  # {name}")
                lines += [f"    {k}:" for k in _empty(sub.spec)]
        elif isinstance(sub, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}:" for k in _empty(sub)]
        else:
            assert isinstance(sub, ListOf)
            lines.append(f"{key}:")
    return "\n".join(lines) + "\n"


def params_draft(source_file: Path, year: int) -> str:
    """The last year's params with the yearly values empty; without that file, every key of the
    contract empty (``office`` comes from defaults.yaml)."""
    if source_file.exists():
        values = read_params(source_file)
        origin = f"disalin dari {source_file.name}"
        empty = PER_TAHUN
    else:
        values = {k: _empty(v) for k, v in PARAMS_SPEC.items() if k != "office"}
        origin = f"{source_file.name} tidak ada, semua kunci dikosongkan"
        empty = tuple(k for k in values if k != "year")
    values["year"] = year
    for key in PER_TAHUN:
        if key in values:
            values[key] = None
    head = (f"# Parameter laporan tahun {year} ({origin}). Isi kunci yang kosong\n"
            f"# ({', '.join(empty)}), periksa yang lain, lalu: lkjip check --year {year}\n")
    return head + yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)


def _codes(path: Path, year: int) -> list[tuple[str, str]]:
    header, rows = _rows(path)
    kode, nama = header.index("kode"), header.index(path.stem)  # sasaran.csv: sasaran, ...
    return [(r[kode], r[nama]) for r in rows if r[0].strip() == str(year)]


def tahun_baru(year: int, data_dir: Path | None = None, params_dir: Path | None = None,
               source: int | None = None) -> tuple[int, Hasil]:
    """Draft ``year`` from ``source`` (default: the last year with a PK); (source, what was done)."""
    params_root = Path(params_dir or PARAMS_DIR)
    defaults = read_params(params_root / "defaults.yaml") if (params_root / "defaults.yaml").exists() else {}
    office = defaults.get("office")
    if not office:
        raise DataError([Problem(str(params_root / "defaults.yaml"), None, "office",
                                 "kode kantor, mis. 'office: kanim-pamekasan'", "kunci itu tidak ada",
                                 "tambahkan ke params/defaults.yaml")])
    folder = office_dir(office, Path(data_dir or DATA_DIR))
    source = source or tahun_sumber(folder, year)
    done = Hasil()

    target = params_root / f"{year}.yaml"
    src_params = params_root / f"{source}.yaml"
    if target.exists():
        done.dibiarkan.append(str(target))
    else:
        target.write_text(params_draft(src_params, year), encoding="utf-8")
        done.dibuat.append(str(target))

    for name in PK_TABLES:
        path = folder / FILES[name]
        n = _append_pk(path, source, year)
        (done.ditambah if n else done.dibiarkan).append(f"{path} ({n} baris)" if n else str(path))

    narasi = folder / FILES["narasi"].format(year=year)
    if narasi.exists():
        done.dibiarkan.append(str(narasi))
    else:
        narasi.parent.mkdir(parents=True, exist_ok=True)
        narasi.write_text(narasi_draft(year, _codes(folder / FILES["sasaran"], year),
                                       _codes(folder / FILES["indikator"], year)), encoding="utf-8")
        done.dibuat.append(str(narasi))
    return source, done


def cli_tahun_baru(args: argparse.Namespace) -> int:
    """``lkjip tahun-baru --year Y``: 0 and what was written, or 2 and the problem."""
    try:
        source, done = tahun_baru(args.year, args.data, args.params, args.dari)
    except DataError as exc:
        for p in exc.problems:
            print(f"kesalahan: {p}")
        return 2
    print(f"Tahun {args.year} disiapkan dari tahun {source}.")
    for label, items in (("dibuat", done.dibuat), ("ditambah", done.ditambah),
                         ("sudah ada, tidak diubah", done.dibiarkan)):
        for item in items:
            print(f"  {label}: {item}")
    print(f"Ubah PK tahun {args.year} bila berbeda (sasaran.csv, indikator.csv), isi yang kosong,\n"
          f"tambahkan data dasar tahun {args.year} (realisasi, anggaran, ...), lalu jalankan:\n"
          f"  lkjip check --year {args.year}\n"
          "Pemeriksaan itu menyebut setiap hal yang masih harus diisi.")
    return 0
