"""Completeness of a year: a table the report can do without (its part is then left out or
stated in a sentence) but which had rows the year before gets a warning, so that a new year's
check lists what is still to be added as well as what is wrong.

A mixin of :class:`lkjip.inputs.crosschecks.CrossChecks`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# optional year table -> the part of the report that is left out without the year's rows
BAGIAN = {
    "anggaran_jenis_belanja": "DIPA dan realisasi anggaran menurut jenis belanja",
    "anggaran_sumber_dana": "pagu menurut sumber dana",
    "anggaran_sasaran": "anggaran dan realisasi per sasaran kegiatan",
    "anggaran_indikator": "anggaran dan realisasi per indikator",
    "pk_anggaran": "anggaran program dan kegiatan dalam Perjanjian Kinerja",
    "pk_lampiran": "Perjanjian Kinerja pada lampiran",
    "pnbp": "realisasi PNBP",
    "pnbp_target": "target PNBP",
    "ikpa": "nilai IKPA",
    "smart": "nilai SMART",
    "nka": "Nilai Kinerja Anggaran",
    "rata_rata_nasional": "perbandingan dengan rata-rata nasional",
    "rencana_aksi_triwulan": "capaian rencana aksi per triwulan",
}


class Kelengkapan:
    t: dict[str, Any]
    year: int
    shown: dict[str, str]
    warning: Callable[..., None]
    has: Callable[..., bool]

    def year_rows_of_optional_tables(self) -> None:
        for name, part in BAGIAN.items():
            if not self.has(name) or "tahun" not in self.t[name].columns:
                continue
            years = {int(y) for y in self.t[name]["tahun"].unique()}
            earlier = [y for y in years if y < self.year]
            if self.year in years or self.year - 1 not in earlier:
                continue
            self.warning(name, None, "tahun", f"baris tahun {self.year} (tahun {self.year - 1} ada)",
                         "belum ada",
                         f"tambahkan bila datanya ada; tanpa itu bagian '{part}' tidak ditampilkan")
