"""The CSV tables of the data folder (docs/ARCHITECTURE.md) as code: one :class:`Table` per file.

A table is described by its columns in order (each with a *kind*, see
:mod:`lkjip.inputs.cells`), its key and its row checks; :mod:`lkjip.inputs.skema` turns it into
a pandera ``DataFrameSchema``. Reading is two-step (:mod:`lkjip.inputs.csv_table`): every cell
is first parsed from text, so that a bad cell is reported with its exact row and column and a
fix; pandera then checks what it checks well (ranges, code sets, uniqueness of the key, row
checks such as completed <= received). This module is the contract only: it does not import
pandera, so that a process that reads tables already validated (a build's kernels,
:mod:`lkjip.inputs.load`) does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lkjip.inputs.cells import CODE_RE, FLOAT_KINDS, INT_KINDS, YEAR_MAX, YEAR_MIN, show

# --- code sets ------------------------------------------------------------------------------
JENIS_KELAMIN = ("L", "P")
KELOMPOK_JABATAN = ("eselon_iii", "eselon_iv", "eselon_v", "jft", "jfu")
SATUAN = ("persen", "indeks")
POLARITAS = ("positif", "negatif", "rentang")
# How an indicator's realisasi is measured, and the table its base facts are in:
#   rasio, rencana_aksi   pembilang / penyebut x 100, from realisasi.csv
#   indeks_survei         a survey value on its scale, as a 1-4 index, from survei.csv
JENIS_REALISASI = ("rasio", "indeks_survei", "rencana_aksi")
DOKUMEN_PK = ("pk", "pk_lampiran")
JENIS_BELANJA = ("pegawai", "barang", "modal")
SUMBER_DANA = ("rm", "pnbp")
SMART_KOMPONEN = ("nilai_kinerja", "penyerapan", "konsistensi", "capaian_keluaran", "efisiensi",
                  "nilai_efisiensi")
IKPA_KOMPONEN = ("revisi_dipa", "deviasi_halaman_iii", "penyerapan_anggaran", "belanja_kontraktual",
                 "penyelesaian_tagihan", "pengelolaan_up_tup", "dispensasi_spm", "capaian_output")
IKPA_NILAI_AKHIR = "nilai_akhir"  # the one row of a year that has only a final value
NKA_KOMPONEN = ("perencanaan", "pelaksanaan", "nilai")
PUBLISHED_UNIT = ("persen", "rupiah", "indeks", "jumlah", "kategori", "nilai")
SELURUH = "seluruh"  # the `rincian` of a year that has only a total (realisasi.csv)



# A check's message (pandera's ``error``) -> what was expected and the hint, said to analysts.
CHECK_HINTS: dict[str, tuple[str, str]] = {}


def said(expected: str, hint: str) -> str:
    """Register the hint of a check whose message is ``expected``; return the message."""
    CHECK_HINTS[expected] = (expected, hint)
    return expected


@dataclass(frozen=True)
class Cek:
    """A check of a column's cells: pandera's ``Check.<name>(*args)``, whose failure is said to
    analysts as ``expected`` (with the hint registered by :func:`said`)."""

    name: str  # in_range, ge, gt, le, isin, str_matches
    args: tuple[Any, ...]
    expected: str


def cek(name: str, *args: Any, error: str) -> Cek:
    return Cek(name, args, error)


def kind_checks(kind: str) -> list[Cek]:
    if kind == "year":
        return [cek("in_range", YEAR_MIN, YEAR_MAX, error=said(
            f"tahun antara {YEAR_MIN} dan {YEAR_MAX}", "tulis tahunnya dengan empat angka, mis. 2024"))]
    if kind == "count":
        return [cek("ge", 0, error=said("bilangan 0 atau lebih",
                                          "jumlah tidak bisa negatif: periksa angkanya"))]
    if kind == "ordinal":
        return [cek("ge", 1, error=said("bilangan bulat 1 atau lebih", "nomor urut dimulai dari 1"))]
    if kind == "money":
        return [cek("ge", 0, error=said("jumlah rupiah 0 atau lebih",
                                          "jumlah rupiah tidak bisa negatif: periksa angkanya"))]
    if kind == "percent":
        return [cek("in_range", 0, 100, error=said(
            "angka 0 sampai 100", "persen ditulis 0 sampai 100, mis. 92.5 (bukan 0.925)"))]
    if kind == "degrees":
        return [cek("in_range", 0, 180, error=said(
            "derajat desimal 0 sampai 180", "tulis koordinat dalam derajat desimal, mis. 113.25"))]
    if kind == "code":
        return [cek("str_matches", CODE_RE, error=said(
            "kode huruf kecil (a-z, 0-9, dan _)",
            "mis. paspor_tepat_waktu: huruf kecil tanpa spasi, kata dipisah garis bawah (_)"))]
    return []


def isin(values: tuple[str, ...]) -> Cek:
    return cek("isin", tuple(values), error=said(
        "salah satu dari: " + ", ".join(values), "tulis persis salah satu nilai itu"))


@dataclass(frozen=True)
class Col:
    """One column: its name, kind of cell, whether an empty cell (= unknown) is allowed."""

    name: str
    kind: str = "text"
    nullable: bool = False
    checks: tuple[Cek, ...] = ()

    @property
    def dtype(self) -> str:
        if self.kind in INT_KINDS:
            return "Int64" if self.nullable else "int64"
        if self.kind in FLOAT_KINDS:
            return "float64"
        return "str"


@dataclass(frozen=True)
class RowCheck:
    """A check across the cells of one row, e.g. completed <= received."""

    column: str  # the column the finding is reported on
    expected: str
    ok: Callable[[Any], Any]  # DataFrame -> boolean Series, True where the row is fine
    found: Callable[[Any], str]  # one row (a Series) -> what was found
    columns: tuple[str, ...] = ()  # every column the check reads
    hint: str = ""


def not_more(part: str, whole: str, what: str, hint: str) -> RowCheck:
    """``part`` <= ``whole`` in each row (missing values pass)."""
    return RowCheck(
        column=part,
        expected=f"{part} tidak melebihi {whole} ({what})",
        ok=lambda d: ~(d[part] > d[whole]).fillna(False).astype(bool),
        found=lambda r: f"{part} {show(r[part])} > {whole} {show(r[whole])}",
        columns=(part, whole),
        hint=hint,
    )


def words_of(column: str, example: str) -> RowCheck:
    """The words for what a rasio or rencana_aksi indicator counts (pembilang, penyebut)."""
    return RowCheck(
        column=column,
        expected=f"uraian {column} (apa yang dihitung) untuk indikator berjenis rasio atau "
                 "rencana_aksi",
        ok=lambda d: (d["jenis_realisasi"] == "indeks_survei") | d[column].notna(),
        found=lambda r: f"{column} kosong, jenis_realisasi '{r['jenis_realisasi']}'",
        columns=("jenis_realisasi", column),
        hint=f"tulis apa yang dihitung, mis. '{example}'; indikator survei memakai jenis_realisasi "
             "indeks_survei",
    )


@dataclass(frozen=True)
class Table:
    """One CSV file of the data folder."""

    name: str  # attribute of lkjip.inputs.Inputs
    file: str  # path inside the office folder; "{year}" is the reporting year
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    rows_required: bool = True
    optional: bool = False  # an office without the file has an empty table (the report says so)
    row_checks: tuple[RowCheck, ...] = ()
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


# Tables an office may lack (no file, or only the header): the report then leaves the part out or
# says in a sentence that the data is not there. The others are the office's profile and its PK.
OPTIONAL = {"pk_anggaran", "pk_lampiran", "realisasi", "rincian", "kasus", "rencana_aksi_triwulan",
            "survei", "rata_rata_nasional", "banding", "anggaran_jenis_belanja", "anggaran_sumber_dana",
            "anggaran_tambahan", "anggaran_sasaran", "anggaran_indikator", "pnbp", "pnbp_target",
            "smart", "ikpa", "nka"}


def _t(name: str, cols: list[Col], key: tuple[str, ...], **kw: Any) -> Table:
    if name in OPTIONAL:
        kw.update(optional=True, rows_required=False)
    return Table(name=name, file=kw.pop("file", f"{name}.csv"), columns=tuple(cols), key=key, **kw)


C = Col
TAHUN = C("tahun", "year")

TABLES: dict[str, Table] = {t.name: t for t in [
    _t("kabupaten", [
        C("kabupaten"),
        C("bujur_timur_min", "degrees"), C("bujur_timur_max", "degrees"),
        C("lintang_selatan_min", "degrees"), C("lintang_selatan_max", "degrees"),
        C("koordinat_tertulis"),
        C("batas_utara"), C("batas_selatan"), C("batas_barat"), C("batas_timur"),
        C("jumlah_kecamatan_tertulis", "count"),
        C("keterangan", nullable=True),
    ], ("kabupaten",), row_checks=(
        not_more("bujur_timur_min", "bujur_timur_max", "batas barat di sebelah barat batas timur",
                 "kedua angka mungkin tertukar"),
        not_more("lintang_selatan_min", "lintang_selatan_max",
                 "batas utara di sebelah utara batas selatan", "kedua angka mungkin tertukar"),
    )),
    _t("kecamatan", [C("kabupaten"), C("urutan", "ordinal"), C("kecamatan")],
       ("kabupaten", "kecamatan")),
    _t("pegawai", [
        C("no", "ordinal"), C("nama"),
        C("jenis_kelamin", checks=(isin(JENIS_KELAMIN),)),
        C("nip", "nip"), C("jabatan"),
        C("kelompok_jabatan", checks=(isin(KELOMPOK_JABATAN),)),
    ], ("nip",)),
    _t("sasaran", [TAHUN, C("kode", "code"), C("urutan", "ordinal"), C("sasaran")],
       ("tahun", "kode")),
    _t("indikator", [
        TAHUN, C("kode", "code"), C("sasaran", "code"), C("urutan", "ordinal"), C("indikator"),
        C("satuan", checks=(isin(SATUAN),)),
        C("desimal", "count", checks=(cek("le", 4, error=said(
            "0 sampai 4 angka desimal", "jumlah angka di belakang tanda desimal yang ditampilkan di "
            "laporan, biasanya 2")),)),
        C("polaritas", checks=(isin(POLARITAS),)),
        C("target", "number"),
        C("target_atas", "number", nullable=True),
        C("target_renstra", "number", nullable=True),
        C("jenis_realisasi", checks=(isin(JENIS_REALISASI),)),
        C("pembilang", nullable=True), C("penyebut", nullable=True), C("rincian", nullable=True),
    ], ("tahun", "kode"), row_checks=(
        not_more("target", "target_atas", "batas bawah rentang target tidak di atas batas atasnya",
                 "target adalah batas bawah rentang, target_atas batas atasnya"),
        RowCheck(column="target_atas",
                 expected="batas atas (target_atas) untuk target berpolaritas 'rentang'",
                 ok=lambda d: (d["polaritas"] != "rentang") | d["target_atas"].notna(),
                 found=lambda r: "polaritas 'rentang' dengan target_atas kosong",
                 columns=("polaritas", "target_atas"),
                 hint="isi target_atas dengan batas atas rentang target (target = batas bawah), "
                      "atau ubah polaritasnya"),
        RowCheck(column="target_atas",
                 expected="target_atas kosong untuk polaritas 'positif' atau 'negatif'",
                 ok=lambda d: (d["polaritas"] == "rentang") | d["target_atas"].isna(),
                 found=lambda r: f"polaritas '{r['polaritas']}' dengan target_atas "
                                 f"{show(r['target_atas'])}",
                 columns=("polaritas", "target_atas"),
                 hint="kosongkan target_atas, atau ubah polaritas menjadi 'rentang' bila targetnya "
                      "sebuah rentang"),
        words_of("pembilang", "permohonan yang diselesaikan"),
        words_of("penyebut", "permohonan yang diterima"),
    )),
    _t("pk_anggaran", [
        TAHUN, C("dokumen", checks=(isin(DOKUMEN_PK),)), C("program"), C("kegiatan"),
        C("anggaran", "money"),
    ], ("tahun", "dokumen", "kegiatan")),
    _t("pk_lampiran", [
        TAHUN, C("no", "ordinal"), C("sasaran"), C("indikator"), C("target", "number"),
        C("satuan"), C("keterangan", nullable=True),
    ], ("tahun", "no")),
    _t("realisasi", [
        TAHUN, C("indikator", "code"), C("rincian", "code"), C("pembilang", "count"),
        C("penyebut", "count"),
    ], ("tahun", "indikator", "rincian"), row_checks=(
        not_more("pembilang", "penyebut", "yang dihitung adalah bagian dari keseluruhannya",
                 "periksa kedua angka; mungkin tertukar"),)),
    _t("rincian", [C("indikator", "code"), C("kode", "code"), C("nama")], ("indikator", "kode")),
    _t("kasus", [
        TAHUN, C("indikator", "code"), C("no", "ordinal"), C("nama"), C("kewarganegaraan", nullable=True),
        C("pasal", nullable=True), C("tahapan", nullable=True),
    ], ("tahun", "indikator", "no")),
    _t("rencana_aksi_triwulan", [
        TAHUN, C("indikator", "code"),
        C("triwulan", "ordinal", checks=(cek("in_range", 1, 4, error=said(
            "triwulan 1 sampai 4", "tulis nomor triwulannya: 1, 2, 3, atau 4")),)),
        C("no", "ordinal"), C("sasaran"), C("kegiatan"), C("uraian"), C("capaian", "percent"),
    ], ("tahun", "indikator", "triwulan", "no")),
    _t("survei", [
        TAHUN, C("indikator", "code"), C("nilai", "number", checks=(cek("ge", 0, error=said(
            "nilai survei 0 atau lebih", "nilai survei tidak bisa negatif: periksa angkanya")),)),
        C("skala", "number", checks=(cek("gt", 0, error=said(
            "skala di atas 0, mis. 100 atau 4",
            "skala adalah nilai tertinggi survei: 100 untuk skala 0-100, 4 untuk skala 1-4")),)),
        C("responden", "count", nullable=True), C("keterangan", nullable=True),
    ], ("tahun", "indikator"), row_checks=(
        not_more("nilai", "skala", "nilai survei berada pada skalanya",
                 "periksa skala yang dipakai survei: skala 100 untuk nilai 0-100, skala 4 untuk "
                 "nilai 1-4"),)),
    _t("rata_rata_nasional", [
        # capaian on the 0-100 scale: may exceed 100
        TAHUN, C("indikator", "code"), C("rata_rata", "number", nullable=True, checks=(
            cek("ge", 0, error=said("capaian rata-rata 0 atau lebih",
                                      "capaian tidak bisa negatif: periksa angkanya")),)),
        C("keterangan", nullable=True),
    ], ("tahun", "indikator")),
    # written by `lkjip batch --banding`: the mean capaian of the batch's offices that measured
    # the indicator; `kelompok` names the group as printed after "rata-rata" ("nasional" only for a
    # batch declared national)
    _t("banding", [
        TAHUN, C("indikator", "code"), C("kelompok"), C("jumlah_kantor", "ordinal"),
        C("rata_rata", "number", checks=(cek("ge", 0, error=said(
            "capaian rata-rata 0 atau lebih", "capaian tidak bisa negatif: periksa angkanya")),)),
    ], ("tahun", "indikator")),
    _t("anggaran_jenis_belanja", [
        TAHUN, C("jenis_belanja", checks=(isin(JENIS_BELANJA),)), C("pagu", "money"),
        C("realisasi", "money"),
    ], ("tahun", "jenis_belanja")),
    _t("anggaran_sumber_dana", [
        TAHUN, C("sumber_dana", checks=(isin(SUMBER_DANA),)), C("pagu", "money"),
    ], ("tahun", "sumber_dana")),
    _t("anggaran_tambahan", [TAHUN, C("uraian"), C("jumlah", "money")], ("tahun", "uraian")),
    _t("anggaran_sasaran", [TAHUN, C("sasaran", "code"), C("pagu", "money"),
                            C("realisasi", "money")], ("tahun", "sasaran")),
    _t("anggaran_indikator", [TAHUN, C("indikator", "code"), C("pagu", "money"),
                              C("realisasi", "money")], ("tahun", "indikator")),
    _t("pnbp", [TAHUN, C("kode_akun", "digits"), C("uraian"), C("jumlah", "money")],
       ("tahun", "kode_akun")),
    _t("pnbp_target", [TAHUN, C("target", "money")], ("tahun",)),
    _t("smart", [TAHUN, C("komponen", checks=(isin(SMART_KOMPONEN),)), C("nilai", "percent")],
       ("tahun", "komponen")),
    _t("ikpa", [
        TAHUN, C("komponen", checks=(isin((*IKPA_KOMPONEN, IKPA_NILAI_AKHIR)),)),
        C("nilai", "percent"),
    ], ("tahun", "komponen")),
    _t("nka", [TAHUN, C("komponen", checks=(isin(NKA_KOMPONEN),)), C("nilai", "percent")],
       ("tahun", "komponen")),
    _t("published", [
        C("figure", checks=(cek("str_matches",
            r"^[a-z0-9_]+(\.[a-z0-9_\-]+)*$", error=said(
                "id angka seperti ikk.<kode>.realisasi",
                "tulis id angka seperti dicetak oleh 'lkjip figures'")),)),
        # value empty: the report printed no number (e.g. a placeholder '...'); note says so
        C("published"), C("value", nullable=True), C("unit", checks=(isin(PUBLISHED_UNIT),)),
        C("where"), C("label", nullable=True), C("line", "ordinal"), C("note", nullable=True),
    ], ("figure", "line"), file="published/{year}.csv", row_checks=(RowCheck(
        column="note",
        expected="catatan (note) yang menjelaskan mengapa 'value' kosong",
        ok=lambda d: d["value"].notna() | d["note"].notna(),
        found=lambda r: "'value' dan 'note' kosong",
        columns=("value", "note"),
        hint="isi value dengan angka yang terbit, atau jelaskan di note mengapa tidak ada angkanya",
    ),)),
]}
