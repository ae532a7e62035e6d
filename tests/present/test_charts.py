"""lkjip.present.charts: the charts of BAB III, drawn from the 2024 registry and from the synthetic
office's (tests/fixtures/kantor-contoh)."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib.collections import LineCollection

from lkjip.errors import FigureError
from lkjip.figures import Figures
from lkjip.present import charts as C

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def F() -> Figures:
    return Figures(2024)


@pytest.fixture(autouse=True)
def _tutup():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def _teks(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def _garis(ax) -> list[LineCollection]:
    return [c for c in ax.collections if isinstance(c, LineCollection)]


def test_history_chart_of_services_five_bars_and_renstra_target(F):
    fig = C.grafik_riwayat(F, "layanan")
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == pytest.approx(C.UKURAN)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021", "2022", "2023", "2024"]
    heights = [b.get_height() for b in ax.patches]
    assert heights == pytest.approx([F[f"ikk.layanan.tahun.{y}.realisasi"].value for y in range(2020, 2025)])
    assert _teks(ax) == ["93,70%", "95,13%", "89,40%", "93,42%", "91,61%"]
    (target,) = _garis(ax)
    assert target.get_segments()[0][:, 1] == pytest.approx([90, 90])
    assert "Target Renstra 2020–2024: 90%" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.yaxis.get_major_formatter()(80, 0) == "80%"


def test_history_chart_of_rb_two_bars_kept_slim(F):
    ax = C.grafik_riwayat(F, "rencana_aksi_rb").axes[0]
    assert len(ax.patches) == 2
    lo, hi = ax.get_xlim()
    assert hi - lo >= 4  # two bars do not fill the width


def test_history_chart_refuses_an_indicator_never_measured(F):
    with pytest.raises(FigureError, match="nihil"):
        C.grafik_riwayat(F, "pro_yustisia")


def test_action_plan_chart_one_point_per_quarter_with_data(tmp_path):
    # an action plan with quarters 1, 2 and 4 (none recorded for 3): the mean of its items each quarter
    from contoh import salin

    c = salin(tmp_path)
    c.append("indikator.csv", "2025,rencana_aksi,layanan,3,Persentase Pelaksanaan Rencana Aksi,persen,2,positif,"
             "100,,100,rencana_aksi,rencana aksi yang terlaksana,rencana aksi yang ditetapkan,")
    c.append("realisasi.csv", "2025,rencana_aksi,seluruh,2,2")
    c.append("rencana_aksi_triwulan.csv", "2025,rencana_aksi,1,1,S,K,Satu,20", "2025,rencana_aksi,1,2,S,K,Dua,40",
             "2025,rencana_aksi,2,1,S,K,Satu,60", "2025,rencana_aksi,2,2,S,K,Dua,70",
             "2025,rencana_aksi,4,1,S,K,Satu,100", "2025,rencana_aksi,4,2,S,K,Dua,100")
    ax = C.grafik_rencana_aksi(c.figures(2025), "rencana_aksi").axes[0]
    (line,) = ax.get_lines()
    assert list(line.get_ydata()) == pytest.approx([30, 65, 100])  # (20 + 40) / 2, (60 + 70) / 2, 100
    assert _teks(ax) == ["30,00%", "65,00%", "100,00%"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Triwulan I", "Triwulan II", "Triwulan IV"]


def test_history_chart_of_a_negatif_indicator_of_another_office():
    # 7,5 % (2023), 4 % (2024), 5 % (2025); the Renstra target 5 % over 2025-2029 only
    from contoh import FIXTURE

    F = Figures(2025, FIXTURE / "data", FIXTURE / "params")
    ax = C.grafik_riwayat(F, "pengaduan_tidak_selesai").axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2023", "2024", "2025"]
    assert [b.get_height() for b in ax.patches] == pytest.approx([7.5, 4.0, 5.0])
    (target,) = _garis(ax)
    assert target.get_segments()[0][:, 0] == pytest.approx([1.6, 2.4])  # the 2025 bar (x = 2) alone
    assert "Target Renstra 2025–2029: 5%" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_budget_chart_pagu_and_realisasi_per_year(F):
    ax = C.grafik_anggaran(F).axes[0]
    assert len(ax.patches) == 8  # four years, two bars each
    pagu = [b.get_height() for b in ax.patches[:4]]
    real = [b.get_height() for b in ax.patches[4:]]
    assert pagu[-1] == 27_379_998_000 and real[-1] == 24_147_552_841
    assert _teks(ax) == ["77,84%", "95,30%", "98,23%", "88,19%"]
    assert ax.get_ylabel() == "Miliar rupiah"
    assert ax.yaxis.get_major_formatter()(25e9, 0) == "25"


def test_pnbp_chart_bars_and_target(F):
    ax = C.grafik_pnbp(F).axes[0]
    assert [b.get_height() for b in ax.patches] == [741_105, 18_575_633_926, 22_230_176_000, 25_286_032_800]
    assert _teks(ax) == ["Rp741 ribu", "Rp18,58 miliar", "Rp22,23 miliar", "Rp25,29 miliar"]
    (target,) = _garis(ax)
    assert target.get_segments()[0][:, 1] == pytest.approx([5_389_250_000] * 2)
    assert "Target PNBP 2024: Rp5,39 miliar" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_ikpa_chart_points_and_category_thresholds(F):
    ax = C.grafik_ikpa(F).axes[0]
    line = ax.get_lines()[0]
    assert list(line.get_ydata()) == pytest.approx([86.97, 92.82, 94.77, 88.4435])
    thresholds = [ln.get_ydata()[0] for ln in ax.get_lines()[1:]]
    assert thresholds == [95, 89, 70]
    assert "Baik ≥ 89" in _teks(ax) and "88,44" in _teks(ax)


def test_money_in_short_form():
    assert C.rupiah_ringkas(27_379_998_000) == "Rp27,38 miliar"
    assert C.rupiah_ringkas(1_483_000) == "Rp1,48 juta"
    assert C.rupiah_ringkas(741_105) == "Rp741 ribu"
    assert C.rupiah_ringkas(500) == "Rp500"
    assert C.rupiah_ringkas(None) == "–"


def test_axis_thousands_the_indonesian_way():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    C._sumbu_y(ax)
    assert ax.yaxis.get_major_formatter()(1_234_567, 0) == "1.234.567"
    C._sumbu_y(ax, digits=1)
    assert ax.yaxis.get_major_formatter()(3.5, 0) == "3,5"


@pytest.mark.parametrize("make", ["riwayat", "anggaran", "dua_sumbu"])
def test_tata_letak_is_tight_layout_without_the_extra_draw(F, make, monkeypatch):
    """The same SVG bytes and subplot parameters as ``fig.tight_layout()``, with no layout
    engine left on the figure (one would make savefig draw it twice), for one axes and two."""
    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure

    from lkjip.present.svg import svg_figure

    def build():
        if make == "riwayat":
            return C.grafik_riwayat(F, "layanan")
        if make == "anggaran":
            return C.grafik_anggaran(F)
        fig, (a, b) = plt.subplots(1, 2, figsize=(6.3, 3.2))
        a.plot([1, 2, 3], [10, 2000, 30])
        a.set_ylabel("Realisasi (indeks)")
        b.bar(["Triwulan I", "Triwulan II"], [5, 7])
        C.tata_letak(fig)
        return fig

    ours = build()
    assert ours.get_layout_engine() is None
    params = vars(ours.subplotpars).copy()
    draws = []
    real_draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, r: draws.append(1) or real_draw(self, r))
    svg_ours = svg_figure(ours)
    assert len(draws) == 1, "savefig drew the figure more than once"
    monkeypatch.undo()

    monkeypatch.setattr(C, "tata_letak", lambda fig, pad=1.08: fig.tight_layout(pad=pad))
    theirs = build()
    # the same margins (Matplotlib's second pass may differ in the last bit: 1 - (1 - x))
    assert vars(theirs.subplotpars) == pytest.approx(params, rel=1e-12)
    assert svg_figure(theirs) == svg_ours
