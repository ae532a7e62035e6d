"""The pages of the consolidated edition: ``index.html`` (every office: status, links, key figures,
differences from its published edition) and ``gabungan-<year>.html`` (per indicator every office's
target, realisasi, capaian and status, the batch's mean and median and a chart of the spread;
budget, PNBP and IKPA by office). Text from data is escaped (Jinja autoescape); every number
carries its figure id (``data-fig``) as in the offices' reports."""

from __future__ import annotations

from typing import Any

import yaml
from markupsafe import Markup, escape

from lkjip.batch.gabungan import Fig, indicators
from lkjip.batch.offices import Batch

CSS = """
@page { size: A4; margin: 18mm 16mm; @bottom-center { content: counter(page); font-size: 8pt; } }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #222; max-width: 70rem; margin: 1.5rem auto; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 1.6em; } h3 { font-size: 11pt; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; page-break-inside: auto; }
th, td { border: 1px solid #bbb; padding: .2rem .35rem; vertical-align: top; }
th { background: #eef2f7; text-align: left; } td.n { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; } .gagal { color: #a00; } .tidak-ada { color: #777; font-style: italic; }
.sintetis { border: 2px solid #a4553f; padding: .4rem .6rem; color: #a4553f; font-weight: bold; }
figure { margin: .5rem 0 1rem; page-break-inside: avoid; } svg { max-width: 100%; height: auto; }
.gulir { overflow-x: auto; } tr { break-inside: avoid; } h2, h3 { break-after: avoid; } thead { display: table-header-group; }
"""

# an office's state at the end of the batch, as the index page prints it
KEADAAN = {"done": "selesai", "cached": "selesai (dari cache)", "failed": "gagal"}


def office_names(batch: Batch, year: int) -> dict[str, str]:
    """Each office's name from its kantor.yaml (its id when unreadable)."""
    names = {}
    for o in batch.offices:
        try:
            doc = yaml.safe_load((o.data_dir / o.id / "kantor.yaml").read_text(encoding="utf-8")) or {}
            names[o.id] = str(doc.get("nama") or o.id)
        except Exception:  # noqa: BLE001 - the office's check reports it; here the id will do
            names[o.id] = o.id
    return names


def _num(F: dict[str, Fig], fid: str, labels: dict[str, str] | None = None) -> Markup:
    """A figure as a span the way the reports print numbers (its unit's default), a code by its
    label in ``labels``; '–' when unknown."""
    from lkjip.present import fmt

    f = F.get(fid)
    v = None if f is None else f["value"]
    unit = (f or {}).get("unit", "")
    if v is None:
        text = "–"
    elif unit == "kode":
        text = (labels or {}).get(str(v), str(v))
    else:
        kind, digits = fmt.bawaan(unit)
        text = fmt.render(v, f"{kind}:{digits}")
    return Markup('<span class="angka" data-fig="{}">{}</span>').format(fid, text)


