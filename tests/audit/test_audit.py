"""The audit: consistency checks that can fail, and the reconciliation with the published report."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from lkjip.audit import reconcile, rendered
from lkjip.audit import result as audit_result
from lkjip.errors import AuditError
from lkjip.figures import Figures


@pytest.fixture(scope="module")
def F() -> Figures:
    return Figures(2024)


@pytest.fixture(scope="module")
def result(F):
    return audit_result.run_audit(F, F.inputs.published)


class Tampered(Figures):
    """A test double: the registry with one figure replaced by another number."""

    def __init__(self, base: Figures, changes: dict):
        super().__init__(base.year, inputs=base.inputs, rules=base.rules)
        self._changes = changes

    def all(self):
        out = super().all()
        for fid, value in self._changes.items():
            out[fid] = replace(out[fid], value=value)
            self._cache[fid] = out[fid]
        return out


def test_every_consistency_check_passes(result):
    assert result.failed == []
    assert len(result.checks) > 100


def test_a_total_that_is_not_the_sum_of_its_rows_fails(F):
    bad = Tampered(F, {"anggaran.tahun.2024.realisasi": 26_455_864_879})
    res = audit_result.run_audit(bad)
    failed = [c for c in res.failed if c.name == "jumlah = jumlah rincian"]
    assert failed, res.failed
    msg = failed[0].message
    assert "anggaran.tahun.2024.realisasi = 26455864879" in msg and "24147552841" in msg
    with pytest.raises(AuditError, match="consistency check"):
        audit_result.raise_on_failure(res)


def test_a_capaian_that_does_not_follow_fails(F):
    bad = Tampered(F, {"ikk.layanan.capaian": 102.9})
    res = audit_result.run_audit(bad)
    assert any(c.name.startswith("capaian mengikuti") and "ikk.layanan.capaian" in c.figures for c in res.failed)


def test_a_category_that_does_not_follow_its_threshold_fails(F):
    bad = Tampered(F, {"ikpa.kategori": "Baik"})
    res = audit_result.run_audit(bad)
    assert any(c.name == "kategori mengikuti ambang" for c in res.failed)


def test_rendered_report_must_show_registry_values(F):
    good = '<p><span class="angka" data-fig="anggaran.persen" data-fmt="persen:2">88,19%</span></p>'
    assert all(c.ok for c in rendered.check_rendered(good, F))
    bad = good + '<p><span class="angka" data-fig="anggaran.persen" data-fmt="persen:2">96,62%</span></p>'
    failed = [c for c in rendered.check_rendered(bad, F) if not c.ok]
    assert any("96,62%" in c.message for c in failed)


def test_stated_count_must_match_listed_rows(F):
    rows = "".join("<tr><td>x</td></tr>" for _ in range(37))
    table = f'<table class="tabel" data-count-fig="pegawai.jumlah"><tbody>{rows}</tbody></table>'
    span = '<span class="angka" data-fig="pegawai.jumlah" data-fmt="angka:0">38</span>'
    failed = [c for c in rendered.check_rendered(span + table, F) if not c.ok]
    assert failed and "37 rows" in failed[0].message


def _finding(result, fid):
    return next(f for f in result.findings if f.figure == fid)


def test_reconciliation_finds_the_known_disagreements(result):
    real = _finding(result, "anggaran.realisasi")
    assert real.status == "mismatch"
    assert 26455864879 in real.published_values
    assert {r.line for r in real.occurrences} >= {138, 1708}
    assert _finding(result, "ikpa.kategori").status == "mismatch"
    assert _finding(result, "pnbp.realisasi").status == "mismatch"
    assert _finding(result, "ikk.layanan.capaian").kind.endswith("nilai berbeda")


def test_reconciliation_matches_consistent_figures(result):
    for fid in (
        "anggaran.pagu",
        "anggaran.jenis.modal.persen",
        "pegawai.jumlah",
        "ikpa.nilai_total",
        "anggaran.tahun.2023.persen",
    ):
        assert _finding(result, fid).status == "match", fid


def test_zero_case_is_not_derivable(result):
    recs = [r for r in result.records if r.figure == "ikk.pro_yustisia.capaian"]
    assert recs and all(r.status == "not_derivable" for r in recs)


def test_every_mismatch_names_its_place(result):
    for r in result.records:
        if r.status == "mismatch":
            assert r.where and r.line, r


def test_truncated_figures_are_explained(result):
    rec = next(r for r in result.records if r.figure == "ikk.layanan.tahun.2020.realisasi")
    assert rec.status == "mismatch" and "dipotong" in rec.note


def test_audit_json_fields(result, tmp_path):
    audit_result.write_outputs(result, tmp_path, "Kantor")
    doc = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert {"figure", "published", "computed", "status", "where"} <= set(doc[0])
    html = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert "Rekonsiliasi" in html and "anggaran.realisasi" in html


def test_catatan_rekonsiliasi_lists_each_disagreement_once(result):
    entries = reconcile.catatan(result)
    assert len(entries) == result.group_counts()["mismatch"]
    real = next(e for e in entries if e["figure"] == "anggaran.realisasi")
    assert real["jenis"] == "jumlah tidak sama dengan rinciannya"
    assert any("Rp26.455.864.879" in t and "baris 138" in t for t in real["tempat"])
    assert all(e["penjelasan"] for e in entries)


# ---- another office: indicators of every polarity ------------------------------------------------------
@pytest.fixture(scope="module")
def F_contoh() -> Figures:
    from contoh import FIXTURE

    return Figures(2024, FIXTURE / "data", FIXTURE / "params")


def test_another_office_passes_every_check(F_contoh):
    res = audit_result.run_audit(F_contoh)
    assert res.failed == [] and res.records == []  # no published edition to reconcile
    capaian = [c for c in res.checks if c.name == "capaian mengikuti realisasi, target dan polaritas"]
    assert {c.figures[0] for c in capaian} == {f"ikk.{k}.capaian" for k in ("paspor_tepat_waktu",
                                                                           "pengaduan_tidak_selesai", "kehadiran", "ikm")}


@pytest.mark.parametrize("fid, wrong", [
    ("ikk.pengaduan_tidak_selesai.capaian", 4 / 5 * 100),   # R / T: the positive formula for a negatif indicator
    ("ikk.kehadiran.capaian", 4700 / 4800 * 100 / 95 * 100),  # R / bawah although R lies inside the band
    ("ikk.ikm.realisasi", 3.4 / 25),                          # the index of a 1-4 value read as a 0-100 score
])
def test_a_capaian_or_index_by_the_wrong_rule_fails(F_contoh, fid, wrong):
    res = audit_result.run_audit(Tampered(F_contoh, {fid: wrong}))
    assert any(fid in c.figures and not c.ok for c in res.checks), res.failed


def test_a_breakdown_that_does_not_add_up_fails(F_contoh):
    res = audit_result.run_audit(Tampered(F_contoh, {"ikk.paspor_tepat_waktu.rincian.biasa.pembilang": 901}))
    failed = [c for c in res.failed if c.name == "jumlah = jumlah rincian"]
    assert failed and "ikk.paspor_tepat_waktu.tahun.2024.pembilang = 940" in failed[0].message
