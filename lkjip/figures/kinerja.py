"""Figures of the Perjanjian Kinerja: every indicator (ikk.*) and sasaran (sasaran.*).

What an indicator is comes from the data: its row of ``indikator.csv`` says how its realisasi
is measured (``jenis_realisasi``), its polarity, target and unit; its base facts are in the
table that kind of measurement names (``realisasi.csv`` for counts, ``survei.csv`` for survey
values), per year and, where the data has it, per breakdown (``rincian``). No code names an
indicator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lkjip.errors import FigureError
from lkjip.figures.base import Sink, as_number

if TYPE_CHECKING:
    from lkjip.figures.registry import Figures

SELURUH = "seluruh"  # the breakdown of a total-only year (lkjip.inputs.tables.SELURUH)


def _counts(s: Sink, F: Figures, row: Any, series: dict[int, float | None]) -> None:
    """pembilang / penyebut x 100 per year (a total is the sum of its breakdown), and per
    breakdown for the report's year."""
    from lkjip.calc import kinerja

    p, name = f"ikk.{row.kode}", row.indikator
    df = F.up_to_year("realisasi")
    df = df[df["indikator"] == row.kode]
    for tahun, rows in df.groupby("tahun", sort=True):
        tahun = int(tahun)
        q = f"{p}.tahun.{tahun}"
        src = f"realisasi.csv[tahun={tahun},indikator={row.kode}] ({len(rows)} baris)"
        num, den = int(rows["pembilang"].sum()), int(rows["penyebut"].sum())
        s.add(f"{q}.pembilang", num, "jumlah", f"Pembilang {name} {tahun}", [src])
        s.add(f"{q}.penyebut", den, "jumlah", f"Penyebut {name} {tahun}", [src])
        series[tahun] = s.add(f"{q}.realisasi", kinerja.realisasi_rasio(num, den), "persen",
                              f"Realisasi {name} {tahun}", [f"{q}.pembilang", f"{q}.penyebut"],
                              "nihil: 0 dari 0" if den == 0 else "")
        if tahun != F.year:
            continue
        for r in rows.itertuples(index=False):
            if r.rincian == SELURUH:
                continue
            b = f"{p}.rincian.{r.rincian}"
            rsrc = f"realisasi.csv[tahun={tahun},indikator={row.kode},rincian={r.rincian}]"
            s.add(f"{b}.pembilang", int(r.pembilang), "jumlah", f"Pembilang {name}: {r.rincian}", [rsrc])
            s.add(f"{b}.penyebut", int(r.penyebut), "jumlah", f"Penyebut {name}: {r.rincian}", [rsrc])
            s.add(f"{b}.realisasi", kinerja.realisasi_rasio(int(r.pembilang), int(r.penyebut)), "persen",
                  f"Realisasi {name}: {r.rincian}", [f"{b}.pembilang", f"{b}.penyebut"],
                  "nihil: 0 dari 0" if int(r.penyebut) == 0 else "")


def _survey(s: Sink, F: Figures, row: Any, series: dict[int, float | None]) -> None:
    """A survey value on its scale as a 1-4 index, per year."""
    from lkjip.calc.indeks import indeks_survei

    p, name = f"ikk.{row.kode}", row.indikator
    sv = F.up_to_year("survei")
    for r in sv[sv["indikator"] == row.kode].sort_values("tahun").itertuples(index=False):
        q = f"{p}.tahun.{int(r.tahun)}"
        src = f"survei.csv[tahun={int(r.tahun)},indikator={row.kode}]"
        s.add(f"{q}.nilai_survei", as_number(r.nilai), "nilai", f"Nilai survei {name} {r.tahun}", [src])
        s.add(f"{q}.skala", as_number(r.skala), "nilai", f"Skala survei {name} {r.tahun}", [src])
        series[int(r.tahun)] = s.add(
            f"{q}.realisasi", indeks_survei(as_number(r.nilai), as_number(r.skala)), "indeks",
            f"Realisasi {name} {r.tahun}", [f"{q}.nilai_survei", f"{q}.skala"], "nilai survei × 4 ÷ skala")


