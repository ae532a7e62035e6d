"""lkjip.calc.smart: informational recomputation of the SMART score."""

import pytest

from lkjip.calc import CalcError
from lkjip.calc.rules import load_rules
from lkjip.calc.smart import nilai_smart

RULES = load_rules(2022)

# SMART 2021 as the source report prints it (nilai kinerja 88.50).
SMART_2021 = {"nilai_kinerja": 88.50, "penyerapan": 77.84, "konsistensi": 57.95,
              "capaian_keluaran": 100, "efisiensi": 17.63, "nilai_efisiensi": 94.06}


def test_weights_are_labelled_unconfirmed():
    assert RULES.belum_pasti("smart.bobot")
    assert sum(RULES.smart_bobot.values()) == pytest.approx(100)


def test_nilai_smart_2021_reproduces_the_printed_score():
    # 100x43.5% + 77.84x28.6% + 94.06x18.2% + 57.95x9.7%
    # = 43.5 + 22.26224 + 17.11892 + 5.62115 = 88.50231 -> printed 88.50
    assert nilai_smart(SMART_2021, rules=RULES) == pytest.approx(88.50231)


def test_nilai_smart_missing_component():
    with pytest.raises(CalcError, match="konsistensi"):
        nilai_smart({k: v for k, v in SMART_2021.items() if k != "konsistensi"}, rules=RULES)
