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

EXPECTED_CELL = {
    "year": "a year (whole number)",
    "count": "a whole number",
    "ordinal": "a whole number",
    "money": "a whole number of rupiah",
    "number": "a number",
    "percent": "a number",
    "degrees": "a number (decimal degrees)",
    "nip": "an NIP of exactly 18 digits",
    "digits": "a code made of digits",
    "text": "a value",
    "code": "a value",
}


# --- parsing one cell ---------------------------------------------------------------------------
_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_ID_THOUSANDS_RE = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")  # 1.234.567 or 1.234,5
_ID_DECIMAL_RE = re.compile(r"[+-]?\d+,\d+")  # 92,29
_EN_THOUSANDS_RE = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,234,567.5
FIX_NUMBER = "no thousands separator, '.' as decimal point"


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


def _hint_for(text: str, fixed: str) -> str:
    extras = []
    if text.replace(" ", "").lower().startswith("rp"):
        extras.append("the number only, without 'Rp'")
    if text.rstrip().endswith("%"):
        extras.append("the number only, without '%'")
    return f"write {fixed}: " + "; ".join([*extras, FIX_NUMBER])


def _number_error(kind: str, text: str, whole: bool) -> CellError:
    expected = EXPECTED_CELL[kind]
    fixed = _machine_form(text, whole)
    if fixed is not None:
        return CellError(expected, f"'{text}'", _hint_for(text, fixed))
    return CellError(expected, f"'{text}'")


def parse_cell(kind: str, text: str) -> tuple[Any, CellError | None]:
    """Parse one stripped, non-empty cell of the given kind: (value, None) or (None, error)."""
    if kind in INT_KINDS:
        if _INT_RE.fullmatch(text):
            return int(text), None
        if _FLOAT_RE.fullmatch(text) and "." in text and not _ID_THOUSANDS_RE.fullmatch(text):
            value = float(text)
            if math.isfinite(value) and value == int(value):
                return None, CellError(EXPECTED_CELL[kind], f"'{text}'", f"write {int(value)}")
            return None, CellError(EXPECTED_CELL[kind], f"'{text}' (not a whole number)")
        return None, _number_error(kind, text, whole=True)
    if kind in FLOAT_KINDS:
        if _FLOAT_RE.fullmatch(text):
            return float(text), None
        return None, _number_error(kind, text, whole=False)
    if kind == "nip":
        if re.fullmatch(r"\d{18}", text):
            return text, None
        digits = re.sub(r"\D", "", text)
        if re.fullmatch(r"[\d.,]+[eE][+]?\d+", text):
            return None, CellError(EXPECTED_CELL["nip"], f"'{text}' (a number in scientific notation)",
                                   "format the column as Text in the spreadsheet and type the "
                                   "18 digits again")
        if re.fullmatch(r"[\d\s.\-]+", text) and len(digits) == 18:
            return None, CellError(EXPECTED_CELL["nip"], f"'{text}'", f"write {digits}: digits only")
        return None, CellError(EXPECTED_CELL["nip"], f"'{text}' ({len(digits)} digits)",
                               "check the NIP against the source")
    if kind == "digits":
        if text.isascii() and text.isdigit():
            return text, None
        return None, CellError(EXPECTED_CELL["digits"], f"'{text}'")
    return text, None


def show(value: Any) -> str:
    """A value as a message shows it."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    try:
        if value is None or value != value:  # NaN / NA
            return "an empty cell"
    except (TypeError, ValueError):
        return "an empty cell"
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
        findings.append(f"birth date '{nip[0:8]}' (digits 1-8, YYYYMMDD) is not a valid date")
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= tmt_month <= 12) or not (1940 <= tmt_year <= YEAR_MAX):
        findings.append(f"TMT '{nip[8:14]}' (digits 9-14, YYYYMM) is not a valid year and month")
    elif born is not None:
        months = (tmt_year - born.year) * 12 + (tmt_month - born.month)
        if months < 17 * 12:
            findings.append(f"TMT '{nip[8:14]}' is at age {months // 12}, before age 17")
    sex = nip[14]
    if sex not in "12":
        findings.append(f"sex digit (15th) is '{sex}', not 1 (L) or 2 (P)")
    elif jenis_kelamin in ("L", "P") and {"1": "L", "2": "P"}[sex] != jenis_kelamin:
        findings.append(f"sex digit (15th) '{sex}' does not match jenis_kelamin '{jenis_kelamin}'")
    return findings
