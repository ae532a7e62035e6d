"""Cells of the CSV tables: how each kind of cell is written, parsed from text, and shown in a
message. A bad cell is reported with what was expected and, where the number was only written
another way (``1.234,5``, ``Rp100``, ``92 %``), how to write it."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

YEAR_MIN, YEAR_MAX = 2000, 2100
CODE_RE = r"^[a-z0-9]+(_[a-z0-9]+)*$"

# A column's kind says how its cells are written, the dtype once loaded, and the checks that
# every column of the kind gets (lkjip.inputs.tables):
#   year, count, ordinal, money   whole numbers -> int64 (Int64 where empty = unknown is allowed)
#   number, percent, degrees      numbers -> float64 (NaN = unknown); percent is 0-100
#   text, code, nip, digits       text -> str; code is lower_snake_case, nip exactly 18 digits,
#                                 digits e.g. an account code (leading zeros kept)
INT_KINDS = {"year", "count", "ordinal", "money"}
FLOAT_KINDS = {"number", "percent", "degrees"}

# What a cell of each kind should hold, as a message to analysts says it (Bahasa Indonesia).
EXPECTED_CELL = {
    "year": "tahun (bilangan bulat, mis. 2024)",
    "count": "bilangan bulat",
    "ordinal": "bilangan bulat",
    "money": "jumlah rupiah berupa bilangan bulat",
    "number": "angka",
    "percent": "angka persen",
    "degrees": "angka (derajat desimal)",
    "nip": "NIP tepat 18 angka",
    "digits": "kode yang hanya berisi angka",
    "text": "isian (sel ini wajib diisi)",
    "code": "kode (sel ini wajib diisi)",
}
# The hint for a cell of the kind that is empty or cannot be read as one.
HINT_CELL = {
    "year": "tulis tahunnya dengan empat angka, mis. 2024",
    "count": "tulis bilangan bulat tanpa pemisah ribuan, mis. 1234",
    "ordinal": "tulis nomor urutnya, mis. 1",
    "money": "tulis rupiahnya tanpa 'Rp' dan tanpa pemisah ribuan, mis. 1535038000",
    "number": "tulis angkanya tanpa pemisah ribuan, dengan titik sebagai tanda desimal, mis. 92.5",
    "percent": "tulis angka persennya tanpa '%', dengan titik sebagai tanda desimal, mis. 92.5",
    "degrees": "tulis derajat desimal dengan titik sebagai tanda desimal, mis. 113.25",
    "nip": "salin ke-18 angka NIP dari dokumen sumbernya",
    "digits": "tulis angkanya saja, mis. 425211",
    "text": "isi sel ini: kolom ini wajib diisi",
    "code": "isi sel ini dengan kode, mis. paspor_tepat_waktu",
}


# --- parsing one cell ---------------------------------------------------------------------------
# ASCII digits only: re's \d also matches other scripts' digits, which int() would accept.
_INT_RE = re.compile(r"[+-]?[0-9]+")
_FLOAT_RE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_ID_THOUSANDS_RE = re.compile(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")  # 1.234.567 or 1.234,5
_ID_DECIMAL_RE = re.compile(r"[+-]?[0-9]+,[0-9]+")  # 92,29
_EN_THOUSANDS_RE = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")  # 1,234,567.5
FIX_NUMBER = "tanpa pemisah ribuan, dengan titik (.) sebagai tanda desimal"
FIX_WHOLE = "tanpa pemisah ribuan"
INT64_MAX = 2**63 - 1  # the largest whole number a table column holds


@dataclass(frozen=True)
class CellError:
    expected: str
    found: str
    hint: str = ""


def _machine_form(text: str, whole: bool) -> str | None:
    """The machine way of writing ``text`` if it is a number written another way, else None."""
    t = text.replace(" ", "").replace("\u00a0", "")
    if t.lower().startswith("rp"):
        t = t[2:].lstrip(".")
    t = t.rstrip("%")
    if _ID_THOUSANDS_RE.fullmatch(t) and (whole or "," in t or t.count(".") > 1):
        return t.replace(".", "").replace(",", ".")
    if _ID_DECIMAL_RE.fullmatch(t):
        return t.replace(",", ".")
    if _EN_THOUSANDS_RE.fullmatch(t):
        return t.replace(",", "")
    if _FLOAT_RE.fullmatch(t) and t != text:
        return t  # only a unit or spaces were in the way
    return None


def _hint_for(text: str, fixed: str, whole: bool) -> str:
    extras = []
    if text.replace(" ", "").lower().startswith("rp"):
        extras.append("angkanya saja, tanpa 'Rp'")
    if text.rstrip().endswith("%"):
        extras.append("angkanya saja, tanpa '%'")
    return f"tulis {fixed}: " + "; ".join([*extras, FIX_WHOLE if whole else FIX_NUMBER])


def _number_error(kind: str, text: str, whole: bool) -> CellError:
    expected = EXPECTED_CELL[kind]
    fixed = _machine_form(text, whole)
    if fixed is not None:
        return CellError(expected, f"'{text}'", _hint_for(text, fixed, whole))
    return CellError(expected, f"'{text}'", HINT_CELL[kind])


def parse_cell(kind: str, text: str) -> tuple[Any, CellError | None]:
    """Parse one stripped, non-empty cell of the given kind: (value, None) or (None, error)."""
    if kind in INT_KINDS:
        if _INT_RE.fullmatch(text):
            value = int(text)
            if abs(value) > INT64_MAX:
                return None, CellError(EXPECTED_CELL[kind], f"'{text}' (terlalu besar)",
                                       "periksa angkanya: mungkin ada angka yang terketik dua kali")
            return value, None
        if _FLOAT_RE.fullmatch(text) and "." in text and not _ID_THOUSANDS_RE.fullmatch(text):
            value = float(text)
            if math.isfinite(value) and value == int(value) and abs(value) <= INT64_MAX:
                return None, CellError(EXPECTED_CELL[kind], f"'{text}'", f"tulis {int(value)}")
            return None, CellError(EXPECTED_CELL[kind], f"'{text}' (bukan bilangan bulat)",
                                   "tulis bilangan bulat; periksa angkanya di dokumen sumber")
        return None, _number_error(kind, text, whole=True)
    if kind in FLOAT_KINDS:
        if _FLOAT_RE.fullmatch(text):
            value = float(text)
            if math.isfinite(value):
                return value, None
            return None, CellError(EXPECTED_CELL[kind], f"'{text}' (terlalu besar)",
                                   "periksa angkanya di dokumen sumber")
        return None, _number_error(kind, text, whole=False)
    if kind == "nip":
        if re.fullmatch(r"[0-9]{18}", text):
            return text, None
        digits = re.sub(r"[^0-9]", "", text)
        if re.fullmatch(r"[0-9.,]+[eE][+]?[0-9]+", text):
            return None, CellError(EXPECTED_CELL["nip"], f"'{text}' (angka dalam notasi ilmiah)",
                                   "format kolom itu sebagai Teks (Text) di lembar kerja, lalu "
                                   "ketik ulang ke-18 angka NIP")
        if re.fullmatch(r"[0-9\s.\-]+", text) and len(digits) == 18:
            return None, CellError(EXPECTED_CELL["nip"], f"'{text}'",
                                   f"tulis {digits}: angkanya saja, tanpa spasi atau tanda baca")
        return None, CellError(EXPECTED_CELL["nip"], f"'{text}' ({len(digits)} angka)",
                               "cocokkan NIP dengan dokumen sumbernya")
    if kind == "digits":
        if text.isascii() and text.isdigit():
            return text, None
        return None, CellError(EXPECTED_CELL["digits"], f"'{text}'", HINT_CELL["digits"])
    return text, None


def show(value: Any) -> str:
    """A value as a message shows it."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    try:
        if value is None or value != value:  # NaN / NA
            return "sel kosong"
    except (TypeError, ValueError):
        return "sel kosong"
    return str(value)


