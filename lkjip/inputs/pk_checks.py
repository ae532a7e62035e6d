"""The checks of the year's Perjanjian Kinerja against the tables of its base facts: every
indicator of the year has what its realisasi is measured from, in the table its kind of
measurement names, once (a total or a breakdown, not both), with known breakdown codes.

A mixin of :class:`lkjip.inputs.crosschecks.CrossChecks` (``self.t`` holds the tables read
without error, ``self.error`` / ``self.warning`` record a problem).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SELURUH = "seluruh"  # the rincian of a total-only row (lkjip.inputs.tables.SELURUH)

# kind of measurement -> the table that holds its base facts
SOURCE = {"rasio": "realisasi", "rencana_aksi": "realisasi", "indeks_survei": "survei"}


class PkChecks:
    t: dict[str, Any]
    year: int
    shown: dict[str, str]
    error: Callable[..., None]
    warning: Callable[..., None]
    has: Callable[..., bool]

    def pk_checks(self) -> list[Callable[[], None]]:
        return [self.measured_from_their_table, self.realisasi_of_the_year, self.total_or_breakdown,
                self.breakdown_codes, self.quarters_numbered]

    def _pk(self) -> Any:
        f = self.t["indikator"]
        return f[f["tahun"] == self.year]

    def _kinds(self) -> dict[str, str]:
        """Indicator code -> its kind of measurement, over every year of the PK (this year last)."""
        f = self.t["indikator"].sort_values("tahun")
        return dict(zip(f["kode"], f["jenis_realisasi"], strict=True))

    def measured_from_their_table(self) -> None:
        """Rows in a table that is not the one the indicator's kind of measurement names."""
        if not self.has("indikator"):
            return
        kinds = self._kinds()
        for name in ("realisasi", "survei", "rencana_aksi_triwulan"):
            if not self.has(name):
                continue
            for i, row in self.t[name].iterrows():
                kind = kinds.get(row["indikator"])
                wanted = "rencana_aksi" if name == "rencana_aksi_triwulan" else None
                if kind is None or (wanted and kind != wanted) or (not wanted and SOURCE[kind] != name):
                    if kind is None:
                        continue  # an unknown code: indicator_codes says so
                    where = ("an indicator measured as rencana_aksi" if wanted
                             else f"an indicator whose jenis_realisasi reads from {name}.csv")
                    self.error(name, int(i) + 2, "indikator", where,
                               f"'{row['indikator']}', jenis_realisasi {kind} "
                               f"({self.shown['indikator']})",
                               f"its base facts belong in {SOURCE[kind]}.csv")

    def realisasi_of_the_year(self) -> None:
        """Every indicator of the year's PK has its base facts for the year."""
        if not self.has("indikator"):
            return
        for i, row in self._pk().iterrows():
            table = SOURCE[row["jenis_realisasi"]]
            if not self.has(table):
                continue
            f = self.t[table]
            if not ((f["tahun"] == self.year) & (f["indikator"] == row["kode"])).any():
                what = ("the survey value and its scale" if table == "survei"
                        else "the counts (pembilang, penyebut)")
                self.error(table, None, "indikator",
                           f"{what} of indicator '{row['kode']}' for {self.year} "
                           f"(row {int(i) + 2} of {self.shown['indikator']})",
                           "no such row", f"add a row with tahun {self.year} and indikator "
                           f"{row['kode']} to {table}.csv")

    def total_or_breakdown(self) -> None:
        """A year of an indicator is one total row or rows per breakdown: a base fact once."""
        if not self.has("realisasi"):
            return
        for (year, code), group in self.t["realisasi"].groupby(["tahun", "indikator"]):
            whole = group.index[group["rincian"] == SELURUH]
            parts = group.index[group["rincian"] != SELURUH]
            if len(whole) and len(parts):
                rows = ", ".join(str(i + 2) for i in parts)
                self.error("realisasi", int(whole[0]) + 2, "rincian",
                           f"for {code} {year} either one row '{SELURUH}' or rows per breakdown, "
                           "not both (a base fact stored twice)",
                           f"'{SELURUH}' in row {int(whole[0]) + 2} and rows {rows}",
                           f"keep the rows per breakdown and delete the '{SELURUH}' row: the total "
                           "is computed")

    def breakdown_codes(self) -> None:
        """A breakdown code of realisasi.csv is named in rincian.csv for its indicator."""
        if not self.has("realisasi", "rincian"):
            return
        names = self.t["rincian"]
        known: dict[str, set[str]] = {}
        for code, group in names.groupby("indikator"):
            known[str(code)] = set(group["kode"])
        for i, row in self.t["realisasi"].iterrows():
            if row["rincian"] == SELURUH or row["rincian"] in known.get(row["indikator"], set()):
                continue
            self.error("realisasi", int(i) + 2, "rincian",
                       f"'{SELURUH}' or a breakdown of {row['indikator']} named in {self.shown['rincian']}",
                       f"'{row['rincian']}'",
                       "known: " + (", ".join(sorted(known.get(row["indikator"], set()))) or "none")
                       + f"; add a row (indikator, kode, nama) to {self.shown['rincian']}")

    def quarters_numbered(self) -> None:
        """The action-plan items of each quarter are numbered 1..n."""
        if not self.has("rencana_aksi_triwulan"):
            return
        for (year, code, quarter), group in self.t["rencana_aksi_triwulan"].groupby(
                ["tahun", "indikator", "triwulan"]):
            numbers = sorted(int(n) for n in group["no"])
            if numbers != list(range(1, len(numbers) + 1)):
                missing = sorted(set(range(1, len(numbers) + 1)) - set(numbers))
                self.error("rencana_aksi_triwulan", int(group.index[0]) + 2, "no",
                           f"'no' running 1..{len(numbers)} for {code} in {year} triwulan {quarter}",
                           "numbers missing: " + ", ".join(map(str, missing[:10])))
