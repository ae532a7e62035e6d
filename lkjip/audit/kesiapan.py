"""Evaluation readiness: the year's report checked against every criterion of the reporting
component of the yearly SAKIP evaluation (LKE, PermenPAN-RB 88/2021) before it is sent.

Each criterion of ``lkjip/rules/kesiapan/<y>.yaml`` (:mod:`lkjip.audit.kriteria`) is checked
for every PK indicator (:mod:`lkjip.audit.kesiapan_cek`) or for the whole report
(:mod:`lkjip.audit.kesiapan_laporan`): met / partly / not met, what was found, where the report
meets it and what the office can do. The result
(:mod:`lkjip.audit.kesiapan_hasil`) is written as ``kesiapan.json`` and a readable page
``kesiapan.html`` (:mod:`lkjip.audit.kesiapan_html`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lkjip.audit.kesiapan_cek import PER_INDIKATOR, Konteks
from lkjip.audit.kesiapan_hasil import NOT_MET, PARTLY, Hasil, HasilKriterium, Kesiapan
from lkjip.audit.kesiapan_laporan import PER_LAPORAN, tanggal_laporan, tidak_diperiksa
from lkjip.audit.kriteria import Kriteria, Kriterium, load_kriteria
from lkjip.audit.letak import PetaLaporan


def periksa(c: Konteks, k: Kriterium) -> list[Hasil]:
    """The findings of criterion ``k``: one per indicator, or those of the whole report."""
    if not k.diperiksa:
        hasil = tidak_diperiksa(c, k)
    elif k.kode in PER_INDIKATOR:
        hasil = [PER_INDIKATOR[k.kode](c, k, row) for row in c.rows] or [
            Hasil(NOT_MET, f"PK tahun {c.year} tidak memuat indikator (indikator.csv).", data=["indikator.csv"])]
    else:
        hasil = PER_LAPORAN[k.kode](c, k)
    for h in hasil:
        if h.status in (PARTLY, NOT_MET) and not h.saran:
            h.saran = k.saran
    return hasil


def run_kesiapan(F: Any, html_text: str | None = None, kriteria: Kriteria | None = None) -> Kesiapan:
    """Check the report of ``F.year``: from the registry ``F`` and its inputs, and from the
    stitched report ``html_text`` when given (else no place in the report is looked up)."""
    k = kriteria if kriteria is not None else load_kriteria(F.year)
    c = Konteks(F, k, PetaLaporan(html_text) if html_text else None)
    daftar = [HasilKriterium(krit, periksa(c, krit)) for krit in k.kriteria]
    return Kesiapan(year=c.year, office=str(getattr(F.inputs, "office", "") or ""),
                    kantor=str((F.inputs.kantor or {}).get("nama", "")), kriteria=k, daftar=daftar,
                    indikator={str(r["kode"]): str(r["indikator"]) for r in c.rows},
                    html_diperiksa=c.peta is not None, tanggal_laporan=tanggal_laporan(F))


def kesiapan_year(year: int, data_dir: Path | str | None = None, params_dir: Path | str | None = None,
                  html_text: str | None = None) -> Kesiapan:
    """The readiness check of a year's inputs (and of its built report, when given)."""
    from lkjip.figures import Figures

    return run_kesiapan(Figures(year, data_dir, params_dir), html_text)


def write_outputs(result: Kesiapan, out_dir: Path) -> None:
    """``kesiapan.json`` and ``kesiapan.html`` in ``out_dir``."""
    from lkjip.audit.kesiapan_html import to_html

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "kesiapan.json").write_text(result.to_json(), encoding="utf-8")
    (out_dir / "kesiapan.html").write_text(to_html(result), encoding="utf-8")


def lines(result: Kesiapan) -> list[str]:
    """The check for a terminal: the summary, then every criterion not (fully) met with its
    findings, blocking ones marked."""
    from lkjip.audit.kesiapan_hasil import LABEL, MET, NOT_CHECKED

    out = [result.summary()]
    for hk in result.daftar:
        if hk.status in (MET, NOT_CHECKED):
            continue
        mark = " [menghalangi]" if hk.menghalangi else ""
        out.append(f"{LABEL[hk.status]}{mark}: {hk.kriterium.kode} ({hk.kriterium.nama})")
        for h in hk.hasil:
            if h.status in (MET, NOT_CHECKED):
                continue
            who = f"{h.indikator}: " if h.indikator else ""
            out.append(f"  - {who}{h.keterangan}")
            out += [f"      {r}" for r in h.rincian]
    return out


__all__ = ["Kesiapan", "kesiapan_year", "lines", "periksa", "run_kesiapan", "write_outputs"]
