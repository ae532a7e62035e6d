"""The data contract (docs/ARCHITECTURE.md) as code: one schema per file of ``data/<office>/``.

A CSV table is described by a :class:`Table` (columns in order, each with a *kind*, the key, the
row checks); :func:`schema` turns it into a pandera ``DataFrameSchema``. Reading is two-step (see
``lkjip.load``): every cell is first parsed from text by :func:`parse_cell`, so that a bad cell is
reported with its exact row and column and a fix; pandera then checks what it checks well
(ranges, code sets, uniqueness of the key, row checks such as completed <= received).

A YAML file is described by a small spec (mappings, lists, scalar kinds) checked by
:func:`check_yaml`, which reports the line of the offending key.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandera.pandas as pa

# --- code sets ------------------------------------------------------------------------------
JENIS_KELAMIN = ("L", "P")
KELOMPOK_JABATAN = ("eselon_iii", "eselon_iv", "eselon_v", "jft", "jfu")
SATUAN = ("persen", "indeks")
POLARITAS = ("positif", "negatif", "rentang")
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
SELURUH = "seluruh"  # the `jenis` of a year that has only a total (layanan, tindakan_administratif)

YEAR_MIN, YEAR_MAX = 2000, 2100
CODE_RE = r"^[a-z0-9]+(_[a-z0-9]+)*$"

# --- cell kinds -------------------------------------------------------------------------------
# A column's kind says how its cells are written, the dtype once loaded, and the checks that
# every column of the kind gets (_kind_checks):
#   year, count, ordinal, money   whole numbers -> int64 (Int64 where empty = unknown is allowed)
#   number, percent, degrees      numbers -> float64 (NaN = unknown); percent is 0-100
#   text, code, nip, digits       text -> str; code is lower_snake_case, nip exactly 18 digits,
#                                 digits e.g. an account code (leading zeros kept)
INT_KINDS = {"year", "count", "ordinal", "money"}
FLOAT_KINDS = {"number", "percent", "degrees"}


def _kind_checks(kind: str) -> list[pa.Check]:
    if kind == "year":
        return [pa.Check.in_range(YEAR_MIN, YEAR_MAX, error=f"a year from {YEAR_MIN} to {YEAR_MAX}")]
    if kind == "count":
        return [pa.Check.ge(0, error="a count of 0 or more")]
    if kind == "ordinal":
        return [pa.Check.ge(1, error="a whole number of 1 or more")]
    if kind == "money":
        return [pa.Check.ge(0, error="an amount in rupiah of 0 or more")]
    if kind == "percent":
        return [pa.Check.in_range(0, 100, error="a number from 0 to 100")]
    if kind == "degrees":
        return [pa.Check.in_range(0, 180, error="decimal degrees from 0 to 180")]
    if kind == "code":
        return [pa.Check.str_matches(CODE_RE, error="a lower_snake_case code (a-z, 0-9 and _)")]
    return []


EXPECTED_CELL = {
    "year": "a year (whole number)",
    "count": "a whole number",
    "ordinal": "a whole number",
    "money": "a whole number of rupiah",
    "number": "a number",
    "percent": "a number",
    "degrees": "a number (decimal degrees)",
    "nip": "an NIP of exactly 18 digits",
    "digits": "a code made of digits",
    "text": "a value",
    "code": "a value",
}


def isin(values: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(list(values), error="one of " + ", ".join(values))


@dataclass(frozen=True)
class Col:
    """One column: its name, kind of cell, whether an empty cell (= unknown) is allowed."""

    name: str
    kind: str = "text"
    nullable: bool = False
    checks: tuple[pa.Check, ...] = ()

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

    def check(self) -> pa.Check:
        return pa.Check(self.ok, error=self.expected)


def not_more(part: str, whole: str, what: str) -> RowCheck:
    """``part`` <= ``whole`` in each row (missing values pass)."""
    return RowCheck(
        column=part,
        expected=f"{part} <= {whole} ({what})",
        ok=lambda d: ~(d[part] > d[whole]).fillna(False).astype(bool),
        found=lambda r: f"{part} {show(r[part])} > {whole} {show(r[whole])}",
        columns=(part, whole),
    )


@dataclass(frozen=True)
class Table:
    """One CSV file of the data folder."""

    name: str  # attribute of lkjip.load.Inputs
    file: str  # path inside the office folder; "{year}" is the reporting year
    columns: tuple[Col, ...]
    key: tuple[str, ...]
    rows_required: bool = True
    row_checks: tuple[RowCheck, ...] = ()
    description: str = ""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def col(self, name: str) -> Col:
        return next(c for c in self.columns if c.name == name)


def _t(name: str, cols: list[Col], key: tuple[str, ...], **kw: Any) -> Table:
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
        not_more("bujur_timur_min", "bujur_timur_max", "the west edge lies west of the east edge"),
        not_more("lintang_selatan_min", "lintang_selatan_max",
                 "the north edge lies north of the south edge"),
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
        C("polaritas", checks=(isin(POLARITAS),)),
        C("target", "percent"),
        C("target_renstra", "percent", nullable=True),
        C("jenis_realisasi", checks=(isin(JENIS_REALISASI),)),
    ], ("tahun", "kode")),
    _t("pk_anggaran", [
        TAHUN, C("dokumen", checks=(isin(DOKUMEN_PK),)), C("program"), C("kegiatan"),
        C("anggaran", "money"),
    ], ("tahun", "dokumen", "kegiatan")),
    _t("pk_lampiran", [
        TAHUN, C("no", "ordinal"), C("sasaran"), C("indikator"), C("target", "number"),
        C("satuan"), C("keterangan", nullable=True),
    ], ("tahun", "no")),
    _t("pro_yustisia", [TAHUN, C("ditangani", "count"), C("ditindaklanjuti", "count")],
       ("tahun",), row_checks=(
        not_more("ditindaklanjuti", "ditangani", "cases followed up cannot exceed cases handled"),)),
    _t("pro_yustisia_kasus", [
        TAHUN, C("no", "ordinal"), C("nama_tersangka"), C("kewarganegaraan", nullable=True),
        C("pasal", nullable=True), C("tahapan", nullable=True),
    ], ("tahun", "no"), rows_required=False),
    _t("tindakan_administratif", [
        TAHUN, C("jenis", "code"), C("ditangani", "count"), C("ditindaklanjuti", "count"),
    ], ("tahun", "jenis"), row_checks=(
        not_more("ditindaklanjuti", "ditangani", "actions completed cannot exceed actions handled"),)),
    _t("layanan", [TAHUN, C("jenis", "code"), C("diterima", "count"), C("diselesaikan", "count")],
       ("tahun", "jenis"), row_checks=(
        not_more("diselesaikan", "diterima", "applications completed cannot exceed those received"),)),
    _t("layanan_jenis", [C("jenis", "code"), C("nama")], ("jenis",)),
    _t("tak_jenis", [C("jenis", "code"), C("nama")], ("jenis",)),
    _t("rb_indikator", [
        TAHUN, C("triwulan", "ordinal", checks=(pa.Check.in_range(1, 4, error="a quarter 1 to 4"),)),
        C("no", "ordinal"), C("sasaran"), C("kegiatan"), C("indikator"), C("capaian", "percent"),
    ], ("tahun", "triwulan", "no")),
    _t("rb_aksi", [TAHUN, C("rencana", "count"), C("selesai", "count")], ("tahun",), row_checks=(
        not_more("selesai", "rencana", "actions completed cannot exceed actions planned"),)),
    _t("survei", [
        TAHUN, C("kode", "code"), C("nilai", "percent"), C("skala", "number", nullable=True),
        C("responden", "count", nullable=True), C("keterangan", nullable=True),
    ], ("tahun", "kode")),
    _t("rata_rata_nasional", [
        # capaian on the 0-100 scale: may exceed 100
        TAHUN, C("kode", "code"), C("rata_rata", "number", nullable=True,
                                    checks=(pa.Check.ge(0, error="a number of 0 or more"),)),
        C("keterangan", nullable=True),
    ], ("tahun", "kode")),
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
        C("figure", checks=(pa.Check.str_matches(
            r"^[a-z0-9_]+(\.[a-z0-9_\-]+)*$", error="a figure id such as ikk.<code>.realisasi"),)),
        # value empty: the report printed no number (e.g. a placeholder '...'); note says so
        C("published"), C("value", nullable=True), C("unit", checks=(isin(PUBLISHED_UNIT),)),
        C("where"), C("label", nullable=True), C("line", "ordinal"), C("note", nullable=True),
    ], ("figure", "line"), file="published/{year}.csv", row_checks=(RowCheck(
        column="note",
        expected="a note saying why 'value' is empty",
        ok=lambda d: d["value"].notna() | d["note"].notna(),
        found=lambda r: "an empty 'value' and an empty 'note'",
        columns=("value", "note"),
    ),)),
]}


def schema(table: Table, present: list[str] | None = None,
           loose: set[str] | frozenset[str] = frozenset()) -> pa.DataFrameSchema:
    """The pandera schema of a table, as loaded (dtypes after parsing).

    ``present``: only these columns (the others are missing from the file); ``loose``: columns
    where some cells could not be parsed, so they hold missing values (nullable dtype).
    Row checks and the key check apply only when all of their columns are present.
    """
    names = table.column_names if present is None else list(present)
    columns = {}
    for c in table.columns:
        if c.name not in names:
            continue
        dtype, nullable = c.dtype, c.nullable
        if c.name in loose:
            dtype, nullable = {"int64": "Int64"}.get(dtype, dtype), True
        columns[c.name] = pa.Column(dtype, checks=[*_kind_checks(c.kind), *c.checks],
                                    nullable=nullable)
    row_checks = [rc.check() for rc in table.row_checks
                  if {rc.column, *rc.columns} <= set(names)]
    key = list(table.key) if set(table.key) <= set(names) else None
    return pa.DataFrameSchema(columns, checks=row_checks, unique=key or None, ordered=True,
                              strict=False, name=table.name)


SCHEMAS: dict[str, pa.DataFrameSchema] = {name: schema(t) for name, t in TABLES.items()}


# --- parsing one cell ---------------------------------------------------------------------------
_INT_RE = re.compile(r"[+-]?\d+")
_FLOAT_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_ID_THOUSANDS_RE = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")  # 1.234.567 or 1.234,5
_ID_DECIMAL_RE = re.compile(r"[+-]?\d+,\d+")  # 92,29
_EN_THOUSANDS_RE = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")  # 1,234,567.5
FIX_NUMBER = "no thousands separator, '.' as decimal point"


@dataclass(frozen=True)
class CellError:
    expected: str
    found: str
    hint: str = ""


def _machine_form(text: str, whole: bool) -> str | None:
    """The machine way of writing ``text`` if it is a number written another way, else None."""
    t = text.replace(" ", "").replace("\u00a0", "")
    if t.lower().startswith("rp"):
        t = t[2:].lstrip(".")
    t = t.rstrip("%")
    if _ID_THOUSANDS_RE.fullmatch(t) and (whole or "," in t or t.count(".") > 1):
        return t.replace(".", "").replace(",", ".")
    if _ID_DECIMAL_RE.fullmatch(t):
        return t.replace(",", ".")
    if _EN_THOUSANDS_RE.fullmatch(t):
        return t.replace(",", "")
    if _FLOAT_RE.fullmatch(t) and t != text:
        return t  # only a unit or spaces were in the way
    return None


def _hint_for(text: str, fixed: str) -> str:
    extras = []
    if text.replace(" ", "").lower().startswith("rp"):
        extras.append("the number only, without 'Rp'")
    if text.rstrip().endswith("%"):
        extras.append("the number only, without '%'")
    return f"write {fixed}: " + "; ".join([*extras, FIX_NUMBER])


def _number_error(kind: str, text: str, whole: bool) -> CellError:
    expected = EXPECTED_CELL[kind]
    fixed = _machine_form(text, whole)
    if fixed is not None:
        return CellError(expected, f"'{text}'", _hint_for(text, fixed))
    return CellError(expected, f"'{text}'")


def parse_cell(kind: str, text: str) -> tuple[Any, CellError | None]:
    """Parse one stripped, non-empty cell of the given kind: (value, None) or (None, error)."""
    if kind in INT_KINDS:
        if _INT_RE.fullmatch(text):
            return int(text), None
        if _FLOAT_RE.fullmatch(text) and "." in text and not _ID_THOUSANDS_RE.fullmatch(text):
            value = float(text)
            if math.isfinite(value) and value == int(value):
                return None, CellError(EXPECTED_CELL[kind], f"'{text}'", f"write {int(value)}")
            return None, CellError(EXPECTED_CELL[kind], f"'{text}' (not a whole number)")
        return None, _number_error(kind, text, whole=True)
    if kind in FLOAT_KINDS:
        if _FLOAT_RE.fullmatch(text):
            return float(text), None
        return None, _number_error(kind, text, whole=False)
    if kind == "nip":
        if re.fullmatch(r"\d{18}", text):
            return text, None
        digits = re.sub(r"\D", "", text)
        if re.fullmatch(r"[\d.,]+[eE][+]?\d+", text):
            return None, CellError(EXPECTED_CELL["nip"], f"'{text}' (a number in scientific notation)",
                                   "format the column as Text in the spreadsheet and type the "
                                   "18 digits again")
        if re.fullmatch(r"[\d\s.\-]+", text) and len(digits) == 18:
            return None, CellError(EXPECTED_CELL["nip"], f"'{text}'", f"write {digits}: digits only")
        return None, CellError(EXPECTED_CELL["nip"], f"'{text}' ({len(digits)} digits)",
                               "check the NIP against the source")
    if kind == "digits":
        if text.isascii() and text.isdigit():
            return text, None
        return None, CellError(EXPECTED_CELL["digits"], f"'{text}'")
    return text, None


def show(value: Any) -> str:
    """A value as a message shows it."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    try:
        if value is None or value != value:  # NaN / NA
            return "an empty cell"
    except (TypeError, ValueError):
        return "an empty cell"
    return str(value)


