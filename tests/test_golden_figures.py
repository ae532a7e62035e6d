"""The reference run's figures, by id: a changed number names itself.

``tests/golden/figures-<year>.json`` holds every figure of the reference year as ``make golden``
computed it. When a figure differs (a corrected base fact, a changed calculation), this test
fails with one line per figure: its id, the old and the new value, and the chapters that print
it (read from the notebooks' reference outputs). If the change is right, ``make golden``
records it, and nbval's reference outputs with it.
"""

from __future__ import annotations

import json
import re

import pytest

from lkjip.build.chapters import chapters
from lkjip.figures import Figures
from lkjip.paths import GOLDEN_DIR, NOTEBOOKS_DIR

YEAR = 2024


def printed_in() -> dict[str, list[str]]:
    """Figure id -> the chapters whose reference outputs show it."""
    out: dict[str, list[str]] = {}
    for ch in chapters(include_optional=True):
        text = (NOTEBOOKS_DIR / ch.notebook).read_text(encoding="utf-8")
        for fid in sorted(set(re.findall(r'data-fig=\\"([^"\\]+)\\"', text))):
            out.setdefault(fid, []).append(ch.notebook)
    return out


def differences(old: dict, new: dict, where: dict[str, list[str]]) -> list[str]:
    """One readable line per figure that differs."""
    lines = []
    for fid in sorted(set(old) | set(new)):
        a = old.get(fid, {}).get("value", "(tidak ada)") if fid in old else "(tidak ada)"
        b = new.get(fid, {}).get("value", "(tidak ada)") if fid in new else "(tidak ada)"
        if a != b:
            chapters_ = ", ".join(where.get(fid, [])) or "tidak dicetak di bab mana pun"
            lines.append(f"{fid}: lama {a!r} -> baru {b!r}  [{chapters_}]")
    return lines


def test_figures_are_those_of_the_reference_run():
    path = GOLDEN_DIR / f"figures-{YEAR}.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make golden`")
    old = json.loads(path.read_text(encoding="utf-8"))["figures"]
    new = json.loads(Figures(YEAR).to_json())["figures"]
    lines = differences(old, new, printed_in())
    assert not lines, (f"{len(lines)} angka berbeda dari rujukan ({path.name}); jika perubahan ini benar, "
                       "jalankan `make golden`:\n  " + "\n  ".join(lines[:50]))


def test_a_changed_count_is_named_with_old_and_new_values():
    old = {"ikk.layanan.realisasi": {"value": 91.6}, "ikk.layanan.penyebut": {"value": 10}}
    new = {"ikk.layanan.realisasi": {"value": 90.0}, "ikk.layanan.penyebut": {"value": 10}}
    assert differences(old, new, {"ikk.layanan.realisasi": ["03_akuntabilitas_kinerja.ipynb"]}) == [
        "ikk.layanan.realisasi: lama 91.6 -> baru 90.0  [03_akuntabilitas_kinerja.ipynb]"]