# --- NIP ---------------------------------------------------------------------------------------
def nip_findings(nip: str, jenis_kelamin: str | None = None) -> list[str]:
    """What is impossible about an 18-digit NIP (empty if nothing).

    An NIP is: birth date YYYYMMDD, TMT (start as civil servant) YYYYMM, sex digit (1 = L,
    2 = P), a 3-digit sequence number.
    """
    findings = []
    born = None
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        findings.append(f"tanggal lahir '{nip[0:8]}' (angka ke-1 s.d. 8, TTTTBBHH) bukan tanggal "
                        "yang sah")
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= tmt_month <= 12) or not (1940 <= tmt_year <= YEAR_MAX):
        findings.append(f"TMT '{nip[8:14]}' (angka ke-9 s.d. 14, TTTTBB) bukan tahun dan bulan "
                        "yang sah")
    elif born is not None:
        months = (tmt_year - born.year) * 12 + (tmt_month - born.month)
        if months < 17 * 12:
            findings.append(f"TMT '{nip[8:14]}' jatuh pada usia {months // 12} tahun, sebelum usia 17")
    sex = nip[14]
    if sex not in "12":
        findings.append(f"angka jenis kelamin (ke-15) '{sex}' bukan 1 (L) atau 2 (P)")
    elif jenis_kelamin in ("L", "P") and {"1": "L", "2": "P"}[sex] != jenis_kelamin:
        findings.append(f"angka jenis kelamin (ke-15) '{sex}' tidak cocok dengan jenis_kelamin "
                        f"'{jenis_kelamin}'")
    return findings