def _quarters(s: Sink, F: Figures, row: Any) -> None:
    """An action plan's progress per quarter: the mean over its items (rencana_aksi_triwulan.csv)."""
    from lkjip.calc import rb

    df = F.this_year("rencana_aksi_triwulan")
    df = df[df["indikator"] == row.kode]
    for tw, rows in df.groupby("triwulan", sort=True):
        q = f"ikk.{row.kode}.triwulan.{int(tw)}"
        src = f"rencana_aksi_triwulan.csv[tahun={F.year},indikator={row.kode},triwulan={int(tw)}]"
        s.add(f"{q}.jumlah_indikator", len(rows), "jumlah", f"Jumlah indikator rencana aksi triwulan {tw}", [src])
        s.add(f"{q}.capaian", rb.capaian_triwulan([float(v) for v in rows["capaian"]]), "persen",
              f"Capaian rencana aksi triwulan {tw}", [src], "rata-rata capaian indikator")


def _target(row: Any) -> Any:
    """The target as the calculation takes it: a number, or (bawah, atas) for a range."""
    if row.polaritas == "rentang":
        return (as_number(row.target), as_number(row.target_atas))
    return as_number(row.target)


def _kelompok(s: Sink, F: Figures, p: str, name: str, cap: Any, row: Any) -> None:
    """The indicator against the mean capaian of a group of offices (banding.csv)."""
    from lkjip.calc import kinerja

    src = f"banding.csv[tahun={F.year},indikator={row.indikator}]"
    s.add(f"{p}.kelompok", str(row.kelompok), "kategori", f"Kelompok pembanding {name}", [src])
    s.add(f"{p}.jumlah_kantor_kelompok", int(row.jumlah_kantor), "jumlah",
          f"Jumlah kantor kelompok pembanding {name}", [src])
    rata = s.add(f"{p}.rata_rata_kelompok", as_number(row.rata_rata), "persen",
                 f"Rata-rata capaian {row.kelompok} {name}", [src], f"{int(row.jumlah_kantor)} kantor")
    s.add(f"{p}.banding_kelompok", kinerja.banding_nasional(cap, rata), "persen",
          f"Capaian dibanding rata-rata {row.kelompok} {name}", [f"{p}.capaian", f"{p}.rata_rata_kelompok"])


