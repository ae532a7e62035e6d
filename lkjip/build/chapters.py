"""The chapters of the report, in reading order: the one list the build, the tests and
nbval use. Each is a notebook in notebooks/, executed by papermill with a ``year``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chapter:
    notebook: str  # file name in notebooks/
    title: str  # as it appears in the table of contents
    number: str  # table/figure prefix ("3" gives "Tabel 3.1"); "" for front matter
    optional: bool = False  # only built on request (e.g. --rekonsiliasi)


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("00_pembuka.ipynb", "Pembuka", "0"),
    Chapter("01_pendahuluan.ipynb", "BAB I Pendahuluan", "1"),
    Chapter("02_perencanaan_kinerja.ipynb", "BAB II Perencanaan Kinerja", "2"),
    Chapter("03_akuntabilitas_kinerja.ipynb", "BAB III Akuntabilitas Kinerja", "3"),
    Chapter("04_penutup.ipynb", "BAB IV Penutup", "4"),
    Chapter("05_lampiran.ipynb", "Lampiran", "5"),
    Chapter("06_rekonsiliasi.ipynb", "Catatan Rekonsiliasi", "6", optional=True),
)


def chapters(include_optional: bool = False) -> list[Chapter]:
    return [c for c in CHAPTERS if include_optional or not c.optional]
