"""The registry of figures: every number the report shows, computed once, by a stable id.

Notebooks, the audit and every export read figures from here and nowhere else. A figure
carries its value at full precision (``None`` where undefined), its unit, an Indonesian label
and the base facts or figure ids it came from.

Figures are computed lazily by group (the id's first segment): a chapter that only shows staff
figures reads only ``pegawai.csv``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip.errors import FigureError
from lkjip.figures import anggaran, kinerja, penilaian, pnbp, profil
from lkjip.figures.base import Figure, Sink, Value

# figure group (an id's first segment) -> the function that computes the group's figures
PROVIDERS: dict[str, Callable[[Figures, Sink], None]] = {
    "ikk": kinerja.ikk,
    "sasaran": kinerja.sasaran,
    "anggaran": anggaran.anggaran,
    "pnbp": pnbp.pnbp,
    "ikpa": penilaian.ikpa,
    "smart": penilaian.smart,
    "nka": penilaian.nka,
    "pegawai": profil.pegawai,
    "wilayah": profil.wilayah,
}


@dataclass
class Figures:
    """All figures of one year. ``Figures(2024)['anggaran.persen'].value``."""

    year: int
    data_dir: Path | str | None = None
    params_dir: Path | str | None = None
    inputs: Any = None
    rules: Any = None
    _cache: dict[str, Figure] = field(default_factory=dict, repr=False)
    _done: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        if self.inputs is None:
            from lkjip.inputs.load import load_year

            self.inputs = load_year(self.year, self.data_dir or None, self.params_dir or None)
        if self.rules is None:
            from lkjip.calc.rules import load_rules

            self.rules = load_rules(self.year)

    # ---- access -------------------------------------------------------------------------
    def _group(self, name: str) -> None:
        if name in self._done:
            return
        provider = PROVIDERS.get(name)
        if provider is None:
            raise FigureError(f"unknown figure group '{name}' (known: {', '.join(sorted(PROVIDERS))})")
        sink = Sink()
        provider(self, sink)
        self._cache.update(sink.items)
        self._done.add(name)

    def __getitem__(self, id: str) -> Figure:
        self._group(id.split(".", 1)[0])
        try:
            return self._cache[id]
        except KeyError:
            raise FigureError(f"unknown figure id '{id}' for {self.year}") from None

    def __contains__(self, id: str) -> bool:
        try:
            self[id]
        except FigureError:
            return False
        return True

    def value(self, id: str) -> Value:
        return self[id].value

    def get(self, id: str, default: Figure | None = None) -> Figure | None:
        try:
            return self[id]
        except FigureError:
            return default

    def all(self) -> dict[str, Figure]:
        for name in PROVIDERS:
            self._group(name)
        return dict(sorted(self._cache.items()))

    def ids(self, prefix: str = "") -> list[str]:
        if prefix:
            self._group(prefix.split(".", 1)[0])
        else:
            self.all()
        return sorted(i for i in self._cache if i.startswith(prefix))

    def years(self, prefix: str, suffix: str, segments: int | None = None) -> list[int]:
        """The years y of the ids ``<prefix><y>...<suffix>`` (``prefix`` ends where the year
        starts); with ``segments``, only ids of that many dot-separated parts."""
        at = prefix.count(".")
        return sorted({int(i.split(".")[at]) for i in self.ids(prefix)
                       if i.endswith(suffix) and (segments is None or i.count(".") + 1 == segments)})

    def to_json(self) -> str:
        doc = {
            "year": self.year,
            "office": getattr(self.inputs, "office", None),
            "figures": {k: f.as_dict() for k, f in self.all().items()},
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    # ---- helpers for providers ----------------------------------------------------------
    def table(self, name: str):
        return getattr(self.inputs, name)

    def this_year(self, name: str):
        df = self.table(name)
        return df[df["tahun"] == self.year]

    def up_to_year(self, name: str):
        """The rows of the report's year and the years before it: a report never shows a later
        year, even when the data folder already holds it."""
        df = self.table(name)
        return df[df["tahun"] <= self.year]

    def indikator(self):
        return self.this_year("indikator").sort_values("urutan")


