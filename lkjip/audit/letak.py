"""Where something appears in the stitched report: the chapter, the headings above it, the
numbered table it is in, and the figure ids (``span.angka[data-fig]``) shown there.

The stitched page gives every heading a stable id and every number traced to the registry a
``data-fig`` span, so a place is found without knowing how a chapter is written.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\bid="([^"]*)"')
_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S)
_NOMOR = re.compile(r"\bTabel\s+[\w.]+")
_SPAN = re.compile(r'<span\b[^>]*\bdata-fig="([^"]+)"')


@dataclass(frozen=True)
class Tempat:
    """A place in the report."""

    bab: str  # the chapter's heading (h1), e.g. "BAB III AKUNTABILITAS KINERJA"
    bagian: tuple[str, ...]  # the headings below it, outermost first
    id: str  # the id of the nearest heading: lkjip-<year>.html#<id>
    tabel: str = ""  # "Tabel 3.2" inside a numbered table
    angka: tuple[str, ...] = field(default=())  # figure ids shown there

    def di_bab(self, judul: str) -> bool:
        """Whether this place is in the chapter whose heading begins with ``judul`` ("BAB II")."""
        bab, judul = self.bab.casefold(), judul.casefold().strip()
        return bab == judul or bab.startswith(judul + " ")

    def as_dict(self) -> dict[str, object]:
        return {"bab": self.bab, "bagian": list(self.bagian), "id": self.id, "tabel": self.tabel,
                "angka": list(self.angka)}


def gabung(places: Iterable[Tempat]) -> list[Tempat]:
    """Places under the same heading and table merged into one (their figure ids joined)."""
    out: dict[tuple[str, tuple[str, ...], str, str], list[str]] = {}
    for t in places:
        ids = out.setdefault((t.bab, t.bagian, t.id, t.tabel), [])
        ids += [i for i in t.angka if i not in ids]
    return [Tempat(bab, bagian, ident, tabel, tuple(ids)) for (bab, bagian, ident, tabel), ids in out.items()]


def teks_polos(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


class PetaLaporan:
    """A map of one stitched report: every heading and numbered table by position, every
    figure span by id."""

    def __init__(self, html_text: str):
        self.html = html_text
        self._pos: list[int] = []
        self._snap: list[tuple[str, tuple[str, ...], str]] = []
        stack: list[tuple[str, str] | None] = [None] * 6
        for m in _HEADING.finditer(html_text):
            level = int(m[1])
            ident = _ID.search(m[2])
            stack[level - 1] = (teks_polos(m[3]), ident[1] if ident else "")
            stack[level:] = [None] * (6 - level)
            bab = stack[0][0] if stack[0] else ""
            bagian = tuple(s[0] for s in stack[1:] if s)
            nearest = next((s[1] for s in reversed(stack) if s and s[1]), "")
            self._pos.append(m.start())
            self._snap.append((bab, bagian, nearest))
        self.judul_bab = [(bab, ident) for (bab, bagian, ident) in self._snap if not bagian]
        self._tabel = []
        for m in _TABLE.finditer(html_text):
            cap = _CAPTION.search(m[0])
            text = teks_polos(cap[1]) if cap else ""
            nomor = _NOMOR.search(text)
            self._tabel.append((m.start(), m.end(), nomor[0] if nomor else text))
        self._spans: list[tuple[int, str]] = [(m.start(), m[1]) for m in _SPAN.finditer(html_text)]

    def _tempat(self, pos: int) -> tuple[str, tuple[str, ...], str, str]:
        i = bisect.bisect_right(self._pos, pos) - 1
        bab, bagian, ident = self._snap[i] if i >= 0 else ("", (), "")
        tabel = next((n for a, b, n in self._tabel if a <= pos < b), "")
        return bab, bagian, ident, tabel

    def angka(self, ids: Iterable[str] = (), awalan: Iterable[str] = ()) -> list[Tempat]:
        """The places that show a figure whose id is one of ``ids`` or begins with one of
        ``awalan``, in reading order, one per heading and table with the ids shown there."""
        ids, awalan = set(ids), tuple(awalan)
        found = [(p, f) for p, f in self._spans if f in ids or (awalan and f.startswith(awalan))]
        return self._gabung(found)

    def teks(self, kalimat: str) -> list[Tempat]:
        """The places where the text ``kalimat`` is printed (as the page escapes it)."""
        found = []
        for needle in dict.fromkeys((html.escape(kalimat, quote=False), html.escape(kalimat))):
            start = self.html.find(needle)
            while start >= 0:
                found.append((start, ""))
                start = self.html.find(needle, start + len(needle))
        return self._gabung(sorted(found))

    def _gabung(self, found: list[tuple[int, str]]) -> list[Tempat]:
        return gabung(Tempat(*self._tempat(pos), (fid,) if fid else ()) for pos, fid in found)


__all__ = ["PetaLaporan", "Tempat", "gabung", "teks_polos"]
