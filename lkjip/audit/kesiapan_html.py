"""The readable page of the readiness check, ``kesiapan.html`` (in Bahasa Indonesia), written
beside the report so that its places link into ``lkjip-<year>.html``. Every text from data is
escaped."""

from __future__ import annotations

import html
from typing import Any

from lkjip.audit.kesiapan_cek import PER_INDIKATOR
from lkjip.audit.kesiapan_hasil import LABEL, Hasil, Kesiapan
from lkjip.audit.letak import Tempat
from lkjip.present import fmt

e = html.escape
_TEMPAT_MAKS = 6  # places listed per finding; the rest are counted (kesiapan.json has them all)
_ANGKA_MAKS = 4  # figure ids listed per place

_CSS = (
    "body{font-family:'DejaVu Sans',sans-serif;max-width:76rem;margin:2rem auto;padding:0 1rem;font-size:14px;"
    "color:#222;line-height:1.4}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}"
    "th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;text-align:left}th{background:#eef}"
    ".status{font-weight:bold;white-space:nowrap}.met{color:#060}.partly{color:#a60}.not_met{color:#a00}"
    ".not_checked{color:#666}.kotak{border:2px solid #a00;padding:.5rem 1rem;margin:1rem 0}"
    ".kotak.aman{border-color:#060}code{font-size:12px;color:#444}.kecil{font-size:12px;color:#555}"
    "ul{margin:.2rem 0;padding-left:1.2rem}"
)


def _status(status: str) -> str:
    return f"<span class='status {e(status)}'>{e(LABEL[status])}</span>"


def _bab_singkat(t: Tempat, bab: Any) -> str:
    """The chapter as its standard code reads ("BAB III"), else its heading."""
    return next((judul for judul in bab.values() if t.di_bab(judul)), t.bab or "Halaman awal")


def _tempat(t: Tempat, r: Kesiapan, linked: bool) -> str:
    bagian = list(t.bagian[-2:])
    if len(t.bagian) > 2:
        bagian.insert(0, "…")
    text = e(" › ".join([_bab_singkat(t, r.kriteria.bab), *bagian])) + (f" ({e(t.tabel)})" if t.tabel else "")
    if linked and t.id:
        text = f"<a href='lkjip-{r.year}.html#{e(t.id)}' title='{e(' › '.join([t.bab, *t.bagian]))}'>{text}</a>"
    if t.angka:
        more = f" dan {len(t.angka) - _ANGKA_MAKS} lainnya" if len(t.angka) > _ANGKA_MAKS else ""
        text += "<br><code>" + e(", ".join(t.angka[:_ANGKA_MAKS])) + f"</code>{more}"
    return f"<li>{text}</li>"


def _letak(h: Hasil, r: Kesiapan, linked: bool) -> str:
    if h.tempat:
        items = "".join(_tempat(t, r, linked) for t in h.tempat[:_TEMPAT_MAKS])
        more = len(h.tempat) - _TEMPAT_MAKS
        if more > 0:
            items += f"<li>dan {more} tempat lain</li>"
        return f"<ul>{items}</ul>"
    if h.angka:
        return "<code>" + e(", ".join(h.angka)) + "</code>"
    return "–"


def _temuan(h: Hasil) -> str:
    out = e(h.keterangan)
    if h.rincian:
        out += "<ul>" + "".join(f"<li>{e(r)}</li>" for r in h.rincian) + "</ul>"
    if h.data:
        out += "<div class='kecil'>Data: " + e("; ".join(h.data)) + "</div>"
    return out


def _ringkasan(r: Kesiapan, k: Any) -> list[str]:
    parts = []
    batas_catatan = " (belum dikonfirmasi)" if k.belum_pasti("batas_penyampaian") else ""
    tanggal = fmt.tanggal(r.tanggal_laporan) if r.tanggal_laporan else "belum diisi"
    parts.append(f"<p>Batas penyampaian: <strong>{e(fmt.tanggal(r.batas))}</strong>{e(batas_catatan)}. "
                 f"Tanggal laporan: <strong>{e(tanggal)}</strong>.</p>")
    if r.menghalangi:
        items = "".join(f"<li>{e(hk.kriterium.nama)} (<code>{e(hk.kriterium.kode)}</code>)</li>" for hk in r.menghalangi)
        parts.append("<div class='kotak'><p><strong>Belum siap dikirim.</strong> Kriteria yang menghalangi berikut "
                     f"belum terpenuhi:</p><ul>{items}</ul></div>")
    else:
        parts.append("<div class='kotak aman'><p>Tidak ada kriteria menghalangi yang belum terpenuhi.</p></div>")
    c = r.hitung()
    parts.append(f"<p>{len(r.daftar)} kriteria: {c['met']} terpenuhi, {c['partly']} sebagian, "
                 f"{c['not_met']} belum terpenuhi, {c['not_checked']} tidak diperiksa.</p>")
    parts.append("<table><tr><th>Subkomponen</th><th>Bobot</th><th>Perkiraan kriteria terpenuhi</th></tr>")
    for s in r.subkomponen():
        persen = "tidak diperiksa" if s["persen_terpenuhi"] is None else fmt.persen(s["persen_terpenuhi"], 1)
        parts.append(f"<tr><td>{e(s['kode'])} {e(s['nama'])}</td><td>{e(fmt.angka(s['bobot'], 1))}</td>"
                     f"<td>{e(persen)}</td></tr>")
    parts.append(f"</table><p class='kecil'>Komponen {e(k.komponen)} berbobot {e(fmt.angka(k.komponen_bobot, 0))} "
                 "dari 100. Perkiraan dihitung dari bobot relatif kriteria dan nilai status di berkas kriteria "
                 "(terpenuhi, sebagian, belum); ini bukan nilai evaluator.</p>")
    return parts


