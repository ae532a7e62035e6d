"""The formal parts of the document: the cover, the letterhead and cover letter's head, and the
signature blocks (the report's signatory, the two parties of the PK)."""

from __future__ import annotations

from typing import Any

from lkjip.present import fmt
from lkjip.present.teks import e as _e
from lkjip.present.template import Blok

# ---- the office -----------------------------------------------------------------------------------
JUDUL_NAMA_MAKS = 80  # characters of the office's name in the running header


def judul_berjalan(nama: str, year: int) -> str:
    """The PDF's running header (plain text): "LKjIP <office> Tahun <year>". A name longer than
    JUDUL_NAMA_MAKS characters is cut there and ends with "…": the header stays a line or two
    (and WeasyPrint, which measures a margin box's text on every page, stays fast: a 500-character
    name took it 26 s more)."""
    if len(nama) > JUDUL_NAMA_MAKS:
        nama = nama[:JUDUL_NAMA_MAKS - 1].rstrip() + "…"
    return f"LKjIP {nama} Tahun {year}"


def sampul(L: Any) -> str:
    """The cover: parent institutions, title, year and office, from ``kantor.yaml`` and the year.

    The last line (class ``judul-laporan``) becomes the running header of the PDF.
    """
    k = L.inputs.kantor
    induk = [k.get("kementerian"), k.get("direktorat_jenderal"), k.get("kantor_wilayah")]
    lines = ['<div class="sampul">']
    lines += [f'<p class="sampul-induk"><strong>{_e(x.upper())}</strong></p>' for x in induk if x]
    lines += [
        '<p class="sampul-judul">LAPORAN KINERJA INSTANSI PEMERINTAH</p>',
        '<p class="sampul-sub">(LKjIP)</p>',
        f'<p class="sampul-tahun">TAHUN {L.year}</p>',
        f'<p class="sampul-instansi">{_e(k["nama"].upper())}</p>',
        f'<p class="judul-laporan">{_e(judul_berjalan(k["nama"], L.year))}</p>',
        "</div>",
    ]
    return "\n".join(lines)