def ikk(F: Figures, s: Sink) -> None:
    from lkjip.calc import kinerja, riwayat
    from lkjip.calc.indeks import mutu_ikm, skor_100

    rules = F.rules
    ind = F.indikator()
    s.add("ikk.jumlah", len(ind), "jumlah", "Jumlah indikator kinerja kegiatan", [f"indikator.csv[tahun={F.year}]"])
    avg = F.this_year("rata_rata_nasional").set_index("indikator")["rata_rata"].to_dict()
    group = {r.indikator: r for r in F.this_year("banding").itertuples(index=False)}
    for row in ind.itertuples(index=False):
        code, name = row.kode, row.indikator
        p = f"ikk.{code}"
        src_pk = f"indikator.csv[tahun={F.year},kode={code}]"
        s.add(f"{p}.target", as_number(row.target), row.satuan, f"Target {name}", [src_pk])
        if row.polaritas == "rentang":
            s.add(f"{p}.target_atas", as_number(row.target_atas), row.satuan, f"Batas atas target {name}", [src_pk])
        t_renstra = s.add(f"{p}.target_renstra", as_number(row.target_renstra), row.satuan,
                          f"Target jangka menengah (Renstra) {name}", [src_pk])
        series: dict[int, float | None] = {}
        if row.jenis_realisasi == "indeks_survei":
            _survey(s, F, row, series)
        else:
            _counts(s, F, row, series)
            if row.jenis_realisasi == "rencana_aksi":
                _quarters(s, F, row)
        # year-on-year change of realisasi, in points of the indicator's own unit
        for tahun, ch in riwayat.deret_perubahan(series).items():
            q = f"{p}.tahun.{tahun}"
            s.add(f"{q}.perubahan", ch.selisih, "poin", f"Perubahan realisasi {name} {tahun}",
                  [f"{q}.realisasi", f"{p}.tahun.{tahun - 1}.realisasi"])
        cur = f"{p}.tahun.{F.year}"
        if f"{cur}.realisasi" not in s.items:  # `lkjip check` names the missing row
            raise FigureError(f"no realisasi for indicator {code} in {F.year}: run `lkjip check --year {F.year}`")
        for part in ("pembilang", "penyebut", "nilai_survei", "skala"):
            if f"{cur}.{part}" in s.items:
                s.alias(f"{p}.{part}", f"{cur}.{part}")
        s.alias(f"{p}.realisasi", f"{cur}.realisasi")
        real = s.items[f"{p}.realisasi"].value
        cap = s.add(f"{p}.capaian", kinerja.capaian(real, _target(row), row.polaritas, rules=rules),
                    "persen", f"Capaian {name}", [f"{p}.realisasi", f"{p}.target"],
                    f"polaritas {row.polaritas}" + ("; nihil" if real is None else ""))
        s.add(f"{p}.status", kinerja.status(cap, rules=rules), "kode", f"Status {name}", [f"{p}.capaian"])
        # a Renstra target is one number: against a range indicator it has no capaian
        renstra = None if row.polaritas == "rentang" else kinerja.capaian(real, t_renstra, row.polaritas, rules=rules)
        s.add(f"{p}.capaian_renstra", renstra, "persen", f"Capaian terhadap target Renstra {name}",
              [f"{p}.realisasi", f"{p}.target_renstra"])
        rata = as_number(avg.get(code))
        s.add(f"{p}.rata_rata_nasional", rata, "persen", f"Rata-rata capaian nasional {name}",
              [f"rata_rata_nasional.csv[tahun={F.year},indikator={code}]"], "" if rata is not None else "belum tersedia")
        s.add(f"{p}.banding_nasional", kinerja.banding_nasional(cap, rata), "persen",
              f"Capaian dibanding rata-rata nasional {name}", [f"{p}.capaian", f"{p}.rata_rata_nasional"])
        if code in group:  # lkjip batch --banding: the batch's mean capaian
            _kelompok(s, F, p, name, cap, group[code])
        if row.jenis_realisasi == "indeks_survei" and f"{p}.nilai_survei" in s.items:
            skor = skor_100(s.items[f"{p}.nilai_survei"].value, s.items[f"{p}.skala"].value)
            m = mutu_ikm(skor, rules=rules)
            s.add(f"{p}.mutu", m.grade if m else None, "kategori", f"Mutu {name}", [f"{p}.nilai_survei", f"{p}.skala"])
            s.add(f"{p}.kategori", m.label if m else None, "kategori", f"Kategori {name}", [f"{p}.nilai_survei", f"{p}.skala"])

    # how many indicators reached their target, did not, or had nothing to measure (nihil)
    status_ids = [f"ikk.{c}.status" for c in ind["kode"]]
    for st in ("tercapai", "tidak_tercapai", "nihil"):
        s.add(f"ikk.jumlah_{st}", sum(1 for i in status_ids if s.items[i].value == st), "jumlah",
              f"Jumlah indikator berstatus {st}", status_ids)


def sasaran(F: Figures, s: Sink) -> None:
    sas = F.this_year("sasaran")
    s.add("sasaran.jumlah", len(sas), "jumlah", "Jumlah sasaran kegiatan", [f"sasaran.csv[tahun={F.year}]"])
    ind = F.indikator()
    for r in sas.itertuples(index=False):
        s.add(f"sasaran.{r.kode}.jumlah_ikk", int((ind["sasaran"] == r.kode).sum()), "jumlah",
              f"Jumlah indikator sasaran {r.sasaran}", [f"indikator.csv[tahun={F.year},sasaran={r.kode}]"])
