"""Shared pieces of the calculation layer: its error and the test for an unknown value."""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

from lkjip.errors import LkjipError


class CalcError(LkjipError, ValueError):
    """A calculation was given values it cannot accept (negative counts, a malformed target)."""


def kosong(x: Any) -> bool:
    """True when ``x`` is unknown: ``None``, NaN, or a pandas missing marker."""
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN (float or numpy) is the one value unequal to itself
    except TypeError:
        return True  # pandas.NA: even its comparison is undefined
    except ValueError:
        return False  # an array compares element-wise: a value, not a missing one


def angka(x: Any, nama: str) -> float | None:
    """``x`` as a float, ``None`` when unknown; a CalcError naming ``nama`` when not a number."""
    if kosong(x):
        return None
    # Text is refused even when it looks numeric: the loader parses, the calculation computes.
    if isinstance(x, bool | str | bytes) or not (isinstance(x, Real) or hasattr(x, "__float__")):
        raise CalcError(f"{nama}: expected a number; found {x!r}")
    nilai = float(x)
    if math.isinf(nilai):
        raise CalcError(f"{nama}: expected a finite number; found {x!r}")
    return nilai


def tak_negatif(x: Any, nama: str) -> float | None:
    """Like :func:`angka`, and a CalcError when the number is below zero."""
    nilai = angka(x, nama)
    if nilai is not None and nilai < 0:
        raise CalcError(f"{nama}: expected a number >= 0; found {x!r}")
    return nilai


def rasio_persen(pembilang: float, penyebut: float) -> float | None:
    """pembilang / penyebut x 100, ``None`` when the denominator is 0."""
    if penyebut == 0:
        return None
    return pembilang / penyebut * 100


# Sums of weighted floats land a hair off a threshold (8.9 + ... = 88.99999999999999 for an
# exact 89). Comparisons with thresholds use the value rounded to this many decimals: far below
# any printed precision, far above float noise.
DESIMAL_PEMBANDING = 9


def capai(nilai: float, ambang: float) -> bool:
    """Whether ``nilai`` reaches ``ambang``, ignoring float noise."""
    return round(nilai, DESIMAL_PEMBANDING) >= ambang


def melebihi(nilai: float, batas: float) -> bool:
    """Whether ``nilai`` is above ``batas``, ignoring float noise (110 / 100 x 100 is 110)."""
    return round(nilai, DESIMAL_PEMBANDING) > batas


__all__ = ["CalcError", "kosong", "angka", "tak_negatif", "rasio_persen", "capai", "melebihi"]
