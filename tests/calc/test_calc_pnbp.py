"""lkjip.calc.pnbp: revenue total, share of target, growth."""

import pytest

from lkjip.calc import CalcError
from lkjip.calc.pnbp import persen_target, pertumbuhan, total


def test_total_of_a_mapping_and_of_amounts():
    assert total({"423214": 1_500_000_000, "423216": 250_000_000}) == 1_750_000_000
    assert total([1, 2, 3]) == 6
    assert total({}) == 0


def test_total_refuses_fractions_and_gaps():
    with pytest.raises(CalcError):
        total([100, 0.5])
    with pytest.raises(CalcError):
        total([100, None])


def test_persen_target():
    assert persen_target(1_750_000_000, 1_400_000_000) == pytest.approx(125.0)
    assert persen_target(5, 0) is None


def test_pertumbuhan():
    g = pertumbuhan(1_750_000_000, 1_400_000_000)
    assert g.selisih == 350_000_000
    assert g.persen == pytest.approx(25.0)
