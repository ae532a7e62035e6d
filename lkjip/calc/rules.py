"""SAKIP rule sets by fiscal year (``lkjip/rules/<year>.yaml``), validated on load.

The rule file of a year is the latest one at or before it: ``2024.yaml`` applies to 2024 and
after, ``2022.yaml`` to 2022 and 2023. Every rule a regulation does not fix lives here, never
as a literal in code, and those no source confirms are listed under ``unconfirmed``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from lkjip.calc.rules_file import NAMA_FILE, TOLERANSI, Pembaca, tampil
from lkjip.errors import RuleError
from lkjip.paths import RULES_DIR

# The capaian formulas a rule file may name (lkjip.calc.kinerja implements each).
RUMUS = ("langsung", "terbalik")


@dataclass(frozen=True)
class Cap:
    """Capaian above ``batas`` is replaced by ``nilai`` when ``enabled``."""

    enabled: bool
    batas: float
    nilai: float


@dataclass(frozen=True)
class KomponenIkpa:
    """One IKPA component: weighted (``bobot`` %) or a deduction (``pengurang``)."""

    kode: str
    nama: str
    aspek: str | None
    bobot: float
    pengurang: bool = False


@dataclass(frozen=True)
class Kategori:
    """A category and the lowest value that reaches it."""

    nama: str
    min: float


@dataclass(frozen=True)
class PitaIkm:
    """An IKM band on the 0-100 score, as the regulation prints it."""

    grade: str
    min: float
    maks: float
    label: str


# eq=False: a Rules compares and hashes by identity, so it can key a cache (its mapping
# fields are read-only views, which cannot be hashed); load_rules returns one per file and year.
@dataclass(frozen=True, eq=False)
class Rules:
    """The SAKIP rules of a fiscal year. Build with :func:`load_rules`."""

    tahun: int  # the year the file is named for: the first year it applies to
    path: Path
    nama: str
    sumber: tuple[str, ...]
    rumus_capaian: Mapping[str, str]  # positif / negatif -> formula name
    rumus_rentang: Mapping[str, str]  # di_bawah / di_atas -> formula name
    cap: Cap
    nihil_kata: str
    nihil_kalimat: str
    ambang_tercapai: float
    status_label: Mapping[str, str]  # tercapai / tidak_tercapai / nihil -> printed label
    ikpa_sumber: str
    ikpa_aspek: Mapping[str, str]  # aspect code -> printed name
    ikpa_komponen: Mapping[str, KomponenIkpa]  # code -> component, in the file's order
    ikpa_konversi_bobot: bool
    ikpa_kategori: tuple[Kategori, ...]  # highest first
    indeks_pembagi: float
    ikm_pita: tuple[PitaIkm, ...]  # highest first
    smart_bobot: Mapping[str, float]
    unconfirmed: tuple[str, ...]

    def komponen_ikpa(self, kode: str) -> KomponenIkpa:
        """The IKPA component with code ``kode``."""
        try:
            return self.ikpa_komponen[kode]
        except KeyError:
            raise RuleError(f"{self.path}: no IKPA component '{kode}'; the file has "
                            f"{', '.join(self.ikpa_komponen)}") from None

    def belum_pasti(self, kunci: str) -> bool:
        """Whether the rule at dotted key ``kunci`` (or a section holding it) is unconfirmed."""
        return any(kunci == u or kunci.startswith(u + ".") for u in self.unconfirmed)


def load_rules(year: int, rules_dir: Path | str | None = None) -> Rules:
    """The rules for fiscal ``year``: the latest ``<y>.yaml`` with ``y <= year``.

    Cached per (folder, year). Raises RuleError when no file applies or the file is invalid.
    """
    folder = Path(rules_dir) if rules_dir is not None else RULES_DIR
    return _load_cached(str(folder.resolve()), int(year))


@functools.cache
def _load_cached(folder: str, year: int) -> Rules:
    return read_rules(_choose_file(Path(folder), year))


load_rules.cache_clear = _load_cached.cache_clear  # type: ignore[attr-defined]


def _choose_file(folder: Path, year: int) -> Path:
    if not folder.is_dir():
        raise RuleError(f"{folder}: expected a folder of rule files <year>.yaml; found no folder")
    years = sorted(int(m.group(1)) for p in folder.iterdir() if (m := NAMA_FILE.match(p.name)))
    applicable = [y for y in years if y <= year]
    if not applicable:
        found = ", ".join(f"{y}.yaml" for y in years) or "no rule file"
        raise RuleError(f"{folder}: expected a rule file <year>.yaml for a year <= {year}; "
                        f"found {found} (add one for {year} or earlier)")
    return folder / f"{applicable[-1]}.yaml"


def read_rules(path: Path | str) -> Rules:
    """Read and validate one rule file (no year selection, no cache)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleError(f"{path}: expected a rule file; found no such file") from None
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: expected UTF-8 text; "
                        f"found undecodable bytes ({exc.reason})") from None
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster
        data = yaml.load(text, Loader=loader)  # noqa: S506 (a safe loader)
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", exc)
        raise RuleError(f"{path}{line}: expected valid YAML; found {problem}") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping of rule sections; found {type(data).__name__}")
    return _Pembaca(path, data, node).rules()


