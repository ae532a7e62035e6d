"""Figures of the Perjanjian Kinerja: every indicator (ikk.*) and sasaran (sasaran.*)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lkjip.errors import FigureError
from lkjip.figures.base import Sink, as_number

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

SUMBER_RASIO: dict[str, tuple[str, str, str]] = {
    "pro_yustisia": ("pro_yustisia", "ditindaklanjuti", "ditangani"),
    "tindakan_administratif": ("tindakan_administratif", "ditindaklanjuti", "ditangani"),
    "layanan": ("layanan", "diselesaikan", "diterima"),
}


# ---- indicators ---------------------------------------------------------------------------


def _ratio_series(F: Figures, code: str) -> dict[int, tuple[int, int, str]]:
    """Year -> (pembilang, penyebut, source) of a ratio indicator; totals are sums of rows."""
    table, num_col, den_col = SUMBER_RASIO[code]
    df = F.table(table)
    out: dict[int, tuple[int, int, str]] = {}
    for tahun, rows in df.groupby("tahun", sort=True):
        n = len(rows)
        src = f"{table}.csv[tahun={int(tahun)}] ({n} baris)"
        out[int(tahun)] = (int(rows[num_col].sum()), int(rows[den_col].sum()), src)
    return out


def ikk(F: Figures, s: Sink) -> None:
    from lkjip.calc import kinerja, riwayat
    from lkjip.calc.indeks import mutu_ikm

    rules = F.rules
    ind = F.indikator()
    s.add("ikk.jumlah", len(ind), "jumlah", "Jumlah indikator kinerja kegiatan", [f"indikator.csv[tahun={F.year}]"])
    avg = F.this_year("rata_rata_nasional").set_index("kode")["rata_rata"].to_dict()
    for row in ind.itertuples(index=False):
        code, name = row.kode, row.indikator
        p = f"ikk.{code}"
        src_pk = f"indikator.csv[tahun={F.year},kode={code}]"
        target = s.add(f"{p}.target", as_number(row.target), row.satuan, f"Target {name}", [src_pk])
        t_renstra = s.add(
            f"{p}.target_renstra",
            as_number(row.target_renstra),
            row.satuan,
            f"Target jangka menengah (Renstra) {name}",
            [src_pk],
        )
        series: dict[int, float | None] = {}
        if row.jenis_realisasi == "rasio":
            for tahun, (num, den, src) in _ratio_series(F, code).items():
                q = f"{p}.tahun.{tahun}"
                s.add(f"{q}.pembilang", num, "jumlah", f"Pembilang {name} {tahun}", [src])
                s.add(f"{q}.penyebut", den, "jumlah", f"Penyebut {name} {tahun}", [src])
                series[tahun] = s.add(
                    f"{q}.realisasi",
                    kinerja.realisasi_rasio(num, den),
                    "persen",
                    f"Realisasi {name} {tahun}",
                    [f"{q}.pembilang", f"{q}.penyebut"],
                    "nihil: 0 dari 0" if den == 0 else "",
                )
        elif row.jenis_realisasi == "rencana_aksi":
            for r in F.table("rb_aksi").sort_values("tahun").itertuples(index=False):
                q = f"{p}.tahun.{int(r.tahun)}"
                src = f"rb_aksi.csv[tahun={int(r.tahun)}]"
                s.add(f"{q}.pembilang", int(r.selesai), "jumlah", f"Rencana aksi selesai {r.tahun}", [src])
                s.add(f"{q}.penyebut", int(r.rencana), "jumlah", f"Rencana aksi {r.tahun}", [src])
                series[int(r.tahun)] = s.add(
                    f"{q}.realisasi",
                    kinerja.realisasi_rencana_aksi(int(r.selesai), int(r.rencana)),
                    "persen",
                    f"Realisasi {name} {r.tahun}",
                    [f"{q}.pembilang", f"{q}.penyebut"],
                )
        elif row.jenis_realisasi == "indeks_survei":
            sv = F.table("survei")
            for r in sv[sv["kode"] == code].sort_values("tahun").itertuples(index=False):
                q = f"{p}.tahun.{int(r.tahun)}"
                src = f"survei.csv[tahun={int(r.tahun)},kode={code}]"
                s.add(f"{q}.nilai_survei", as_number(r.nilai), "nilai", f"Nilai survei {name} {r.tahun}", [src])
                series[int(r.tahun)] = s.add(
                    f"{q}.realisasi",
                    kinerja.realisasi_indeks(as_number(r.nilai), rules.indeks_pembagi),
                    "indeks",
                    f"Realisasi {name} {r.tahun}",
                    [f"{q}.nilai_survei"],
                    f"nilai survei dibagi {rules.indeks_pembagi:g}",
                )
        else:
            raise FigureError(f"indikator.csv: unknown jenis_realisasi '{row.jenis_realisasi}' for {code}")

        # year-on-year change of realisasi, in points of the indicator's own unit
        for tahun, ch in riwayat.deret_perubahan(series).items():
            q = f"{p}.tahun.{tahun}"
            s.add(
                f"{q}.perubahan",
                ch.selisih,
                "poin",
                f"Perubahan realisasi {name} {tahun}",
                [f"{q}.realisasi", f"{p}.tahun.{tahun - 1}.realisasi"],
            )
        cur = f"{p}.tahun.{F.year}"
        if f"{cur}.realisasi" not in s.items:
            raise FigureError(f"no realisasi for indicator {code} in {F.year}")
        for part in ("pembilang", "penyebut", "nilai_survei"):
            if f"{cur}.{part}" in s.items:
                s.alias(f"{p}.{part}", f"{cur}.{part}")
        s.alias(f"{p}.realisasi", f"{cur}.realisasi")
        real = s.items[f"{p}.realisasi"].value
        cap = s.add(
            f"{p}.capaian",
            kinerja.capaian(real, target, row.polaritas, rules=rules),
            "persen",
            f"Capaian {name}",
            [f"{p}.realisasi", f"{p}.target"],
            f"polaritas {row.polaritas}" + ("; nihil" if real is None else ""),
        )
        s.add(f"{p}.status", kinerja.status(cap, rules=rules), "kode", f"Status {name}", [f"{p}.capaian"])
        s.add(
            f"{p}.capaian_renstra",
            kinerja.capaian(real, t_renstra, row.polaritas, rules=rules),
            "persen",
            f"Capaian terhadap target Renstra {name}",
            [f"{p}.realisasi", f"{p}.target_renstra"],
        )
        rata = as_number(avg.get(code))
        s.add(
            f"{p}.rata_rata_nasional",
            rata,
            "persen",
            f"Rata-rata capaian nasional {name}",
            [f"rata_rata_nasional.csv[tahun={F.year},kode={code}]"],
            "" if rata is not None else "belum tersedia",
        )
        s.add(
            f"{p}.banding_nasional",
            kinerja.banding_nasional(cap, rata),
            "persen",
            f"Capaian dibanding rata-rata nasional {name}",
            [f"{p}.capaian", f"{p}.rata_rata_nasional"],
        )
        if row.jenis_realisasi == "indeks_survei":
            skor = s.items[f"{p}.nilai_survei"].value
            m = mutu_ikm(skor, rules=rules)
            s.add(f"{p}.mutu", m.grade, "kategori", f"Mutu {name}", [f"{p}.nilai_survei"])
            s.add(f"{p}.kategori", m.label, "kategori", f"Kategori {name}", [f"{p}.nilai_survei"])

    # how many indicators reached their target, did not, or had nothing to measure (nihil)
    status_ids = [f"ikk.{c}.status" for c in ind["kode"]]
    for st in ("tercapai", "tidak_tercapai", "nihil"):
        s.add(
            f"ikk.jumlah_{st}",
            sum(1 for i in status_ids if s.items[i].value == st),
            "jumlah",
            f"Jumlah indikator berstatus {st}",
            status_ids,
        )


def sasaran(F: Figures, s: Sink) -> None:
    sas = F.this_year("sasaran")
    s.add("sasaran.jumlah", len(sas), "jumlah", "Jumlah sasaran kegiatan", [f"sasaran.csv[tahun={F.year}]"])
    ind = F.indikator()
    for r in sas.itertuples(index=False):
        s.add(
            f"sasaran.{r.kode}.jumlah_ikk",
            int((ind["sasaran"] == r.kode).sum()),
            "jumlah",
            f"Jumlah indikator sasaran {r.sasaran}",
            [f"indikator.csv[tahun={F.year},sasaran={r.kode}]"],
        )
