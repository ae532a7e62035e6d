"""The registry of figures: every number the report shows, computed once, by a stable id.

Notebooks, the audit and every export read figures from here and nowhere else. A figure
carries its value at full precision (``None`` where undefined), its unit, an Indonesian label
and the base facts or figure ids it came from.

Figures are computed lazily by group (the id's first segment), so that a chapter which only
shows staff figures reads only ``pegawai.csv``: the build's cache relies on that to know which
data files a chapter depends on.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lkjip.errors import FigureError

Value = float | int | str | None


@dataclass(frozen=True)
class Figure:
    id: str
    value: Value
    unit: str  # persen | rupiah | jumlah | indeks | nilai | kategori | kode | poin
    label: str
    sources: tuple[str, ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "label": self.label,
            "sources": list(self.sources),
            "note": self.note,
        }


# How the realisasi of a ratio indicator is counted: indicator code -> (table, numerator column,
# denominator column). The codes are the ministry's indicator codes; a new indicator measured as a
# ratio adds a line here and a table to the data contract.
SUMBER_RASIO: dict[str, tuple[str, str, str]] = {
    "pro_yustisia": ("pro_yustisia", "ditindaklanjuti", "ditangani"),
    "tindakan_administratif": ("tindakan_administratif", "ditindaklanjuti", "ditangani"),
    "layanan": ("layanan", "diselesaikan", "diterima"),
}

JENIS_BELANJA = ("pegawai", "barang", "modal")


def slug(text: str) -> str:
    """A stable ASCII id segment from a name ("Program Dukungan Manajemen" -> "dukungan_manajemen")."""
    text = re.sub(r"^program\s+", "", text.strip().lower())
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _num(x: Any) -> float | int | None:
    """A table cell as a plain Python number; empty/NaN -> None (unknown)."""
    if x is None or (isinstance(x, str) and not x.strip()):
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    if math.isnan(f):
        return None
    is_int = isinstance(x, int) or getattr(getattr(x, "dtype", None), "kind", "") in "iu" and hasattr(x, "dtype")
    return int(f) if is_int else f


class _Sink:
    """Collects the figures of one group."""

    def __init__(self) -> None:
        self.items: dict[str, Figure] = {}

    def add(self, id: str, value: Value, unit: str, label: str, sources: Iterable[str] = (), note: str = "") -> Value:
        if id in self.items:
            raise FigureError(f"figure id defined twice: {id}")
        if isinstance(value, float) and math.isnan(value):
            value = None
        self.items[id] = Figure(id, value, unit, label, tuple(sources), note)
        return value

    def alias(self, id: str, of: str) -> None:
        """The same figure under a second id (e.g. the reporting year's value of a series)."""
        f = self.items[of]
        self.items[id] = Figure(id, f.value, f.unit, f.label, (of,), f"sama dengan {of}")


@dataclass
class Figures:
    """All figures of one year. ``Figures(2024)['anggaran.persen'].value``."""

    year: int
    data_dir: Path | str | None = None
    params_dir: Path | str | None = None
    inputs: Any = None
    rules: Any = None
    _cache: dict[str, Figure] = field(default_factory=dict, repr=False)
    _done: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        if self.inputs is None:
            from lkjip.load import load_year

            self.inputs = load_year(self.year, self.data_dir or None, self.params_dir or None)
        if self.rules is None:
            from lkjip.rules import load_rules

            self.rules = load_rules(self.year)

    # ---- access -------------------------------------------------------------------------
    def _group(self, name: str) -> None:
        if name in self._done:
            return
        provider = _PROVIDERS.get(name)
        if provider is None:
            raise FigureError(f"unknown figure group '{name}' (known: {', '.join(sorted(_PROVIDERS))})")
        sink = _Sink()
        provider(self, sink)
        self._cache.update(sink.items)
        self._done.add(name)

    def __getitem__(self, id: str) -> Figure:
        self._group(id.split(".", 1)[0])
        try:
            return self._cache[id]
        except KeyError:
            raise FigureError(f"unknown figure id '{id}' for {self.year}") from None

    def __contains__(self, id: str) -> bool:
        try:
            self[id]
        except FigureError:
            return False
        return True

    def value(self, id: str) -> Value:
        return self[id].value

    def get(self, id: str, default: Figure | None = None) -> Figure | None:
        try:
            return self[id]
        except FigureError:
            return default

    def all(self) -> dict[str, Figure]:
        for name in _PROVIDERS:
            self._group(name)
        return dict(sorted(self._cache.items()))

    def ids(self, prefix: str = "") -> list[str]:
        if prefix:
            self._group(prefix.split(".", 1)[0])
        else:
            self.all()
        return sorted(i for i in self._cache if i.startswith(prefix))

    def to_json(self) -> str:
        doc = {
            "year": self.year,
            "office": getattr(self.inputs, "office", None),
            "figures": {k: f.as_dict() for k, f in self.all().items()},
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    # ---- helpers for providers ----------------------------------------------------------
    def table(self, name: str):
        return getattr(self.inputs, name)

    def this_year(self, name: str):
        df = self.table(name)
        return df[df["tahun"] == self.year]

    def indikator(self):
        return self.this_year("indikator").sort_values("urutan")


_PROVIDERS: dict[str, Callable[[Figures, _Sink], None]] = {}


def provider(name: str):
    def deco(fn: Callable[[Figures, _Sink], None]):
        _PROVIDERS[name] = fn
        return fn

    return deco


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


@provider("ikk")
def _ikk(F: Figures, s: _Sink) -> None:
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
        target = s.add(f"{p}.target", _num(row.target), row.satuan, f"Target {name}", [src_pk])
        t_renstra = s.add(
            f"{p}.target_renstra",
            _num(row.target_renstra),
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
                s.add(f"{q}.nilai_survei", _num(r.nilai), "nilai", f"Nilai survei {name} {r.tahun}", [src])
                series[int(r.tahun)] = s.add(
                    f"{q}.realisasi",
                    kinerja.realisasi_indeks(_num(r.nilai), rules.indeks_pembagi),
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
        rata = _num(avg.get(code))
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


@provider("sasaran")
def _sasaran(F: Figures, s: _Sink) -> None:
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


# ---- budget --------------------------------------------------------------------------------


@provider("anggaran")
def _anggaran(F: Figures, s: _Sink) -> None:
    from lkjip.calc import anggaran as ang

    jb = F.table("anggaran_jenis_belanja")
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
    if F.year not in years:
        raise FigureError(f"anggaran_jenis_belanja.csv has no rows for {F.year}")
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

    # sources of funds
    sd = F.this_year("anggaran_sumber_dana")
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

    # programme/activity budget of the PK (BAB II) and of the PK printed in the appendix
    # (dokumen pk_lampiran: signed before the ABT): per kegiatan, subtotal per programme, total
    _pk_budget(F, s, "pk", "anggaran.program", "", "Jumlah anggaran Perjanjian Kinerja")
    _pk_budget(F, s, "pk_lampiran", "anggaran.pk_lampiran", " (PK lampiran)",
               "Jumlah anggaran Perjanjian Kinerja lampiran")

    # by sasaran and by indicator
    sa = F.this_year("anggaran_sasaran")
    ring = ang.ringkas((r.sasaran, int(r.pagu), int(r.realisasi)) for r in sa.itertuples(index=False))
    for b in ring.baris:
        q = f"anggaran.sasaran.{b.nama}"
        src = f"anggaran_sasaran.csv[tahun={F.year},sasaran={b.nama}]"
        s.add(f"{q}.pagu", b.pagu, "rupiah", f"Pagu sasaran {b.nama}", [src])
        s.add(f"{q}.realisasi", b.realisasi, "rupiah", f"Realisasi sasaran {b.nama}", [src])
        s.add(f"{q}.persen", b.persen, "persen", f"Penyerapan sasaran {b.nama}", [f"{q}.pagu", f"{q}.realisasi"])
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
    s.add(
        "anggaran.sasaran.tidak_terbagi.pagu",
        s.items["anggaran.pagu"].value - ring.total_pagu,
        "rupiah",
        "Pagu DIPA yang tidak dirinci menurut sasaran",
        ["anggaran.pagu", "anggaran.sasaran.total.pagu"],
    )
    ai = F.this_year("anggaran_indikator")
    for r in ai.itertuples(index=False):
        q = f"anggaran.indikator.{r.indikator}"
        src = f"anggaran_indikator.csv[tahun={F.year},indikator={r.indikator}]"
        s.add(f"{q}.pagu", int(r.pagu), "rupiah", f"Pagu indikator {r.indikator}", [src])
        s.add(f"{q}.realisasi", int(r.realisasi), "rupiah", f"Realisasi indikator {r.indikator}", [src])
        s.add(
            f"{q}.persen",
            ang.serapan(int(r.pagu), int(r.realisasi)),
            "persen",
            f"Penyerapan indikator {r.indikator}",
            [f"{q}.pagu", f"{q}.realisasi"],
            "pagu nol" if int(r.pagu) == 0 else "",
        )


def _pk_budget(F: Figures, s: _Sink, dokumen: str, prefix: str, suffix: str, total_label: str) -> None:
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


@provider("pnbp")
def _pnbp(F: Figures, s: _Sink) -> None:
    from lkjip.calc import pnbp, riwayat

    df = F.table("pnbp")
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
    if F.year not in series:
        raise FigureError(f"pnbp.csv has no rows for {F.year}")
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


@provider("ikpa")
def _ikpa(F: Figures, s: _Sink) -> None:
    from lkjip.calc.ikpa import hitung_ikpa
    from lkjip.rules import load_rules

    df = F.table("ikpa")
    for y, rows in df.groupby("tahun", sort=True):
        y = int(y)
        vals = {r.komponen: _num(r.nilai) for r in rows.itertuples(index=False)}
        src = f"ikpa.csv[tahun={y}]"
        if set(vals) == {"nilai_akhir"}:
            s.add(
                f"ikpa.tahun.{y}.nilai_akhir",
                vals["nilai_akhir"],
                "nilai",
                f"Nilai akhir IKPA {y}",
                [src],
                "diambil dari data: komponen tidak tersedia",
            )
            continue
        rules = F.rules if y == F.year else load_rules(y)
        h = hitung_ikpa(vals, rules=rules)
        if y == F.year:
            for k, v in vals.items():
                if k == "dispensasi_spm":
                    continue
                comp = rules.ikpa_komponen.get(k) if hasattr(rules, "ikpa_komponen") else None
                q = f"ikpa.komponen.{k}"
                s.add(f"{q}.nilai", v, "nilai", f"Nilai IKPA {getattr(comp, 'nama', k)}", [f"{src}[komponen={k}]"])
                s.add(
                    f"{q}.bobot",
                    getattr(comp, "bobot", None),
                    "persen",
                    f"Bobot IKPA {getattr(comp, 'nama', k)}",
                    [f"rules/{rules.tahun}.yaml"],
                )
                s.add(
                    f"{q}.nilai_tertimbang",
                    h.tertimbang.get(k),
                    "nilai",
                    f"Nilai tertimbang IKPA {getattr(comp, 'nama', k)}",
                    [f"{q}.nilai", f"{q}.bobot"],
                )
            comps = [f"ikpa.komponen.{k}.nilai_tertimbang" for k in h.tertimbang]
            s.add("ikpa.nilai_total", h.nilai_total, "nilai", "Nilai total IKPA", comps)
            s.add("ikpa.konversi_bobot", h.konversi_bobot, "persen", "Konversi bobot IKPA", comps)
            s.add(
                "ikpa.dispensasi",
                h.dispensasi,
                "nilai",
                "Dispensasi SPM (pengurang)",
                [f"{src}[komponen=dispensasi_spm]"],
            )
            s.add(
                f"ikpa.tahun.{y}.nilai_akhir",
                h.nilai_akhir,
                "nilai",
                f"Nilai akhir IKPA {y}",
                ["ikpa.nilai_total", "ikpa.dispensasi"],
            )
            s.add("ikpa.kategori", h.kategori, "kategori", "Kategori IKPA", [f"ikpa.tahun.{y}.nilai_akhir"])
            for a, v in h.aspek.items():
                s.add(f"ikpa.aspek.{a}", v, "nilai", f"Nilai aspek {a} IKPA", comps)
        else:
            s.add(f"ikpa.tahun.{y}.nilai_akhir", h.nilai_akhir, "nilai", f"Nilai akhir IKPA {y}", [src])
    if f"ikpa.tahun.{F.year}.nilai_akhir" not in s.items:
        raise FigureError(f"ikpa.csv has no rows for {F.year}")
    s.alias("ikpa.nilai_akhir", f"ikpa.tahun.{F.year}.nilai_akhir")


@provider("smart")
def _smart(F: Figures, s: _Sink) -> None:
    for r in F.table("smart").sort_values(["tahun", "komponen"]).itertuples(index=False):
        s.add(
            f"smart.tahun.{int(r.tahun)}.{r.komponen}",
            _num(r.nilai),
            "nilai",
            f"SMART {r.komponen} {int(r.tahun)}",
            [f"smart.csv[tahun={int(r.tahun)},komponen={r.komponen}]"],
            "diambil dari data (aplikasi SMART)",
        )


@provider("nka")
def _nka(F: Figures, s: _Sink) -> None:
    for r in F.this_year("nka").itertuples(index=False):
        s.add(
            f"nka.{r.komponen}",
            _num(r.nilai),
            "nilai",
            f"Nilai Kinerja Anggaran: {r.komponen}",
            [f"nka.csv[tahun={F.year},komponen={r.komponen}]"],
            "diambil dari data: rumus resmi belum terkonfirmasi",
        )


@provider("rb")
def _rb(F: Figures, s: _Sink) -> None:
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


@provider("pegawai")
def _pegawai(F: Figures, s: _Sink) -> None:
    from lkjip.calc.pegawai import hitung_pegawai

    df = F.table("pegawai")
    h = hitung_pegawai(df.to_dict("records"))
    src = ["pegawai.csv"]
    s.add("pegawai.jumlah", h["jumlah"], "jumlah", "Jumlah pegawai", src)
    s.add("pegawai.laki_laki", h["jenis_kelamin"].get("L", 0), "jumlah", "Pegawai laki-laki", src)
    s.add("pegawai.perempuan", h["jenis_kelamin"].get("P", 0), "jumlah", "Pegawai perempuan", src)
    for k in ("eselon_iii", "eselon_iv", "eselon_v", "jft", "jfu"):
        s.add(f"pegawai.kelompok.{k}", h["kelompok_jabatan"].get(k, 0), "jumlah", f"Pegawai kelompok {k}", src)


@provider("wilayah")
def _wilayah(F: Figures, s: _Sink) -> None:
    kab = F.table("kabupaten")
    kec = F.table("kecamatan")
    s.add("wilayah.kabupaten", len(kab), "jumlah", "Jumlah kabupaten wilayah kerja", ["kabupaten.csv"])
    s.add("wilayah.kecamatan", len(kec), "jumlah", "Jumlah kecamatan wilayah kerja", ["kecamatan.csv"])
    for name in kab["kabupaten"]:
        s.add(
            f"wilayah.kabupaten.{slug(name)}.kecamatan",
            int((kec["kabupaten"] == name).sum()),
            "jumlah",
            f"Jumlah kecamatan di Kabupaten {name}",
            [f"kecamatan.csv[kabupaten={name}]"],
        )


@provider("tak")
def _tak(F: Figures, s: _Sink) -> None:
    df = F.this_year("tindakan_administratif")
    for r in df.itertuples(index=False):
        s.add(
            f"tak.jenis.{r.jenis}",
            int(r.ditangani),
            "jumlah",
            f"Tindakan administratif: {r.jenis}",
            [f"tindakan_administratif.csv[tahun={F.year},jenis={r.jenis}]"],
        )


@provider("layanan")
def _layanan(F: Figures, s: _Sink) -> None:
    df = F.this_year("layanan")
    for r in df.itertuples(index=False):
        src = f"layanan.csv[tahun={F.year},jenis={r.jenis}]"
        s.add(f"layanan.jenis.{r.jenis}.diterima", int(r.diterima), "jumlah", f"Permohonan {r.jenis} diterima", [src])
        s.add(
            f"layanan.jenis.{r.jenis}.diselesaikan",
            int(r.diselesaikan),
            "jumlah",
            f"Permohonan {r.jenis} diselesaikan",
            [src],
        )


# ---- command ----------------------------------------------------------------------------


def cli_figures(args) -> int:
    from lkjip.load import validate_year

    report = validate_year(args.year, args.data, args.params)
    if report.errors:
        from lkjip.errors import DataError

        raise DataError(report.errors)
    figs = Figures(args.year, args.data, args.params)
    if args.json:
        print(figs.to_json(), end="")
        return 0
    for fid, f in figs.all().items():
        v = "" if f.value is None else f.value
        print(f"{fid}\t{v}\t{f.unit}")
    return 0
