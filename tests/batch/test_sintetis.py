"""The synthetic offices: the same seed gives the same bytes, each office says it is made up,
the generator never writes over real data, offices vary, and they pass the input checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lkjip.batch.offices import read_batch
from lkjip.batch.sintetis import generate
from lkjip.errors import LkjipError
from lkjip.inputs.validate import validate_year


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_offices(tmp_path):
    generate(tmp_path / "a", 4, seed=7)
    generate(tmp_path / "b", 4, seed=7)
    generate(tmp_path / "c", 4, seed=8)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")
    generate(tmp_path / "d", 2, seed=7)  # an office does not depend on how many are made
    assert files(tmp_path / "d")["kanim-sintetis-02/data/kanim-sintetis-02/indikator.csv"] == \
        files(tmp_path / "a")["kanim-sintetis-02/data/kanim-sintetis-02/indikator.csv"]


def test_marked_synthetic_and_never_over_real_data(tmp_path):
    root = tmp_path / "s"
    generate(root, 2, seed=1)
    office = root / "kanim-sintetis-01"
    assert "(Sintetis)" in (office / "data" / "kanim-sintetis-01" / "kantor.yaml").read_text(encoding="utf-8")
    assert "made up" in (office / "README.md").read_text(encoding="utf-8")
    batch = read_batch(root)
    assert batch.sintetis and [o.id for o in batch.offices] == ["kanim-sintetis-01", "kanim-sintetis-02"]
    generate(root, 1, seed=2)  # a folder of synthetic offices is replaced whole
    assert [p.name for p in root.iterdir() if p.is_dir()] == ["kanim-sintetis-01"]
    real = tmp_path / "real"
    (real / "kanim-nyata").mkdir(parents=True)
    with pytest.raises(LkjipError, match="tidak kosong"):
        generate(real, 2)
    # a real office slipped into a synthetic root: the batch refuses
    (root / "kanim-nyata" / "data").mkdir(parents=True)
    (root / "kanim-nyata" / "params").mkdir()
    with pytest.raises(LkjipError, match="dicampur"):
        read_batch(root)


def test_twenty_offices_vary(tmp_path):
    generate(tmp_path, 20, seed=1)
    polar, missing, sizes = set(), set(), set()
    for office in sorted(tmp_path.glob("kanim-sintetis-*")):
        data = office / "data" / office.name
        with open(data / "indikator.csv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        polar |= {r["polaritas"] for r in rows}
        sizes.add(len(rows))
        missing |= {n for n in ("pnbp.csv", "ikpa.csv", "anggaran_sumber_dana.csv") if not (data / n).exists()}
    assert polar == {"positif", "negatif", "rentang"}
    assert len(sizes) >= 3
    assert missing == {"pnbp.csv", "ikpa.csv", "anggaran_sumber_dana.csv"}


def test_offices_pass_the_input_checks(tmp_path):
    generate(tmp_path, 5, seed=3)
    for office in sorted(tmp_path.glob("kanim-sintetis-*")):
        report = validate_year(2025, office / "data", office / "params")
        assert not report.errors and not report.warnings, (office.name, report.errors, report.warnings)
