"""Revenue figures (pnbp.*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lkjip.figures.base import Sink

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

def pnbp(F: Figures, s: Sink) -> None:
    from lkjip.calc import pnbp, riwayat

    df = F.up_to_year("pnbp")
    series: dict[int, int] = {}
    for y, rows in df.groupby("tahun", sort=True):
        y = int(y)
        for r in rows.itertuples(index=False):
            s.add(
                f"pnbp.akun.{r.kode_akun}.tahun.{y}",
                int(r.jumlah),
                "rupiah",
                f"PNBP akun {r.kode_akun} ({r.uraian}) {y}",
                [f"pnbp.csv[tahun={y},kode_akun={r.kode_akun}]"],
            )
        series[y] = s.add(
            f"pnbp.tahun.{y}.realisasi",
            pnbp.total(int(v) for v in rows["jumlah"]),
            "rupiah",
            f"Realisasi PNBP {y}",
            [f"pnbp.akun.{k}.tahun.{y}" for k in rows["kode_akun"]],
            "jumlah seluruh akun",
        )
    for y, ch in riwayat.deret_perubahan(series).items():
        s.add(
            f"pnbp.tahun.{y}.perubahan_persen",
            ch.persen,
            "persen",
            f"Pertumbuhan PNBP {y}",
            [f"pnbp.tahun.{y}.realisasi", f"pnbp.tahun.{y - 1}.realisasi"],
        )
    if F.year not in series:  # an office without revenue that year: the report says so
        return
    s.alias("pnbp.realisasi", f"pnbp.tahun.{F.year}.realisasi")
    if f"pnbp.tahun.{F.year}.perubahan_persen" in s.items:
        s.alias("pnbp.perubahan_persen", f"pnbp.tahun.{F.year}.perubahan_persen")
    tg = F.this_year("pnbp_target")
    target = int(tg["target"].iloc[0]) if len(tg) else None
    s.add("pnbp.target", target, "rupiah", f"Target PNBP {F.year}", [f"pnbp_target.csv[tahun={F.year}]"])
    s.add(
        "pnbp.persen",
        pnbp.persen_target(series[F.year], target),
        "persen",
        "Realisasi PNBP terhadap target",
        ["pnbp.realisasi", "pnbp.target"],
    )
