"""The audit: every figure checked, and every disagreement with the published report listed.

Two parts:

* **Consistency checks** over the registry of figures (and, when given, the rendered HTML):
  totals are sums of their rows, percentages follow from their parts, capaian follows from
  realisasi, target and polarity, categories follow from their thresholds, a figure shown in
  several places shows one value. They are recomputed here with plain arithmetic, independently
  of ``lkjip.calc``, so a bug in a calculation or in the registry shows up as a failed check.
  They hold by construction: a failure is a bug and fails the build.
* **Reconciliation** of every figure the published report printed (``published/<year>.csv``)
  with the recomputed value, at the printed precision: ``match``, ``mismatch`` or
  ``not_derivable``; findings grouped by figure so a reviewer reads each disagreement once.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from lkjip.errors import AuditError

TOL = 1e-6  # absolute tolerance for recomputed floats (values are full precision)


# ---- consistency checks ---------------------------------------------------------------------


@dataclass
class Check:
    name: str
    ok: bool
    message: str
    figures: list[str] = field(default_factory=list)


class _Checker:
    def __init__(self, figs: dict[str, Any]):
        self.v = figs  # id -> value
        self.results: list[Check] = []

    def eq(self, name: str, fid: str, expected: Any, parts: Iterable[str], how: str) -> None:
        got = self.v.get(fid)
        ok = _same(got, expected)
        msg = f"{fid} = {got!r}" + ("" if ok else f", but {how} gives {expected!r}")
        self.results.append(Check(name, ok, msg, [fid, *parts]))


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=TOL)


def _ratio(num: Any, den: Any) -> float | None:
    if num is None or den is None or den == 0:
        return None
    return num / den * 100


def consistency_checks(figs: dict[str, Any], rules: Any, indikator: list[dict[str, Any]]) -> list[Check]:
    """Recompute every derived figure from its parts. ``figs`` maps id -> value.

    ``indikator`` lists the year's indicators as dicts with kode, polaritas, jenis_realisasi.
    """
    c = _Checker(figs)
    ids = sorted(figs)

    # every percentage of a pagu/realisasi pair
    for fid in ids:
        m = re.fullmatch(r"(.+)\.persen", fid)
        if m and f"{m[1]}.pagu" in figs and f"{m[1]}.realisasi" in figs:
            c.eq(
                "persentase = realisasi / pagu",
                fid,
                _ratio(figs[f"{m[1]}.realisasi"], figs[f"{m[1]}.pagu"]),
                [f"{m[1]}.pagu", f"{m[1]}.realisasi"],
                "realisasi / pagu × 100",
            )

    # totals are sums of their rows
    def sum_of(prefix_re: str, total_id: str) -> None:
        rows = [i for i in ids if re.fullmatch(prefix_re, i)]
        if total_id in figs and rows:
            c.eq("jumlah = jumlah rincian", total_id, sum(figs[i] for i in rows), rows, "the sum of its rows")

    years = sorted({int(m[1]) for i in ids if (m := re.fullmatch(r"anggaran\.tahun\.(\d{4})\.pagu", i))})
    for y in years:
        for part in ("pagu", "realisasi"):
            sum_of(rf"anggaran\.tahun\.{y}\.jenis\.[a-z_]+\.{part}", f"anggaran.tahun.{y}.{part}")
    for part in ("pagu", "realisasi"):
        sum_of(rf"anggaran\.sasaran\.(?!total\.|tidak_terbagi\.)[a-z_]+\.{part}", f"anggaran.sasaran.total.{part}")
    sum_of(r"anggaran\.sumber\.[a-z_]+\.pagu", "anggaran.sumber.total")
    for y in sorted({int(m[1]) for i in ids if (m := re.fullmatch(r"pnbp\.tahun\.(\d{4})\.realisasi", i))}):
        sum_of(rf"pnbp\.akun\.[0-9a-z_]+\.tahun\.{y}", f"pnbp.tahun.{y}.realisasi")
    if "pnbp.persen" in figs:
        c.eq(
            "persentase = realisasi / target",
            "pnbp.persen",
            _ratio(figs.get("pnbp.realisasi"), figs.get("pnbp.target")),
            ["pnbp.realisasi", "pnbp.target"],
            "realisasi / target × 100",
        )
    if "pegawai.jumlah" in figs:
        c.eq(
            "jumlah = jumlah rincian",
            "pegawai.jumlah",
            figs["pegawai.laki_laki"] + figs["pegawai.perempuan"],
            ["pegawai.laki_laki", "pegawai.perempuan"],
            "laki-laki + perempuan",
        )
        groups = [i for i in ids if i.startswith("pegawai.kelompok.")]
        c.eq(
            "jumlah = jumlah rincian",
            "pegawai.jumlah",
            sum(figs[i] for i in groups),
            groups,
            "the sum of position groups",
        )
    sum_of(r"wilayah\.kabupaten\.[a-z_]+\.kecamatan", "wilayah.kecamatan")

    # indicators: realisasi from its parts, capaian from realisasi/target/polarity, status
    divisor = float(getattr(rules, "indeks_pembagi", 25.0))
    threshold = float(getattr(rules, "ambang_tercapai", 100.0))
    for ind in indikator:
        p = f"ikk.{ind['kode']}"
        for fid in ids:
            m = re.fullmatch(rf"{re.escape(p)}\.tahun\.(\d{{4}})\.realisasi", fid)
            if not m:
                continue
            q = f"{p}.tahun.{m[1]}"
            if f"{q}.penyebut" in figs:
                c.eq(
                    "realisasi = pembilang / penyebut",
                    fid,
                    _ratio(figs[f"{q}.pembilang"], figs[f"{q}.penyebut"]),
                    [f"{q}.pembilang", f"{q}.penyebut"],
                    "pembilang / penyebut × 100",
                )
            elif f"{q}.nilai_survei" in figs:
                c.eq(
                    "indeks = nilai survei / pembagi",
                    fid,
                    figs[f"{q}.nilai_survei"] / divisor,
                    [f"{q}.nilai_survei"],
                    f"nilai survei / {divisor:g}",
                )
        real, target = figs.get(f"{p}.realisasi"), figs.get(f"{p}.target")
        if real is None or not target:
            expected = None
        elif ind["polaritas"] == "negatif":
            expected = (2 * target - real) / target * 100
        else:
            expected = real / target * 100
        cap_rule = getattr(rules, "cap", None)
        if expected is not None and cap_rule is not None and getattr(cap_rule, "enabled", False):
            if expected > cap_rule.batas:
                expected = cap_rule.nilai
        c.eq(
            "capaian mengikuti realisasi, target dan polaritas",
            f"{p}.capaian",
            expected,
            [f"{p}.realisasi", f"{p}.target"],
            f"polarity {ind['polaritas']}",
        )
        cap = figs.get(f"{p}.capaian")
        st = "nihil" if cap is None else ("tercapai" if cap >= threshold - 1e-9 else "tidak_tercapai")
        c.eq("status mengikuti capaian", f"{p}.status", st, [f"{p}.capaian"], f"threshold {threshold:g}")
        c.eq(
            "realisasi tahun ini = realisasi seri",
            f"{p}.realisasi",
            figs.get(f"{p}.tahun.{_year(figs)}.realisasi"),
            [f"{p}.tahun.{_year(figs)}.realisasi"],
            "the series value of the year",
        )

    # RB
    if "rb.aksi.persen" in figs:
        c.eq(
            "persentase = selesai / rencana",
            "rb.aksi.persen",
            _ratio(figs["rb.aksi.selesai"], figs["rb.aksi.rencana"]),
            ["rb.aksi.selesai", "rb.aksi.rencana"],
            "selesai / rencana × 100",
        )

    # IKPA
    comps = sorted({m[1] for i in ids if (m := re.fullmatch(r"ikpa\.komponen\.([a-z_]+)\.nilai", i))})
    if comps:
        weighted = []
        for k in comps:
            q = f"ikpa.komponen.{k}"
            val, w = figs.get(f"{q}.nilai"), figs.get(f"{q}.bobot")
            expected = None if val is None or w is None else val * w / 100
            c.eq(
                "nilai tertimbang = nilai × bobot",
                f"{q}.nilai_tertimbang",
                expected,
                [f"{q}.nilai", f"{q}.bobot"],
                "nilai × bobot / 100",
            )
            if expected is not None:
                weighted.append((expected, w))
        applicable = sum(w for _, w in weighted)
        c.eq(
            "konversi bobot = jumlah bobot yang berlaku",
            "ikpa.konversi_bobot",
            applicable,
            [f"ikpa.komponen.{k}.bobot" for k in comps],
            "the sum of applicable weights",
        )
        total = sum(x for x, _ in weighted)
        c.eq(
            "nilai total IKPA = jumlah nilai tertimbang",
            "ikpa.nilai_total",
            total,
            [f"ikpa.komponen.{k}.nilai_tertimbang" for k in comps],
            "Σ nilai tertimbang",
        )
        akhir = total / applicable * 100 - (figs.get("ikpa.dispensasi") or 0) if applicable else None
        c.eq(
            "nilai akhir = nilai total / konversi bobot − dispensasi",
            "ikpa.nilai_akhir",
            akhir,
            ["ikpa.nilai_total", "ikpa.konversi_bobot", "ikpa.dispensasi"],
            "nilai total / konversi bobot × 100 − dispensasi SPM",
        )
        c.eq(
            "kategori mengikuti ambang",
            "ikpa.kategori",
            _kategori(figs.get("ikpa.nilai_akhir"), rules),
            ["ikpa.nilai_akhir"],
            "the thresholds of the year's rules",
        )
    return c.results


def _year(figs: dict[str, Any]) -> int | None:
    return figs.get("__year__")


def _kategori(nilai: float | None, rules: Any) -> str | None:
    if nilai is None:
        return None
    for k in getattr(rules, "ikpa_kategori", []):
        if nilai >= k.min - 1e-9:
            return k.nama
    return None


def check_aliases(F: Any) -> list[Check]:
    """A figure shown under two ids (e.g. ``anggaran.pagu`` and ``anggaran.tahun.2024.pagu``)."""
    out = []
    for fid, f in F.all().items():
        if f.note.startswith("sama dengan "):
            src = f.note.removeprefix("sama dengan ")
            ok = _same(f.value, F[src].value)
            out.append(
                Check("satu figur, satu nilai", ok, f"{fid} = {f.value!r}; {src} = {F[src].value!r}", [fid, src])
            )
    return out


# ---- the rendered report ---------------------------------------------------------------------

_SPAN = re.compile(r'<span[^>]*\bdata-fig="([^"]+)"[^>]*\bdata-fmt="([^"]*)"[^>]*>(.*?)</span>', re.S)
_COUNT = re.compile(r'<table[^>]*\bdata-count-fig="([^"]+)"[^>]*>(.*?)</table>', re.S)


def render_value(value: Any, fmt_spec: str) -> str:
    """Format a registry value the way ``Laporan.v`` does (``kind:digits``)."""
    from lkjip import fmt

    kind, _, digits = fmt_spec.partition(":")
    d = int(digits) if digits else None
    if kind == "teks" or isinstance(value, str):
        return "" if value is None else str(value)
    fn = {
        "angka": fmt.angka,
        "persen": fmt.persen,
        "rupiah": fmt.rupiah,
        "indeks": fmt.indeks,
        "nilai": fmt.nilai,
        "terbilang": fmt.angka_terbilang,
    }[kind]
    if kind in ("rupiah", "terbilang"):
        return fn(value)
    return fn(value, d) if d is not None else fn(value)


def check_rendered(html_text: str, F: Any) -> list[Check]:
    """Every number the report shows through the registry reads the registry's value, every
    figure shown in several places shows one value, and stated counts match listed rows."""
    out: list[Check] = []
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fid, spec, text in _SPAN.findall(html_text):
        text = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        f = F.get(fid)
        if f is None:
            out.append(
                Check("angka di laporan ada di registri", False, f"the report shows unknown figure {fid}", [fid])
            )
            continue
        expected = render_value(f.value, spec)
        seen[(fid, spec)].add(text)
        if text != expected:
            out.append(
                Check(
                    "angka di laporan = registri",
                    False,
                    f"{fid} is shown as '{text}' but the registry gives '{expected}' ({spec})",
                    [fid],
                )
            )
    for (fid, spec), texts in seen.items():
        out.append(
            Check(
                "satu figur, satu nilai di seluruh laporan",
                len(texts) == 1,
                f"{fid} ({spec}) shown as {sorted(texts)}",
                [fid],
            )
        )
    for fid, body in _COUNT.findall(html_text):
        rows = len(re.findall(r"<tr\b", body.split("<tbody", 1)[-1])) if "<tbody" in body else 0
        n = F[fid].value
        out.append(
            Check(
                "jumlah tertulis = jumlah baris",
                rows == n,
                f"{fid} = {n}; the table listing them has {rows} rows",
                [fid],
            )
        )
    if not seen:
        out.append(Check("laporan memakai registri", False, "no registry figure found in the rendered report", []))
    return out


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
    elif re.search(r"\.(capaian|persen|realisasi|nilai_akhir|aspek\.[a-z]+|perubahan_persen)$", fid) or fid.startswith(
        "rb.tw"
    ):
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


# ---- running it ------------------------------------------------------------------------------


@dataclass
class AuditResult:
    year: int
    checks: list[Check]
    records: list[Record]
    findings: list[Finding]

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def counts(self) -> dict[str, int]:
        cnt = {"match": 0, "mismatch": 0, "not_derivable": 0}
        for r in self.records:
            cnt[r.status] += 1
        return cnt

    def group_counts(self) -> dict[str, int]:
        cnt = {"match": 0, "mismatch": 0, "not_derivable": 0}
        for g in self.findings:
            cnt[g.status] += 1
        return cnt

    def summary(self) -> str:
        c, g = self.counts(), self.group_counts()
        return (
            f"audit {self.year}: {len(self.checks) - len(self.failed)}/{len(self.checks)} consistency checks passed; "
            f"published figures: {c['match']} match, {c['mismatch']} mismatch, {c['not_derivable']} not derivable "
            f"({len(self.records)} printed values; {g['mismatch']} figures disagree, {g['not_derivable']} not derivable, "
            f"{g['match']} agree)"
        )


def run_audit(F: Any, published: Any = None, html_text: str | None = None) -> AuditResult:
    figs = {k: f.value for k, f in F.all().items()}
    figs["__year__"] = F.year
    ind = F.indikator().to_dict("records")
    checks = consistency_checks(figs, F.rules, ind) + check_aliases(F)
    if html_text is not None:
        checks += check_rendered(html_text, F)
    records = reconcile(F, published) if published is not None else []
    return AuditResult(F.year, checks, records, group_findings(records, F))


def raise_on_failure(result: AuditResult) -> None:
    if result.failed:
        lines = "\n".join(f"  [{c.name}] {c.message}" for c in result.failed)
        raise AuditError(
            f"{len(result.failed)} consistency check(s) failed: this is a bug in lkjip, not in the data:\n{lines}"
        )


def to_json(result: AuditResult) -> str:
    recs = []
    for r in result.records:
        d = asdict(r)
        recs.append(d)
    return json.dumps(recs, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


def to_html(result: AuditResult, office_name: str = "") -> str:
    from lkjip import fmt

    e = html.escape
    c, g = result.counts(), result.group_counts()
    parts = [
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>",
        f"<title>Audit angka LKjIP {result.year}</title>",
        "<style>body{font-family:'DejaVu Sans',sans-serif;max-width:72rem;margin:2rem auto;font-size:14px;"
        "color:#222}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;"
        "padding:.25rem .4rem;vertical-align:top}th{background:#eef}.mismatch{color:#a00}.match{color:#060}"
        ".not_derivable{color:#850}td.n{text-align:right;white-space:nowrap}</style></head><body>",
        f"<h1>Audit angka LKjIP {result.year}</h1>",
        f"<p>{e(office_name)}</p>",
        "<h2>1. Pemeriksaan konsistensi</h2>",
        f"<p>{len(result.checks) - len(result.failed)} dari {len(result.checks)} pemeriksaan lulus. "
        "Setiap angka turunan dihitung ulang dari komponennya: jumlah = jumlah rinciannya, persentase "
        "mengikuti pembilang dan penyebutnya, capaian mengikuti realisasi, target dan polaritas, kategori "
        "mengikuti ambang, dan satu angka hanya mempunyai satu nilai di seluruh laporan.</p>",
    ]
    if result.failed:
        parts.append("<table><tr><th>Pemeriksaan</th><th>Temuan</th></tr>")
        for ch in result.failed:
            parts.append(f"<tr><td>{e(ch.name)}</td><td>{e(ch.message)}</td></tr>")
        parts.append("</table>")
    parts += [
        "<h2>2. Rekonsiliasi dengan laporan yang diterbitkan</h2>",
        f"<p>Laporan yang diterbitkan mencetak {len(result.records)} angka yang dapat dibandingkan. "
        f"Hasilnya: {c['match']} sama, {c['mismatch']} berbeda, {c['not_derivable']} tidak dapat diturunkan dari data dasar. "
        f"Dikelompokkan per angka: {g['mismatch']} angka berbeda, {g['not_derivable']} tidak dapat diturunkan, "
        f"{g['match']} sama.</p>",
        "<table><tr><th>Angka (id)</th><th>Uraian</th><th>Hasil hitung</th><th>Dicetak</th><th>Jenis temuan</th>"
        "<th>Tempat (baris sumber)</th></tr>",
    ]
    for fd in result.findings:
        if fd.status == "match":
            continue
        comp = (
            "–" if fd.computed is None else (fd.computed if isinstance(fd.computed, str) else fmt.nilai(fd.computed, 4))
        )
        places = "<br>".join(
            f"<span class='{r.status}'>{e(r.published)}</span> — {e(r.where)}"
            + (f" ({e(r.label)})" if r.label else "")
            + (f", baris {r.line}" if r.line else "")
            for r in fd.occurrences
        )
        parts.append(
            f"<tr><td>{e(fd.figure)}</td><td>{e(fd.label)}</td><td class='n'>{e(str(comp))}</td>"
            f"<td class='n'>{e(', '.join(str(p) for p in fd.published_values))}</td>"
            f"<td class='{fd.status}'>{e(fd.kind if fd.status == 'mismatch' else 'tidak dapat diturunkan')}</td>"
            f"<td>{places}</td></tr>"
        )
    parts.append("</table><h3>Angka yang sama</h3><p>")
    parts.append(", ".join(e(fd.figure) for fd in result.findings if fd.status == "match"))
    parts.append("</p></body></html>\n")
    return "".join(parts)


def audit_year(
    year: int, data_dir: Path | str | None = None, params_dir: Path | str | None = None, html_text: str | None = None
) -> AuditResult:
    from lkjip.figures import Figures

    F = Figures(year, data_dir, params_dir)
    return run_audit(F, F.inputs.published, html_text)


def audit_document(
    year: int, data_dir: Path | str | None = None, params_dir: Path | str | None = None, html_text: str | None = None
) -> str:
    """The audit of a year as one JSON document, for the build (which runs it in a kernel):
    ``summary``, ``failed`` ([check, message] pairs), and the texts of ``audit.json`` and
    ``audit.html``."""
    return document(*prepare(year, data_dir, params_dir), html_text)


def prepare(year: int, data_dir: Path | str | None = None, params_dir: Path | str | None = None) -> tuple[Any, AuditResult]:
    """The part of the audit that needs no HTML: the registry's checks and the reconciliation.
    (The build runs it while the HTML is being stitched.)"""
    from lkjip.figures import Figures

    F = Figures(year, data_dir, params_dir)
    return F, run_audit(F, F.inputs.published, None)


def document(F: Any, result: AuditResult, html_text: str | None) -> str:
    """``result`` completed with the checks of the rendered ``html_text``, as :func:`audit_document`."""
    if html_text is not None:
        result = AuditResult(result.year, result.checks + check_rendered(html_text, F), result.records, result.findings)
    doc = {
        "summary": result.summary(),
        "failed": [[c.name, c.message] for c in result.failed],
        "audit.json": to_json(result),
        "audit.html": to_html(result, F.inputs.kantor.get("nama", "")),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


def write_outputs(result: AuditResult, out_dir: Path, office_name: str = "") -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "audit.json").write_text(to_json(result), encoding="utf-8")
    (out_dir / "audit.html").write_text(to_html(result, office_name), encoding="utf-8")


def cli_audit(args) -> int:
    from lkjip.paths import year_build_dir

    out_dir = year_build_dir(args.year, args.out)
    html_path = out_dir / f"lkjip-{args.year}.html"
    html_text = html_path.read_text(encoding="utf-8") if html_path.exists() else None
    result = audit_year(args.year, args.data, args.params, html_text)
    try:
        from lkjip.load import load_year

        office = load_year(args.year, args.data, args.params).kantor.get("nama", "")
    except Exception:  # noqa: BLE001 - the name is decoration only
        office = ""
    write_outputs(result, out_dir, office)
    print(result.summary())
    if html_text is None:
        print(f"note: {html_path} not found; the rendered report was not checked (run lkjip build first)")
    for ch in result.failed:
        print(f"FAILED [{ch.name}] {ch.message}")
    for fd in result.findings:
        if fd.status == "mismatch":
            places = "; ".join(
                f"{r.published} at {r.where}" + (f" (line {r.line})" if r.line else "")
                for r in fd.occurrences
                if r.status == "mismatch"
            )
            print(f"mismatch {fd.figure}: computed {fd.computed!r}; printed {places}")
    print(f"wrote {out_dir / 'audit.json'} and {out_dir / 'audit.html'}")
    return 1 if result.failed else 0


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
    from lkjip import fmt

    if value is None or isinstance(value, str):
        return text.strip()
    d = printed_digits(text, unit)
    if unit == "rupiah":
        return fmt.rupiah(value)
    if unit == "persen":
        return fmt.persen(value, d)
    return fmt.angka(value, d) if unit == "jumlah" else fmt.nilai(value, d)


def catatan(result: AuditResult) -> list[dict[str, Any]]:
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
