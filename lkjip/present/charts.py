"""The charts of BAB III (Akuntabilitas Kinerja), from the registry of figures.

Every function takes the year's :class:`lkjip.figures.Figures` (``L.fig``) and returns a
Matplotlib Figure for ``L.gambar``. Charts are sized for an A4 page (6.3 × 3.2 in), in muted
colours, with Indonesian labels and numbers written the Indonesian way on the axes
(``1.234``, ``88,19%``); the caption comes from the chapter.
"""

from __future__ import annotations

from typing import Any

from lkjip.errors import FigureError
from lkjip.present import fmt

UKURAN = (6.3, 3.2)  # inches: the text width of an A4 page at the report's margins
WARNA = "#2f5d8a"  # realisasi (the blue of BAB I)
WARNA_MUDA = "#b9c9db"  # pagu, or a second series
WARNA_TARGET = "#a4553f"  # target lines and markers
WARNA_BATAS = "#8c8c8c"  # thresholds
WARNA_GRID = "#e6e6e6"
TRIWULAN = ("I", "II", "III", "IV")


def _plt() -> Any:
    import matplotlib.pyplot as plt

    return plt


def tata_letak(fig: Any, pad: float = 1.08) -> None:
    """Margins that fit every label: Matplotlib's tight layout (as ``fig.tight_layout(pad=pad)``,
    same subplot parameters, same SVG bytes) at about three quarters of its cost.

    ``Figure.tight_layout`` measures every label twice (its second pass fits the axes into
    ``rect=(0, 0, 1, 1)``, which for a single axes gives back the margins of the first: none is
    0, there is the padding), and leaves a placeholder layout engine on the figure, for which
    ``savefig`` draws the whole figure once more before drawing it. Here: one pass for one
    axes, and no engine left behind.
    """
    from matplotlib.layout_engine import TightLayoutEngine

    rect = None if len(fig.axes) == 1 else (0, 0, 1, 1)
    TightLayoutEngine(pad=pad, rect=rect).execute(fig)


def _kanvas(figsize: tuple[float, float] = UKURAN) -> tuple[Any, Any]:
    fig, ax = _plt().subplots(figsize=figsize)
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.yaxis.grid(True, color=WARNA_GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0)
    return fig, ax


def _sumbu_y(ax: Any, digits: int = 0, skala: float = 1.0, akhiran: str = "") -> None:
    """Y tick labels the Indonesian way: ``fmt.angka(y / skala, digits)`` + ``akhiran``."""
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: fmt.angka(y / skala, digits) + akhiran))


def _legenda(ax: Any, ncol: int = 3) -> None:
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=ncol, frameon=False, fontsize=8)


def _label_batang(ax: Any, bars: Any, teks: list[str], dalam: bool = False) -> None:
    """A value label on each bar: above it, or (``dalam``) just inside its top in white, where a
    target line drawn across the bars would cross a label above them. A bar too short to hold
    its label inside gets it above."""
    top = ax.get_ylim()[1]
    for b, t in zip(bars, teks, strict=True):
        x, h = b.get_x() + b.get_width() / 2, b.get_height()
        if dalam and h > 0.15 * top:
            ax.annotate(t, (x, h), xytext=(0, -3), textcoords="offset points", ha="center", va="top",
                        fontsize=7.5, color="white")
        else:
            ax.annotate(t, (x, h), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                        fontsize=7.5, color="#222222")


def _lebar_x(ax: Any, n: int, minimum: int = 4) -> None:
    """Keep bars slim when there are few: the x axis spans at least ``minimum`` slots, centred."""
    pad = max(minimum - n, 0) / 2
    ax.set_xlim(-0.5 - pad, n - 0.5 + pad)


def rupiah_ringkas(x: float | None) -> str:
    """Money in short form for chart labels: ``Rp25,29 miliar``, ``Rp1,48 juta``, ``Rp741 ribu``."""
    if x is None:
        return fmt.KOSONG
    for besar, nama, d in ((10**12, "triliun", 2), (10**9, "miliar", 2), (10**6, "juta", 2), (10**3, "ribu", 0)):
        if abs(x) >= besar:
            return f"Rp{fmt.angka(x / besar, d)} {nama}"
    return fmt.rupiah(x)