# --- NIP ---------------------------------------------------------------------------------------
def nip_findings(nip: str, jenis_kelamin: str | None = None) -> list[str]:
    """What is impossible about an 18-digit NIP (empty if nothing).

    An NIP is: birth date YYYYMMDD, TMT (start as civil servant) YYYYMM, sex digit (1 = L,
    2 = P), a 3-digit sequence number.
    """
    findings = []
    born = None
    try:
        born = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        findings.append(f"birth date '{nip[0:8]}' (digits 1-8, YYYYMMDD) is not a valid date")
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= tmt_month <= 12) or not (1940 <= tmt_year <= YEAR_MAX):
        findings.append(f"TMT '{nip[8:14]}' (digits 9-14, YYYYMM) is not a valid year and month")
    elif born is not None:
        months = (tmt_year - born.year) * 12 + (tmt_month - born.month)
        if months < 17 * 12:
            findings.append(f"TMT '{nip[8:14]}' is at age {months // 12}, before age 17")
    sex = nip[14]
    if sex not in "12":
        findings.append(f"sex digit (15th) is '{sex}', not 1 (L) or 2 (P)")
    elif jenis_kelamin in JENIS_KELAMIN and {"1": "L", "2": "P"}[sex] != jenis_kelamin:
        findings.append(f"sex digit (15th) '{sex}' does not match jenis_kelamin '{jenis_kelamin}'")
    return findings


