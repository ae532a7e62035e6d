"""The report's tables and charts by name, as a template shows them: ``{{ tabel.pnbp() }}``,
``{{ gambar.riwayat(ikk) }}`` (on a line of its own). Each builder lives with its part of the
report; a table builder returns the keyword arguments of ``Laporan.tabel_html`` (its caption
included), a chart builder a Matplotlib figure with its caption and source."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lkjip.present import anggaran, charts, kinerja, lainnya, perencanaan, profil
from lkjip.present.template import Blok

TABEL: dict[str, Callable[..., dict[str, Any] | None]] = {
    # BAB III A: the PK's results
    "ringkasan": kinerja.tabel_ringkasan,
    "riwayat": kinerja.tabel_riwayat,
    "rincian": kinerja.tabel_rincian,
    "kasus": kinerja.tabel_kasus,
    "rencana_aksi": kinerja.tabel_rencana_aksi,
    "survei": kinerja.tabel_survei,
    "pita_ikm": kinerja.tabel_pita_ikm,
    # BAB III B and C: the budget, revenue and the budget's scores
    "anggaran_sasaran": anggaran.tabel_anggaran_sasaran,
    "jenis_belanja": anggaran.tabel_jenis_belanja,
    "pnbp": anggaran.tabel_pnbp,
    "smart": anggaran.tabel_smart,
    "ikpa": anggaran.tabel_ikpa,
    "ikpa_aspek": anggaran.tabel_ikpa_aspek,
    "kinerja_anggaran": anggaran.tabel_kinerja_anggaran,
    # BAB III D
    "capaian_lain": lainnya.tabel_capaian_lain,
    "inovasi": lainnya.tabel_inovasi,
    # BAB I
    "pegawai": profil.tabel_pegawai,
    "letak_wilayah": profil.tabel_letak_wilayah,
    "kecamatan": profil.tabel_kecamatan,
    # BAB II and the Lampiran
    "perjanjian_kinerja": perencanaan.tabel_perjanjian_kinerja,
    "anggaran_pk": perencanaan.tabel_anggaran_pk,
    "pk_lampiran": perencanaan.tabel_pk_lampiran,
    "dipa_jenis_belanja": perencanaan.tabel_dipa_jenis_belanja,
    "dipa_sumber_dana": perencanaan.tabel_dipa_sumber_dana,
}

GAMBAR: dict[str, Callable[..., dict[str, Any] | None]] = {
    "riwayat": charts.gambar_riwayat,
    "rencana_aksi": charts.gambar_rencana_aksi,
    "anggaran": charts.gambar_anggaran,
    "pnbp": charts.gambar_pnbp,
    "ikpa": charts.gambar_ikpa,
    "jenis_kelamin": profil.gambar_jenis_kelamin,
    "kelompok_jabatan": profil.gambar_kelompok_jabatan,
    "bagan_organisasi": profil.gambar_bagan_organisasi,
}


class _Nama:
    """Attribute access by name: ``tabel.pnbp`` is a function that shows that table."""

    kind = ""
    builders: dict[str, Callable[..., Any]] = {}

    def __init__(self, L: Any):
        self._L = L

    def __getattr__(self, name: str) -> Callable[..., Blok]:
        if name.startswith("_") or name not in self.builders:
            raise AttributeError(f"no {self.kind} named {name!r} (known: {', '.join(sorted(self.builders))})")
        return lambda *args, **kw: self._show(self.builders[name], args, kw)

    def _show(self, build: Callable[..., Any], args: tuple, kw: dict) -> Blok:
        raise NotImplementedError


class Tabel(_Nama):
    kind = "table"
    builders = TABEL

    def _show(self, build: Callable[..., Any], args: tuple, kw: dict) -> Blok:
        judul = kw.pop("judul", None)
        spec = build(self._L, *args, **kw)
        if spec is None:
            return Blok("")
        if judul:
            spec["judul"] = judul
        return Blok(self._L.tabel_html(**spec))


class Gambar(_Nama):
    kind = "chart"
    builders = GAMBAR

    def _show(self, build: Callable[..., Any], args: tuple, kw: dict) -> Blok:
        spec = build(self._L, *args, **kw)
        if spec is None:
            return Blok("")
        return Blok(self._L.gambar_html(spec["fig"], spec["judul"], spec.get("sumber"), spec.get("deskripsi")))
