"""Reform action plan figures (rb.*): quarterly progress and actions completed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lkjip.errors import FigureError
from lkjip.figures.base import Sink

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

def rb(F: Figures, s: Sink) -> None:
    from lkjip.calc import rb

    df = F.this_year("rb_indikator")
    for tw in (1, 2, 3, 4):
        rows = df[df["triwulan"] == tw]
        src = f"rb_indikator.csv[tahun={F.year},triwulan={tw}]"
        s.add(
            f"rb.tw{tw}.jumlah_indikator", len(rows), "jumlah", f"Jumlah indikator rencana aksi RB triwulan {tw}", [src]
        )
        s.add(
            f"rb.tw{tw}.capaian",
            rb.capaian_triwulan([float(v) for v in rows["capaian"]]),
            "persen",
            f"Capaian rencana aksi RB triwulan {tw}",
            [src],
            "rata-rata capaian indikator",
        )
    for r in F.table("rb_aksi").sort_values("tahun").itertuples(index=False):
        y = int(r.tahun)
        src = f"rb_aksi.csv[tahun={y}]"
        s.add(f"rb.tahun.{y}.aksi.rencana", int(r.rencana), "jumlah", f"Rencana aksi RB {y}", [src])
        s.add(f"rb.tahun.{y}.aksi.selesai", int(r.selesai), "jumlah", f"Rencana aksi RB selesai {y}", [src])
    cur = f"rb.tahun.{F.year}.aksi"
    if f"{cur}.rencana" not in s.items:
        raise FigureError(f"rb_aksi.csv has no row for {F.year}")
    s.alias("rb.aksi.rencana", f"{cur}.rencana")
    s.alias("rb.aksi.selesai", f"{cur}.selesai")
    s.add(
        "rb.aksi.persen",
        rb.persen_aksi(s.items["rb.aksi.selesai"].value, s.items["rb.aksi.rencana"].value),
        "persen",
        "Persentase rencana aksi RB yang selesai",
        ["rb.aksi.selesai", "rb.aksi.rencana"],
    )