def _page(title: str, body: str, sintetis: bool) -> str:
    warn = ('<p class="sintetis">Data sintetis: semua kantor dan angka di sini rekaan, untuk pengujian. '
            "Bukan data kantor nyata.</p>") if sintetis else ""
    return (f'<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{CSS}</style></head><body>\n<h1>{escape(title)}</h1>\n{warn}\n{body}\n</body></html>\n")


def _differences(audit: list[dict[str, Any]] | None) -> str:
    if not audit:
        return "tidak ada edisi terbit"
    return str(sum(1 for r in audit if r.get("status") == "mismatch"))


def index_page(batch: Batch, year: int, results: dict[str, dict[str, Any]], F: dict[str, Fig],
               built: dict[str, dict[str, Fig]], audits: dict[str, Any], names: dict[str, str], formats: tuple[str, ...]) -> str:
    rows = []
    for n, o in enumerate(batch.offices, 1):
        r = results.get(o.id, {"status": "failed", "message": "not run"})
        ok = o.id in built
        base = f"../../{o.id}/{year}/"
        links = []
        if ok:
            for fmt_, label in (("html", "HTML"), ("pdf", "PDF"), ("docx", "Word")):
                if fmt_ in formats:
                    links.append(Markup('<a href="{}">{}</a>').format(f"{base}lkjip-{year}.{fmt_}", label))
            links.append(Markup('<a href="{}">audit</a>').format(f"{base}audit.html"))
        fig = built.get(o.id, {})
        ikk = (Markup("{} dari {}").format(_num(fig, "ikk.jumlah_tercapai"), _num(fig, "ikk.jumlah"))
               if "ikk.jumlah" in fig else "–")
        note = "" if ok else "; ".join([*(str(p) for p in (r.get("problems") or [])[:3]), r.get("message") or ""])
        rows.append(Markup("<tr><td class='n'>{}</td><td>{}<br><small>{}</small></td><td class='{}'>{}</td>"
                           "<td>{}</td><td class='n'>{}</td><td class='n'>{}</td><td class='n'>{}</td>"
                           "<td class='n'>{}</td><td class='n'>{}</td><td><small>{}</small></td></tr>").format(
            n, names.get(o.id, o.id), o.id, "" if ok else "gagal", KEADAAN.get(r["status"], r["status"]), Markup(" · ").join(links), ikk,
            _num(fig, "anggaran.persen"), _num(fig, "pnbp.persen"), _num(fig, "ikpa.nilai_akhir"),
            _differences(audits.get(o.id)) if ok else "–", note.strip("; ")))
    # the consolidated page is written for html and pdf only (lkjip.batch.gabungan)
    editions = [Markup("<a href='gabungan-{}.{}'>{}</a>").format(year, ext, label)
                for ext, label, wanted in (("html", "HTML", ("html", "pdf")), ("pdf", "PDF", ("pdf",)))
                if set(wanted) & set(formats)]
    body = Markup(
        "<p>{} kantor; {} laporan tersusun, {} gagal. {}Angka gabungan: <a href='figures.json'>figures.json</a>.</p>"
        "<div class='gulir'><table><thead><tr><th scope='col'>No</th><th scope='col'>Kantor</th><th scope='col'>Status</th>"
        "<th scope='col'>Laporan</th><th scope='col'>IKK tercapai</th><th scope='col'>Penyerapan anggaran</th>"
        "<th scope='col'>Realisasi PNBP</th><th scope='col'>Nilai IKPA</th>"
        "<th scope='col'>Beda dengan edisi terbit</th><th scope='col'>Catatan</th></tr></thead>"
        "<tbody>{}</tbody></table></div>").format(
        _num(F, "gabungan.kantor.jumlah"), _num(F, "gabungan.kantor.selesai"), _num(F, "gabungan.kantor.gagal"),
        Markup("Laporan gabungan: {}. ").format(Markup(", ").join(editions)) if editions else "",
        Markup("").join(rows))
    return _page(f"LKjIP {batch.nama} tahun {year}: daftar kantor", body, batch.sintetis)


def chart(values: list[tuple[str, float]], mean: float | None, median: float | None, prefix: str) -> str:
    """Every office's capaian, sorted, with the batch's mean and median: an inline SVG whose ids
    start with ``prefix`` (one per chart: the page holds several)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from lkjip.present import fmt
    from lkjip.present.charts import WARNA, WARNA_BATAS, WARNA_TARGET, tata_letak
    from lkjip.present.svg import siapkan_matplotlib, svg_figure

    siapkan_matplotlib()
    values = sorted(values, key=lambda t: t[1])
    fig, ax = plt.subplots(figsize=(6.3, 2.6))
    ax.plot(range(1, len(values) + 1), [v for _, v in values], "o", color=WARNA, markersize=4)
    if mean is not None:
        ax.axhline(mean, color=WARNA_TARGET, linewidth=1, label=f"rata-rata {fmt.persen(mean, 2)}")
    if median is not None:
        ax.axhline(median, color=WARNA_BATAS, linewidth=1, linestyle="--", label=f"median {fmt.persen(median, 2)}")
    ax.set_xlabel("kantor, diurutkan menurut capaian")
    ax.set_ylabel("capaian (%)")
    ax.set_xticks(range(1, len(values) + 1) if len(values) <= 30 else [])
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    tata_letak(fig)
    return svg_figure(fig, prefix=prefix)


def report_page(batch: Batch, year: int, F: dict[str, Fig], built: dict[str, dict[str, Fig]],
                names: dict[str, str], banding: bool = False) -> str:
    from lkjip.calc.rules import load_rules

    status = dict(load_rules(year).status_label)  # as the offices' reports print it
    parts: list[Markup] = [Markup(
        "<p>Laporan ini menghimpun hasil {} kantor dalam {} tahun {} ({} laporan tersusun). "
        "Rata-rata dan median dihitung dari kantor yang memiliki angkanya; setiap kantor dihitung sekali. "
        "Kantor yang Perjanjian Kinerjanya tidak memuat suatu indikator ditulis demikian, bukan nol.</p>").format(
        _num(F, "gabungan.kantor.jumlah"), batch.nama, year, _num(F, "gabungan.kantor.selesai"))]
    if banding:
        parts.append(Markup("<p>Rata-rata capaian di sini menjadi pembanding pada analisis d BAB III laporan "
                            "setiap kantor (rata-rata {}).</p>").format(batch.nama))
    parts.append(Markup("<h2>1. Capaian indikator kinerja</h2>"))
    for i, (code, meta) in enumerate(indicators(built).items(), 1):
        p = f"gabungan.ikk.{code}"
        parts.append(Markup("<h3>1.{}. {}</h3><p>Indikator ini ada dalam Perjanjian Kinerja {} dari {} kantor; "
                            "{} di antaranya memiliki capaian dan {} mencapai target. Rata-rata capaian {}, "
                            "median {} (terendah {}, tertinggi {}).</p>").format(
            i, meta["nama"], _num(F, f"{p}.jumlah_kantor"), _num(F, "gabungan.kantor.selesai"),
            _num(F, f"{p}.jumlah_terukur"), _num(F, f"{p}.jumlah_tercapai"), _num(F, f"{p}.capaian.rata_rata"),
            _num(F, f"{p}.capaian.median"), _num(F, f"{p}.capaian.min"), _num(F, f"{p}.capaian.max")))
        rows = []
        for o in built:
            q = f"{p}.kantor.{o}"
            if f"{q}.target" not in F:
                rows.append(Markup("<tr><td>{}</td><td colspan='4' class='tidak-ada'>tidak ada dalam "
                                   "Perjanjian Kinerja kantor ini</td></tr>").format(names.get(o, o)))
                continue
            rows.append(Markup("<tr><td>{}</td><td class='n'>{}</td><td class='n'>{}</td><td class='n'>{}</td>"
                               "<td>{}</td></tr>").format(names.get(o, o), _num(F, f"{q}.target"),
                                                         _num(F, f"{q}.realisasi"), _num(F, f"{q}.capaian"),
                                                         _num(F, f"{q}.status", status)))
        parts.append(Markup("<table><thead><tr><th scope='col'>Kantor</th><th scope='col'>Target</th>"
                            "<th scope='col'>Realisasi</th><th scope='col'>Capaian</th><th scope='col'>Status</th>"
                            "</tr></thead><tbody>{}<tr class='total'><td>Rata-rata / median</td><td></td><td></td>"
                            "<td class='n'>{} / {}</td><td></td></tr></tbody></table>").format(
            Markup("").join(rows), _num(F, f"{p}.capaian.rata_rata"), _num(F, f"{p}.capaian.median")))
        points = [(o, F[f"{p}.kantor.{o}.capaian"]["value"]) for o in built
                  if F.get(f"{p}.kantor.{o}.capaian", {}).get("value") is not None]
        if len(points) >= 3:  # a spread of one or two offices says nothing the table does not
            svg = chart(points, F[f"{p}.capaian.rata_rata"]["value"], F[f"{p}.capaian.median"]["value"],
                        prefix=f"c{i}")
            parts.append(Markup("<figure>{}<figcaption>Sebaran capaian {} per kantor</figcaption></figure>").format(
                Markup(svg), meta["nama"]))
    for n, (group, title, cols) in enumerate((
            ("anggaran", "Realisasi anggaran", (("pagu", "Pagu"), ("realisasi", "Realisasi"), ("persen", "Persen"))),
            ("pnbp", "Penerimaan negara bukan pajak", (("target", "Target"), ("realisasi", "Realisasi"),
                                                       ("persen", "Persen"))),
            ("ikpa", "Nilai IKPA", (("nilai_akhir", "Nilai akhir"),))), 2):
        head = Markup("").join(Markup("<th scope='col'>{}</th>").format(c) for _, c in cols)
        rows = []
        for o in built:
            q = f"gabungan.{group}.kantor.{o}"
            if f"{q}.{cols[0][0]}" not in F and f"{q}.{cols[-1][0]}" not in F:
                rows.append(Markup("<tr><td>{}</td><td colspan='{}' class='tidak-ada'>tidak ada data</td></tr>").format(
                    names.get(o, o), len(cols)))
                continue
            cells = Markup("").join(Markup("<td class='n'>{}</td>").format(_num(F, f"{q}.{c}")) for c, _ in cols)
            rows.append(Markup("<tr><td>{}</td>{}</tr>").format(names.get(o, o), cells))
        last = cols[-1][0]
        # a sum of scores means nothing: IKPA has no Jumlah row
        total = Markup("<tr class='total'><td>Jumlah</td>{}</tr>").format(Markup("").join(
            Markup("<td class='n'>{}</td>").format(_num(F, f"gabungan.{group}.{c}")) for c, _ in cols)
        ) if group != "ikpa" else Markup("")
        parts.append(Markup("<h2>{}. {}</h2><table><thead><tr><th scope='col'>Kantor</th>{}</tr></thead><tbody>{}{}"
                            "<tr class='total'><td>Rata-rata / median antarkantor</td>{}<td class='n'>"
                            "{} / {}</td></tr></tbody></table>").format(
            n, title, head, Markup("").join(rows), total, Markup("<td></td>" * (len(cols) - 1)),
            _num(F, f"gabungan.{group}.{last}.rata_rata"), _num(F, f"gabungan.{group}.{last}.median")))
    return _page(f"Laporan Kinerja Gabungan {batch.nama} Tahun {year}", Markup("\n").join(parts), batch.sintetis)