# --- YAML specs ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scalar:
    """A scalar of a kind: text, opt_text, int, year, isodate, date, nip, code, code_dash, any."""

    kind: str = "text"
    nullable: bool = False  # an empty value (= unknown) is allowed


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys are codes (e.g. indicator codes), each value following ``spec``."""

    spec: Any


@dataclass(frozen=True)
class ListOf:
    """A list of items following ``spec``; ``min_items`` items at least."""

    spec: Any
    min_items: int = 0


TEXT = Scalar("text")
TEXTS = ListOf(TEXT)
# A dict spec maps key -> spec; a key ending in "?" is optional.

PERSON = {"nama": TEXT, "nip": Scalar("nip"), "jabatan": TEXT}

YAML_FILES: dict[str, tuple[str, dict]] = {
    "kantor": ("kantor.yaml", {
        "nama": TEXT, "nama_singkat": TEXT, "kelas": TEXT, "alamat": TEXT, "kota": TEXT,
        "laman": TEXT, "surel": TEXT, "kantor_wilayah": TEXT, "direktorat_jenderal": TEXT,
        "kementerian": TEXT, "kepala": PERSON,
        "penandatangan_pk": {"pihak_pertama": PERSON, "pihak_kedua": PERSON, "tempat": TEXT,
                             "tanggal": Scalar("date")},
        "sejarah": ListOf({"tanggal": Scalar("date"), "peristiwa": TEXT, "dasar?": Scalar("opt_text")}),
    }),
    "organisasi": ("organisasi.yaml", {
        "unit": ListOf({"kode": Scalar("code"), "nama": TEXT, "tugas": TEXT, "fungsi?": TEXTS,
                        "subunit?": ListOf({"nama": TEXT, "tugas": TEXT})}, 1),
    }),
    "renstra": ("renstra.yaml", {
        "periode": TEXT, "dasar": TEXT, "visi": TEXT, "misi": ListOf(TEXT, 1),
        "tujuan": ListOf(TEXT, 1),
        "sasaran_strategis": ListOf({"kode": Scalar("code"), "uraian": TEXT}, 1),
        "tata_nilai": ListOf({"nama": TEXT, "kepanjangan?": TEXT, "uraian": TEXT}),
        "program": ListOf(TEXT, 1),
    }),
    "inovasi": ("inovasi.yaml", {
        "inovasi": ListOf({"nama": TEXT, "uraian": TEXT, "tahun": Scalar("year", nullable=True),
                           "kelompok": TEXT}),
    }),
    "capaian_lain": ("capaian_lain.yaml", {
        "capaian": ListOf({"tahun": Scalar("year", nullable=True), "judul": TEXT, "uraian": TEXT,
                           "sumber?": TEXT}),
    }),
    "narasi": ("narasi/{year}.yaml", {
        "indikator": MapOf({"faktor_keberhasilan": TEXTS, "kendala": TEXTS, "solusi": TEXTS,
                            "program_pendukung": TEXTS}),
        "sasaran": MapOf({"mitigasi_risiko": TEXTS}),
        "isu_strategis": TEXTS,
        "efisiensi": {"anggaran": TEXTS, "sdm": TEXTS, "aset": TEXTS},
        "rekomendasi": TEXTS, "strategi_anggaran": TEXTS, "penyebab_serapan": TEXTS,
    }),
}

PARAMS_SPEC = {
    "year": Scalar("year"), "office": Scalar("code_dash"), "nomor_laporan": TEXT,
    "tanggal_laporan": Scalar("isodate"), "tempat": TEXT, "penandatangan": PERSON,
    "tujuan_surat": {"kepada": TEXT, "up": TEXT, "tempat": TEXT}, "lampiran_surat": TEXT,
}
DEFAULTS_SPEC = {"default_year": Scalar("year"), "office": Scalar("code_dash"), **{
    f"{k}?": v for k, v in PARAMS_SPEC.items() if k not in ("year", "office")}}


@dataclass
class YamlFinding:
    line: int | None
    path: str
    expected: str
    found: str
    hint: str = ""
    severity: str = "error"


def _plain(value: Any) -> Any:
    """YAML data with line numbers as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{show(value) if not isinstance(value, str) else repr(value)}"


