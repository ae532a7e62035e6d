"""The calculation layer: small pure functions, no I/O.

Percentages are on the 0-100 scale and ``None`` means undefined. Rules (weights, thresholds,
polarities) come in as a :class:`lkjip.calc.rules.Rules` argument, never as literals here.

Modules: ``kinerja`` (realisasi, capaian, status), ``riwayat`` (changes over years),
``indeks`` (survey index, IKM band), ``rb`` (reform action plan), ``anggaran`` (budget),
``pnbp`` (revenue), ``ikpa``, ``smart``, ``pegawai`` (staff counts).
"""

from lkjip.calc import anggaran, ikpa, indeks, kinerja, pegawai, pnbp, rb, riwayat, smart
from lkjip.calc.dasar import CalcError

__all__ = [
    "CalcError",
    "anggaran",
    "ikpa",
    "indeks",
    "kinerja",
    "pegawai",
    "pnbp",
    "rb",
    "riwayat",
    "smart",
]
