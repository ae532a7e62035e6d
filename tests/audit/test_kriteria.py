"""The criteria file of the evaluation readiness check (``lkjip/rules/kesiapan/<y>.yaml``):
validated on load, every problem naming the file, the line and the key."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lkjip.audit.kriteria import KODE, load_kriteria, read_kriteria
from lkjip.errors import RuleError
from lkjip.paths import KESIAPAN_RULES_DIR

SOURCE = (KESIAPAN_RULES_DIR / "2025.yaml").read_text(encoding="utf-8")


def write(folder: Path, text: str, name: str = "2025.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def edited(old: str, new: str) -> str:
    assert old in SOURCE, old
    return SOURCE.replace(old, new, 1)


def test_the_2025_criteria_evaluate_the_2024_report():
    k = load_kriteria(2024)
    assert k.tahun_evaluasi == 2025 and k.path.name == "2025.yaml"
    assert k.batas_penyampaian(2024) == dt.date(2025, 3, 31)
    assert [s.kode for s in k.subkomponen] == ["3.a", "3.b", "3.c"] and k.komponen_bobot == 15
    assert [c.kode for c in k.kriteria] == list(KODE)
    assert {c.kode for c in k.kriteria if c.menghalangi} == {"tepat_waktu", "pk_diungkap", "pk_selaras",
                                                             "target_realisasi"}
    assert all(c.sumber and c.saran and c.singkat for c in k.kriteria)
    assert [c.analisis for c in k.kriteria if c.analisis] == [1, 2, 3, 4, 5, 6, 7]
    assert k.belum_pasti("batas_penyampaian.bulan") and k.belum_pasti("penilaian")
    assert not k.belum_pasti("kriteria.pk_selaras")


def test_the_latest_file_at_or_before_the_evaluation_year_applies(tmp_path):
    write(tmp_path, SOURCE.replace("tahun_evaluasi: 2025", "tahun_evaluasi: 2023"), "2023.yaml")
    write(tmp_path, SOURCE.replace("tahun_evaluasi: 2025", "tahun_evaluasi: 2027"), "2027.yaml")
    assert load_kriteria(2024, tmp_path).tahun_evaluasi == 2023  # evaluated in 2025
    assert load_kriteria(2026, tmp_path).tahun_evaluasi == 2027
    with pytest.raises(RuleError, match=r"for an evaluation year <= 2022; found 2023.yaml, 2027.yaml"):
        load_kriteria(2021, tmp_path)


@pytest.mark.parametrize(("old", "new", "key", "expected"), [
    ("  bobot: 15", "  bobot: 14", "komponen.subkomponen", "weights summing to the component's bobot 14; found 15"),
    ("    analisis: 4\n    bobot: 1", "    analisis: 4\n    bobot: satu", "kriteria.pembanding.bobot",
     "a number between 0 and 100; found 'satu'"),
    ("  rekomendasi:\n", "  saran_akhir:\n", "kriteria.saran_akhir", "a criterion lkjip checks"),
    ('    subkomponen: "3.a"', '    subkomponen: "3.d"', "kriteria.tepat_waktu.subkomponen",
     "a sub-component of komponen (3.a, 3.b, 3.c); found '3.d'"),
    ('    subkomponen: "3.a"', '    subkomponen: ["3.a"]', "kriteria.tepat_waktu.subkomponen",
     "a sub-component of komponen (3.a, 3.b, 3.c); found ['3.a']"),
    ("  - batas_penyampaian\n", "", "unconfirmed", "'batas_penyampaian' listed (it says unconfirmed: true)"),
    ("tahun_evaluasi: 2025", "tahun_evaluasi: 2024", "tahun_evaluasi", "the evaluation year 2025"),
    ("  bulan: 3", "  bulan: 2", "batas_penyampaian.tanggal", "a day of month 2; found 31"),
    ("    menghalangi: true\n    sumber: PermenPAN-RB 88/2021, kriteria 3.a",
     "    menghalang: true\n    sumber: PermenPAN-RB 88/2021, kriteria 3.a", "kriteria.tepat_waktu.menghalang",
     "one of nama, singkat"),
    ("  - {kode: bab_iii, judul: BAB III}\n", "", "bab", "a chapter with kode bab_iii"),
    ("    kata_minimal: 3", "    kata_minimal: 0", "kriteria.narasi_pendek.kata_minimal",
     "a whole number between 1 and 100; found 0"),
    ("    figur: [rata_rata_nasional, rata_rata_kelompok]", "    figur: [Rata Rata]", "kriteria.pembanding.figur[0]",
     "a lower_snake_case figure name"),
    ("  nilai_status: {met: 1, partly: 0.5, not_met: 0}", "  nilai_status: {met: 1, not_met: 0}",
     "penilaian.nilai_status.partly", "a number between 0 and 1; found it missing"),
])
def test_a_broken_criteria_file_names_file_line_and_key(tmp_path, old, new, key, expected):
    path = write(tmp_path, edited(old, new))
    with pytest.raises(RuleError) as caught:
        read_kriteria(path)
    message = str(caught.value)
    line = next(x for x in message.splitlines() if f"key '{key}'" in x)
    assert line.startswith(f"{path}, line ") and expected in line, message


def test_the_line_is_the_offending_key(tmp_path):
    text = edited("    analisis: 4\n    bobot: 1", "    analisis: 4\n    bobot: -1")
    expected = text[:text.index("bobot: -1")].count("\n") + 1
    with pytest.raises(RuleError, match=rf", line {expected}, key 'kriteria.pembanding.bobot'"):
        read_kriteria(write(tmp_path, text))


def test_every_problem_of_a_file_at_once(tmp_path):
    text = edited("  bobot: 15", "  bobot: 16").replace("    kata_minimal: 5", "    kata_minimal: lima")
    with pytest.raises(RuleError) as caught:
        read_kriteria(write(tmp_path, text))
    assert len(str(caught.value).splitlines()) == 2


def test_a_criterion_twice_is_an_error(tmp_path):
    block = re.search(r"\n  rekomendasi:\n(    .*\n)+", SOURCE)[0]
    with pytest.raises(RuleError, match=r"key 'kriteria.rekomendasi': expected each criterion once"):
        read_kriteria(write(tmp_path, SOURCE.replace(block, block + block)))


def test_not_yaml_or_no_file(tmp_path):
    with pytest.raises(RuleError, match=r"2025.yaml, line 3: expected valid UTF-8 YAML"):
        read_kriteria(write(tmp_path, "nama: x\nsumber: [a\n"))
    with pytest.raises(RuleError, match=r"expected a criteria file; found no such file"):
        read_kriteria(tmp_path / "2030.yaml")