def _scalar_ok(kind: str, value: Any) -> tuple[bool, str, Any]:
    """(ok, expected, normalised value)."""
    if kind == "text":
        ok = isinstance(value, str) and value.strip() != ""
        return ok, "a text", value
    if kind == "opt_text":  # may be empty
        return value is None or isinstance(value, str), "a text (may be empty)", value or ""
    if kind in ("int", "year"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if kind == "year":
            ok = ok and YEAR_MIN <= value <= YEAR_MAX
            return ok, f"a year from {YEAR_MIN} to {YEAR_MAX}", value
        return ok, "a whole number", value
    if kind == "nip":
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        ok = isinstance(text, str) and re.fullmatch(r"\d{18}", text) is not None
        return ok, "an NIP of exactly 18 digits (quoted)", text
    if kind == "code":
        ok = isinstance(value, str) and re.fullmatch(CODE_RE, value) is not None
        return ok, "a lower_snake_case code", value
    if kind == "code_dash":  # office ids such as kanim-pamekasan
        ok = isinstance(value, str) and re.fullmatch(r"[a-z0-9]+([_-][a-z0-9]+)*", value) is not None
        return ok, "an id such as kanim-pamekasan", value
    if kind == "isodate":
        if isinstance(value, dt.date):
            return True, "", value
        try:
            return True, "", dt.date.fromisoformat(str(value))
        except ValueError:
            return False, "an ISO date (YYYY-MM-DD)", value
    if kind == "date":  # an ISO date, or the date as printed
        ok = isinstance(value, dt.date) or (isinstance(value, str) and value.strip() != "")
        return ok, "a date (YYYY-MM-DD) or the date as printed", value
    return True, "", _plain(value)


def check_yaml(value: Any, spec: Any, lines: Callable[[Any, Any], int | None],
               path: str = "", line: int | None = None) -> tuple[Any, list[YamlFinding]]:
    """Check ``value`` against ``spec``; return the plain value (dicts/lists) and the findings.

    ``lines(container, key)`` gives the line of a key of a mapping (or an item of a list).
    """
    out: list[YamlFinding] = []
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return value, [YamlFinding(line, path or "(top)", "a mapping of keys", _type_name(value))]
        plain = {}
        for raw_key, sub in spec.items():
            key = raw_key.rstrip("?")
            where = f"{path}.{key}" if path else key
            if key not in value:
                if not raw_key.endswith("?"):
                    out.append(YamlFinding(line, where, f"a key '{key}'", "no such key",
                                           f"add '{key}:'" + (f" under '{path}'" if path else "")))
                continue
            plain[key], found = check_yaml(value[key], sub, lines, where, lines(value, key))
            out.extend(found)
        for key in value:  # keys beyond the contract are kept (the contract lists the minimum)
            if key not in plain and f"{key}?" not in spec:
                plain[key] = _plain(value[key])
        return plain, out
    if isinstance(spec, MapOf):
        if not isinstance(value, dict):
            return value, [YamlFinding(line, path, "a mapping of codes", _type_name(value))]
        plain = {}
        for key, item in value.items():
            where = f"{path}.{key}"
            if not (isinstance(key, str) and re.fullmatch(CODE_RE, key)):
                out.append(YamlFinding(lines(value, key), where, "a lower_snake_case code as key",
                                       repr(key)))
            plain[key], found = check_yaml(item, spec.spec, lines, where, lines(value, key))
            out.extend(found)
        return plain, out
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            return value, [YamlFinding(line, path, "a list (items starting with '- ')",
                                       _type_name(value))]
        if len(value) < spec.min_items:
            out.append(YamlFinding(line, path, f"at least {spec.min_items} item(s)", "an empty list"))
        plain_list = []
        for i, item in enumerate(value):
            p, found = check_yaml(item, spec.spec, lines, f"{path}[{i + 1}]", lines(value, i))
            plain_list.append(p)
            out.extend(found)
        return plain_list, out
    if isinstance(spec, Scalar):
        if value is None and spec.nullable:
            return None, []
        ok, expected, normal = _scalar_ok(spec.kind, value)
        if not ok:
            return value, [YamlFinding(line, path, expected, _type_name(value))]
        return normal, []
    return value, []
