"""Checks of the office's narasi that a program can make honestly: entries that are empty or
very short, a sentence reused for several indicators, digits typed in the text (numbers come
from figures). Nothing here judges the quality of the writing.

Pure functions over the parsed ``narasi/<year>.yaml``; an entry is named by its dotted path
(``indikator.layanan.kendala[2]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

_ANGKA = re.compile(r"\d+(?:[.,]\d+)*")
_AKHIR_KALIMAT = re.compile(r"(?<=[.!?;])\s+")


@dataclass(frozen=True)
class Butir:
    """One entry of the narasi."""

    path: str
    teks: str

    @property
    def indikator(self) -> str | None:
        """The indicator code when the entry is under ``indikator.<kode>``."""
        m = re.match(r"indikator\.([^.\[]+)", self.path)
        return m[1] if m else None


def butir(narasi: Any, awal: str = "") -> Iterator[Butir]:
    """Every entry (a scalar in a list or under a key) of the narasi, in the file's order."""
    if isinstance(narasi, dict):
        for k, v in narasi.items():
            yield from butir(v, f"{awal}.{k}" if awal else str(k))
    elif isinstance(narasi, list):
        for i, v in enumerate(narasi):
            yield from butir(v, f"{awal}[{i}]")
    else:
        yield Butir(awal, "" if narasi is None else str(narasi).strip())


def isi(narasi: Any, *path: str) -> list[str]:
    """The non-blank entries of the list at ``path`` (``isi(n, "indikator", "layanan", "kendala")``)."""
    node = narasi
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, list):
        return [str(v).strip() for v in node if v is not None and str(v).strip()]
    return []


def jumlah_kata(teks: str) -> int:
    return len(teks.split())


def pendek(entries: list[Butir], kata_minimal: int) -> list[Butir]:
    """The entries with fewer than ``kata_minimal`` words (blank ones included)."""
    return [b for b in entries if jumlah_kata(b.teks) < kata_minimal]


def angka(entries: list[Butir]) -> list[tuple[Butir, list[str]]]:
    """The entries with digits typed in them, and the numbers found."""
    return [(b, found) for b in entries if (found := _ANGKA.findall(b.teks))]


def _kunci(kalimat: str) -> str:
    """A sentence as compared: case and spacing ignored, closing punctuation dropped."""
    return " ".join(kalimat.casefold().split()).rstrip(".!?;: ")


@dataclass(frozen=True)
class Berulang:
    """A sentence written for several indicators."""

    kalimat: str  # as first written
    indikator: tuple[str, ...]  # the indicator codes, in the file's order
    path: tuple[str, ...]  # every entry that holds it


def berulang(entries: list[Butir], kata_minimal: int) -> list[Berulang]:
    """Sentences of at least ``kata_minimal`` words found under two indicators or more."""
    seen: dict[str, tuple[str, list[str], list[str]]] = {}
    for b in entries:
        kode = b.indikator
        if kode is None:
            continue
        for kalimat in _AKHIR_KALIMAT.split(b.teks):
            if jumlah_kata(kalimat) < kata_minimal:
                continue
            first, codes, paths = seen.setdefault(_kunci(kalimat), (kalimat.strip(), [], []))
            if kode not in codes:
                codes.append(kode)
            paths.append(b.path)
    return [Berulang(k, tuple(c), tuple(p)) for k, c, p in seen.values() if len(c) > 1]


__all__ = ["Berulang", "Butir", "angka", "berulang", "butir", "isi", "jumlah_kata", "pendek"]
