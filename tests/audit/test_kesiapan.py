"""The evaluation readiness check (``lkjip kesiapan``, ``lkjip check --kesiapan``), criterion by
criterion, on a synthetic office: a registry double (figure ids -> values) with three PK
indicators, its narasi, its appendix PK and params, and a small stitched report to match. The
2024 data is checked at the end for what the issue names (PK alignment, analysis 4).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import json
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from lkjip.audit.kesiapan import run_kesiapan, write_outputs
from lkjip.audit.kesiapan_cek import PER_INDIKATOR
from lkjip.audit.kesiapan_hasil import MET, NOT_CHECKED, NOT_MET, PARTLY
from lkjip.audit.kesiapan_laporan import PER_LAPORAN
from lkjip.audit.kriteria import KODE, load_kriteria
from lkjip.cli import main

YEAR = 2024

# Three PK indicators: "a" above target and rising, "b" below target, "c" with no case (nihil).
INDIKATOR = [
    {"tahun": YEAR, "kode": "a", "sasaran": "s1", "urutan": 1, "indikator": "Persentase Layanan Selesai",
     "satuan": "persen", "polaritas": "positif", "target": 90.0},
    {"tahun": YEAR, "kode": "b", "sasaran": "s1", "urutan": 2, "indikator": "Persentase Pengaduan Ditangani",
     "satuan": "persen", "polaritas": "positif", "target": 90.0},
    {"tahun": YEAR, "kode": "c", "sasaran": "s2", "urutan": 3, "indikator": "Persentase Perkara Ditangani",
     "satuan": "persen", "polaritas": "positif", "target": 90.0},
]


def _nilai() -> dict[str, Any]:
    v: dict[str, Any] = {}
    for kode, real, status, years in (("a", 95.0, "tercapai", {2022: 91.0, 2023: 93.0}),
                                      ("b", 80.0, "tidak_tercapai", {2022: 70.0, 2023: 75.0}),
                                      ("c", None, "nihil", {2022: None, 2023: None})):
        p = f"ikk.{kode}"
        cap = None if real is None else real / 90 * 100
        v.update({f"{p}.target": 90.0, f"{p}.realisasi": real, f"{p}.capaian": cap, f"{p}.status": status,
                  f"{p}.target_renstra": 90.0, f"{p}.capaian_renstra": cap, f"{p}.rata_rata_nasional": 85.0,
                  f"{p}.banding_nasional": None if cap is None else cap / 85 * 100,
                  f"{p}.tahun.{YEAR}.realisasi": real})
        v.update({f"{p}.tahun.{y}.realisasi": r for y, r in years.items()})
        a = f"anggaran.indikator.{kode}"
        v.update({f"{a}.pagu": 1_000_000, f"{a}.realisasi": 900_000, f"{a}.persen": 90.0})
    return v


NARASI = {
    "indikator": {
        kode: {"faktor_keberhasilan": [f"Petugas {nama} bekerja sesuai prosedur yang berlaku."],
               "kendala": [f"Sarana untuk {nama} masih terbatas di wilayah kerja."],
               "solusi": [f"Menambah sarana untuk {nama} secara bertahap."],
               "program_pendukung": [f"Program penguatan {nama} di setiap kecamatan."]}
        for kode, nama in (("a", "layanan"), ("b", "pengaduan"), ("c", "perkara"))
    },
    "efisiensi": {"anggaran": ["Menelaah realisasi anggaran secara berkala."]},
    "rekomendasi": ["Memperkuat koordinasi dengan instansi mitra di daerah."],
}


@dataclass
class Fig:
    value: Any
    label: str = ""


class FiguresDouble:
    """What the readiness check reads of :class:`lkjip.figures.Figures`: ``year``, ``get``,
    ``ids``, ``indikator()`` and ``inputs`` (narasi, pk_lampiran, params, kantor, office)."""

    def __init__(self, values: dict[str, Any] | None = None, narasi: dict | None = None,
                 pk_lampiran: list[dict] | None = None, params: dict | None = None,
                 indikator: list[dict] | None = None):
        self.year = YEAR
        self.values = _nilai() if values is None else values
        self.rows = copy.deepcopy(INDIKATOR if indikator is None else indikator)
        lampiran = [{"tahun": YEAR, "no": i, "sasaran": r["sasaran"], "indikator": r["indikator"],
                     "target": r["target"], "satuan": r["satuan"], "keterangan": ""}
                    for i, r in enumerate(self.rows, 1)] if pk_lampiran is None else pk_lampiran
        self.inputs = SimpleNamespace(
            narasi=copy.deepcopy(NARASI if narasi is None else narasi),
            pk_lampiran=pd.DataFrame(lampiran, columns=["tahun", "no", "sasaran", "indikator", "target",
                                                        "satuan", "keterangan"]),
            params={"tanggal_laporan": dt.date(2025, 1, 15)} if params is None else params,
            kantor={"nama": "Kantor Uji"}, office="kantor-uji")

    def get(self, fid: str, default: Any = None) -> Fig | None:
        return Fig(self.values[fid], fid) if fid in self.values else default

    def ids(self, prefix: str = "") -> list[str]:
        return sorted(i for i in self.values if i.startswith(prefix))

    def indikator(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)


def span(fid: str, text: str = "1") -> str:
    return f'<span class="angka" data-fig="{fid}" data-fmt="angka:0">{text}</span>'


def laporan(F: FiguresDouble, *, bab3: tuple[str, ...] | None = None, tanpa_bab: tuple[str, ...] = (),
            bab3_lain: tuple[str, ...] = ()) -> str:
    """A small stitched report of the double: every standard chapter (but the h1 ids in
    ``tanpa_bab``), the PK table in BAB II, one heading per indicator in BAB III (``bab3``: which
    ones; ``bab3_lain``: indicators measured there that are not in the PK), the narasi printed."""
    kode = [r["kode"] for r in F.rows] if bab3 is None else list(bab3)
    n = F.inputs.narasi
    out = ["<html><body><p>Pamekasan, 15 Januari 2025</p>"]

    def bab(judul: str, ident: str, body: str) -> None:
        if ident not in tanpa_bab:
            out.append(f'<section class="bab"><h1 id="{ident}">{judul}</h1>{body}</section>')

    bab("IKHTISAR EKSEKUTIF", "ikhtisar", "<p>Ringkas.</p>")
    bab("BAB I PENDAHULUAN", "bab-i", "<p>Latar.</p>")
    rows = "".join("<tr><td>" + html.escape(r["indikator"]) + "</td><td>" + span("ikk." + r["kode"] + ".target", "90")
                   + "</td></tr>" for r in F.rows)
    bab("BAB II PERENCANAAN KINERJA", "bab-ii", '<h2 id="b-pk">B. Perjanjian Kinerja</h2><table class="tabel">'
        f'<caption><span class="nomor">Tabel 2.1</span> PK</caption><tbody>{rows}</tbody></table>')
    parts = ['<h2 id="a-capaian">A. Capaian Kinerja Organisasi</h2>']
    for i, k in enumerate(kode + list(bab3_lain), 1):
        p = f"ikk.{k}"
        ids = [f"{p}.target", f"{p}.realisasi", f"{p}.capaian", f"{p}.target_renstra", f"{p}.capaian_renstra",
               f"{p}.rata_rata_nasional", f"anggaran.indikator.{k}.pagu", f"anggaran.indikator.{k}.realisasi",
               f"anggaran.indikator.{k}.persen"] + [i for i in F.ids(f"{p}.tahun.")]
        texts = [t for key in ("faktor_keberhasilan", "kendala", "solusi", "program_pendukung")
                 for t in (n.get("indikator", {}).get(k, {}).get(key) or [])]
        parts.append(f'<h3 id="ind-{i}">1.{i} Indikator {k}</h3><p>{" ".join(span(x) for x in ids)}</p>'
                     + "".join(f"<li>{html.escape(str(t))}</li>" for t in texts))
    bab("BAB III AKUNTABILITAS KINERJA", "bab-iii", "".join(parts))
    saran = "".join(f"<li>{html.escape(t)}</li>" for t in n.get("rekomendasi") or [])
    bab("BAB IV PENUTUP", "bab-iv", f'<h2 id="b-saran">B. Saran</h2><ol>{saran}</ol>')
    lampiran = "".join(f"<tr><td>{html.escape(str(r['indikator']))}</td></tr>"
                       for r in F.inputs.pk_lampiran.to_dict("records"))
    bab("LAMPIRAN", "lampiran", f'<table class="tabel"><caption>Tabel 5.1 PK</caption>{lampiran}</table>')
    return "".join(out) + "</body></html>"


# ---- helpers ------------------------------------------------------------------------------------


def periksa(F: FiguresDouble, html_text: str | None = None):
    return run_kesiapan(F, html_text)


def temuan(result, kode: str) -> dict[str | None, Any]:
    """indicator (None: the whole report) -> finding, of criterion ``kode``."""
    hk = next(hk for hk in result.daftar if hk.kriterium.kode == kode)
    return {h.indikator: h for h in hk.hasil}


def status(result, kode: str) -> dict[str | None, str]:
    return {k: h.status for k, h in temuan(result, kode).items()}


def _criteria_file(tmp_path, old: str, new: str):
    """The repository's criteria file with ``old`` replaced by ``new``, read from ``tmp_path``."""
    from lkjip.audit.kriteria import read_kriteria
    from lkjip.paths import KESIAPAN_RULES_DIR

    text = (KESIAPAN_RULES_DIR / "2025.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "2025.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return read_kriteria(tmp_path / "2025.yaml")


def not_met(result) -> set[tuple[str, str | None]]:
    return {(hk.kriterium.kode, h.indikator) for hk in result.daftar for h in hk.hasil if h.status == NOT_MET}


# ---- the synthetic office as constructed meets every criterion it can -------------------------


def test_every_criterion_of_the_file_has_a_check():
    assert set(PER_INDIKATOR) | set(PER_LAPORAN) == set(KODE)
    assert {k.kode for k in load_kriteria(YEAR).kriteria} == set(KODE)


def test_a_complete_office_meets_every_criterion_that_can_be_checked():
    F = FiguresDouble()
    result = periksa(F, laporan(F))
    assert {hk.kriterium.kode: hk.status for hk in result.daftar if hk.status != MET} == {
        "efisiensi": PARTLY,  # "c" is nihil: no capaian to set the spending against
        "pemanfaatan": NOT_CHECKED,
    }
    assert not result.menghalangi


# ---- causes and efforts (analysis 5) ---------------------------------------------------------


def test_empty_narasi_of_a_below_target_indicator_is_not_met_there_and_nowhere_else():
    F = FiguresDouble()
    F.inputs.narasi["indikator"]["b"] = {}
    result = periksa(F, laporan(F))
    assert status(result, "sebab_upaya") == {"a": MET, "b": NOT_MET, "c": MET}
    assert not_met(result) == {("sebab_upaya", "b"), ("program_pendukung", "b")}
    h = temuan(result, "sebab_upaya")["b"]
    assert "kosong" in h.keterangan and h.saran and h.data == ["narasi/2024.yaml: indikator.b"]


def test_no_causes_or_efforts_for_a_below_target_indicator_is_the_only_finding_not_met():
    F = FiguresDouble()
    for key in ("faktor_keberhasilan", "kendala", "solusi"):
        F.inputs.narasi["indikator"]["b"][key] = []
    assert not_met(periksa(F, laporan(F))) == {("sebab_upaya", "b")}


def test_below_target_without_kendala_or_solusi_is_partly_met():
    F = FiguresDouble()
    F.inputs.narasi["indikator"]["b"]["solusi"] = []
    F.inputs.narasi["indikator"]["a"]["kendala"] = []  # above target and rising: not needed
    result = periksa(F)
    assert status(result, "sebab_upaya") == {"a": MET, "b": PARTLY, "c": MET}
    assert "di bawah target" in temuan(result, "sebab_upaya")["b"].keterangan
    assert "solusi" in temuan(result, "sebab_upaya")["b"].keterangan


def test_a_falling_indicator_needs_kendala_and_solusi_by_its_polarity():
    F = FiguresDouble()
    F.values["ikk.a.tahun.2023.realisasi"] = 97.0  # 95 this year: worse than last year
    F.inputs.narasi["indikator"]["a"]["kendala"] = []
    assert status(periksa(F), "sebab_upaya")["a"] == PARTLY
    F.rows[0]["polaritas"] = "negatif"  # less is better: 97 -> 95 is an improvement
    assert status(periksa(F), "sebab_upaya")["a"] == MET


# ---- the narrative checks ------------------------------------------------------------------------


def test_a_narasi_bullet_with_a_typed_number_is_flagged():
    F = FiguresDouble()
    F.inputs.narasi["indikator"]["a"]["kendala"].append("Sebanyak 12 permohonan tertunda 3,5 hari.")
    found = temuan(periksa(F, laporan(F)), "narasi_angka")
    assert set(found) == {"a"}
    h = found["a"]
    assert h.status == NOT_MET and h.rincian == ["12", "3,5"]
    assert h.data == ["narasi/2024.yaml: indikator.a.kendala[1]"]
    assert h.tempat and h.tempat[0].bagian == ("A. Capaian Kinerja Organisasi", "1.1 Indikator a")


def test_empty_and_very_short_narasi_entries_are_flagged():
    F = FiguresDouble()
    F.inputs.narasi["indikator"]["a"]["solusi"].append("Baik.")
    F.inputs.narasi["rekomendasi"].append(None)
    result = periksa(F)
    hk = next(hk for hk in result.daftar if hk.kriterium.kode == "narasi_pendek")
    found = {h.data[0]: h for h in hk.hasil}
    assert set(found) == {"narasi/2024.yaml: indikator.a.solusi[1]", "narasi/2024.yaml: rekomendasi[1]"}
    assert all(h.status == PARTLY for h in hk.hasil)
    assert "hanya 1 kata" in found["narasi/2024.yaml: indikator.a.solusi[1]"].keterangan
    assert "kosong" in found["narasi/2024.yaml: rekomendasi[1]"].keterangan


def test_the_same_sentence_for_several_indicators_is_flagged():
    F = FiguresDouble()
    kalimat = "Koordinasi dengan pemerintah daerah berjalan baik sepanjang tahun."
    F.inputs.narasi["indikator"]["a"]["faktor_keberhasilan"].append(kalimat)
    F.inputs.narasi["indikator"]["c"]["kendala"].append("Awal. " + kalimat.upper())
    F.inputs.narasi["indikator"]["b"]["solusi"] += ["Rapat rutin.", "Rapat rutin."]  # short, one indicator
    hk = next(hk for hk in periksa(F).daftar if hk.kriterium.kode == "narasi_berulang")
    assert len(hk.hasil) == 1 and hk.status == PARTLY
    h = hk.hasil[0]
    assert kalimat in h.keterangan and "a, c" in h.keterangan
    assert h.data == ["narasi/2024.yaml: indikator.a.faktor_keberhasilan[1]", "narasi/2024.yaml: indikator.c.kendala[1]"]


# ---- per-indicator analyses ------------------------------------------------------------------------


def test_target_and_realisasi():
    F = FiguresDouble()
    F.values["ikk.a.target"] = F.rows[0]["target"] = None
    result = periksa(F)
    assert status(result, "target_realisasi") == {"a": NOT_MET, "b": MET, "c": MET}
    assert "nihil" in temuan(result, "target_realisasi")["c"].keterangan
    # blocking; and the PK's target no longer matches the appendix's
    assert [hk.kriterium.kode for hk in result.menghalangi] == ["pk_selaras", "target_realisasi"]


def test_a_target_the_registry_gives_not_as_one_number_is_read_from_the_pk():
    F = FiguresDouble()
    F.values["ikk.a.target"], F.rows[0]["target"] = None, "80-95"
    found = temuan(periksa(F), "target_realisasi")["a"]
    assert found.status == MET and found.keterangan.startswith("Target 80-95, realisasi 95,00%")


def test_previous_years_are_counted():
    F = FiguresDouble()
    del F.values["ikk.b.tahun.2022.realisasi"]
    for y in (2022, 2023):
        del F.values[f"ikk.c.tahun.{y}.realisasi"]
    result = periksa(F)
    assert status(result, "tahun_sebelumnya") == {"a": MET, "b": PARTLY, "c": NOT_MET}
    assert "2 tahun sebelumnya (2022, 2023)" in temuan(result, "tahun_sebelumnya")["a"].keterangan
    assert "1 tahun sebelumnya (2023)" in temuan(result, "tahun_sebelumnya")["b"].keterangan


def test_previous_years_with_no_case_count_and_are_named():
    found = temuan(periksa(FiguresDouble()), "tahun_sebelumnya")["c"]
    assert found.status == MET and "2 di antaranya nihil" in found.keterangan


def test_renstra_target():
    F = FiguresDouble()
    F.values["ikk.b.target_renstra"] = None
    assert status(periksa(F), "target_renstra") == {"a": MET, "b": NOT_MET, "c": MET}


def test_benchmark_is_the_national_average_or_a_figure_the_criteria_file_names(tmp_path):
    F = FiguresDouble()
    F.values["ikk.a.rata_rata_nasional"] = None
    del F.values["ikk.b.rata_rata_nasional"]
    result = periksa(F)
    assert status(result, "pembanding") == {"a": NOT_MET, "b": NOT_MET, "c": MET}
    assert temuan(result, "pembanding")["a"].angka == ["ikk.a.rata_rata_nasional"]
    # the batch's average (lkjip batch --banding) counts: the shipped criteria file names it
    F.values["ikk.a.rata_rata_kelompok"] = 88.0
    assert status(periksa(F), "pembanding")["a"] == MET
    # and any other figure the criteria file names
    F.values["ikk.b.rata_rata_lain"] = 90.0
    k = _criteria_file(tmp_path, "figur: [rata_rata_nasional, rata_rata_kelompok]", "figur: [rata_rata_lain]")
    assert {h.indikator: h.status for hk in run_kesiapan(F, kriteria=k).daftar
            if hk.kriterium.kode == "pembanding" for h in hk.hasil}["b"] == MET


def test_efficiency_needs_the_budget_of_the_indicator_and_its_result():
    F = FiguresDouble()
    F.values["anggaran.indikator.a.pagu"] = 0
    for part in ("pagu", "realisasi", "persen"):
        del F.values[f"anggaran.indikator.b.{part}"]
    result = periksa(F)
    assert status(result, "efisiensi") == {"a": PARTLY, "b": NOT_MET, "c": PARTLY}
    assert "pos anggaran sendiri" in temuan(result, "efisiensi")["a"].keterangan
    assert "nihil" in temuan(result, "efisiensi")["c"].keterangan
    F = FiguresDouble()
    F.inputs.narasi["efisiensi"] = {}
    assert status(periksa(F), "efisiensi")["a"] == PARTLY


def test_supporting_programmes_and_recommendations():
    F = FiguresDouble()
    F.inputs.narasi["indikator"]["c"]["program_pendukung"] = ["  "]
    F.inputs.narasi["rekomendasi"] = []
    result = periksa(F)
    assert status(result, "program_pendukung") == {"a": MET, "b": MET, "c": NOT_MET}
    assert status(result, "rekomendasi") == {None: NOT_MET}


# ---- in the report -------------------------------------------------------------------------------


def test_an_indicator_missing_from_bab_iii_is_not_disclosed_and_blocks():
    F = FiguresDouble()
    result = periksa(F, laporan(F, bab3=("a", "c")))
    assert status(result, "pk_diungkap") == {"a": MET, "b": NOT_MET, "c": MET}
    assert "pk_diungkap" in [hk.kriterium.kode for hk in result.menghalangi]
    # what the report does show keeps its place: chapter, headings, figure ids
    place = temuan(result, "pk_diungkap")["a"].tempat[0]
    assert place.bab == "BAB III AKUNTABILITAS KINERJA" and place.id == "ind-1"
    assert "ikk.a.realisasi" in place.angka
    # without the built report, the figure ids alone
    alone = temuan(periksa(F), "pk_diungkap")["b"]
    assert alone.status == MET and alone.tempat == [] and "ikk.b.realisasi" in alone.angka


def test_a_finding_met_in_the_data_but_absent_from_the_report_is_partly_met():
    F = FiguresDouble()
    page = laporan(F).replace(html.escape(NARASI["rekomendasi"][0]), "Saran lain.")
    found = temuan(periksa(F, page), "rekomendasi")[None]
    assert found.status == PARTLY and "tidak ditemukan di laporan" in found.keterangan


def test_standard_format():
    F = FiguresDouble()
    assert status(periksa(F), "format_baku") == {None: NOT_CHECKED}
    found = temuan(periksa(F, laporan(F, tanpa_bab=("bab-iv",))), "format_baku")[None]
    assert found.status == PARTLY and found.rincian == ["BAB IV"]
    assert [t.id for t in found.tempat] == ["ikhtisar", "bab-i", "bab-ii", "bab-iii", "lampiran"]


# ---- PK alignment ------------------------------------------------------------------------------------


def test_the_same_pk_in_bab_ii_the_appendix_and_bab_iii_is_aligned():
    F = FiguresDouble()
    found = temuan(periksa(F, laporan(F)), "pk_selaras")[None]
    assert found.status == MET and found.rincian == []
    assert {t.tabel for t in found.tempat} == {"Tabel 2.1", "Tabel 5.1"}


def test_an_appendix_pk_with_other_indicators_or_targets_names_them_and_blocks():
    F = FiguresDouble()
    F.inputs.pk_lampiran.loc[0, "target"] = 95.0
    F.inputs.pk_lampiran.loc[2, "indikator"] = "Indeks Kepuasan Masyarakat"
    F.inputs.pk_lampiran.loc[2, "satuan"] = "indeks"
    F.inputs.pk_lampiran.loc[2, "target"] = 3.3
    result = periksa(F)
    found = temuan(result, "pk_selaras")[None]
    assert found.status == NOT_MET
    assert found.rincian == [
        "PK lampiran no 1: «Persentase Layanan Selesai» bertarget 95,00%, di PK BAB II 90,00%.",
        "PK lampiran no 3: «Indeks Kepuasan Masyarakat» (target 3,30 indeks) tidak ada di PK BAB II.",
        "PK BAB II: «Persentase Perkara Ditangani» (target 90,00%) tidak ada di PK lampiran.",
    ]
    assert [hk.kriterium.kode for hk in result.menghalangi] == ["pk_selaras"]


def test_bab_iii_measuring_other_indicators_than_the_pk_is_not_aligned():
    F = FiguresDouble()
    F.values.update({"ikk.x.target": 50.0, "ikk.x.realisasi": 60.0})
    found = temuan(periksa(F, laporan(F, bab3=("a", "b"), bab3_lain=("x",))), "pk_selaras")[None]
    assert found.status == NOT_MET
    assert found.rincian == ["BAB III: «Persentase Perkara Ditangani» tidak diukur.",
                             "BAB III: indikator x diukur, tetapi tidak ada di PK."]


def test_no_appendix_pk_in_the_data_means_the_appendix_prints_bab_ii():
    F = FiguresDouble(pk_lampiran=[])
    found = temuan(periksa(F), "pk_selaras")[None]
    assert found.status == MET and "tidak memuat PK lampiran" in found.keterangan


# ---- the submission date ---------------------------------------------------------------------------


@pytest.mark.parametrize(("tanggal", "expected"), [
    (dt.date(2025, 3, 31), MET), ("2025-02-01", MET), (dt.date(2025, 4, 1), NOT_MET), (None, NOT_MET)])
def test_the_report_date_against_the_submission_deadline(tanggal, expected):
    F = FiguresDouble(params={"tanggal_laporan": tanggal})
    result = periksa(F)
    assert status(result, "tepat_waktu") == {None: expected}
    assert result.batas == dt.date(2025, 3, 31)
    assert ("tepat_waktu" in [hk.kriterium.kode for hk in result.menghalangi]) == (expected == NOT_MET)


# ---- what it writes -------------------------------------------------------------------------------


def test_kesiapan_json_and_page(tmp_path):
    F = FiguresDouble()
    F.inputs.narasi["indikator"]["a"]["kendala"].append("<script>alert(1)</script> dalam 2 hari")
    result = periksa(F, laporan(F))
    write_outputs(result, tmp_path)
    doc = json.loads((tmp_path / "kesiapan.json").read_text(encoding="utf-8"))
    assert doc["schema"] == 1 and doc["year"] == YEAR and doc["tahun_evaluasi"] == 2025
    assert doc["batas_penyampaian"] == "2025-03-31" and doc["tanggal_laporan"] == "2025-01-15"
    assert doc["aturan"]["file"] == "lkjip/rules/kesiapan/2025.yaml" and "batas_penyampaian" in doc["aturan"]["unconfirmed"]
    assert [s["kode"] for s in doc["komponen"]["subkomponen"]] == ["3.a", "3.b", "3.c"]
    assert doc["ringkasan"]["menghalangi"] == []
    angka = next(c for c in doc["kriteria"] if c["kode"] == "narasi_angka")
    assert angka["status"] == NOT_MET and angka["hasil"][0]["indikator"] == "a"
    assert set(angka["hasil"][0]) == {"indikator", "status", "keterangan", "saran", "rincian", "angka", "tempat", "data"}
    assert set(angka["hasil"][0]["tempat"][0]) == {"bab", "bagian", "id", "tabel", "angka"}
    page = (tmp_path / "kesiapan.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Kesiapan evaluasi SAKIP" in page and "lkjip-2024.html#ind-1" in page
    assert "belum terpenuhi" in page and "31 Maret 2025" in page


def test_indicative_share_of_criteria_met_per_subcomponent():
    F = FiguresDouble()
    shares = {s["kode"]: s["persen_terpenuhi"] for s in periksa(F, laporan(F)).subkomponen()}
    # 3.b: ten criteria met, efficiency 2 of 3 indicators met and 1 partly (0.5): (10 + 2.5/3) / 11
    assert shares["3.a"] == 100 and shares["3.c"] is None
    assert shares["3.b"] == pytest.approx((10 + 2.5 / 3) / 11 * 100)


# ---- the 2024 data and the command line ----------------------------------------------------------


@pytest.fixture(scope="module")
def result_2024():
    from lkjip.audit.kesiapan import kesiapan_year

    return kesiapan_year(2024)


def test_2024_appendix_pk_differs_from_bab_ii_by_name(result_2024):
    found = temuan(result_2024, "pk_selaras")[None]
    assert found.status == NOT_MET
    for name in ("Indeks Kepuasan Masyarakat terhadap Layanan Keimigrasian di Wilayah",
                 "Indeks Pengamanan Keimigrasian di Wilayah", "Indeks Kepuasan Internal di Wilayah"):
        assert any(f"«{name}»" in r and "tidak ada di PK BAB II" in r for r in found.rincian), name


def test_2024_national_benchmark_is_not_met_for_each_indicator(result_2024):
    assert status(result_2024, "pembanding") == {k: NOT_MET for k in (
        "pro_yustisia", "tindakan_administratif", "layanan", "rencana_aksi_rb", "indeks_kesekretariatan")}


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out


def test_check_kesiapan_fails_while_a_blocking_criterion_is_not_met(capsys):
    code, out = run(capsys, "check", "--year", "2024", "--kesiapan")
    assert code == 1
    assert "menghalangi: pk_selaras" in out and "Indeks Pengamanan Keimigrasian di Wilayah" in out


def test_check_kesiapan_passes_once_the_appendix_pk_is_the_pk(workspace, capsys):
    import csv
    import io

    from lkjip.figures import Figures

    rows = Figures(2024, workspace.data, workspace.params).indikator().to_dict("records")
    text = io.StringIO()
    w = csv.writer(text, lineterminator="\n")
    w.writerow(["tahun", "no", "sasaran", "indikator", "target", "satuan", "keterangan"])
    w.writerows([2024, i, r["sasaran"], r["indikator"], r["target"], r["satuan"], ""] for i, r in enumerate(rows, 1))
    workspace.write("pk_lampiran.csv", text.getvalue())
    code, out = run(capsys, "check", "--year", "2024", "--kesiapan", "--data", str(workspace.data),
                    "--params", str(workspace.params))
    assert code == 0, out
    assert "menghalangi" not in out and "pembanding" in out


def test_kesiapan_command_writes_json_and_page(tmp_path, capsys):
    code, out = run(capsys, "kesiapan", "--year", "2024", "--out", str(tmp_path))
    assert code == 1 and "tidak diperiksa (jalankan lkjip build" in out
    doc = json.loads((tmp_path / "2024" / "kesiapan.json").read_text(encoding="utf-8"))
    assert doc["html_diperiksa"] is False and doc["ringkasan"]["menghalangi"] == ["pk_selaras"]
    assert (tmp_path / "2024" / "kesiapan.html").is_file()
