"""The checks across the tables of a year (references, sums, stated vs listed counts), run on
the tables that were read without error."""

from __future__ import annotations

import re
from typing import Any

from lkjip.errors import Problem
from lkjip.inputs.kelengkapan import Kelengkapan
from lkjip.inputs.pk_checks import PkChecks
from lkjip.inputs.reading import Read, err, warn
from lkjip.inputs.yaml_file import line_of


class CrossChecks(PkChecks, Kelengkapan):
    """The checks across tables, on the tables that were read without error."""

    def __init__(self, year: int, results: dict[str, Read], shown: dict[str, str]):
        self.year = year
        self.t = {n: r.value for n, r in results.items()}
        self.raw = {n: r.raw for n, r in results.items()}
        self.shown = shown
        self.problems: list[Problem] = []

    def has(self, *names: str) -> bool:
        return all(self.t.get(n) is not None for n in names)

    def error(self, name: str, row: int | None, column: str | None, expected: str, found: str,
              hint: str = "") -> None:
        self.problems.append(err(self.shown[name], row, column, expected, found, hint))

    def warning(self, name: str, row: int | None, column: str | None, expected: str, found: str,
                hint: str = "") -> None:
        self.problems.append(warn(self.shown[name], row, column, expected, found, hint))

    def run(self) -> list[Problem]:
        for check in (self.year_has_data, self.indicator_codes, self.sasaran_codes,
                      self.narasi_codes, self.published_ids, *self.pk_checks(), self.budget_sums,
                      self.realisasi_within_pagu, self.indicator_budget_within_sasaran, self.nips,
                      self.kecamatan_counts, self.narasi_without_numbers,
                      self.year_rows_of_optional_tables):
            check()
        return self.problems

    # references ----------------------------------------------------------------------------
    def _codes_by_year(self, name: str) -> dict[int, set[str]]:
        frame = self.t[name]
        return {int(y): set(g["kode"]) for y, g in frame.groupby("tahun")}

    def year_has_data(self) -> None:
        if not self.has("indikator"):
            return
        years = sorted(int(y) for y in self.t["indikator"]["tahun"].unique())
        if self.year not in years:
            self.error("indikator", None, "tahun", f"indikator (PK) tahun {self.year}",
                       f"tidak ada baris tahun {self.year} (tahun yang ada: "
                       f"{', '.join(map(str, years)) or 'tidak ada'})",
                       "tambahkan baris indikator tahun itu, atau pilih --year yang lain")
        if self.has("sasaran") and self.year in years and self.year not in set(
                self.t["sasaran"]["tahun"]):
            self.error("sasaran", None, "tahun", f"sasaran kegiatan tahun {self.year}",
                       f"tidak ada baris tahun {self.year}",
                       "tambahkan baris sasaran tahun itu")

    def _check_codes(self, name: str, column: str, known: dict[int, set[str]], what: str,
                     source: str) -> None:
        everything = set().union(*known.values()) if known else set()
        frame = self.t[name]
        for i, row in frame.iterrows():
            year = int(row["tahun"])
            codes = known.get(year, everything)
            if row[column] not in codes:
                where = f"{source} tahun {year}" if year in known else f"{source} (tahun mana pun)"
                self.error(name, int(i) + 2, column, f"{what} yang ada di {where}",
                           f"'{row[column]}'", "; ".join([
                               "kode yang ada: " + (", ".join(sorted(codes)) or "tidak ada"),
                               "perbaiki kodenya, atau tambahkan kode itu ke " + source]))

    def indicator_codes(self) -> None:
        if not self.has("indikator"):
            return
        known = self._codes_by_year("indikator")
        # History (realisasi, survei, national averages) may reach back before an indicator
        # entered the PK, to give a new indicator its trend; the rest belongs to a year's PK.
        anywhere = {-1: set().union(*known.values())} if known else {}
        for name, codes in (("anggaran_indikator", known), ("kasus", known),
                            ("rencana_aksi_triwulan", known), ("realisasi", anywhere),
                            ("survei", anywhere), ("rata_rata_nasional", anywhere),
                            ("banding", known)):
            if self.has(name):
                self._check_codes(name, "indikator", codes, "kode indikator",
                                  self.shown["indikator"])

    def sasaran_codes(self) -> None:
        if not self.has("sasaran"):
            return
        known = self._codes_by_year("sasaran")
        for name in ("indikator", "anggaran_sasaran"):
            if self.has(name):
                self._check_codes(name, "sasaran", known, "kode sasaran", self.shown["sasaran"])

    def narasi_codes(self) -> None:
        if not self.has("narasi"):
            return
        raw = self.raw["narasi"]
        for section, table, what in (("indikator", "indikator", "kode indikator"),
                                     ("sasaran", "sasaran", "kode sasaran")):
            if not self.has(table):
                continue
            frame = self.t[table]
            codes = set(frame.loc[frame["tahun"] == self.year, "kode"])
            block = raw.get(section) or {}
            for code in block:
                if code not in codes:
                    self.error("narasi", line_of(block, code), f"{section}.{code}",
                               f"{what} PK tahun {self.year} ({self.shown[table]})",
                               f"'{code}'", "kode tahun ini: " + (", ".join(sorted(codes)) or "tidak ada")
                               + "; perbaiki kodenya, atau hapus narasi untuk kode yang tidak ada "
                               "di PK tahun ini")

    def published_ids(self) -> None:
        if not self.has("published"):
            return
        frame = self.t["published"]
        ind = sas = None
        if self.has("indikator"):
            f = self.t["indikator"]
            ind = set(f.loc[f["tahun"] == self.year, "kode"])
        if self.has("sasaran"):
            f = self.t["sasaran"]
            sas = set(f.loc[f["tahun"] == self.year, "kode"])
        for i, row in frame.iterrows():
            parts = str(row["figure"]).split(".")
            if len(parts) < 3 or isinstance(row["note"], str) and row["note"].strip():
                continue
            if parts[0] == "ikk" or parts[:2] == ["anggaran", "indikator"]:
                code = parts[1] if parts[0] == "ikk" else parts[2]
                codes, source, what = ind, "indikator", "kode indikator"
            elif parts[:2] == ["anggaran", "sasaran"] and parts[2] != "total":
                code, codes, source, what = parts[2], sas, "sasaran", "kode sasaran"
            else:
                continue
            if codes is not None and code not in codes:
                self.error("published", int(i) + 2, "figure",
                           f"id yang memuat {what} tahun {self.year} "
                           f"({self.shown[source]})",
                           f"'{row['figure']}' (kode '{code}' tidak dikenal)",
                           "perbaiki id-nya, atau jelaskan di 'note' mengapa angka itu tidak punya "
                           "padanan")

    # base facts once --------------------------------------------------------------------------
    def budget_sums(self) -> None:
        if not self.has("anggaran_jenis_belanja"):
            return
        jb = self.t["anggaran_jenis_belanja"].groupby("tahun")["pagu"].sum()
        if self.has("anggaran_sumber_dana"):
            sd = self.t["anggaran_sumber_dana"]
            for year, group in sd.groupby("tahun"):
                if year in jb.index and int(group["pagu"].sum()) != int(jb[year]):
                    parts = " + ".join(f"{r.sumber_dana} {r.pagu}" for r in group.itertuples())
                    self.error("anggaran_sumber_dana", int(group.index[0]) + 2, "pagu",
                               f"jumlah pagu per sumber dana tahun {year} sama dengan jumlah pagu "
                               f"per jenis belanja ({self.shown['anggaran_jenis_belanja']}): "
                               f"{int(jb[year])}",
                               f"{parts} = {int(group['pagu'].sum())}",
                               "keduanya membagi DIPA yang sama: perbaiki angkanya")
        if self.has("pk_anggaran") and self.year in jb.index:
            pk = self.t["pk_anggaran"]
            rows = pk[(pk["tahun"] == self.year) & (pk["dokumen"] == "pk")]
            if len(rows) and int(rows["anggaran"].sum()) != int(jb[self.year]):
                self.warning("pk_anggaran", int(rows.index[0]) + 2, "anggaran",
                             f"anggaran PK tahun {self.year} (dokumen pk) sama dengan jumlah pagu "
                             f"per jenis belanja: {int(jb[self.year])}",
                             f"{int(rows['anggaran'].sum())}",
                             "periksa angka anggaran di dokumen PK; bila pagu berubah setelah PK "
                             "ditandatangani, peringatan ini boleh dibiarkan")

    def realisasi_within_pagu(self) -> None:
        for name, key in (("anggaran_jenis_belanja", "jenis_belanja"), ("anggaran_sasaran",
                                                                          "sasaran"),
                          ("anggaran_indikator", "indikator")):
            if not self.has(name):
                continue
            frame = self.t[name]
            for i, row in frame[frame["realisasi"] > frame["pagu"]].iterrows():
                self.warning(name, int(i) + 2, "realisasi",
                             f"realisasi tidak melebihi pagu ({row[key]} {row['tahun']}: pagu "
                             f"{row['pagu']})",
                             f"realisasi {row['realisasi']}",
                             "periksa kedua angka di laporan realisasi anggaran")

    def indicator_budget_within_sasaran(self) -> None:
        if not self.has("anggaran_indikator", "anggaran_sasaran", "indikator"):
            return
        ind = self.t["indikator"][["tahun", "kode", "sasaran"]]
        merged = self.t["anggaran_indikator"].merge(
            ind, left_on=["tahun", "indikator"], right_on=["tahun", "kode"], how="inner")
        sums = merged.groupby(["tahun", "sasaran"])["pagu"].sum()
        sas = self.t["anggaran_sasaran"]
        for i, row in sas.iterrows():
            total = sums.get((row["tahun"], row["sasaran"]))
            if total is not None and int(total) > int(row["pagu"]):
                self.warning("anggaran_sasaran", int(i) + 2, "pagu",
                             f"pagu sasaran '{row['sasaran']}' ({row['tahun']}) mencakup pagu "
                             f"indikatornya di {self.shown['anggaran_indikator']}",
                             f"pagu {row['pagu']} < jumlah pagu indikator {int(total)}",
                             "periksa pagu sasaran dan pagu indikatornya")

    # stated facts that cannot all be true --------------------------------------------------------
    def nips(self) -> None:
        from lkjip.inputs.cells import nip_findings

        if not self.has("pegawai"):
            return
        for i, row in self.t["pegawai"].iterrows():
            for finding in nip_findings(row["nip"], row["jenis_kelamin"]):
                self.warning("pegawai", int(i) + 2, "nip",
                             "NIP dengan tanggal lahir, TMT, dan angka jenis kelamin yang mungkin",
                             f"'{row['nip']}': {finding}", "cocokkan NIP dengan dokumen sumbernya")

    def kecamatan_counts(self) -> None:
        if not self.has("kabupaten", "kecamatan"):
            return
        listed = self.t["kecamatan"].groupby("kabupaten").size()
        known = set(self.t["kabupaten"]["kabupaten"])
        for i, row in self.t["kabupaten"].iterrows():
            n = int(listed.get(row["kabupaten"], 0))
            if n != int(row["jumlah_kecamatan_tertulis"]):
                self.warning("kabupaten", int(i) + 2, "jumlah_kecamatan_tertulis",
                             f"jumlah yang tertulis sama dengan banyaknya kecamatan di "
                             f"{self.shown['kecamatan']}: {n}",
                             str(row["jumlah_kecamatan_tertulis"]),
                             f"perbaiki jumlahnya, atau lengkapi {self.shown['kecamatan']}")
        for i, value in self.t["kecamatan"]["kabupaten"].items():
            if value not in known:
                self.error("kecamatan", int(i) + 2, "kabupaten",
                           f"kabupaten yang ada di {self.shown['kabupaten']}", f"'{value}'",
                           "kabupaten yang ada: " + ", ".join(sorted(known)))


    def narasi_without_numbers(self) -> None:
        """Narrative bullets carry no numbers: numbers come from figures."""
        if not self.has("narasi"):
            return

        def walk(node: Any, path: str, line: int | None) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    walk(value, f"{path}.{key}" if path else str(key), line_of(node, key))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{path}[{i + 1}]", line_of(node, i))
            elif isinstance(node, str) and re.search(r"\d", node):
                self.warning("narasi", line, path, "butir narasi tanpa angka (angka diambil dari "
                             "data)", repr(node if len(node) <= 80 else node[:77] + "..."),
                             "tulis dengan kata-kata; angka laporan dihitung dari data di bab itu")

        walk(self.raw["narasi"], "", None)
