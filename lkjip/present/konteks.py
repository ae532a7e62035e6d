"""The names a chapter's template sees (:mod:`lkjip.present.template`).

=================  ===========================================================================
``tahun``          the report's year (and ``tahun_lalu``)
``kantor``         ``kantor.yaml``; ``renstra``, ``narasi`` (the year's), ``params`` likewise
``sasaran``        the year's PK: sasaran with their indicators (:mod:`lkjip.present.pk`)
``indikator``      every indicator of the PK, in order
``v('id')``        a figure of the registry, written the Indonesian way (``| terbilang``,
                   ``| desimal(0)``); ``ada('id')``: whether the registry has it; ``nilai('id')``:
                   its value, for a condition; ``diketahui('id')``: it has a value
``arah('id')``     naik / turun / tetap, from a change figure; ``arah_antara('a', 'b')``
``status(kode)``   the printed label of a status code (rules)
``aturan``         the year's SAKIP rules as the text needs them (nihil wording, thresholds)
``tabel``/``gambar``  the report's tables and charts by name (:mod:`lkjip.present.katalog`)
``anggaran``, ``profil``, ``perencanaan``, ``lainnya``, ``ringkasan``, ``dokumen``
                   the helpers of those parts of the report, bound to the chapter
``daftar(xs)``     a Markdown list; ``gabung(xs)``: "a, b, dan c"; ``rentang(years)``: "2020–2024"
=================  ===========================================================================
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

from markupsafe import Markup

from lkjip.present import fmt
from lkjip.present.teks import rentang_tahun


class Terikat:
    """A module's public functions with the chapter's ``L`` as first argument, and its
    constants (for a template: ``anggaran.jenis_belanja_puncak()``)."""

    def __init__(self, L: Any, module: ModuleType):
        self._L, self._module = L, module

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        obj = getattr(self._module, name)
        if inspect.isfunction(obj) and obj.__module__ == self._module.__name__:
            params = list(inspect.signature(obj).parameters)
            if params[:1] == ["L"]:
                return lambda *a, **k: obj(self._L, *a, **k)
            return obj
        if name.isupper():
            return obj
        raise AttributeError(name)


class Aturan:
    """The year's rules as sentences need them."""

    def __init__(self, rules: Any):
        self._rules = rules
        self.nihil_kata: str = rules.nihil_kata
        self.nihil_kalimat: str = rules.nihil_kalimat
        self.cap: bool = bool(rules.cap.enabled)
        self.ikpa_sumber: str = rules.ikpa_sumber
        self.ikpa_aspek: list[str] = list(rules.ikpa_aspek.values())

    @property
    def ambang_tercapai(self) -> Markup:
        return Markup.escape(fmt.persen(self._rules.ambang_tercapai, 0))

    def rumus(self, polaritas: str) -> str:
        """The name of the capaian formula of a polarity: langsung, terbalik, or rentang."""
        return self._rules.rumus_capaian.get(polaritas, "rentang")


def _arah(value: float | None) -> str:
    if value is None or fmt.round_half_up(value, 2) == 0:
        return "tetap"
    return "naik" if value > 0 else "turun"


def konteks(L: Any) -> dict[str, Any]:
    """Every name a template of this chapter can use."""
    from lkjip.present import anggaran, dokumen, katalog, lainnya, perencanaan, pk, profil, ringkasan

    F = L.fig
    sasaran = pk.perjanjian(L)

    def nilai(id: str) -> Any:
        return F[id].value

    def arah_antara(a: str, b: str) -> str:
        x, y = nilai(a), nilai(b)
        if x is None or y is None or x == y:
            return "tetap"
        return "naik" if y > x else "turun"

    return {
        "tahun": L.year,
        "tahun_lalu": L.year - 1,
        "kantor": L.inputs.kantor,
        "renstra": L.inputs.renstra,
        "narasi": L.inputs.narasi or {},
        "params": L.params,
        "sasaran": sasaran,
        "indikator": [i for s in sasaran for i in s.indikator],
        "v": L.angka_teks,
        "ada": lambda id: id in F,
        "diketahui": lambda id: id in F and F[id].value is not None,
        "nilai": nilai,
        "arah": lambda id: _arah(nilai(id)) if id in F else "tetap",
        "arah_antara": arah_antara,
        "status": L.label_status,
        "aturan": Aturan(F.rules),
        "rentang": rentang_tahun,
        "tabel": katalog.Tabel(L),
        "gambar": katalog.Gambar(L),
        "anggaran": Terikat(L, anggaran),
        "profil": Terikat(L, profil),
        "perencanaan": Terikat(L, perencanaan),
        "lainnya": Terikat(L, lainnya),
        "ringkasan": Terikat(L, ringkasan),
        "dokumen": Terikat(L, dokumen),
    }
