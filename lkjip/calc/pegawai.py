"""Staff counts by sex and by position group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lkjip.calc.dasar import CalcError

# The groups the staff table may use, in the order a report lists them; each gets a count
# (0 included) so a table never loses a row because a year had nobody in it.
KELOMPOK_JABATAN = ("eselon_iii", "eselon_iv", "eselon_v", "jft", "jfu")
_JENIS_KELAMIN = ("L", "P")


def hitung_pegawai(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts of staff rows (each with ``jenis_kelamin`` L/P and ``kelompok_jabatan``).

    Returns ``{"jumlah": n, "laki_laki": n, "perempuan": n, "jenis_kelamin": {"L": n, "P": n},
    "kelompok_jabatan": {group: n}}``. A group outside :data:`KELOMPOK_JABATAN` is an error
    (a typo would otherwise start a new group). A DataFrame may be passed too.
    """
    if hasattr(rows, "to_dict"):
        rows = rows.to_dict("records")  # type: ignore[union-attr]  # a pandas DataFrame
    per_jk = dict.fromkeys(_JENIS_KELAMIN, 0)
    per_kelompok = dict.fromkeys(KELOMPOK_JABATAN, 0)
    for i, row in enumerate(rows, start=1):
        jk = str(row.get("jenis_kelamin") or "").strip().upper()
        kelompok = str(row.get("kelompok_jabatan") or "").strip()
        if jk not in _JENIS_KELAMIN:
            raise CalcError(f"pegawai, record {i} ({row.get('nip', '?')}): jenis_kelamin expected "
                            f"L or P; found {row.get('jenis_kelamin')!r}")
        if kelompok not in per_kelompok:
            raise CalcError(f"pegawai, record {i} ({row.get('nip', '?')}): kelompok_jabatan "
                            f"expected one of {', '.join(KELOMPOK_JABATAN)}; found "
                            f"{row.get('kelompok_jabatan')!r}")
        per_jk[jk] += 1
        per_kelompok[kelompok] += 1
    return {
        "jumlah": sum(per_jk.values()),
        "laki_laki": per_jk["L"],
        "perempuan": per_jk["P"],
        "jenis_kelamin": per_jk,
        "kelompok_jabatan": per_kelompok,
    }
