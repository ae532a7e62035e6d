"""The chapters of the report, in reading order: the one list the build, the tests and
nbval use. Each is a notebook in notebooks/, executed by papermill with a ``year``.

How a chapter's tables and figures are numbered, and how its pages are numbered, follows its
``number`` and its ``bagian`` (part of the book):

* the front matter (``bagian="depan"``: letter, Kata Pengantar, lists, Ikhtisar Eksekutif) has
  no chapter number: its tables read "Tabel 1", "Tabel 2"; its pages are numbered i, ii, iii
  (the cover and the cover letter carry no number);
* a BAB numbers its tables after itself: "Tabel 3.1" in BAB III; pages 1, 2, 3 from BAB I on;
* an appendix (``bagian="lampiran"``) numbers them after its letter: "Tabel L.1" in the
  Lampiran, "Tabel R.1" in the Catatan Rekonsiliasi; its pages go on from the BABs.
"""

from __future__ import annotations

from dataclasses import dataclass

BAGIAN = ("depan", "utama", "lampiran")


@dataclass(frozen=True)
class Chapter:
    notebook: str  # file name in notebooks/
    title: str  # as it appears in the table of contents
    number: str  # table/figure prefix: "3" gives "Tabel 3.1", "L" gives "Tabel L.1", "" gives "Tabel 1"
    optional: bool = False  # only built on request (e.g. --rekonsiliasi)
    bagian: str = "utama"  # depan (front matter), utama (the BABs) or lampiran (appendices)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("00_pembuka.ipynb", "Pembuka", "", bagian="depan"),
    Chapter("01_pendahuluan.ipynb", "BAB I Pendahuluan", "1"),
    Chapter("02_perencanaan_kinerja.ipynb", "BAB II Perencanaan Kinerja", "2"),
    Chapter("03_akuntabilitas_kinerja.ipynb", "BAB III Akuntabilitas Kinerja", "3"),
    Chapter("04_penutup.ipynb", "BAB IV Penutup", "4"),
    Chapter("05_lampiran.ipynb", "Lampiran", "L", bagian="lampiran"),
    Chapter("06_rekonsiliasi.ipynb", "Catatan Rekonsiliasi", "R", optional=True, bagian="lampiran"),
)


def chapters(include_optional: bool = False) -> list[Chapter]:
    return [c for c in CHAPTERS if include_optional or not c.optional]