# ---- one indicator over the years --------------------------------------------------------------------
def _periode_renstra(F: Any) -> tuple[int, int] | None:
    periode = str((F.inputs.renstra or {}).get("periode", "")).replace("–", "-")
    parts = [p.strip() for p in periode.split("-")]
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def grafik_riwayat(F: Any, kode: str) -> Any:
    """Bars of an indicator's realisasi in every year it was measured (nihil years left out),
    with the Renstra target as a line over the Renstra period, and the year's PK target as a
    marker where it differs from the Renstra target."""
    r = next(x for x in F.indikator().itertuples(index=False) if x.kode == kode)
    p = f"ikk.{kode}"
    years = [y for y in F.years(f"{p}.tahun.", ".realisasi") if F[f"{p}.tahun.{y}.realisasi"].value is not None]
    if not years:
        raise FigureError(f"grafik_riwayat: indicator {kode} has no year with a realisasi (nihil in every "
                          "year); say so in words instead of drawing an empty chart")
    vals = [F[f"{p}.tahun.{y}.realisasi"].value for y in years]
    persen = r.satuan == "persen"
    teks = [fmt.persen(v) if persen else fmt.indeks(v) for v in vals]
    fig, ax = _kanvas()
    xs = list(range(len(years)))
    bars = ax.bar(xs, vals, width=0.55, color=WARNA, label="Realisasi")
    ax.set_xticks(xs, [str(y) for y in years])
    _lebar_x(ax, len(xs))
    t_renstra = F[f"{p}.target_renstra"].value
    t_pk = F[f"{p}.target"].value
    periode = _periode_renstra(F)
    if t_renstra is not None:
        di = [i for i, y in enumerate(years) if periode is None or periode[0] <= y <= periode[1]]
        if di:
            label = "Target Renstra" + (f" {periode[0]}–{periode[1]}" if periode else "")
            label += f": {fmt.persen(t_renstra, 0) if persen and float(t_renstra).is_integer() else fmt.angka(t_renstra, 2)}"
            ax.hlines(t_renstra, di[0] - 0.4, di[-1] + 0.4, colors=WARNA_TARGET, linestyles="--", linewidth=1.2,
                      label=label)
    if t_pk is not None and F.year in years and t_pk != t_renstra:
        ax.plot([years.index(F.year)], [t_pk], marker="D", color=WARNA_TARGET, linestyle="none",
                label=f"Target PK {F.year}")
    top = max(vals + [t for t in (t_renstra, t_pk) if t is not None])
    ax.set_ylim(0, top * 1.12)
    _label_batang(ax, bars, teks, dalam=True)
    if persen:
        _sumbu_y(ax, akhiran="%")
        ax.set_ylabel("Realisasi (%)")
    else:
        _sumbu_y(ax, digits=1)
        ax.set_ylabel("Realisasi (indeks)")
    _legenda(ax)
    tata_letak(fig)
    return fig


def grafik_rencana_aksi(F: Any, kode: str) -> Any:
    """The mean progress of an action plan's items at the end of each quarter."""
    q = f"ikk.{kode}.triwulan"
    tws = [k for k in range(1, len(TRIWULAN) + 1) if f"{q}.{k}.capaian" in F and F[f"{q}.{k}.capaian"].value is not None]
    vals = [F[f"{q}.{k}.capaian"].value for k in tws]
    fig, ax = _kanvas((6.3, 2.8))
    xs = list(range(len(tws)))
    ax.plot(xs, vals, marker="o", color=WARNA, linewidth=1.6, label="Rata-rata kemajuan")
    for x, v in zip(xs, vals, strict=True):
        ax.annotate(fmt.persen(v), (x, v), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=7.5)
    ax.set_xticks(xs, [f"Triwulan {TRIWULAN[k - 1]}" for k in tws])
    ax.set_xlim(-0.4, len(xs) - 0.6)
    ax.set_ylim(0, 112)
    _sumbu_y(ax, akhiran="%")
    ax.set_ylabel("Kemajuan (%)")
    tata_letak(fig)
    return fig


