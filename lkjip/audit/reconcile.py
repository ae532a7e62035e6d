"""Reconciliation of every figure the published report printed (``published/<year>.csv``) with
the recomputed value, at the printed precision: ``match``, ``mismatch`` or ``not_derivable``;
findings grouped by figure so that a reviewer reads each disagreement once; and the entries of
the appendix "Catatan Rekonsiliasi"."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lkjip.present import fmt

# ---- reconciliation -----------------------------------------------------------------------


@dataclass
class Record:
    figure: str
    published: str
    published_value: Any
    computed: Any
    computed_rounded: Any
    difference: float | None
    status: str  # match | mismatch | not_derivable
    where: str
    label: str
    line: int | None
    unit: str
    note: str = ""


def printed_digits(text: str, unit: str) -> int:
    """Decimals the source printed ("92,29 %" -> 2, "102.9 %." -> 1, "27.379.998.000" -> 0)."""
    if unit in ("rupiah", "jumlah"):
        return 0
    m = re.search(r"\d+(?:[.,]\d+)*", text)
    if not m:
        return 0
    tok = m.group(0)
    parts = re.split(r"[.,]", tok)
    if len(parts) == 1:
        return 0
    return len(parts[-1])


def round_half_up(x: float, digits: int) -> float:
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(float(x))).quantize(q, rounding=ROUND_HALF_UP))


def _pv(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return str(v).strip()


def reconcile(F: Any, published: Any) -> list[Record]:
    """Compare every published occurrence with the registry."""
    out: list[Record] = []
    for r in published.to_dict("records"):
        fid, unit = str(r["figure"]), str(r.get("unit") or "")
        pub_text = str(r["published"])
        pub = _pv(r.get("value"))
        line = r.get("line")
        line = int(line) if line is not None and not (isinstance(line, float) and math.isnan(line)) else None
        note = "" if r.get("note") is None or (isinstance(r.get("note"), float)) else str(r.get("note"))
        base = dict(
            figure=fid,
            published=pub_text,
            published_value=pub,
            where=str(r.get("where") or ""),
            label=str(r.get("label") or ""),
            line=line,
            unit=unit,
        )
        f = F.get(fid)
        comp = None if f is None else f.value
        if comp is None:  # no registry figure, or undefined for the base facts
            why = (
                "no figure of the registry corresponds to it"
                if f is None
                else f.note or "undefined for the base facts (e.g. 0 of 0 cases)"
            )
            out.append(
                Record(**base, computed=None, computed_rounded=None, difference=None,
                       status="not_derivable", note=note or why)
            )
            continue
        if isinstance(comp, str) or isinstance(pub, str):
            status = "match" if str(comp).strip().lower() == str(pub).strip().lower() else "mismatch"
            out.append(Record(**base, computed=comp, computed_rounded=comp, difference=None, status=status, note=note))
            continue
        d = printed_digits(pub_text, unit)
        rounded = round_half_up(comp, d)
        diff = round_half_up(comp - pub, max(d, 2)) if pub is not None else None
        status = "match" if pub is not None and abs(rounded - pub) < 10 ** (-d) / 2 else "mismatch"
        if status == "mismatch" and pub is not None and d > 0:
            truncated = math.floor(comp * 10**d) / 10**d
            if abs(truncated - pub) < 10 ** (-d) / 2:
                note = (note + "; " if note else "") + "sama bila angka dipotong, bukan dibulatkan"
        out.append(
            Record(
                **base,
                computed=comp,
                computed_rounded=rounded if d else int(rounded),
                difference=diff,
                status=status,
                note=note,
            )
        )
    return out


@dataclass
class Finding:
    figure: str
    label: str
    computed: Any
    status: str  # mismatch if any occurrence mismatches, else match / not_derivable
    kind: str
    published_values: list[Any]
    occurrences: list[Record]


def classify(fid: str, records: list[Record]) -> str:
    distinct = {str(r.published_value) for r in records}
    if (
        re.search(r"(\.pagu|\.realisasi|\.total|sumber\.total)$", fid)
        and re.match(r"(anggaran|pnbp)\.", fid)
        or fid in ("ikpa.nilai_total",)
    ):
        kind = "jumlah tidak sama dengan rinciannya"
    elif re.search(r"\.(capaian|persen|realisasi|nilai_akhir|aspek\.[a-z]+|perubahan_persen)$", fid) or ".triwulan." in fid:
        kind = "angka turunan tidak mengikuti komponennya"
    elif fid.endswith("kategori") or fid.endswith("status"):
        kind = "kategori tidak mengikuti ambang"
    else:
        kind = "fakta dasar dicetak berbeda"
    if len(distinct) > 1:
        kind += f"; dicetak dengan {len(distinct)} nilai berbeda"
    return kind


def group_findings(records: list[Record], F: Any) -> list[Finding]:
    by: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        by[r.figure].append(r)
    out = []
    for fid, recs in by.items():
        statuses = {r.status for r in recs}
        status = "mismatch" if "mismatch" in statuses else ("not_derivable" if "not_derivable" in statuses else "match")
        f = F.get(fid)
        pubs = []
        for r in recs:
            if r.published_value not in pubs:
                pubs.append(r.published_value)
        out.append(
            Finding(
                fid,
                f.label if f else recs[0].label,
                f.value if f else None,
                status,
                classify(fid, recs),
                pubs,
                sorted(recs, key=lambda r: r.line or 0),
            )
        )
    order = {"mismatch": 0, "not_derivable": 1, "match": 2}
    return sorted(out, key=lambda g: (order[g.status], min(r.line or 0 for r in g.occurrences)))


# ---- the appendix "Catatan Rekonsiliasi" -------------------------------------------------------

PENJELASAN = {
    "jumlah tidak sama dengan rinciannya": "Edisi ini menjumlahkan rinciannya; angka yang dicetak sebelumnya bukan jumlah rinciannya.",
    "angka turunan tidak mengikuti komponennya": "Edisi ini menghitung ulang angka ini dari komponennya (pembilang, penyebut, target atau pagu).",
    "kategori tidak mengikuti ambang": "Kategori ditetapkan ulang dari nilainya dengan ambang aturan tahun anggaran.",
    "fakta dasar dicetak berbeda": "Laporan sebelumnya mencetak nilai lain untuk data dasar ini; edisi ini memakai nilai dari "
    "tabel sumbernya (lihat catatan data).",
}


def format_published(value: Any, unit: str, text: str) -> str:
    """A printed value re-written the Indonesian way, at the precision it was printed with."""

    if value is None or isinstance(value, str):
        return text.strip()
    d = printed_digits(text, unit)
    if unit == "rupiah":
        return fmt.rupiah(value)
    if unit == "persen":
        return fmt.persen(value, d)
    return fmt.angka(value, d) if unit == "jumlah" else fmt.nilai(value, d)


def catatan(result: Any) -> list[dict[str, Any]]:
    """One entry per figure that differs from the previous edition, in a reader's words."""
    out = []
    for fd in result.findings:
        if fd.status != "mismatch":
            continue
        base_kind = fd.kind.split(";")[0]
        places = []
        for r in fd.occurrences:
            if r.status != "mismatch":
                continue
            places.append(
                f"{format_published(r.published_value, r.unit, r.published)} di {r.where.replace(' > ', ' › ')}"
                + (f" (baris {r.line} naskah sumber)" if r.line else "")
            )
        why = PENJELASAN.get(base_kind, "")
        if "dicetak dengan" in fd.kind:
            why += " Laporan sebelumnya juga mencetak angka ini dengan nilai yang berbeda di beberapa tempat."
        notes = sorted({r.note for r in fd.occurrences if r.note and r.status == "mismatch"})
        out.append(
            {
                "figure": fd.figure,
                "label": fd.label,
                "jenis": base_kind,
                "tempat": places,
                "penjelasan": why.strip(),
                "catatan": notes,
            }
        )
    return out
