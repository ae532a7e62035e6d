"""The YAML files of the data folder and the params: their specs (mappings, lists, scalar kinds)
and :func:`check_yaml`, which reports the line of the offending key."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lkjip.inputs.cells import CODE_RE, YEAR_MAX, YEAR_MIN, show


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
        "aspek_strategis?": ListOf({"judul": TEXT, "uraian": TEXT}),
        "landasan_hukum?": TEXTS,
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
        return "nilai kosong"
    if isinstance(value, dict):
        return "pemetaan (kunci: nilai)"
    if isinstance(value, list):
        return "daftar"
    return f"{show(value) if not isinstance(value, str) else repr(value)}"


# kind of scalar -> (what it should be, how to write it), said to analysts
SCALAR_SAID = {
    "text": ("teks", "tulis teksnya setelah titik dua; apit dengan tanda petik bila memuat ': '"),
    "opt_text": ("teks (boleh kosong)", "tulis teksnya, atau biarkan kosong"),
    "int": ("bilangan bulat", "tulis angkanya saja, mis. 3"),
    "year": (f"tahun antara {YEAR_MIN} dan {YEAR_MAX}", "tulis tahunnya, mis. 2024"),
    "nip": ("NIP tepat 18 angka di antara tanda petik",
            'tulis NIP di antara tanda petik, mis. nip: "198003152005012002"'),
    "code": ("kode huruf kecil (a-z, 0-9, dan _)",
             "mis. paspor_tepat_waktu: huruf kecil tanpa spasi, kata dipisah garis bawah (_)"),
    "code_dash": ("kode kantor seperti kanim-pamekasan",
                  "huruf kecil dan angka, kata dipisah tanda hubung (-), sama dengan nama folder "
                  "data kantornya"),
    "isodate": ("tanggal ISO (TTTT-BB-HH)", "mis. 2025-01-10"),
    "date": ("tanggal (TTTT-BB-HH) atau tanggal seperti tercetak",
             "mis. 2024-01-15 atau '15 Januari 2024'"),
}


def _scalar_ok(kind: str, value: Any) -> tuple[bool, Any]:
    """(ok, normalised value)."""
    if kind == "text":
        return isinstance(value, str) and value.strip() != "", value
    if kind == "opt_text":  # may be empty
        return value is None or isinstance(value, str), value or ""
    if kind in ("int", "year"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if kind == "year":
            ok = ok and YEAR_MIN <= value <= YEAR_MAX
        return ok, value
    if kind == "nip":
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        return isinstance(text, str) and re.fullmatch(r"[0-9]{18}", text) is not None, text
    if kind == "code":
        return isinstance(value, str) and re.fullmatch(CODE_RE, value) is not None, value
    if kind == "code_dash":  # office ids such as kanim-pamekasan
        return (isinstance(value, str)
                and re.fullmatch(r"[a-z0-9]+([_-][a-z0-9]+)*", value) is not None), value
    if kind == "isodate":
        if isinstance(value, dt.date):
            return True, value
        try:
            return True, dt.date.fromisoformat(str(value))
        except ValueError:
            return False, value
    if kind == "date":  # an ISO date, or the date as printed
        return isinstance(value, dt.date) or (isinstance(value, str) and value.strip() != ""), value
    return True, _plain(value)


MAPPING_HINT = "tulis 'kunci: nilai', setiap kunci di baris sendiri, menjorok dua spasi di bawah induknya"
LIST_HINT = "tulis setiap butir di baris sendiri diawali '- ', atau [] untuk daftar kosong"


def check_yaml(value: Any, spec: Any, lines: Callable[[Any, Any], int | None],
               path: str = "", line: int | None = None) -> tuple[Any, list[YamlFinding]]:
    """Check ``value`` against ``spec``; return the plain value (dicts/lists) and the findings.

    ``lines(container, key)`` gives the line of a key of a mapping (or an item of a list).
    """
    out: list[YamlFinding] = []
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return value, [YamlFinding(line, path or "(atas)", "pemetaan kunci: nilai",
                                       _type_name(value), MAPPING_HINT)]
        plain = {}
        for raw_key, sub in spec.items():
            key = raw_key.rstrip("?")
            where = f"{path}.{key}" if path else key
            if key not in value:
                if not raw_key.endswith("?"):
                    out.append(YamlFinding(line, where, f"kunci '{key}'", "kunci itu tidak ada",
                                           f"tambahkan '{key}:'"
                                           + (f" di bawah '{path}'" if path else "")))
                else:  # an optional key left out reads as empty, so templates may test it
                    plain[key] = None
                continue
            plain[key], found = check_yaml(value[key], sub, lines, where, lines(value, key))
            out.extend(found)
        for key in value:  # keys beyond the contract are kept (the contract lists the minimum)
            if key not in plain and f"{key}?" not in spec:
                plain[key] = _plain(value[key])
        return plain, out
    if isinstance(spec, MapOf):
        if not isinstance(value, dict):
            return value, [YamlFinding(line, path, "pemetaan kode: isian", _type_name(value),
                                       MAPPING_HINT + "; tulis {} bila kosong")]
        plain = {}
        for key, item in value.items():
            where = f"{path}.{key}"
            if not (isinstance(key, str) and re.fullmatch(CODE_RE, key)):
                out.append(YamlFinding(lines(value, key), where,
                                       "kode huruf kecil (a-z, 0-9, dan _) sebagai kunci", repr(key),
                                       "kuncinya adalah kode indikator atau sasaran, mis. "
                                       "paspor_tepat_waktu"))
            plain[key], found = check_yaml(item, spec.spec, lines, where, lines(value, key))
            out.extend(found)
        return plain, out
    if isinstance(spec, ListOf):
        if not isinstance(value, list):
            return value, [YamlFinding(line, path, "daftar (butir diawali '- ')",
                                       _type_name(value), LIST_HINT)]
        if len(value) < spec.min_items:
            out.append(YamlFinding(line, path, f"sedikitnya {spec.min_items} butir", "daftar kosong",
                                   "tambahkan butirnya, masing-masing diawali '- '"))
        plain_list = []
        for i, item in enumerate(value):
            p, found = check_yaml(item, spec.spec, lines, f"{path}[{i + 1}]", lines(value, i))
            plain_list.append(p)
            out.extend(found)
        return plain_list, out
    if isinstance(spec, Scalar):
        if value is None and spec.nullable:
            return None, []
        ok, normal = _scalar_ok(spec.kind, value)
        if not ok:
            expected, hint = SCALAR_SAID[spec.kind]
            return value, [YamlFinding(line, path, expected, _type_name(value), hint)]
        return normal, []
    return value, []