def _matriks(r: Kesiapan) -> list[str]:
    per = [hk for hk in r.daftar if hk.kriterium.kode in PER_INDIKATOR]
    if not per or not r.indikator:
        return []
    head = "".join(f"<th><a href='#{e(hk.kriterium.kode)}' title='{e(hk.kriterium.nama)}'>"
                   f"{e(hk.kriterium.singkat)}</a></th>" for hk in per)
    rows = []
    for kode, nama in r.indikator.items():
        cells = []
        for hk in per:
            found = [h for h in hk.hasil if h.indikator == kode]
            cells.append(f"<td>{_status(found[0].status)}</td>" if found else "<td>–</td>")
        rows.append(f"<tr><td>{e(nama)}</td>{''.join(cells)}</tr>")
    return ["<h2>Per indikator</h2><p class='kecil'>Angka 1-7: analisis PermenPAN-RB 53/2014.</p>", f"<table><tr><th>Indikator</th>{head}</tr>", *rows, "</table>"]


def to_html(r: Kesiapan) -> str:
    k = r.kriteria
    linked = r.html_diperiksa
    parts = [
        "<!DOCTYPE html><html lang='id'><head><meta charset='utf-8'>",
        f"<title>Kesiapan evaluasi SAKIP: LKjIP {r.year}</title><style>{_CSS}</style></head><body>",
        f"<h1>Kesiapan evaluasi SAKIP: LKjIP {r.year}</h1>",
        f"<p>{e(r.kantor)}</p>",
        f"<p>Halaman ini memeriksa laporan kinerja tahun {r.year} terhadap setiap kriteria komponen "
        f"{e(k.komponen)} pada evaluasi akuntabilitas kinerja tahun {r.year + 1} ({e(k.nama)}), sebelum laporan "
        "dikirim. Setiap kriteria dinilai terpenuhi, sebagian, belum terpenuhi, atau tidak diperiksa, per indikator "
        "bila berlaku, beserta letaknya di laporan dan hal yang dapat dilakukan kantor. Mutu tulisan tidak "
        "dinilai.</p>",
    ]
    if not linked:
        parts.append("<p class='kotak'>Laporan belum dibangun (<code>lkjip build</code>): letak di laporan tidak "
                     "diperiksa; yang tercantum hanya id angka di registri.</p>")
    parts += _ringkasan(r, k)
    parts += _matriks(r)
    parts.append("<h2>Kriteria</h2>")
    for no, hk in enumerate(r.daftar, 1):
        kr = hk.kriterium
        info = [f"Subkomponen {e(kr.subkomponen)}"]
        if kr.analisis:
            info.append(f"analisis {kr.analisis} PermenPAN-RB 53/2014")
        info.append(f"bobot relatif {e(fmt.angka(kr.bobot, 0))}" if kr.bobot else "pemeriksaan pendukung (tidak berbobot)")
        info.append("menghalangi" if kr.menghalangi else "tidak menghalangi")
        if k.belum_pasti(f"kriteria.{kr.kode}"):
            info.append("belum dikonfirmasi dari sumber")
        parts += [f"<h3 id='{e(kr.kode)}'>{no}. {e(kr.nama)} — {_status(hk.status)}</h3>",
                  f"<p class='kecil'>{' · '.join(info)}. Sumber: {e(kr.sumber)}.</p>",
                  "<table><tr><th>Indikator</th><th>Status</th><th>Temuan</th><th>Letak di laporan</th>"
                  "<th>Yang dapat dilakukan</th></tr>"]
        for h in hk.hasil:
            who = e(r.indikator.get(h.indikator, h.indikator)) if h.indikator else "Seluruh laporan"
            saran = e(h.saran) if h.saran else "–"
            parts.append(f"<tr><td>{who}</td><td>{_status(h.status)}</td><td>{_temuan(h)}</td>"
                         f"<td>{_letak(h, r, linked)}</td><td>{saran}</td></tr>")
        parts.append("</table>")
    unconfirmed = ", ".join(k.unconfirmed) or "tidak ada"
    parts += ["<h2>Sumber kriteria</h2><ul>", *(f"<li>{e(s)}</li>" for s in k.sumber), "</ul>",
              f"<p class='kecil'>Berkas kriteria: <code>{e(r.aturan_file)}</code>. Belum "
              f"dikonfirmasi dari sumber: <code>{e(unconfirmed)}</code>.</p></body></html>\n"]
    return "".join(parts)


__all__ = ["to_html"]
