"""The criteria of the yearly SAKIP evaluation (LKE) as data: ``lkjip/rules/kesiapan/<y>.yaml``,
one file per evaluation year, validated on load.

A report of year Y is evaluated in Y+1; the file that applies is the latest one at or before
Y+1. Each criterion names its source, its sub-component, its relative weight, whether it blocks
(``lkjip check --kesiapan`` fails while it is not met) and what the office can do about it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from lkjip.calc.rules_file import NAMA_FILE, TIDAK_ADA, TOLERANSI, Pembaca, tampil
from lkjip.errors import RuleError
from lkjip.paths import KESIAPAN_RULES_DIR

STATUS = ("met", "partly", "not_met")  # the statuses a criterion can score (plus not_checked)

# Every criterion lkjip.audit.kesiapan knows how to check, and the parameters each one takes
# from the file: name -> (kind, what it must be). A file may leave a criterion out.
KODE = ("tepat_waktu", "format_baku", "pk_diungkap", "pk_selaras", "target_realisasi",
        "tahun_sebelumnya", "target_renstra", "pembanding", "sebab_upaya", "efisiensi",
        "program_pendukung", "rekomendasi", "narasi_pendek", "narasi_berulang", "narasi_angka",
        "pemanfaatan")
PARAMETER: dict[str, dict[str, str]] = {
    "tahun_sebelumnya": {"tahun_minimal": "bulat"},
    "pembanding": {"figur": "kode"},
    "narasi_pendek": {"kata_minimal": "bulat"},
    "narasi_berulang": {"kata_minimal": "bulat"},
}
BAB_WAJIB = ("bab_ii", "bab_iii", "lampiran")  # chapters the PK checks read by code
_UMUM = ("nama", "singkat", "subkomponen", "analisis", "bobot", "menghalangi", "sumber", "saran", "diperiksa",
         "unconfirmed")


@dataclass(frozen=True)
class Subkomponen:
    kode: str  # "3.b"
    nama: str
    bobot: float  # of the whole evaluation


@dataclass(frozen=True)
class Kriterium:
    kode: str
    nama: str
    singkat: str  # a short label for column headings
    subkomponen: str
    analisis: int | None  # the analysis of PermenPAN-RB 53/2014 it is (1-7)
    bobot: float  # relative within the sub-component; 0 = a supporting check
    menghalangi: bool
    sumber: str
    saran: str
    diperiksa: bool
    param: Mapping[str, Any]


# eq=False: compared by identity, so it can key a cache (its mappings cannot be hashed).
@dataclass(frozen=True, eq=False)
class Kriteria:
    """The criteria of one evaluation year. Build with :func:`load_kriteria`."""

    tahun_evaluasi: int
    path: Path
    nama: str
    sumber: tuple[str, ...]
    komponen: str
    komponen_bobot: float
    subkomponen: tuple[Subkomponen, ...]
    batas_bulan: int
    batas_tanggal: int
    bab: Mapping[str, str]  # chapter code -> how its heading begins, in reading order
    nilai_status: Mapping[str, float]
    kriteria: tuple[Kriterium, ...]
    unconfirmed: tuple[str, ...]

    def batas_penyampaian(self, tahun_laporan: int) -> dt.date:
        """The last day to submit the report of ``tahun_laporan`` (evaluated the year after)."""
        return dt.date(tahun_laporan + 1, self.batas_bulan, self.batas_tanggal)

    def belum_pasti(self, kunci: str) -> bool:
        """Whether the rule at dotted key ``kunci`` (or a section holding it) is unconfirmed."""
        return any(kunci == u or kunci.startswith(u + ".") for u in self.unconfirmed)


def load_kriteria(tahun_laporan: int, folder: Path | str | None = None) -> Kriteria:
    """The criteria that evaluate the report of ``tahun_laporan``: the latest ``<y>.yaml`` with
    ``y <= tahun_laporan + 1``. Raises RuleError when none applies or the file is invalid."""
    root = Path(folder) if folder is not None else KESIAPAN_RULES_DIR
    return _cached(str(root.resolve()), int(tahun_laporan) + 1)


@functools.cache
def _cached(folder: str, tahun_evaluasi: int) -> Kriteria:
    root = Path(folder)
    if not root.is_dir():
        raise RuleError(f"{root}: expected a folder of criteria files <year>.yaml; found no folder")
    years = sorted(int(m[1]) for p in root.iterdir() if (m := NAMA_FILE.match(p.name)))
    applicable = [y for y in years if y <= tahun_evaluasi]
    if not applicable:
        found = ", ".join(f"{y}.yaml" for y in years) or "no file"
        raise RuleError(f"{root}: expected a criteria file <year>.yaml for an evaluation year <= "
                        f"{tahun_evaluasi}; found {found} (add one for {tahun_evaluasi})")
    return read_kriteria(root / f"{applicable[-1]}.yaml")


load_kriteria.cache_clear = _cached.cache_clear  # type: ignore[attr-defined]


def read_kriteria(path: Path | str) -> Kriteria:
    """Read and validate one criteria file; every problem names the file, line and key."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except FileNotFoundError:
        raise RuleError(f"{path}: expected a criteria file; found no such file") from None
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise RuleError(f"{path}{line}: expected valid UTF-8 YAML; found "
                        f"{getattr(exc, 'problem', None) or exc}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping of sections; found {type(data).__name__}")
    return _Baca(path, data, node).kriteria()


