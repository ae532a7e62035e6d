"""The audit of a year: the consistency checks, the checks of the rendered report and the
reconciliation together, and what it writes (``audit.json``, ``audit.html``)."""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lkjip.audit.consistency import Check, check_aliases, consistency_checks
from lkjip.audit.reconcile import Finding, Record, format_published, group_findings, reconcile
from lkjip.audit.rendered import check_rendered
from lkjip.errors import AuditError
from lkjip.present import fmt

# The figures a reader of the report looks at first: named first among those that differ.
HEADLINE = ("anggaran.pagu", "anggaran.realisasi", "anggaran.persen", "pnbp.realisasi", "ikpa.nilai_akhir",
            "ikpa.kategori")

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
            f"audit {self.year}: {len(self.checks) - len(self.failed)}/{len(self.checks)} pemeriksaan konsistensi lolos; "
            f"angka terbitan: {c['match']} sama, {c['mismatch']} berbeda, {c['not_derivable']} tidak dapat dihitung ulang "
            f"({len(self.records)} nilai tercetak; {g['mismatch']} angka berbeda, {g['not_derivable']} tidak dapat "
            f"dihitung ulang, {g['match']} sama)"
        )

    def berbeda(self, n: int = 4) -> list[list[str]]:
        """Up to ``n`` figures the published report prints differently from the recomputation,
        the headline ones first, then in the published report's order: [label, printed, computed]."""
        wrong = [f for f in self.findings if f.status == "mismatch"]
        wrong.sort(key=lambda f: f.figure not in HEADLINE)  # stable: the report's order within each
        out = []
        for f in wrong[:n]:
            r = next(r for r in f.occurrences if r.status == "mismatch")
            out.append([f.label, r.published.strip(), format_published(r.computed, r.unit, r.published)])
        return out


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


def audit_year(year: int, data_dir: Path | str | None = None, params_dir: Path | str | None = None,
               html_text: str | None = None) -> tuple[AuditResult, str]:
    """The audit of a year (and the office's name, for the page)."""
    from lkjip.figures import Figures

    F = Figures(year, data_dir, params_dir)
    return run_audit(F, F.inputs.published, html_text), F.inputs.kantor.get("nama", "")


def write_outputs(result: AuditResult, out_dir: Path, office_name: str = "") -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "audit.json").write_text(to_json(result), encoding="utf-8")
    (out_dir / "audit.html").write_text(to_html(result, office_name), encoding="utf-8")
