"""Budget figures (anggaran.*): DIPA by jenis belanja over the years, sources of funds, the PK budget, by sasaran and by indicator."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lkjip.figures.base import Sink, slug

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

JENIS_BELANJA = ("pegawai", "barang", "modal")


# ---- budget --------------------------------------------------------------------------------


def anggaran(F: Figures, s: Sink) -> None:
    from lkjip.calc import anggaran as ang

    jb = F.up_to_year("anggaran_jenis_belanja")
    years = sorted(int(y) for y in jb["tahun"].unique())
    persen_by_year: dict[int, float | None] = {}
    for y in years:
        rows = jb[jb["tahun"] == y]
        src = f"anggaran_jenis_belanja.csv[tahun={y}]"
        ring = ang.ringkas((r.jenis_belanja, int(r.pagu), int(r.realisasi)) for r in rows.itertuples(index=False))
        for b in ring.baris:
            q = f"anggaran.tahun.{y}.jenis.{b.nama}"
            s.add(f"{q}.pagu", b.pagu, "rupiah", f"Pagu belanja {b.nama} {y}", [f"{src}[jenis_belanja={b.nama}]"])
            s.add(
                f"{q}.realisasi",
                b.realisasi,
                "rupiah",
                f"Realisasi belanja {b.nama} {y}",
                [f"{src}[jenis_belanja={b.nama}]"],
            )
            s.add(
                f"{q}.persen", b.persen, "persen", f"Penyerapan belanja {b.nama} {y}", [f"{q}.pagu", f"{q}.realisasi"]
            )
        q = f"anggaran.tahun.{y}"
        parts = [f"{q}.jenis.{b.nama}" for b in ring.baris]
        s.add(
            f"{q}.pagu",
            ring.total_pagu,
            "rupiah",
            f"Pagu anggaran {y}",
            [f"{p}.pagu" for p in parts],
            "jumlah pagu per jenis belanja",
        )
        s.add(
            f"{q}.realisasi",
            ring.total_realisasi,
            "rupiah",
            f"Realisasi anggaran {y}",
            [f"{p}.realisasi" for p in parts],
            "jumlah realisasi per jenis belanja",
        )
        persen_by_year[y] = s.add(
            f"{q}.persen", ring.total_persen, "persen", f"Penyerapan anggaran {y}", [f"{q}.pagu", f"{q}.realisasi"]
        )
        if y - 1 in persen_by_year:
            s.add(
                f"{q}.perubahan_persen",
                ang.perubahan_poin(ring.total_persen, persen_by_year[y - 1]),
                "poin",
                f"Perubahan penyerapan {y} dibanding {y - 1}",
                [f"{q}.persen", f"anggaran.tahun.{y - 1}.persen"],
            )
    if F.year in years:  # a year without its DIPA: the report says so, and has no such figure
        _tahun_ini(F, s)
    _sumber_dan_tambahan(F, s)
    # programme/activity budget of the PK (BAB II) and of the PK printed in the appendix
    # (dokumen pk_lampiran: signed before the ABT): per kegiatan, subtotal per programme, total
    _pk_budget(F, s, "pk", "anggaran.program", "", "Jumlah anggaran Perjanjian Kinerja")
    _pk_budget(F, s, "pk_lampiran", "anggaran.pk_lampiran", " (PK lampiran)",
               "Jumlah anggaran Perjanjian Kinerja lampiran")
    _per_sasaran_dan_indikator(F, s)


def _tahun_ini(F: Figures, s: Sink) -> None:
    """The report's year's budget under short ids (``anggaran.pagu``), and what is left."""
    from lkjip.calc import anggaran as ang

    cur = f"anggaran.tahun.{F.year}"
    for m in ("pagu", "realisasi", "persen"):
        s.alias(f"anggaran.{m}", f"{cur}.{m}")
        for j in JENIS_BELANJA:
            if f"{cur}.jenis.{j}.{m}" in s.items:
                s.alias(f"anggaran.jenis.{j}.{m}", f"{cur}.jenis.{j}.{m}")
    if f"{cur}.perubahan_persen" in s.items:
        s.alias("anggaran.perubahan_persen", f"{cur}.perubahan_persen")
    s.add(
        "anggaran.sisa",
        ang.sisa(s.items["anggaran.pagu"].value, s.items["anggaran.realisasi"].value),
        "rupiah",
        f"Sisa anggaran {F.year}",
        ["anggaran.pagu", "anggaran.realisasi"],
    )


def _sumber_dan_tambahan(F: Figures, s: Sink) -> None:
    sd = F.this_year("anggaran_sumber_dana")
    if sd.empty:
        return
    for r in sd.itertuples(index=False):
        s.add(
            f"anggaran.sumber.{r.sumber_dana}.pagu",
            int(r.pagu),
            "rupiah",
            f"Pagu sumber dana {r.sumber_dana.upper()}",
            [f"anggaran_sumber_dana.csv[tahun={F.year},sumber_dana={r.sumber_dana}]"],
        )
    s.add(
        "anggaran.sumber.total",
        int(sd["pagu"].sum()),
        "rupiah",
        "Jumlah pagu menurut sumber dana",
        [f"anggaran.sumber.{x}.pagu" for x in sd["sumber_dana"]],
    )
    tb = F.this_year("anggaran_tambahan")
    s.add(
        "anggaran.tambahan",
        int(tb["jumlah"].sum()),
        "rupiah",
        "Anggaran Belanja Tambahan (ABT)",
        [f"anggaran_tambahan.csv[tahun={F.year}]"],
    )


def _per_sasaran_dan_indikator(F: Figures, s: Sink) -> None:
    from lkjip.calc import anggaran as ang

    sa = F.this_year("anggaran_sasaran")
    ai = F.this_year("anggaran_indikator")
    if sa.empty:
        _per_indikator(F, s, ai)
        return
    ring = ang.ringkas((r.sasaran, int(r.pagu), int(r.realisasi)) for r in sa.itertuples(index=False))
    names = _names(F, "sasaran", "sasaran")
    for b in ring.baris:
        q = f"anggaran.sasaran.{b.nama}"
        src = f"anggaran_sasaran.csv[tahun={F.year},sasaran={b.nama}]"
        name = names.get(b.nama, b.nama)
        s.add(f"{q}.pagu", b.pagu, "rupiah", f"Pagu sasaran {name}", [src])
        s.add(f"{q}.realisasi", b.realisasi, "rupiah", f"Realisasi sasaran {name}", [src])
        s.add(f"{q}.persen", b.persen, "persen", f"Penyerapan sasaran {name}", [f"{q}.pagu", f"{q}.realisasi"])
    parts = [f"anggaran.sasaran.{b.nama}" for b in ring.baris]
    s.add(
        "anggaran.sasaran.total.pagu",
        ring.total_pagu,
        "rupiah",
        "Jumlah pagu per sasaran",
        [f"{p}.pagu" for p in parts],
    )
    s.add(
        "anggaran.sasaran.total.realisasi",
        ring.total_realisasi,
        "rupiah",
        "Jumlah realisasi per sasaran",
        [f"{p}.realisasi" for p in parts],
    )
    s.add(
        "anggaran.sasaran.total.persen",
        ring.total_persen,
        "persen",
        "Penyerapan seluruh sasaran",
        ["anggaran.sasaran.total.pagu", "anggaran.sasaran.total.realisasi"],
    )
    if "anggaran.pagu" in s.items:
        s.add(
            "anggaran.sasaran.tidak_terbagi.pagu",
            s.items["anggaran.pagu"].value - ring.total_pagu,
            "rupiah",
            "Pagu DIPA yang tidak dirinci menurut sasaran",
            ["anggaran.pagu", "anggaran.sasaran.total.pagu"],
        )
    _per_indikator(F, s, ai)


def _names(F: Figures, table: str, column: str) -> dict[str, str]:
    """Code -> name of the year's sasaran or indicators, for the figures' labels."""
    frame = F.this_year(table)
    return dict(zip(frame["kode"], frame[column], strict=True))


def _per_indikator(F: Figures, s: Sink, ai: Any) -> None:
    from lkjip.calc import anggaran as ang

    names = _names(F, "indikator", "indikator")
    for r in ai.itertuples(index=False):
        q = f"anggaran.indikator.{r.indikator}"
        src = f"anggaran_indikator.csv[tahun={F.year},indikator={r.indikator}]"
        name = names.get(r.indikator, r.indikator)
        s.add(f"{q}.pagu", int(r.pagu), "rupiah", f"Pagu indikator {name}", [src])
        s.add(f"{q}.realisasi", int(r.realisasi), "rupiah", f"Realisasi indikator {name}", [src])
        s.add(
            f"{q}.persen",
            ang.serapan(int(r.pagu), int(r.realisasi)),
            "persen",
            f"Penyerapan indikator {name}",
            [f"{q}.pagu", f"{q}.realisasi"],
            "pagu nol" if int(r.pagu) == 0 else "",
        )


def _pk_budget(F: Figures, s: Sink, dokumen: str, prefix: str, suffix: str, total_label: str) -> None:
    pk = F.this_year("pk_anggaran")
    pk = pk[pk["dokumen"] == dokumen]
    if not len(pk):
        return
    for r in pk.itertuples(index=False):
        s.add(f"{prefix}.{slug(r.kegiatan)}", int(r.anggaran), "rupiah", f"Anggaran kegiatan {r.kegiatan}{suffix}",
              [f"pk_anggaran.csv[tahun={F.year},dokumen={dokumen},kegiatan={r.kegiatan}]"])
    for prog, rows in pk.groupby("program", sort=False):
        s.add(f"{prefix}.{slug(prog)}.jumlah", int(rows["anggaran"].sum()), "rupiah", f"Anggaran {prog}{suffix}",
              [f"{prefix}.{slug(k)}" for k in rows["kegiatan"]])
    s.add(f"{prefix}.total", int(pk["anggaran"].sum()), "rupiah", total_label,
          [f"{prefix}.{slug(k)}" for k in pk["kegiatan"]])
