"""Figures: every number the report shows, computed once from the inputs, by a stable id.

``Figures(2024)["anggaran.persen"].value``. Light on import: a group's figures are computed
(and its tables read) when one of them is first asked for.
"""

from lkjip.figures.anggaran import JENIS_BELANJA
from lkjip.figures.base import Figure, slug
from lkjip.figures.registry import Figures

__all__ = ["JENIS_BELANJA", "Figure", "Figures", "slug"]
