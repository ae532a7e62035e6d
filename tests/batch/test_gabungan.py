"""The consolidated figures, on three small offices made by hand: every mean, median and total
below was worked out on paper from the numbers in OFFICES."""

from __future__ import annotations

import re

import pytest

from lkjip.batch.banding import means
from lkjip.batch.gabungan import compute


def fig(value, unit="persen", label=""):
    return {"value": value, "unit": unit, "label": label, "sources": [], "note": ""}


def office(caps: dict[str, tuple[float, float, float | None, str]], **other) -> dict:
    """caps: code -> (target, realisasi, capaian, status); other: figure id -> value."""
    out = {}
    for code, (t, r, c, s) in caps.items():
        out[f"ikk.{code}.target"] = fig(t, label=f"Target Indikator {code}")
        out[f"ikk.{code}.realisasi"] = fig(r)
        out[f"ikk.{code}.capaian"] = fig(c)
        out[f"ikk.{code}.status"] = fig(s, "kode")
    for fid, v in other.items():
        out[fid.replace("__", ".")] = fig(v, "rupiah" if "pagu" in fid or "realisasi" in fid else "persen")
    return out


OFFICES = {
    # layanan in all three; pengaduan (negatif) only in A and C; C's pro_yustisia is nihil
    "a": office({"layanan": (90, 81, 90.0, "tidak_tercapai"), "pengaduan": (5, 4, 120.0, "tercapai")},
                anggaran__pagu=1000, anggaran__realisasi=900, anggaran__persen=90.0,
                ikpa__nilai_akhir=95.0),
    "b": office({"layanan": (90, 99, 110.0, "tercapai")},
                anggaran__pagu=3000, anggaran__realisasi=2400, anggaran__persen=80.0),
    "c": office({"layanan": (95, 95, 100.0, "tercapai"), "pengaduan": (5, 6, 80.0, "tidak_tercapai"),
                 "pro_yustisia": (90, None, None, "nihil")},
                ikpa__nilai_akhir=85.0),
}


@pytest.fixture(scope="module")
def F():
    f = compute(OFFICES, n_batch=4, batch_name="Kanwil Uji")  # a fourth office failed
    return {k: v["value"] for k, v in f.items()}


def test_offices_counted(F):
    assert (F["gabungan.kantor.jumlah"], F["gabungan.kantor.selesai"], F["gabungan.kantor.gagal"]) == (4, 3, 1)


def test_indicator_shared_by_all(F):
    p = "gabungan.ikk.layanan"
    assert F[f"{p}.jumlah_kantor"] == 3 and F[f"{p}.jumlah_terukur"] == 3 and F[f"{p}.jumlah_tercapai"] == 2
    assert F[f"{p}.capaian.rata_rata"] == pytest.approx(100.0)  # (90 + 110 + 100) / 3
    assert F[f"{p}.capaian.median"] == 100.0
    assert (F[f"{p}.capaian.min"], F[f"{p}.capaian.max"]) == (90.0, 110.0)
    assert F[f"{p}.kantor.b.realisasi"] == 99


def test_an_office_without_the_indicator_is_left_out_not_zero(F):
    p = "gabungan.ikk.pengaduan"
    assert F[f"{p}.jumlah_kantor"] == 2
    assert F[f"{p}.capaian.rata_rata"] == pytest.approx(100.0)  # (120 + 80) / 2, not (120 + 80 + 0) / 3
    assert f"{p}.kantor.b.capaian" not in F


def test_a_nihil_office_has_the_indicator_but_no_capaian(F):
    p = "gabungan.ikk.pro_yustisia"
    assert (F[f"{p}.jumlah_kantor"], F[f"{p}.jumlah_terukur"]) == (1, 0)
    assert F[f"{p}.capaian.rata_rata"] is None and F[f"{p}.kantor.c.status"] == "nihil"


