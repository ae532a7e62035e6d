"""The optional appendix "Catatan Rekonsiliasi" as its template sees it: how many printed
figures of the previously published edition agree with this one, and every one that differs,
with where it was printed and why it differs (``L.pakai(rekonsiliasi=Rekonsiliasi(L))``)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from lkjip.audit.reconcile import catatan
from lkjip.audit.result import run_audit
from lkjip.present import fmt
from lkjip.present.template import Blok


class Rekonsiliasi:
    def __init__(self, L: Any):
        self.L = L
        self.hasil = run_audit(L.fig, L.inputs.published)
        self._counts = self.hasil.counts()
        self._groups = self.hasil.group_counts()

    @property
    def ada(self) -> bool:
        """Whether a published edition of the year is in the data at all."""
        return bool(self.hasil.records)

    def _n(self, n: int) -> Markup:
        return Markup.escape(fmt.angka(n))

    @property
    def dicetak(self) -> Markup:
        return self._n(len(self.hasil.records))

    @property
    def sama(self) -> Markup:
        return self._n(self._counts["match"])

    @property
    def berbeda(self) -> Markup:
        return self._n(self._counts["mismatch"])

    @property
    def tidak_terturunkan(self) -> Markup:
        return self._n(self._counts["not_derivable"])

    @property
    def angka_berbeda(self) -> Markup:
        return self._n(self._groups["mismatch"])

    def tabel(self) -> Blok:
        """Every figure that differs, once, with all the places it was printed."""
        rows = []
        for i, c in enumerate(catatan(self.hasil), start=1):
            tempat = Markup("<br>").join(c["tempat"])
            rows.append([str(i), c["label"], self.L.v(c["figure"]), tempat, c["penjelasan"]])
        return Blok(self.L.tabel_html(rows, "Angka yang berbeda dari naskah sebelumnya",
                                      kolom=["No", "Angka", "Edisi ini", "Dicetak sebelumnya (tempat)", "Penjelasan"],
                                      align=["c", "l", "r", "l", "l"], kelas="rekonsiliasi"))
