"""Numbers, money and dates written the Indonesian way (Babel ``id_ID``).

``1.234.567,89``, ``96,62%``, ``Rp27.379.998.000``, ``31 Desember 2024``. Every function
rounds half-up (as hand arithmetic does; Babel alone rounds half-to-even) and prints its
``kosong`` placeholder, never "nan" or "None", for an unknown value.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, get_currency_symbol

from lkjip.calc.dasar import kosong as _kosong
from lkjip.errors import LkjipError

LOCALE = "id_ID"
KOSONG = "–"  # en dash: the placeholder for an unknown value unless the caller gives another

# A float carries ~15.9 significant decimal digits; its shortest repr may show noise in the
# 16th-17th (0.145 * 100 -> 14.499999999999998). Reading it at 15 digits first gives back the
# number the arithmetic meant (14.5), so half-up then rounds it as a person would.
_DIGIT_FLOAT = 15
# Wide enough to hold any finite float (up to ~1.8e308) with decimals: quantize never overflows.
_LEBAR = Context(prec=400)


class FormatError(LkjipError, ValueError):
    """A value cannot be written as asked (infinite, not a number, not a whole number)."""


def _desimal(x: Any, digits: int) -> Decimal:
    """``x`` as a Decimal rounded half-up to ``digits`` places, with float noise removed."""
    if isinstance(x, bool) or isinstance(x, str):
        raise FormatError(f"expected a number; found {x!r}")
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, numbers.Integral):
        d = Decimal(int(x))  # exact, whatever its size (numpy integers too)
    else:
        try:
            f = float(x)
        except (TypeError, ValueError):
            raise FormatError(f"expected a number; found {x!r}") from None
        if math.isinf(f):
            raise FormatError(f"expected a finite number; found {x!r}")
        d = Context(prec=_DIGIT_FLOAT, rounding=ROUND_HALF_EVEN).create_decimal(repr(f))
    if not d.is_finite():
        raise FormatError(f"expected a finite number; found {x!r}")
    hasil = d.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=_LEBAR)
    return hasil.copy_abs() if hasil.is_zero() else hasil  # never print "-0,00"


def round_half_up(x: float | None, digits: int = 0) -> float | None:
    """``x`` rounded half-up to ``digits`` decimals (96.625 -> 96.63); ``None`` stays ``None``."""
    if _kosong(x):
        return None
    return float(_desimal(x, digits))


def _pola(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


def angka(x: float | None, digits: int = 0, *, kosong: str = KOSONG) -> str:
    """A number with ``digits`` fixed decimals: ``1.234.567``, ``1.234,57``."""
    if _kosong(x):
        return kosong
    # The value is already rounded, so Babel's half-to-even never sees a half. Babel quantizes
    # again in the current context, hence the wide one.
    with localcontext(_LEBAR):
        return format_decimal(_desimal(x, digits), format=_pola(digits), locale=LOCALE)


def persen(x: float | None, digits: int = 2, *, kosong: str = KOSONG) -> str:
    """A percentage given on the 0-100 scale: ``96,62%`` (no space, as the report prints)."""
    if _kosong(x):
        return kosong
    return angka(x, digits) + "%"


def rupiah(x: float | None, *, kosong: str = KOSONG) -> str:
    """Money: ``Rp27.379.998.000`` (PUEBI: no space); sen only when the amount has them."""
    if _kosong(x):
        return kosong
    d = _desimal(x, 2)
    digits = 0 if d == d.to_integral_value() else 2
    teks = angka(abs(d), digits)
    return ("-" if d < 0 else "") + get_currency_symbol("IDR", locale=LOCALE) + teks


def indeks(x: float | None, digits: int = 2, *, kosong: str = KOSONG) -> str:
    """An index on the 1-4 scale: ``3,93``."""
    return angka(x, digits, kosong=kosong)


def nilai(x: float | None, digits: int = 2, *, kosong: str = KOSONG) -> str:
    """A score (IKPA, SMART, NKA): ``89,44``."""
    return angka(x, digits, kosong=kosong)


def tanggal(x: dt.date | str | None, *, kosong: str = KOSONG) -> str:
    """A date: ``31 Desember 2024``; text must be ISO (``2024-12-31``)."""
    if _kosong(x):
        return kosong
    if isinstance(x, str):
        try:
            x = dt.date.fromisoformat(x.strip())
        except ValueError:
            raise FormatError(f"tanggal: expected an ISO date such as 2024-12-31; "
                              f"found {x!r}") from None
    if isinstance(x, dt.datetime):
        x = x.date()
    if not isinstance(x, dt.date):
        raise FormatError(f"tanggal: expected a date or ISO text; found {x!r}")
    return format_date(x, "d MMMM y", locale=LOCALE)


_SATUAN = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
           "sembilan", "sepuluh", "sebelas")
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _ratusan(n: int) -> list[str]:
    """Words for 1-999."""
    kata: list[str] = []
    ratus, sisa = divmod(n, 100)
    if ratus == 1:
        kata.append("seratus")
    elif ratus:
        kata += [_SATUAN[ratus], "ratus"]
    if sisa >= 20:
        puluh, satuan = divmod(sisa, 10)
        kata += [_SATUAN[puluh], "puluh"] + ([_SATUAN[satuan]] if satuan else [])
    elif sisa >= 12:
        kata += [_SATUAN[sisa - 10], "belas"]
    elif sisa:
        kata.append(_SATUAN[sisa])
    return kata


def terbilang(n: int) -> str:
    """A whole number in Indonesian words: 38 -> ``tiga puluh delapan``, 1000 -> ``seribu``.

    Up to the trillions (below 10^15); negatives read ``minus ...``.
    """
    if isinstance(n, bool) or _kosong(n):
        raise FormatError(f"terbilang: expected a whole number; found {n!r}")
    try:
        bulat = int(n)
    except (TypeError, ValueError, OverflowError):
        raise FormatError(f"terbilang: expected a whole number; found {n!r}") from None
    if bulat != n:
        raise FormatError(f"terbilang: expected a whole number; found {n!r}")
    if abs(bulat) >= 10**15:
        raise FormatError(f"terbilang: expected a number below 10^15; found {n!r}")
    if bulat == 0:
        return "nol"
    if bulat < 0:
        return "minus " + terbilang(-bulat)
    kata: list[str] = []
    for besar, nama in _SKALA:
        jumlah, bulat = divmod(bulat, besar)
        if jumlah == 1 and besar == 1000:
            kata.append("seribu")  # only the thousands contract: "satu juta", not "sejuta"
        elif jumlah:
            kata += _ratusan(jumlah) + [nama]
    kata += _ratusan(bulat) if bulat else []
    return " ".join(kata)


def angka_terbilang(n: int | None, *, kosong: str = KOSONG) -> str:
    """A count with its words, as letters and reports write it: ``38 (tiga puluh delapan)``."""
    if _kosong(n):
        return kosong
    return f"{angka(n)} ({terbilang(n)})"  # type: ignore[arg-type]  # known not None here


__all__ = [
    "KOSONG",
    "FormatError",
    "angka",
    "angka_terbilang",
    "bawaan",
    "indeks",
    "nilai",
    "persen",
    "round_half_up",
    "rupiah",
    "tanggal",
    "terbilang",
]


# How a registry unit is written unless a display says otherwise: (kind of render(), decimals)
_BAWAAN = {
    "persen": ("persen", 2),
    "rupiah": ("rupiah", 0),
    "jumlah": ("angka", 0),
    "indeks": ("indeks", 2),
    "nilai": ("nilai", 2),
    "poin": ("nilai", 2),
    "kategori": ("teks", 0),
    "kode": ("teks", 0),
}


def bawaan(unit: str) -> tuple[str, int]:
    """The default (kind, decimals) of a registry unit; a score with 2 decimals when unknown."""
    return _BAWAAN.get(unit, ("nilai", 2))


def render(value: Any, spec: str) -> str:
    """A registry value written as ``spec`` says (``kind:digits``, e.g. ``persen:2``): the one
    formatting that the notebooks' ``L.v`` and the audit's check of the rendered report share."""
    kind, _, digits = spec.partition(":")
    d = int(digits) if digits else None
    if kind == "teks" or isinstance(value, str):
        return "" if value is None else str(value)
    fn = {
        "angka": angka,
        "persen": persen,
        "rupiah": rupiah,
        "indeks": indeks,
        "nilai": nilai,
        "terbilang": angka_terbilang,
    }[kind]
    if kind in ("rupiah", "terbilang"):
        return fn(value)
    return fn(value, d) if d is not None else fn(value)
