"""What every group of figures is made of: the :class:`Figure`, the :class:`Sink` a group's
provider fills, and the helpers they share."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lkjip.errors import FigureError

Value = float | int | str | None

@dataclass(frozen=True)
class Figure:
    id: str
    value: Value
    unit: str  # persen | rupiah | jumlah | indeks | nilai | kategori | kode | poin
    label: str
    sources: tuple[str, ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "sources": list(self.sources),
            "note": self.note,
        }


# How the realisasi of a ratio indicator is counted: indicator code -> (table, numerator column,
# denominator column). The codes are the ministry's indicator codes; a new indicator measured as a




def slug(text: str) -> str:
    """A stable ASCII id segment from a name ("Program Dukungan Manajemen" -> "dukungan_manajemen")."""
    text = re.sub(r"^program\s+", "", text.strip().lower())
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def as_number(x: Any) -> float | int | None:
    """A table cell as a plain Python number; empty/NaN -> None (unknown)."""
    if x is None or (isinstance(x, str) and not x.strip()):
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    if math.isnan(f):
        return None
    is_int = isinstance(x, int) or getattr(getattr(x, "dtype", None), "kind", "") in "iu" and hasattr(x, "dtype")
    return int(f) if is_int else f


class Sink:
    """Collects the figures of one group."""

    def __init__(self) -> None:
        self.items: dict[str, Figure] = {}

    def add(self, id: str, value: Value, unit: str, label: str, sources: Iterable[str] = (), note: str = "") -> Value:
        if id in self.items:
            raise FigureError(f"figure id defined twice: {id}")
        if isinstance(value, float) and math.isnan(value):
            value = None
        self.items[id] = Figure(id, value, unit, label, tuple(sources), note)
        return value

    def alias(self, id: str, of: str) -> None:
        """The same figure under a second id (e.g. the reporting year's value of a series)."""
        f = self.items[of]
        self.items[id] = Figure(id, f.value, f.unit, f.label, (of,), f"sama dengan {of}")