# ---- budget ----------------------------------------------------------------------------------------------
def grafik_anggaran(F: Any) -> Any:
    """Pagu and realisasi per year (grouped bars, in billions of rupiah) with each year's
    penyerapan above its realisasi bar."""
    years = F.years("anggaran.tahun.", ".pagu", segments=4)
    pagu = [F[f"anggaran.tahun.{y}.pagu"].value for y in years]
    real = [F[f"anggaran.tahun.{y}.realisasi"].value for y in years]
    fig, ax = _kanvas()
    xs = list(range(len(years)))
    w = 0.38
    ax.bar([x - w / 2 for x in xs], pagu, width=w, color=WARNA_MUDA, label="Pagu")
    b2 = ax.bar([x + w / 2 for x in xs], real, width=w, color=WARNA, label="Realisasi")
    ax.set_xticks(xs, [str(y) for y in years])
    ax.set_ylim(0, max(pagu + real) * 1.15)
    _label_batang(ax, b2, [fmt.persen(F[f"anggaran.tahun.{y}.persen"].value) for y in years])
    _sumbu_y(ax, skala=1e9)
    ax.set_ylabel("Miliar rupiah")
    _legenda(ax, ncol=2)
    tata_letak(fig)
    return fig


def grafik_pnbp(F: Any) -> Any:
    """PNBP per year (bars, in billions of rupiah) and the target where the data has one."""
    years = F.years("pnbp.tahun.", ".realisasi")
    vals = [F[f"pnbp.tahun.{y}.realisasi"].value for y in years]
    fig, ax = _kanvas()
    xs = list(range(len(years)))
    bars = ax.bar(xs, vals, width=0.55, color=WARNA, label="Realisasi PNBP")
    target = F["pnbp.target"].value if "pnbp.target" in F else None
    tops = list(vals)
    if target is not None and F.year in years:
        x = years.index(F.year)
        ax.hlines(target, x - 0.4, x + 0.4, colors=WARNA_TARGET, linestyles="--", linewidth=1.4,
                  label=f"Target PNBP {F.year}: {rupiah_ringkas(target)}")
        tops.append(target)
    ax.set_xticks(xs, [str(y) for y in years])
    _lebar_x(ax, len(xs))
    ax.set_ylim(0, max(tops) * 1.15)
    _label_batang(ax, bars, [rupiah_ringkas(v) for v in vals])
    _sumbu_y(ax, skala=1e9)
    ax.set_ylabel("Miliar rupiah")
    _legenda(ax, ncol=2)
    tata_letak(fig)
    return fig


def grafik_ikpa(F: Any) -> Any:
    """The IKPA final value per year (line with markers) against the category thresholds of the
    year's rules (dashed lines)."""
    years = F.years("ikpa.tahun.", ".nilai_akhir")
    vals = [F[f"ikpa.tahun.{y}.nilai_akhir"].value for y in years]
    fig, ax = _kanvas()
    xs = list(range(len(years)))
    ax.plot(xs, vals, marker="o", color=WARNA, linewidth=1.6, label="Nilai akhir IKPA", zorder=3)
    for x, v in zip(xs, vals, strict=True):
        ax.annotate(fmt.nilai(v), (x, v), xytext=(0, 6), textcoords="offset points", ha="center", fontsize=7.5)
    batas = [c for c in F.rules.ikpa_kategori if c.min > 0]
    lo = min(vals + [c.min for c in batas]) - 5
    for c in batas:
        ax.axhline(c.min, color=WARNA_BATAS, linestyle=":", linewidth=0.9, zorder=1)
        # labelled outside the plot, on the right, so no label sits on a data point
        ax.annotate(f"{c.nama} ≥ {fmt.angka(c.min)}", xy=(1, c.min), xycoords=("axes fraction", "data"),
                    xytext=(4, 0), textcoords="offset points", ha="left", va="center", fontsize=7,
                    color=WARNA_BATAS)
    ax.set_xticks(xs, [str(y) for y in years])
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(lo, 100)
    _sumbu_y(ax)
    ax.set_ylabel("Nilai")
    tata_letak(fig)
    return fig


