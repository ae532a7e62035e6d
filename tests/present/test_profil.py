"""lkjip.profil (the front matter, BAB I, II, IV and the appendix) and the notebooks that use it.

Real values of the 2024 data: 38 staff (32 L, 6 P), 72 kecamatan in 4 kabupaten, 5 indicators
of which pro yustisia is 0 of 0 (nihil), a PK budget of Rp27.379.998.000.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import matplotlib
import nbformat
import pytest
from conftest import _teks

from lkjip.audit.rendered import check_rendered
from lkjip.paths import DATA_DIR
from lkjip.present import dokumen, kinerja, perencanaan, profil, ringkasan, teks
from lkjip.present import laporan as report

matplotlib.use("Agg")

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
MINE = [
    "00_pembuka.ipynb",
    "01_pendahuluan.ipynb",
    "02_perencanaan_kinerja.ipynb",
    "04_penutup.ipynb",
    "05_lampiran.ipynb",
]


def _cells(row) -> list:
    return list(row["cells"]) if isinstance(row, dict) else list(row)


def _html_of(monkeypatch, fn) -> str:
    """What a Laporan display call shows, as HTML."""
    shown: list[str] = []
    monkeypatch.setattr(report, "_tampilkan", lambda h, polos: shown.append(h))
    fn()
    return "\n".join(shown)


# ---- registry figures added for these chapters ------------------------------------------------
def test_status_counts(L):
    assert L.fig["ikk.jumlah_tercapai"].value == 4
    assert L.fig["ikk.jumlah_tidak_tercapai"].value == 0
    assert L.fig["ikk.jumlah_nihil"].value == 1


def test_appendix_pk_budget(L):
    assert L.fig["anggaran.pk_lampiran.dukungan_manajemen.jumlah"].value == 11_209_664_000
    assert L.fig["anggaran.pk_lampiran.total"].value == 12_744_702_000
    # the appendix PK was signed before the ABT: with it, it adds up to the BAB II PK
    assert (
        L.fig["anggaran.pk_lampiran.total"].value + L.fig["anggaran.tambahan"].value
        == L.fig["anggaran.program.total"].value
    )


# ---- staff -----------------------------------------------------------------------------------------
def test_staff_by_sex_chart_has_two_bars_32_and_6(L):
    fig = profil.grafik_jenis_kelamin(L)
    bars = fig.axes[0].patches
    assert [b.get_height() for b in bars] == [32, 6]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Laki-laki", "Perempuan"]


def test_staff_by_group_chart(L):
    fig = profil.grafik_kelompok_jabatan(L)
    assert [b.get_width() for b in fig.axes[0].patches] == [1, 4, 9, 10, 14]


def test_staff_breakdown_in_words(L):
    text = _teks(profil.rincian_kelompok_jabatan(L))
    assert text.startswith("1 (satu) pejabat eselon III, 4 (empat) pejabat eselon IV")
    assert "dan 14 (empat belas) pegawai dalam jabatan fungsional umum" in text


def test_staff_table_counted_by_pegawai_jumlah(L, monkeypatch):
    t = profil.tabel_pegawai(L)
    assert len(t["rows"]) == 38 and t["hitung"] == "pegawai.jumlah"
    assert t["rows"][0][:4] == [1, "Alvian Bayu Indra Yudha", "L", "198205252001121004"]
    html = _html_of(monkeypatch, lambda: L.tabel(judul="Daftar pegawai", **t))
    assert all(c.ok for c in check_rendered(html, L.fig) if c.name == "jumlah tertulis = jumlah baris")


def test_organisation_chart_has_every_unit(L):
    fig = profil.bagan_organisasi(L)
    texts = " ".join(t.get_text().replace("\n", " ") for t in fig.axes[0].texts)
    for name in ("Subbagian Tata Usaha", "Urusan Umum", "Subseksi Penindakan Keimigrasian"):
        assert name in texts


# ---- work area -------------------------------------------------------------------------------------
def test_kecamatan_table_total_72(L):
    t = profil.tabel_kecamatan(L)
    body, total = t["rows"][:-1], t["rows"][-1]
    assert [_teks(r[0]) for r in body] == ["Bangkalan", "Sampang", "Pamekasan", "Sumenep"]
    assert [_teks(r[1]) for r in body] == ["18", "14", "13", "27"]
    assert [len(r[2].split(", ")) for r in body] == [18, 14, 13, 27]
    assert total["class"] == "total" and _teks(total["cells"][1]) == "72"


def test_location_table_keeps_printed_coordinates(L):
    t = profil.tabel_letak_wilayah(L)
    assert len(t["rows"]) == 4
    assert t["rows"][3][1].startswith("113°32'54''")


# ---- summary, PK, budget ---------------------------------------------------------------------------
def test_summary_table_has_five_indicator_rows_and_budget(L):
    t = ringkasan.tabel_ringkasan(L)
    ind = [r for r in t["rows"] if r["class"] == "indikator"]
    assert len(ind) == 5
    budget = t["rows"][-1]
    assert budget["class"] == "total"
    assert [(_teks(c), c.colspan) for c in budget["cells"]] == [
        ("Anggaran", 2), ("Pagu DIPA Rp27.379.998.000; realisasi belanja Rp24.147.552.841; penyerapan 88,19%", 4)]


def test_summary_table_nihil_row_never_zero_percent(L):
    t = ringkasan.tabel_ringkasan(L)
    first = [_teks(c) for c in t["rows"][0]["cells"]]
    # sasaran, indikator, target, realisasi, capaian, status
    assert first[2:] == ["90%", "Nihil", "–", "Nihil"]
    assert not any(re.fullmatch(r"0(,00)?%", x) for x in first)
    layanan = [_teks(c) for c in t["rows"][2]["cells"]]
    assert layanan[-4:] == ["90%", "91,61%", "101,79%", "Tercapai"]
    # the same units as BAB III's copy of the table (it is the same table)
    assert [_teks(c) for c in t["rows"][4]["cells"]][-4:] == ["3,10 indeks", "3,93 indeks", "126,63%", "Tercapai"]
    assert t == {k: v for k, v in kinerja.tabel_ringkasan(L).items() if k != "judul"}


def test_summary_table_renders_and_traces_figures(L, monkeypatch):
    html = _html_of(monkeypatch, lambda: L.tabel(judul="Ringkasan", **ringkasan.tabel_ringkasan(L)))
    assert 'rowspan="2"' in html and 'colspan="2"' in html
    checks = check_rendered(html, L.fig)
    assert checks and all(c.ok for c in checks)


def test_pk_table(L):
    t = perencanaan.tabel_perjanjian_kinerja(L)
    assert len(t["rows"]) == 5
    assert t["rows"][0][0].rowspan == 2 and _teks(t["rows"][0][0]) == "1"
    assert _teks(t["rows"][4][-1]) == "3,10 indeks"


def test_pk_budget_tables(L):
    pk = perencanaan.tabel_anggaran_pk(L)
    assert [_teks(_cells(r)[1]) for r in pk["rows"]] == [
        "Rp1.535.038.000",
        "Rp1.535.038.000",
        "Rp25.844.960.000",
        "Rp25.844.960.000",
        "Rp27.379.998.000",
    ]
    lamp = perencanaan.tabel_anggaran_pk(L, dokumen="pk_lampiran")
    assert _teks(_cells(lamp["rows"][0])[0]) == "Program Pelayanan dan Penegakan Hukum"
    assert _teks(lamp["rows"][-1]["cells"][1]) == "Rp12.744.702.000"


def test_appendix_pk_targets(L):
    t = perencanaan.tabel_pk_lampiran(L)
    assert [_teks(_cells(r)[-1]) for r in t["rows"]] == ["3,30 indeks", "3,14 indeks", "3,14 indeks"]


def test_dipa_tables(L):
    jb = perencanaan.tabel_dipa_jenis_belanja(L)
    assert [_teks(_cells(r)[1]) for r in jb["rows"]] == [
        "Rp2.624.336.000",
        "Rp5.363.625.000",
        "Rp19.392.037.000",
        "Rp27.379.998.000",
    ]
    sd = perencanaan.tabel_dipa_sumber_dana(L)
    assert [_teks(_cells(r)[0]) for r in sd["rows"]] == [
        "Rupiah Murni (RM)",
        "Penerimaan Negara Bukan Pajak (PNBP)",
        "Jumlah",
    ]
    assert _teks(sd["rows"][-1]["cells"][1]) == "Rp27.379.998.000"


# ---- text ------------------------------------------------------------------------------------------
def test_conclusion_says_nihil_in_words(L):
    text = _teks(ringkasan.kesimpulan_kinerja(L))
    assert L.fig.rules.nihil_kalimat in text
    assert "capaian 111,11% (target tercapai)" in text
    assert "realisasi 3,93 indeks terhadap target 3,10 indeks" in text
    assert not re.search(r"(?<![\d.,])0(,00)?%", text)  # never a 0 % for 0 of 0 cases


def test_status_sentence(L):
    assert _teks(ringkasan.ringkasan_status(L)) == (
        "Dari 5 (lima) indikator kinerja kegiatan, 4 (empat) indikator mencapai atau melampaui target dan "
        "1 (satu) indikator berstatus nihil karena tidak ada kasus yang perlu ditangani."
    )


def test_cover_and_signatures(L):
    cover = dokumen.sampul(L)
    assert "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA" in cover
    assert "TAHUN 2024" in cover and 'class="judul-laporan"' in cover
    assert "2 Januari 2025" in dokumen.kop_surat(L)
    assert "NIP 198205252001121004" in dokumen.tanda_tangan_penanda(L)
    pk = dokumen.tanda_tangan_pk(L)
    assert "5 Januari 2024" in pk and "Imam Bahri, S.H., M.H." in pk
    assert "Januari" not in dokumen.tanda_tangan_pk(L, dengan_tanggal=False)


def test_small_helpers():
    assert teks.gabung(["a"]) == "a"
    assert teks.gabung(["a", "b"]) == "a dan b"
    assert teks.gabung(["a", "b", "c"]) == "a, b, dan c"
    assert teks.daftar(["x", "y"], bernomor=True) == "1. x\n2. y"
    assert profil.tanggal_peristiwa("2018") == "Tahun 2018"
    assert profil.tanggal_peristiwa("2011-06-09") == "9 Juni 2011"
    assert teks.tahun_sebelumnya(2024) == 2023


def test_history_and_legal_basis(L):
    assert profil.sejarah(L).startswith("- **9 Juni 2011**:")
    assert profil.landasan_hukum(L).count("\n") == 3
    assert ringkasan.inovasi_kantor(L) == ["Sakera", "Silopasrah", "Simbol"]
    assert len(ringkasan.penghargaan(L)) == 3 and len(ringkasan.capaian_lain(L)) == 2


# ---- the notebooks ---------------------------------------------------------------------------------
_ARITMETIKA = (ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _arithmetic(src: str) -> list[str]:
    """Arithmetic in a code cell: any - * / // % ** and any + that is not a string concatenation,
    number literals outside a slice, and calls that compute (sum, round, abs, len)."""
    found = []
    tree = ast.parse(src)
    in_slice = {id(n) for s in ast.walk(tree) if isinstance(s, ast.Slice) for n in ast.walk(s)}
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, _ARITMETIKA) or (
                isinstance(node.op, ast.Add)
                and not (_is_text(node.left) or _is_text(node.right))
                and not isinstance(node.left, ast.BinOp)
            ):
                found.append(ast.unparse(node)[:60])
        elif isinstance(node, ast.AugAssign | ast.UnaryOp) and not isinstance(getattr(node, "op", None), ast.Not):
            found.append(ast.unparse(node)[:60])
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float)
            and not isinstance(node.value, bool)
            and id(node) not in in_slice
        ):
            found.append(repr(node.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("sum", "round", "abs", "len", "min", "max")
        ):
            found.append(ast.unparse(node)[:60])
    return found


def _forbidden_words() -> list[str]:
    """Office-, person- and indicator-specific text that must come from data, never be typed."""
    import csv

    import yaml

    office = DATA_DIR / "kanim-pamekasan"
    kantor = yaml.safe_load((office / "kantor.yaml").read_text(encoding="utf-8"))
    words = [
        kantor["nama"],
        kantor["nama_singkat"],
        kantor["kota"],
        kantor["kepala"]["nama"],
        kantor["penandatangan_pk"]["pihak_pertama"]["nama"],
        kantor["penandatangan_pk"]["pihak_kedua"]["nama"],
    ]
    with (office / "pegawai.csv").open(encoding="utf-8") as f:
        words += [r["nama"] for r in csv.DictReader(f)]
    with (office / "indikator.csv").open(encoding="utf-8") as f:
        words += [r["indikator"] for r in csv.DictReader(f)]
    with (office / "sasaran.csv").open(encoding="utf-8") as f:
        words += [r["sasaran"] for r in csv.DictReader(f)]
    with (office / "kabupaten.csv").open(encoding="utf-8") as f:
        words += [r["kabupaten"] for r in csv.DictReader(f)]
    return sorted({w for w in words if w})


def test_arithmetic_detector():
    assert _arithmetic("x = year - 1") == ["year - 1", "1"]
    assert _arithmetic("y = a + b")
    assert _arithmetic("z = sum(v)")
    assert _arithmetic("L.md(f'{a}' + teks.daftar(b))") == []
    assert _arithmetic("L.md(teks.daftar(x[:3]))") == []


@pytest.mark.parametrize("name", MINE)
def test_notebook_has_no_arithmetic_and_no_literal_facts(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    words = _forbidden_words()
    problems = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if "parameters" in tags or "injected-parameters" in tags:
            continue
        src = cell.source
        if cell.cell_type == "code":
            problems += [f"{cell.id}: arithmetic {x}" for x in _arithmetic(src)]
        else:
            problems += [f"{cell.id}: {m}" for m in re.findall(r"\d\s*[-+*/×:]\s*\d", src)]
        problems += [f"{cell.id}: year {m}" for m in re.findall(r"\b(?:19|20)\d\d\b", src)]
        problems += [f"{cell.id}: typed {w!r}" for w in words if w.lower() in src.lower()]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", MINE)
def test_notebook_cells_are_tagged_with_stable_ids_and_no_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    ids = [c.id for c in nb.cells]
    stem = name.removesuffix(".ipynb")
    assert len(set(ids)) == len(ids)
    assert ids == [f"{stem}-{i}" for i in range(len(ids))]
    assert "parameters" in nb.cells[0].metadata.get("tags", [])
    for c in nb.cells[1:]:
        if c.cell_type == "code":
            assert "remove-input" in c.metadata.get("tags", []), c.id
            # outputs are the golden reference (lkjip golden); only tags are checked here
    headings = [
        line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines() if line.startswith("# ")
    ]
    assert headings, "each chapter opens with an h1"
