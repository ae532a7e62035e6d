"""The result of the readiness check (:mod:`lkjip.audit.kesiapan`): a finding per criterion and
indicator, the roll-up per criterion and sub-component, and ``kesiapan.json``."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from lkjip.audit.kriteria import Kriteria, Kriterium
from lkjip.audit.letak import Tempat
from lkjip.paths import PROJ_ROOT

MET, PARTLY, NOT_MET, NOT_CHECKED = "met", "partly", "not_met", "not_checked"
LABEL = {MET: "terpenuhi", PARTLY: "sebagian", NOT_MET: "belum terpenuhi", NOT_CHECKED: "tidak diperiksa"}
SCHEMA = 1  # of kesiapan.json (docs/ARCHITECTURE.md)


@dataclass
class Hasil:
    """The finding of one criterion for the report or for one indicator."""

    status: str  # met | partly | not_met | not_checked
    keterangan: str  # what was found, in Indonesian
    indikator: str | None = None  # the indicator's kode; None for the whole report
    saran: str = ""  # what the office can do (empty when met)
    rincian: list[str] = field(default_factory=list)  # the items behind the finding
    angka: list[str] = field(default_factory=list)  # figure ids of the registry
    tempat: list[Tempat] = field(default_factory=list)  # where in the report
    data: list[str] = field(default_factory=list)  # where in the inputs to act

    def as_dict(self) -> dict[str, Any]:
        return {"indikator": self.indikator, "status": self.status, "keterangan": self.keterangan,
                "saran": self.saran, "rincian": self.rincian, "angka": self.angka,
                "tempat": [t.as_dict() for t in self.tempat], "data": self.data}


@dataclass
class HasilKriterium:
    kriterium: Kriterium
    hasil: list[Hasil]

    @property
    def status(self) -> str:
        """met when every finding is met, not_met when every one is not, else partly."""
        found = {h.status for h in self.hasil} - {NOT_CHECKED}
        if not found:
            return NOT_CHECKED
        return found.pop() if len(found) == 1 and found <= {MET, NOT_MET} else PARTLY

    @property
    def menghalangi(self) -> bool:
        """A blocking criterion with any finding not met."""
        return self.kriterium.menghalangi and any(h.status == NOT_MET for h in self.hasil)

    def nilai(self, nilai_status: Any) -> float | None:
        vals = [nilai_status[h.status] for h in self.hasil if h.status != NOT_CHECKED]
        return sum(vals) / len(vals) if vals else None


@dataclass
class Kesiapan:
    year: int
    office: str
    kantor: str
    kriteria: Kriteria
    daftar: list[HasilKriterium]
    indikator: dict[str, str]  # kode -> the indicator's name, in PK order
    html_diperiksa: bool
    tanggal_laporan: dt.date | None

    @property
    def batas(self) -> dt.date:
        return self.kriteria.batas_penyampaian(self.year)

    @property
    def menghalangi(self) -> list[HasilKriterium]:
        return [hk for hk in self.daftar if hk.menghalangi]

    def hitung(self) -> dict[str, int]:
        out = dict.fromkeys((MET, PARTLY, NOT_MET, NOT_CHECKED), 0)
        for hk in self.daftar:
            out[hk.status] += 1
        return out

    def subkomponen(self) -> list[dict[str, Any]]:
        """Per sub-component: its weight and the weighted share of checked criteria met (an
        indication, with the status values of the criteria file; not the evaluator's score)."""
        out = []
        for sub in self.kriteria.subkomponen:
            parts = [(hk.kriterium.bobot, v) for hk in self.daftar if hk.kriterium.subkomponen == sub.kode
                     and hk.kriterium.bobot > 0 and (v := hk.nilai(self.kriteria.nilai_status)) is not None]
            total = sum(b for b, _ in parts)
            persen = sum(b * v for b, v in parts) / total * 100 if total else None
            out.append({"kode": sub.kode, "nama": sub.nama, "bobot": sub.bobot, "persen_terpenuhi": persen})
        return out

    def summary(self) -> str:
        c = self.hitung()
        line = (f"kesiapan evaluasi {self.year}: {len(self.daftar)} kriteria, {c[MET]} terpenuhi, "
                f"{c[PARTLY]} sebagian, {c[NOT_MET]} belum terpenuhi, {c[NOT_CHECKED]} tidak diperiksa")
        if self.menghalangi:
            line += "; menghalangi: " + ", ".join(hk.kriterium.kode for hk in self.menghalangi)
        return line

    @property
    def aturan_file(self) -> str:
        """The criteria file, relative to the repository when it is in it."""
        try:
            return self.kriteria.path.resolve().relative_to(PROJ_ROOT).as_posix()
        except ValueError:
            return self.kriteria.path.name

    def to_dict(self) -> dict[str, Any]:
        k, aturan = self.kriteria, self.aturan_file
        return {
            "schema": SCHEMA, "year": self.year, "office": self.office, "kantor": self.kantor,
            "tahun_evaluasi": self.year + 1,
            "aturan": {"file": aturan, "nama": k.nama, "sumber": list(k.sumber), "unconfirmed": list(k.unconfirmed)},
            "komponen": {"nama": k.komponen, "bobot": k.komponen_bobot, "subkomponen": self.subkomponen()},
            "batas_penyampaian": self.batas.isoformat(),
            "tanggal_laporan": self.tanggal_laporan.isoformat() if self.tanggal_laporan else None,
            "html_diperiksa": self.html_diperiksa,
            "indikator": [{"kode": kode, "nama": nama} for kode, nama in self.indikator.items()],
            "ringkasan": {**self.hitung(), "menghalangi": [hk.kriterium.kode for hk in self.menghalangi]},
            "kriteria": [{"kode": hk.kriterium.kode, "nama": hk.kriterium.nama,
                          "subkomponen": hk.kriterium.subkomponen, "analisis": hk.kriterium.analisis,
                          "bobot": hk.kriterium.bobot, "menghalangi": hk.kriterium.menghalangi,
                          "sumber": hk.kriterium.sumber, "status": hk.status,
                          "hasil": [h.as_dict() for h in hk.hasil]} for hk in self.daftar],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