class _Pembaca(Pembaca):
    """Reads a parsed rule file, collecting every problem before raising once (the generic
    reading is :class:`lkjip.calc.rules_file.Pembaca`; the rule file's own checks are here)."""

    def angka(self, kunci: str, *, lo: float | None = None, hi: float | None = None,
              positif: bool = False) -> float:
        nilai = self._ambil(kunci)
        bukan_angka = isinstance(nilai, bool) or not isinstance(nilai, int | float)
        if bukan_angka or not math.isfinite(nilai):
            self.gagal(kunci, "a number", tampil(nilai))
            return 0.0
        if positif and nilai <= 0:
            self.gagal(kunci, "a number > 0", tampil(nilai))
        if (lo is not None and nilai < lo) or (hi is not None and nilai > hi):
            self.gagal(kunci, f"a number between {lo:g} and {hi:g}", tampil(nilai))
        return float(nilai)

    def rumus(self, kunci: str) -> str:
        nama = self._ambil(kunci)
        if nama not in RUMUS:
            self.gagal(kunci, f"a formula name ({', '.join(RUMUS)})", tampil(nama))
            return RUMUS[0]
        return nama

    # -- the file --------------------------------------------------------------------------
    def rules(self) -> Rules:
        tahun = self._tahun()
        status_label = {k: self.teks(f"status.label.{k}")
                        for k in ("tercapai", "tidak_tercapai", "nihil")}
        ikpa_aspek = {str(k): self.teks(f"ikpa.aspek.{k}") for k in self.peta("ikpa.aspek")}
        rules = Rules(
            tahun=tahun,
            path=self.path,
            nama=self.teks("nama"),
            sumber=tuple(self.teks(f"sumber[{i}]") for i in range(len(self.daftar("sumber")))),
            rumus_capaian=MappingProxyType(
                {p: self.rumus(f"capaian.rumus.{p}") for p in ("positif", "negatif")}),
            rumus_rentang=MappingProxyType(
                {s: self.rumus(f"capaian.rumus.rentang.{s}") for s in ("di_bawah", "di_atas")}),
            cap=Cap(self.benar("capaian.cap.enabled"),
                    self.angka("capaian.cap.batas", positif=True),
                    self.angka("capaian.cap.nilai", positif=True)),
            nihil_kata=self.teks("nihil.kata"),
            nihil_kalimat=self.teks("nihil.kalimat"),
            ambang_tercapai=self.angka("status.ambang_tercapai", lo=0, hi=100, positif=True),
            status_label=MappingProxyType(status_label),
            ikpa_sumber=self.teks("ikpa.sumber"),
            ikpa_aspek=MappingProxyType(ikpa_aspek),
            ikpa_komponen=MappingProxyType({k.kode: k for k in self._komponen(ikpa_aspek)}),
            ikpa_konversi_bobot=self.benar("ikpa.konversi_bobot.enabled"),
            ikpa_kategori=self._kategori(),
            indeks_pembagi=self.angka("ikm.indeks_pembagi", positif=True),
            ikm_pita=self._pita(),
            smart_bobot=MappingProxyType(self._bobot_smart()),
            unconfirmed=self._belum_pasti(),
        )
        if self.problems:
            error = RuleError("\n".join(self.problems))
            error.problems = list(self.problems)  # type: ignore[attr-defined]
            raise error
        return rules

    def _tahun(self) -> int:
        tahun = self._ambil("tahun_berlaku")
        m = NAMA_FILE.match(self.path.name)
        if isinstance(tahun, bool) or not isinstance(tahun, int):
            self.gagal("tahun_berlaku", "the fiscal year as a whole number", tampil(tahun))
            return int(m.group(1)) if m else 0
        if m and int(m.group(1)) != tahun:
            self.gagal("tahun_berlaku", f"{m.group(1)} (the year in the file name)", str(tahun))
        return tahun

    def _komponen(self, aspek: Mapping[str, str]) -> tuple[KomponenIkpa, ...]:
        hasil: list[KomponenIkpa] = []
        for i, item in enumerate(self.daftar("ikpa.komponen")):
            k = f"ikpa.komponen[{i}]"
            if not isinstance(item, dict):
                self.gagal(k, "a mapping {kode, nama, aspek, bobot}", tampil(item))
                continue
            kode = self.teks(f"{k}.kode")
            if kode and not re.fullmatch(r"[a-z][a-z0-9_]*", kode):
                self.gagal(f"{k}.kode", "a lower_snake_case code", tampil(kode))
            if kode in {h.kode for h in hasil}:
                self.gagal(f"{k}.kode", "a code used once", f"'{kode}' again")
            pengurang = self.benar(f"{k}.pengurang", default=False)
            bobot = self.angka(f"{k}.bobot", lo=0, hi=100)
            asp = item.get("aspek")
            if pengurang:
                if bobot != 0:
                    self.gagal(f"{k}.bobot", "0 for a deduction (pengurang: true)", tampil(bobot))
            else:
                if bobot <= 0:
                    self.gagal(f"{k}.bobot", "a weight > 0 (or pengurang: true)", tampil(bobot))
                if not isinstance(asp, str) or asp not in aspek:
                    self.gagal(f"{k}.aspek", f"one of {', '.join(aspek)}", tampil(asp))
            hasil.append(KomponenIkpa(kode, self.teks(f"{k}.nama"), asp, bobot, pengurang))
        berbobot = [h for h in hasil if not h.pengurang]
        jumlah = sum(h.bobot for h in berbobot)
        if hasil and abs(jumlah - 100) > TOLERANSI:
            rincian = " + ".join(f"{h.kode} {h.bobot:g}" for h in berbobot)
            self.gagal("ikpa.komponen", "weights of the weighted components summing to 100",
                       f"{jumlah:g} ({rincian})")
        return tuple(hasil)

    def _kategori(self) -> tuple[Kategori, ...]:
        hasil = []
        for i, _ in enumerate(self.daftar("ikpa.kategori")):
            k = f"ikpa.kategori[{i}]"
            hasil.append(Kategori(self.teks(f"{k}.nama"), self.angka(f"{k}.min", lo=0, hi=100)))
            if i and hasil[i].min >= hasil[i - 1].min:
                self.gagal(f"{k}.min", f"a bound below the previous one ({hasil[i - 1].min:g}): "
                           "thresholds are listed highest first", tampil(hasil[i].min))
        return tuple(hasil)

    def _pita(self) -> tuple[PitaIkm, ...]:
        resolusi = self.angka("ikm.resolusi", positif=True)
        hasil: list[PitaIkm] = []
        for i, _ in enumerate(self.daftar("ikm.pita")):
            k = f"ikm.pita[{i}]"
            band = PitaIkm(self.teks(f"{k}.grade"), self.angka(f"{k}.min", lo=0, hi=100),
                           self.angka(f"{k}.maks", lo=0, hi=100), self.teks(f"{k}.label"))
            if band.min > band.maks:
                self.gagal(f"{k}.min", f"a bound at most the band's maks ({band.maks:g})",
                           tampil(band.min))
            if i == 0 and band.maks != 100:
                self.gagal(f"{k}.maks", "100 (the top of the score scale)", tampil(band.maks))
            if i:
                atas = hasil[-1]
                # Contiguous: this band ends below the next one up, with no more than the
                # printing resolution between them (64.99 | 65.00).
                if not 0 < atas.min - band.maks <= resolusi + TOLERANSI:
                    self.gagal(f"{k}.maks", f"a bound just below band {atas.grade}'s min "
                               f"{atas.min:g} (gap > 0 and <= {resolusi:g}): bands are "
                               "contiguous, highest first", tampil(band.maks))
            hasil.append(band)
        return tuple(hasil)

    def _bobot_smart(self) -> dict[str, float]:
        bobot = {str(k): self.angka(f"smart.bobot.{k}", lo=0, hi=100)
                 for k in self.peta("smart.bobot")}
        if bobot and abs(sum(bobot.values()) - 100) > TOLERANSI:
            self.gagal("smart.bobot", "weights summing to 100", f"{sum(bobot.values()):g}")
        return bobot

    def _belum_pasti(self) -> tuple[str, ...]:
        return self.daftar_belum_pasti(self.daftar("unconfirmed", kosong_boleh=True),
                                       "the dotted key of a rule in this file")


__all__ = ["Cap", "Kategori", "KomponenIkpa", "PitaIkm", "Rules", "load_rules", "read_rules"]