# ---- as the report shows them (lkjip.present.katalog): the figure, its caption and source ------------
def gambar_riwayat(L: Any, x: Any) -> dict[str, Any] | None:
    """An indicator's realisasi over the years; ``None`` when no year was measured (nihil)."""
    from lkjip.present.kinerja import _ikk
    from lkjip.present.teks import rentang_tahun

    i = _ikk(L, x)
    if not i.tahun_terukur:
        return None
    p = f"ikk.{i.kode}"
    seri = ", ".join(f"{y} {L.polos(f'{p}.tahun.{y}.realisasi')}" for y in i.tahun_terukur
                     if L.fig[f"{p}.tahun.{y}.realisasi"].value is not None)
    target = f"; target Renstra {L.polos(f'{p}.target_renstra')}" if diketahui(L, f"{p}.target_renstra") else ""
    return {"fig": grafik_riwayat(L.fig, i.kode), "judul": f"Realisasi per tahun, {rentang_tahun(i.tahun_terukur)}: {i.nama}",
            "deskripsi": f"Grafik batang realisasi {i.nama} per tahun: {seri}{target}."}


def gambar_rencana_aksi(L: Any, x: Any) -> dict[str, Any] | None:
    from lkjip.present.kinerja import _ikk

    i = _ikk(L, x)
    if not i.triwulan:
        return None
    q = f"ikk.{i.kode}.triwulan"
    seri = ", ".join(f"triwulan {TRIWULAN[k - 1]} {L.polos(f'{q}.{k}.capaian')}" for k in range(1, len(TRIWULAN) + 1)
                     if diketahui(L, f"{q}.{k}.capaian"))
    return {"fig": grafik_rencana_aksi(L.fig, i.kode),
            "judul": f"Rata-rata kemajuan rencana aksi per triwulan, tahun {L.year}",
            "deskripsi": f"Grafik garis rata-rata kemajuan rencana aksi tahun {L.year}: {seri}."}


def gambar_anggaran(L: Any) -> dict[str, Any] | None:
    from lkjip.present.teks import rentang_tahun

    years = L.fig.years("anggaran.tahun.", ".pagu", segments=4)
    if not years:
        return None
    seri = "; ".join(f"{y} pagu {L.polos(f'anggaran.tahun.{y}.pagu')}, realisasi "
                     f"{L.polos(f'anggaran.tahun.{y}.realisasi')} ({L.polos(f'anggaran.tahun.{y}.persen')})" for y in years)
    return {"fig": grafik_anggaran(L.fig),
            "judul": f"Pagu dan realisasi anggaran, {rentang_tahun(years)} (angka di atas batang: persentase penyerapan)",
            "deskripsi": f"Grafik batang pagu dan realisasi anggaran per tahun: {seri}."}


def gambar_pnbp(L: Any) -> dict[str, Any] | None:
    from lkjip.present.teks import rentang_tahun

    years = L.fig.years("pnbp.tahun.", ".realisasi")
    if not years:
        return None
    seri = ", ".join(f"{y} {L.polos(f'pnbp.tahun.{y}.realisasi')}" for y in years)
    target = f"; target {L.year} {L.polos('pnbp.target')}" if diketahui(L, "pnbp.target") else ""
    return {"fig": grafik_pnbp(L.fig), "judul": f"Realisasi PNBP, {rentang_tahun(years)}",
            "deskripsi": f"Grafik batang realisasi PNBP per tahun: {seri}{target}."}


def gambar_ikpa(L: Any) -> dict[str, Any] | None:
    from lkjip.present.teks import rentang_tahun

    years = L.fig.years("ikpa.tahun.", ".nilai_akhir")
    if not years:
        return None
    seri = ", ".join(f"{y} {L.polos(f'ikpa.tahun.{y}.nilai_akhir')}" for y in years)
    batas = ", ".join(f"{c.nama} mulai {fmt.angka(c.min)}" for c in L.fig.rules.ikpa_kategori if c.min > 0)
    return {"fig": grafik_ikpa(L.fig),
            "judul": f"Nilai akhir IKPA, {rentang_tahun(years)}, dan batas kategori menurut aturan tahun {L.year}",
            "deskripsi": f"Grafik garis nilai akhir IKPA per tahun: {seri}. Batas kategori: {batas}."}


def diketahui(L: Any, id: str) -> bool:
    """The registry has the figure and it has a value."""
    return id in L.fig and L.fig[id].value is not None
