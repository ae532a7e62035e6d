"""A chart's SVG carries its title and, when the caller gives one, its text description."""

from __future__ import annotations

import re

from lkjip.present.svg import siapkan_matplotlib, svg_figure


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    siapkan_matplotlib()
    fig, ax = plt.subplots()
    ax.bar(["2023", "2024"], [1, 2])
    return fig


def test_title_and_description_are_the_svgs_first_children_as_text():
    svg = svg_figure(_figure(), "g1", judul="Realisasi <b>2024</b>", deskripsi="Naik dari 1 & 2.")
    head = svg[:svg.index(">") + 1]
    assert 'role="img"' in head and 'aria-labelledby="g1-judul g1-deskripsi"' in head
    assert re.match(r'<svg[^>]*>\n<title id="g1-judul">Realisasi &lt;b&gt;2024&lt;/b&gt;</title>\n'
                    r'<desc id="g1-deskripsi">Naik dari 1 &amp; 2\.</desc>', svg)


def test_without_them_the_svg_is_as_before():
    plain = svg_figure(_figure(), "g2")
    assert "<title" not in plain and "<desc" not in plain and 'role="img"' not in plain
    only_title = svg_figure(_figure(), "g3", judul="Judul")
    assert "<desc" not in only_title and 'aria-labelledby="g3-judul"' in only_title