class _Baca(Pembaca):
    """Reads a parsed file, collecting every problem before raising once (the generic reading
    is :class:`lkjip.calc.rules_file.Pembaca`; the criteria file's own checks are here)."""

    def teks(self, kunci: str, default: str | None = None) -> str:
        return super().teks(kunci, default).strip()  # criteria texts are kept without outer blanks

    def angka(self, kunci: str, lo: float = 0, hi: float = 100) -> float:
        nilai = self._ambil(kunci)
        if isinstance(nilai, bool) or not isinstance(nilai, int | float) or not math.isfinite(nilai) \
                or not lo <= nilai <= hi:
            self.gagal(kunci, f"a number between {lo:g} and {hi:g}", tampil(nilai))
            return 0.0
        return float(nilai)

    # -- the file ------------------------------------------------------------------------
    def kriteria(self) -> Kriteria:
        tahun = self._ambil("tahun_evaluasi")
        m = NAMA_FILE.match(self.path.name)
        if isinstance(tahun, bool) or not isinstance(tahun, int) or (m and int(m[1]) != tahun):
            self.gagal("tahun_evaluasi", f"the evaluation year {m[1] if m else ''} (as in the file name)", tampil(tahun))
            tahun = int(m[1]) if m else 0
        bobot = self.angka("komponen.bobot")
        sub = tuple(Subkomponen(self.teks(f"komponen.subkomponen[{i}].kode"),
                                self.teks(f"komponen.subkomponen[{i}].nama"),
                                self.angka(f"komponen.subkomponen[{i}].bobot"))
                    for i in range(len(self.daftar("komponen.subkomponen"))))
        if sub and abs(sum(s.bobot for s in sub) - bobot) > TOLERANSI:
            self.gagal("komponen.subkomponen", f"weights summing to the component's bobot {bobot:g}",
                       f"{sum(s.bobot for s in sub):g}")
        bulan = self.bulat("batas_penyampaian.bulan", 1, 12)
        tanggal = self.bulat("batas_penyampaian.tanggal", 1, 31)
        try:
            dt.date(2001, bulan, tanggal)
        except ValueError:
            self.gagal("batas_penyampaian.tanggal", f"a day of month {bulan}", tampil(tanggal))
        nilai_status = {s: self.angka(f"penilaian.nilai_status.{s}", 0, 1) for s in STATUS}
        hasil = Kriteria(
            tahun_evaluasi=tahun, path=self.path, nama=self.teks("nama"),
            sumber=tuple(self.teks(f"sumber[{i}]") for i in range(len(self.daftar("sumber")))),
            komponen=self.teks("komponen.nama"), komponen_bobot=bobot, subkomponen=sub,
            batas_bulan=bulan, batas_tanggal=tanggal, bab=MappingProxyType(self._bab()), nilai_status=MappingProxyType(nilai_status),
            kriteria=self._kriteria({s.kode for s in sub}), unconfirmed=self._belum_pasti())
        if self.problems:
            raise RuleError("\n".join(self.problems))
        return hasil

    def _kriteria(self, sub: set[str]) -> tuple[Kriterium, ...]:
        out = []
        dupes = [k.value for k, _ in self._anak("kriteria")]
        for kode in sorted({d for d in dupes if dupes.count(d) > 1}):
            self.gagal(f"kriteria.{kode}", "each criterion once", "it twice")
        for kode in self.peta("kriteria"):
            k = f"kriteria.{kode}"
            if kode not in KODE:
                self.gagal(k, f"a criterion lkjip checks ({', '.join(KODE)})", f"'{kode}'")
                continue
            if not isinstance(self._ambil(k), dict):
                self.gagal(k, "a mapping of the criterion's keys", tampil(self._ambil(k)))
                continue
            spec = PARAMETER.get(kode, {})
            for extra in sorted(set(self._ambil(k)) - set(_UMUM) - set(spec)):
                self.gagal(f"{k}.{extra}", f"one of {', '.join((*_UMUM, *spec))}", f"'{extra}'")
            subkomponen = self._ambil(f"{k}.subkomponen")
            if not isinstance(subkomponen, str) or subkomponen not in sub:
                self.gagal(f"{k}.subkomponen", f"a sub-component of komponen ({', '.join(sorted(sub))})",
                           tampil(subkomponen))
            self.benar(f"{k}.unconfirmed", default=False)  # listed under `unconfirmed` (checked there)
            analisis = None if self._ambil(f"{k}.analisis") is TIDAK_ADA else self.bulat(f"{k}.analisis", 1, 7)
            out.append(Kriterium(
                kode=kode, nama=self.teks(f"{k}.nama"), singkat=self.teks(f"{k}.singkat"), subkomponen=str(subkomponen), analisis=analisis,
                bobot=self.angka(f"{k}.bobot"), menghalangi=self.benar(f"{k}.menghalangi"),
                sumber=self.teks(f"{k}.sumber"), saran=self.teks(f"{k}.saran"),
                diperiksa=self.benar(f"{k}.diperiksa", default=True),
                param=MappingProxyType({n: self._param(f"{k}.{n}", jenis) for n, jenis in spec.items()})))
        for s in sorted(sub):
            if any(c.subkomponen == s for c in out) and not any(c.subkomponen == s and c.bobot > 0 for c in out):
                self.gagal("kriteria", f"a criterion with bobot > 0 in sub-component {s}", "none")
        return tuple(out)

    def _param(self, kunci: str, jenis: str) -> Any:
        if jenis == "bulat":
            return self.bulat(kunci, 1, 100)
        items = self.daftar(kunci)
        for i, v in enumerate(items):
            if not isinstance(v, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", v):
                self.gagal(f"{kunci}[{i}]", "a lower_snake_case figure name", tampil(v))
        return tuple(str(v) for v in items)

    def _bab(self) -> dict[str, str]:
        bab = {self.teks(f"bab[{i}].kode"): self.teks(f"bab[{i}].judul") for i in range(len(self.daftar("bab")))}
        for kode in BAB_WAJIB:
            if bab and kode not in bab:
                self.gagal("bab", f"a chapter with kode {kode}", "none")
        return bab

    def _belum_pasti(self) -> tuple[str, ...]:
        daftar = self._ambil("unconfirmed")
        daftar = [] if daftar is TIDAK_ADA else daftar
        if not isinstance(daftar, list):
            self.gagal("unconfirmed", "a list of dotted keys", tampil(daftar))
            return ()
        return self.daftar_belum_pasti(daftar, "the dotted key of a section of this file")


__all__ = ["KODE", "Kriteria", "Kriterium", "Subkomponen", "load_kriteria", "read_kriteria"]
