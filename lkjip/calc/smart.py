"""SMART score (Ministry of Finance, 2021-2023), for information only.

The report takes SMART totals as data; this recomputation shows how the stated weights
(43.5 / 28.6 / 18.2 / 9.7) combine the components. Which of 28.6 and 9.7 belongs to
penyerapan and which to konsistensi is unconfirmed: the rule file labels it so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from lkjip.calc.dasar import CalcError, angka

if TYPE_CHECKING:
    from lkjip.calc.rules import Rules


def nilai_smart(komponen: Mapping[str, float | None], *, rules: Rules) -> float:
    """Sum of component value x weight / 100 over the weighted components of ``rules``.

    Components without a weight (``nilai_kinerja``, the raw ``efisiensi``) are ignored, so
    a year's ``smart.csv`` rows can be passed as they are.

    Raises
    ------
    CalcError
        A weighted component is missing or unknown.
    """
    hilang = [k for k in rules.smart_bobot if angka(komponen.get(k), k) is None]
    if hilang:
        raise CalcError(f"SMART: component(s) {', '.join(hilang)} missing; "
                        f"the weights of {rules.path.name} need {', '.join(rules.smart_bobot)}")
    return sum(float(komponen[k]) * bobot / 100 for k, bobot in rules.smart_bobot.items())
