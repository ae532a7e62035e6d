"""lkjip.rules: choosing the year's file, and validation with messages that name file and key."""

import dataclasses
from pathlib import Path

import pytest
import yaml

from lkjip.calc.rules import load_rules, read_rules
from lkjip.errors import RuleError
from lkjip.paths import RULES_DIR

ASLI = yaml.safe_load((RULES_DIR / "2024.yaml").read_text(encoding="utf-8"))


def _tulis(folder: Path, ubah=None, tahun: int = 2024) -> Path:
    """A copy of the shipped 2024 rules, changed by ``ubah(data)``, saved as <tahun>.yaml."""
    data = yaml.safe_load(yaml.safe_dump(ASLI))  # a deep copy
    data["tahun_berlaku"] = tahun
    if ubah:
        ubah(data)
    path = folder / f"{tahun}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("tahun, berkas", [(2022, 2022), (2023, 2022), (2024, 2024), (2030, 2024)])
def test_latest_file_at_or_before_the_year(tahun, berkas):
    rules = load_rules(tahun)
    assert rules.tahun == berkas
    assert rules.path == RULES_DIR / f"{berkas}.yaml"


def test_no_file_for_the_year_names_the_folder():
    pesan = r"rules: expected a rule file <year>\.yaml for a year <= 2021"
    with pytest.raises(RuleError, match=pesan):
        load_rules(2021)


def test_missing_folder(tmp_path):
    with pytest.raises(RuleError, match="no folder"):
        load_rules(2024, tmp_path / "nope")


def test_cached_per_folder_and_year(tmp_path):
    assert load_rules(2024) is load_rules(2024)
    _tulis(tmp_path)
    assert load_rules(2024, tmp_path) is not load_rules(2024)
    assert load_rules(2024, tmp_path) is load_rules(2024, str(tmp_path))
    assert {load_rules(2024): "rules can key a dict"}


def test_rules_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_rules(2024).ambang_tercapai = 90
    with pytest.raises(TypeError):
        load_rules(2024).status_label["tercapai"] = "Ya"


def test_shipped_2024_rules():
    r = load_rules(2024)
    bobot = {k.kode: k.bobot for k in r.ikpa_komponen.values()}
    assert bobot == {"revisi_dipa": 10, "deviasi_halaman_iii": 15, "penyerapan_anggaran": 20,
                     "belanja_kontraktual": 10, "penyelesaian_tagihan": 10,
                     "pengelolaan_up_tup": 10, "capaian_output": 25, "dispensasi_spm": 0}
    assert r.komponen_ikpa("dispensasi_spm").pengurang
    assert [(k.nama, k.min) for k in r.ikpa_kategori] == [
        ("Sangat Baik", 95), ("Baik", 89), ("Cukup", 70), ("Kurang", 0)]
    assert [(p.grade, p.min) for p in r.ikm_pita] == [
        ("A", 88.31), ("B", 76.61), ("C", 65.00), ("D", 25.00)]
    assert r.indeks_pembagi == 25
    assert r.cap.enabled is False and (r.cap.batas, r.cap.nilai) == (110, 120)
    assert r.rumus_capaian == {"positif": "langsung", "negatif": "terbalik"}
    assert r.status_label["nihil"] == "Nihil"
    assert "nihil" in r.nihil_kalimat


def test_shipped_2022_rules_weigh_dispensation():
    r = load_rules(2022)
    assert r.komponen_ikpa("dispensasi_spm").bobot == 5
    assert r.komponen_ikpa("deviasi_halaman_iii").bobot == 10
    assert not any(k.pengurang for k in r.ikpa_komponen.values())


@pytest.mark.parametrize("tahun", [2022, 2024])
def test_unconfirmed_rules_are_listed(tahun):
    r = load_rules(tahun)
    for kunci in ("capaian.cap", "ikpa.konversi_bobot", "smart", "nihil"):
        assert kunci in r.unconfirmed
    assert r.belum_pasti("smart.bobot") and r.belum_pasti("capaian.cap.batas")
    assert not r.belum_pasti("ikpa.komponen")


def test_weights_not_summing_to_100_name_file_and_key(tmp_path):
    def ubah(d):
        d["ikpa"]["komponen"][1]["bobot"] = 10  # deviasi 15 -> 10: total 95

    path = _tulis(tmp_path, ubah)
    with pytest.raises(RuleError) as info:
        load_rules(2024, tmp_path)
    pesan = str(info.value)
    assert str(path) in pesan
    assert "key 'ikpa.komponen'" in pesan
    assert "summing to 100" in pesan and "found 95" in pesan
    assert ", line " in pesan


@pytest.mark.parametrize("ubah, kunci", [
    (lambda d: d["ikpa"]["kategori"][1].update(min=96), "ikpa.kategori[1].min"),
    (lambda d: d["ikpa"]["kategori"][0].update(min=105), "ikpa.kategori[0].min"),
    (lambda d: d["ikm"]["pita"][1].update(maks=88.0), "ikm.pita[1].maks"),
    (lambda d: d["ikm"]["pita"][1].update(maks=88.31), "ikm.pita[1].maks"),
    (lambda d: d["ikm"]["pita"][0].update(maks=99), "ikm.pita[0].maks"),
    (lambda d: d["ikm"].update(indeks_pembagi=0), "ikm.indeks_pembagi"),
    (lambda d: d["capaian"]["rumus"].update(negatif="kebalikan"), "capaian.rumus.negatif"),
    (lambda d: d["capaian"]["cap"].update(enabled="no"), "capaian.cap.enabled"),
    (lambda d: d["status"].update(ambang_tercapai=120), "status.ambang_tercapai"),
    (lambda d: d["status"]["label"].pop("nihil"), "status.label.nihil"),
    (lambda d: d["ikpa"]["komponen"][7].update(bobot=5), "ikpa.komponen[7].bobot"),
    (lambda d: d["ikpa"]["komponen"][0].update(aspek="lain"), "ikpa.komponen[0].aspek"),
    (lambda d: d["ikpa"]["komponen"][0].update(aspek=["pelaksanaan"]), "ikpa.komponen[0].aspek"),
    (lambda d: d["ikpa"]["komponen"][1].update(kode="revisi_dipa"), "ikpa.komponen[1].kode"),
    (lambda d: d["smart"]["bobot"].update(konsistensi=10), "smart.bobot"),
    (lambda d: d["unconfirmed"].append("ikpa.tidak_ada"), "unconfirmed[5]"),
    (lambda d: d["unconfirmed"].remove("smart"), "unconfirmed"),
    (lambda d: d.update(tahun_berlaku=2023), "tahun_berlaku"),
])
def test_invalid_rules_name_the_key(tmp_path, ubah, kunci):
    path = _tulis(tmp_path, ubah)
    with pytest.raises(RuleError) as info:
        read_rules(path)
    assert f"key '{kunci}'" in str(info.value)
    assert str(path) in str(info.value)


def test_every_problem_is_reported_at_once(tmp_path):
    def ubah(d):
        d["ikm"]["indeks_pembagi"] = -1
        d["ikpa"]["komponen"][0]["bobot"] = 5

    with pytest.raises(RuleError) as info:
        read_rules(_tulis(tmp_path, ubah))
    assert len(info.value.problems) == 2


def test_invalid_yaml_gives_the_line(tmp_path):
    path = tmp_path / "2024.yaml"
    path.write_text("nama: x\nikpa: [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"2024\.yaml, line \d+: expected valid YAML"):
        read_rules(path)
