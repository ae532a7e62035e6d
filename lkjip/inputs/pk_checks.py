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
                    where = ("indikator dengan jenis_realisasi rencana_aksi" if wanted
                             else f"indikator yang jenis_realisasi-nya dibaca dari {name}.csv")
                    self.error(name, int(i) + 2, "indikator", where,
                               f"'{row['indikator']}', jenis_realisasi {kind} "
                               f"({self.shown['indikator']})",
                               f"data dasarnya ditulis di {SOURCE[kind]}.csv; pindahkan baris "
                               "ini, atau perbaiki jenis_realisasi indikatornya")

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
                what = ("nilai survei dan skalanya" if table == "survei"
                        else "realisasi (pembilang, penyebut)")
                self.error(table, None, "indikator",
                           f"{what} indikator '{row['kode']}' tahun {self.year} "
                           f"(baris {int(i) + 2} di {self.shown['indikator']})",
                           "baris itu tidak ada", f"tambahkan baris dengan tahun {self.year} dan "
                           f"indikator {row['kode']} ke {self.shown[table]}")

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
                           f"untuk {code} tahun {year} satu baris '{SELURUH}' atau baris per "
                           "rincian, tidak keduanya (data yang sama tercatat dua kali)",
                           f"'{SELURUH}' di baris {int(whole[0]) + 2} dan rincian di baris {rows}",
                           f"simpan baris per rincian dan hapus baris '{SELURUH}': jumlahnya "
                           "dihitung otomatis")

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
                       f"'{SELURUH}' atau kode rincian {row['indikator']} yang ada di "
                       f"{self.shown['rincian']}",
                       f"'{row['rincian']}'",
                       "kode yang ada: "
                       + (", ".join(sorted(known.get(row["indikator"], set()))) or "tidak ada")
                       + f"; perbaiki kodenya, atau tambahkan baris (indikator, kode, nama) ke "
                       f"{self.shown['rincian']}")

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
                           f"nomor 1 sampai {len(numbers)} untuk {code} tahun {year} triwulan "
                           f"{quarter}",
                           "nomor yang tidak ada: " + ", ".join(map(str, missing[:10])),
                           "beri nomor urut 1, 2, 3, ... tanpa loncat untuk setiap triwulan")