def kop_surat(L: Any) -> str:
    """The letterhead and the head of the cover letter (place and date, number, enclosure,
    subject, addressee), from ``kantor.yaml`` and the params."""

    k, p = L.inputs.kantor, L.params
    tujuan = p.get("tujuan_surat") or {}
    induk = "<br>".join(
        _e(x.upper()) for x in (k.get("kementerian"), k.get("direktorat_jenderal"), k.get("kantor_wilayah")) if x
    )
    rincian = [
        ("Nomor", p["nomor_laporan"]),
        ("Lampiran", p.get("lampiran_surat") or "–"),
        ("Hal", f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {L.year}"),
    ]
    rows = "".join(f"<tr><td>{_e(a)}</td><td>:</td><td>{_e(b)}</td></tr>" for a, b in rincian)
    alamat = ", ".join(_e(x) for x in (k.get("alamat"), k.get("kota")) if x)
    kontak = []
    if k.get("laman"):
        kontak.append(f"Laman: {_e(k['laman'])}")
    if k.get("surel"):
        kontak.append(f"Pos-el: {_e(k['surel'])}")
    out = [
        '<div class="surat">',
        '<div class="kop-surat" style="text-align:center;border-bottom:1.5pt solid #111;'
        'padding-bottom:.4em;margin-bottom:1em">',
        f'<p style="text-align:center;margin:0">{induk}<br><strong>{_e(k["nama"].upper())}</strong></p>',
        f'<p style="text-align:center;margin:.3em 0 0;font-size:.85em">{alamat}'
        + (f"<br>{' · '.join(kontak)}" if kontak else "")
        + "</p>",
        "</div>",
        f'<p class="surat-tanggal" style="text-align:right">{_e(p["tempat"])}, {_e(fmt.tanggal(p["tanggal_laporan"]))}</p>',
        f'<table class="surat-rincian" style="border:none;margin:0 0 1em">{rows}</table>',
    ]
    if tujuan.get("kepada"):
        alamat_tujuan = [f"Yth. {_e(tujuan['kepada'])}"]
        if tujuan.get("up"):
            alamat_tujuan.append(f"u.p. {_e(tujuan['up'])}")
        if tujuan.get("tempat"):
            alamat_tujuan.append(f"di {_e(tujuan['tempat'])}")
        out.append(f'<p class="surat-tujuan" style="text-align:left">{"<br>".join(alamat_tujuan)}</p>')
    out.append("</div>")
    return "\n".join(out)


def tanda_tangan(tempat: str | None, tanggal: Any, jabatan: str, nama: str, nip: str, pihak: str | None = None) -> str:
    """A signature block: place and date (when given), role, a blank for the signature, name, NIP."""

    lines = ['<div class="tanda-tangan" style="margin:1.5em 0 1em 55%;text-align:left">']
    if tempat and tanggal:
        lines.append(f'<p style="text-align:left;margin:0">{_e(tempat)}, {_e(fmt.tanggal(tanggal))}</p>')
    if pihak:
        lines.append(f'<p style="text-align:left;margin:0">{_e(pihak)},</p>')
    lines += [
        f'<p style="text-align:left;margin:0">{_e(jabatan)}{"" if pihak else ","}</p>',
        '<div class="ruang-tanda-tangan" style="height:4.5em"></div>',
        f'<p style="text-align:left;margin:0"><strong>{_e(nama)}</strong><br>NIP {_e(nip)}</p>',
        "</div>",
    ]
    return "\n".join(lines)


def tanda_tangan_surat(L: Any) -> str:
    """The cover letter's signature block (role, name, NIP from the params; no place or date:
    the letter's head has them)."""
    s = L.params["penandatangan"]
    return tanda_tangan(None, None, s["jabatan"], s["nama"], s["nip"])


def tanda_tangan_penanda(L: Any) -> str:
    """The report's signature block: place, date, role, name and NIP from the params."""
    p = L.params
    s = p["penandatangan"]
    return tanda_tangan(p["tempat"], p["tanggal_laporan"], s["jabatan"], s["nama"], s["nip"])


def tanda_tangan_pk(L: Any, dengan_tanggal: bool = True) -> str:
    """The two signatories of the year's PK side by side (``kantor.yaml`` ``penandatangan_pk``)."""

    pk = L.inputs.kantor["penandatangan_pk"]
    kolom = []
    for pihak, key in (("Pihak Kedua", "pihak_kedua"), ("Pihak Pertama", "pihak_pertama")):
        s = pk[key]
        kolom.append(
            '<div style="width:45%;text-align:left">'
            f'<p style="text-align:left;margin:0">{pihak},</p>'
            f'<p style="text-align:left;margin:0">{_e(s["jabatan"])}</p>'
            '<div class="ruang-tanda-tangan" style="height:4.5em"></div>'
            f'<p style="text-align:left;margin:0"><strong>{_e(s["nama"])}</strong><br>NIP {_e(s["nip"])}</p>'
            "</div>"
        )
    tempat = ""
    if dengan_tanggal and pk.get("tempat") and pk.get("tanggal"):
        tempat = f'<p style="text-align:center">{_e(pk["tempat"])}, {_e(fmt.tanggal(pk["tanggal"]))}</p>'
    return (
        '<div class="tanda-tangan-pk" style="margin:1.5em 0 1em">'
        + tempat
        + '<div style="display:flex;justify-content:space-between">'
        + "".join(kolom)
        + "</div></div>"
    )


# ---- as a template shows them (``{{ dokumen.sampul() }}``, each on a line of its own) -------------
def blok_sampul(L: Any) -> Blok:
    return Blok(sampul(L))


def blok_kop_surat(L: Any) -> Blok:
    return Blok(kop_surat(L))


def blok_tanda_tangan_surat(L: Any) -> Blok:
    return Blok(tanda_tangan_surat(L))


def blok_tanda_tangan_penanda(L: Any) -> Blok:
    return Blok(tanda_tangan_penanda(L))


def blok_tanda_tangan_pk(L: Any, dengan_tanggal: bool = True) -> Blok:
    return Blok(tanda_tangan_pk(L, dengan_tanggal))


def daftar_isi(L: Any) -> Blok:
    """Where the table of contents goes (the build fills it)."""
    return Blok('<nav class="daftar-isi" data-lkjip="daftar-isi"></nav>')


def halaman_baru(L: Any) -> Blok:
    """A new page starts here in the PDF."""
    return Blok('<div class="halaman-baru"></div>')