def test_budget_and_ikpa(F):
    assert (F["gabungan.anggaran.pagu"], F["gabungan.anggaran.realisasi"]) == (4000, 3300)
    assert F["gabungan.anggaran.persen"] == pytest.approx(82.5)  # 3300 / 4000
    assert F["gabungan.anggaran.persen.rata_rata"] == pytest.approx(85.0)  # (90 + 80) / 2
    assert F["gabungan.ikpa.nilai_akhir.rata_rata"] == pytest.approx(90.0)
    assert F["gabungan.ikpa.nilai_akhir.median"] == pytest.approx(90.0)
    assert "gabungan.ikpa.kantor.b.nilai_akhir" not in F
    assert F["gabungan.pnbp.persen"] is None  # no office has PNBP


def test_banding_means_need_two_offices_that_measured():
    caps = {o: {k.split(".")[1]: v["value"] for k, v in f.items() if k.endswith(".capaian")} for o, f in OFFICES.items()}
    m = means(caps)
    assert m["layanan"] == (pytest.approx(100.0), 3)
    assert m["pengaduan"] == (pytest.approx(100.0), 2)
    assert "pro_yustisia" not in m  # nihil everywhere: nothing to compare with


def test_the_consolidated_report_page():
    """What a reader of the consolidated report sees, from the same three offices."""
    from pathlib import Path

    from lkjip.batch.gabungan_html import report_page
    from lkjip.batch.offices import Batch

    figs = compute(OFFICES, n_batch=3, batch_name="Kanwil Uji")
    page = report_page(Batch(Path("."), "Kanwil Uji", False, False, []), 2025, figs, OFFICES,
                       {"a": "Kantor A", "b": "Kantor <B>", "c": "Kantor C"})
    # a spread chart where three offices measured the indicator (layanan), none for two (pengaduan)
    assert page.count("<figure>") == 1 and "Sebaran capaian Indikator layanan per kantor" in page
    # office B's PK lacks pengaduan: said so, not a zero; names from data are escaped
    assert page.count("tidak ada dalam Perjanjian Kinerja kantor ini") == 3  # b: pengaduan; a, b: pro_yustisia
    assert "Kantor &lt;B&gt;" in page and "Kantor <B>" not in page
    assert "<th scope='col'>Capaian</th>" in page
    ikpa = re.sub(r"<[^>]+>", "", page.split("Nilai IKPA</h2>", 1)[1])
    assert "Jumlah" not in ikpa and "antarkantor90,00 / 90,00" in ikpa  # (95 + 85) / 2, median of two


@pytest.mark.parametrize(("formats", "linked"), [(("docx",), []), (("html",), ["html"]),
                                                 (("pdf", "docx"), ["html", "pdf"])])
def test_the_index_links_only_the_consolidated_editions_written(tmp_path, formats, linked):
    """The consolidated page is written for html and pdf: a Word-only batch links no page."""
    from lkjip.batch.gabungan_html import index_page
    from lkjip.batch.offices import read_batch
    from lkjip.batch.sintetis import generate

    generate(tmp_path, 2, seed=1)
    batch = read_batch(tmp_path)
    page = index_page(batch, 2025, {}, compute({}, 2, batch.nama), {}, {}, {}, formats)
    assert re.findall(r"href='gabungan-2025\.(\w+)'", page) == linked
    assert "Angka gabungan: <a href='figures.json'>" in page


def test_statuses_are_printed_as_the_year_s_rules_label_them(tmp_path):
    from lkjip.batch.gabungan_html import report_page
    from lkjip.batch.offices import read_batch
    from lkjip.batch.sintetis import generate
    from lkjip.calc.rules import load_rules

    generate(tmp_path, 3, seed=1)
    batch = read_batch(tmp_path)
    built = dict(zip((o.id for o in batch.offices), OFFICES.values(), strict=True))
    page = report_page(batch, 2025, compute(built, 3, batch.nama), built, {})
    labels = load_rules(2025).status_label
    cells = re.findall(r'data-fig="gabungan\.ikk\.(\w+)\.kantor\.[\w-]+\.status">([^<]*)<', page)
    assert sorted(cells) == sorted([("layanan", labels["tidak_tercapai"]), ("layanan", labels["tercapai"]),
                                    ("layanan", labels["tercapai"]), ("pengaduan", labels["tercapai"]),
                                    ("pengaduan", labels["tidak_tercapai"]), ("pro_yustisia", labels["nihil"])])
