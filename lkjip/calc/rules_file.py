"""Reading a versioned rules YAML file (``<year>.yaml``) with the line of every key.

:class:`Pembaca` walks the parsed data by dotted keys (``ikpa.komponen[2].bobot``), finds each
key's line in the composed YAML nodes, and collects every problem as
``<file>, line <n>, key '<key>': expected <what>; found <what>`` so that one error can name them
all. The rule sets (:mod:`lkjip.calc.rules`) and the evaluation criteria
(:mod:`lkjip.audit.kriteria`) each subclass it with the getters and checks of their own file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

# A rules file is named for the first year it applies to.
NAMA_FILE = re.compile(r"^(\d{4})\.yaml$")
# Weights and bounds are read from YAML decimals (43.5, 88.31): compare with this tolerance.
TOLERANSI = 1e-9


class _TidakAda:
    def __repr__(self) -> str:
        return "nothing"


TIDAK_ADA: Any = _TidakAda()  # what a missing key reads as


def tampil(nilai: Any) -> str:
    """A value as a problem's ``found`` shows it."""
    if nilai is TIDAK_ADA:
        return "it missing"
    return f"{nilai:g}" if isinstance(nilai, float) else repr(nilai)


def _bertanda(data: Any, awal: str = "") -> list[str]:
    """Dotted keys of the mappings that carry ``unconfirmed: true``."""
    hasil = []
    if isinstance(data, dict):
        if data.get("unconfirmed") is True and awal:
            hasil.append(awal)
        for k, v in data.items():
            if k != "unconfirmed":
                hasil.extend(_bertanda(v, f"{awal}.{k}" if awal else str(k)))
    return hasil


class Pembaca:
    """Reads a parsed rules file, collecting every problem before raising once."""

    def __init__(self, path: Path, data: dict[str, Any], node: yaml.Node | None):
        self.path, self.data, self.node = path, data, node
        self.problems: list[str] = []

    # -- finding keys ------------------------------------------------------------------
    @staticmethod
    def _bagian(kunci: str) -> list[str | int]:
        return [int(p[1:-1]) if p.startswith("[") else p
                for p in re.findall(r"\[\d+\]|[^.\[\]]+", kunci)]

    def _ambil(self, kunci: str) -> Any:
        nilai: Any = self.data
        for bagian in self._bagian(kunci):
            if isinstance(bagian, int) and isinstance(nilai, list) and bagian < len(nilai):
                nilai = nilai[bagian]
            elif isinstance(bagian, str) and isinstance(nilai, dict) and bagian in nilai:
                nilai = nilai[bagian]
            else:
                return TIDAK_ADA
        return nilai

    def _baris(self, kunci: str) -> int | None:
        """The line of ``kunci`` in the file (of its nearest existing parent), 1-based."""
        node, line = self.node, None
        for bagian in self._bagian(kunci):
            if isinstance(node, yaml.MappingNode) and isinstance(bagian, str):
                found = [(k, v) for k, v in node.value if k.value == bagian]
                if not found:
                    break
                line, node = found[0][0].start_mark.line + 1, found[0][1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(bagian, int) \
                    and bagian < len(node.value):
                node = node.value[bagian]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def _anak(self, kunci: str) -> list[tuple[yaml.Node, yaml.Node]]:
        """The (key, value) nodes of the mapping at top-level ``kunci``, duplicates included."""
        if not isinstance(self.node, yaml.MappingNode):
            return []
        for k, v in self.node.value:
            if k.value == kunci and isinstance(v, yaml.MappingNode):
                return list(v.value)
        return []

    def gagal(self, kunci: str, expected: str, found: str) -> None:
        """Record a problem; ``found`` is already written for the reader (see tampil)."""
        line = self._baris(kunci)
        where = f"{self.path}" + (f", line {line}" if line else "")
        self.problems.append(f"{where}, key '{kunci}': expected {expected}; found {found}")

    # -- typed getters: each records a problem and returns a harmless default ------------
    def teks(self, kunci: str, default: str | None = None) -> str:
        nilai = self._ambil(kunci)
        if nilai is TIDAK_ADA and default is not None:
            return default
        if not isinstance(nilai, str) or not nilai.strip():
            self.gagal(kunci, "a non-empty text", tampil(nilai))
            return ""
        return nilai

    def bulat(self, kunci: str, lo: int, hi: int) -> int:
        nilai = self._ambil(kunci)
        if isinstance(nilai, bool) or not isinstance(nilai, int) or not lo <= nilai <= hi:
            self.gagal(kunci, f"a whole number between {lo} and {hi}", tampil(nilai))
            return lo
        return nilai

    def benar(self, kunci: str, default: bool | None = None) -> bool:
        nilai = self._ambil(kunci)
        if nilai is TIDAK_ADA and default is not None:
            return default
        if not isinstance(nilai, bool):
            self.gagal(kunci, "true or false", tampil(nilai))
            return False
        return nilai

    def daftar(self, kunci: str, *, kosong_boleh: bool = False) -> list[Any]:
        nilai = self._ambil(kunci)
        if not isinstance(nilai, list) or (not nilai and not kosong_boleh):
            self.gagal(kunci, "a list" if kosong_boleh else "a non-empty list", tampil(nilai))
            return []
        return nilai

    def peta(self, kunci: str) -> dict[str, Any]:
        nilai = self._ambil(kunci)
        if not isinstance(nilai, dict) or not nilai:
            self.gagal(kunci, "a non-empty mapping", tampil(nilai))
            return {}
        return nilai

    # -- the `unconfirmed` list ------------------------------------------------------------
    def daftar_belum_pasti(self, daftar: list[Any], arti: str) -> tuple[str, ...]:
        """Check the file's ``unconfirmed`` list: each entry must be a dotted key of the file
        (``arti`` says what it must be, for the problem), and every mapping flagged
        ``unconfirmed: true`` must be listed."""
        for i, kunci in enumerate(daftar):
            if not isinstance(kunci, str) or self._ambil(kunci) is TIDAK_ADA:
                self.gagal(f"unconfirmed[{i}]", arti, tampil(kunci))
        # A section flagged `unconfirmed: true` must be named in the list, so the list alone
        # tells the report every rule to caveat.
        for kunci in _bertanda(self.data):
            if kunci not in daftar:
                self.gagal("unconfirmed", f"'{kunci}' listed (it says unconfirmed: true)",
                           "it not listed")
        return tuple(str(k) for k in daftar)


__all__ = ["NAMA_FILE", "TIDAK_ADA", "TOLERANSI", "Pembaca", "tampil"]
