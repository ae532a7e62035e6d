"""``lkjip check``: every malformed input gives exit 2 and a message naming file, row and column.

Each case edits a temporary copy of the repository's data and params (the ``workspace``
fixture) and runs the command in-process; one test runs the installed command for real.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from lkjip.cli import main

OFFICE = "kanim-pamekasan"
NIP_ROW = 36  # pegawai.csv: no. 35, NIP 199610242201901001 (TMT '220190' is impossible)


def run_check(ws, capsys, *extra: str, year: int = 2024) -> tuple[int, str, str]:
    code = main(["check", "--year", str(year), "--data", str(ws.data), "--params", str(ws.params),
                 *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def find_line(text: str, prefix: str, *fragments: str) -> str:
    """The first line of ``text`` that starts with ``prefix`` and holds every fragment.

    A prefix ending in ':' (a file without a row) also matches the file followed by a column.
    """
    for line in text.splitlines():
        head = prefix[:-1] + ", column" if prefix.endswith(":") else prefix
        if (line.startswith(prefix) or line.startswith(head)) and all(f in line for f in fragments):
            return line
    raise AssertionError(f"no line starting {prefix!r} with {fragments!r} in:\n{text}")


# --- editing helpers -----------------------------------------------------------------------------
def rows_of(ws, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(ws.read(name), newline="")))


def write_rows(ws, name: str, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    ws.write(name, buffer.getvalue())


def set_cell(ws, name: str, where: dict[str, str], column: str, value: str) -> int:
    """Set one cell of the first row matching ``where``; return its spreadsheet row."""
    rows = rows_of(ws, name)
    header = rows[0]
    for i, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in where.items()):
            row[header.index(column)] = value
            write_rows(ws, name, rows)
            return i
    raise AssertionError(f"no row {where} in {name}")


def append_row(ws, name: str, row: list[str]) -> int:
    rows = rows_of(ws, name)
    rows.append(row)
    write_rows(ws, name, rows)
    return len(rows)


def line_of(ws, name: str, fragment: str) -> int:
    for i, line in enumerate(ws.read(name).splitlines(), start=1):
        if fragment in line:
            return i
    raise AssertionError(f"{fragment!r} not in {name}")


# --- the malformed cases -------------------------------------------------------------------------
@dataclass
class Case:
    """``edit(ws)`` breaks the inputs and returns (file, row or None, message fragments)."""

    edit: Callable
    year: int = 2024


def _missing_file(ws):
    ws.path("layanan.csv").unlink()
    return "layanan.csv", None, ["no such file"]


def _missing_column(ws):
    rows = [r[:-1] for r in rows_of(ws, "anggaran_jenis_belanja.csv")]
    write_rows(ws, "anggaran_jenis_belanja.csv", rows)
    return "anggaran_jenis_belanja.csv", 1, ["column 'realisasi'", "no such column"]


def _non_numeric(ws):
    row = set_cell(ws, "layanan.csv", {"tahun": "2024", "jenis": "dpri"}, "diterima", "banyak")
    return "layanan.csv", row, ["column 'diterima'", "expected a whole number", "'banyak'"]


def _indonesian_decimal(ws):
    row = set_cell(ws, "smart.csv", {"tahun": "2021", "komponen": "nilai_kinerja"}, "nilai",
                   "1.234,5")
    return "smart.csv", row, ["column 'nilai'", "'1.234,5'",
                              "write 1234.5: no thousands separator, '.' as decimal point"]


def _indonesian_money(ws):
    row = set_cell(ws, "anggaran_jenis_belanja.csv", {"tahun": "2024", "jenis_belanja": "modal"},
                   "pagu", "19.392.037.000")
    return "anggaran_jenis_belanja.csv", row, ["column 'pagu'", "write 19392037000",
                                               "no thousands separator"]


def _money_with_rp(ws):
    row = set_cell(ws, "pnbp_target.csv", {"tahun": "2024"}, "target", "Rp5.389.250.000")
    return "pnbp_target.csv", row, ["write 5389250000", "without 'Rp'"]


def _negative_count(ws):
    row = set_cell(ws, "tindakan_administratif.csv",
                   {"tahun": "2024", "jenis": "pengenaan_biaya_beban"}, "ditangani", "-3")
    return "tindakan_administratif.csv", row, ["column 'ditangani'", "a count of 0 or more", "-3"]


def _completed_more_than_received(ws):
    row = set_cell(ws, "layanan.csv", {"tahun": "2024", "jenis": "dpri"}, "diselesaikan", "70000")
    return "layanan.csv", row, ["column 'diselesaikan'", "diselesaikan <= diterima",
                                "diselesaikan 70000 > diterima 60111"]


def _followed_up_more_than_handled(ws):
    row = set_cell(ws, "tindakan_administratif.csv", {"tahun": "2024", "jenis": "deportasi"},
                   "ditindaklanjuti", "31")
    return "tindakan_administratif.csv", row, ["ditindaklanjuti <= ditangani",
                                               "ditindaklanjuti 31 > ditangani 30"]


def _rb_done_more_than_planned(ws):
    row = set_cell(ws, "rb_aksi.csv", {"tahun": "2024"}, "selesai", "115")
    return "rb_aksi.csv", row, ["selesai <= rencana", "selesai 115 > rencana 114"]


def _duplicated_key(ws):
    rows = rows_of(ws, "pegawai.csv")
    first = next(i for i, r in enumerate(rows) if r[0] == "5") + 1
    copy = list(rows[first - 1])
    copy[0] = str(len(rows))
    last = append_row(ws, "pegawai.csv", copy)
    return "pegawai.csv", last, ["column 'nip'", f"rows {first} and {last}", copy[3]]


def _unknown_indicator_code(ws):
    row = set_cell(ws, "anggaran_indikator.csv", {"tahun": "2024", "indikator": "layanan"},
                   "indikator", "layanan_paspor")
    return "anggaran_indikator.csv", row, ["column 'indikator'", "an indicator code",
                                           "'layanan_paspor'"]


def _unknown_sasaran_code(ws):
    row = set_cell(ws, "indikator.csv", {"tahun": "2024", "kode": "pro_yustisia"}, "sasaran",
                   "penindakan")
    return "indikator.csv", row, ["column 'sasaran'", "a sasaran code", "'penindakan'"]


def _sources_not_adding_up(ws):
    rows = rows_of(ws, "anggaran_sumber_dana.csv")
    i = next(i for i, r in enumerate(rows) if r[:2] == ["2024", "rm"])
    rows[i][2] = str(int(rows[i][2]) + 1000)
    write_rows(ws, "anggaran_sumber_dana.csv", rows)
    return "anggaran_sumber_dana.csv", i + 1, ["column 'pagu'", "add up",
                                               "anggaran_jenis_belanja.csv"]


def _year_without_data(ws):
    return "indikator.csv", None, ["no data for year 2019"]


def _empty_file(ws):
    ws.write("kecamatan.csv", "")
    return "kecamatan.csv", None, ["an empty file"]


def _header_only(ws):
    ws.write("sasaran.csv", ws.read("sasaran.csv").splitlines()[0] + "\n")
    return "sasaran.csv", None, ["at least one data row", "only the header row"]


def _utf8_bom(ws):
    ws.path("pegawai.csv").write_bytes(b"\xef\xbb\xbf" + ws.path("pegawai.csv").read_bytes())
    return "pegawai.csv", None, ["BOM", "save as UTF-8 without BOM"]


def _latin1(ws):
    text = ws.read("pegawai.csv").replace("Johan Tirta Ginting", "Johan Tirtá Ginting")
    ws.path("pegawai.csv").write_bytes(text.encode("latin-1"))
    return "pegawai.csv", line_of_text(text, "Tirtá"), ["UTF-8", "0xE1", "save it as UTF-8"]


def line_of_text(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def _nip_17_digits(ws):
    rows = rows_of(ws, "pegawai.csv")
    i = next(i for i, r in enumerate(rows) if r[0] == "10")
    short = rows[i][3][:-1]
    rows[i][3] = short
    write_rows(ws, "pegawai.csv", rows)
    return "pegawai.csv", i + 1, ["column 'nip'", "exactly 18 digits", f"'{short}' (17 digits)"]


def _nip_scientific(ws):
    row = set_cell(ws, "pegawai.csv", {"no": "3"}, "nip", "1.98108E+17")
    return "pegawai.csv", row, ["column 'nip'", "scientific notation", "format the column as Text"]


def _unknown_jenis_kelamin(ws):
    row = set_cell(ws, "pegawai.csv", {"no": "21"}, "jenis_kelamin", "W")
    return "pegawai.csv", row, ["column 'jenis_kelamin'", "one of L, P", "'W'"]


def _empty_required_cell(ws):
    row = set_cell(ws, "pegawai.csv", {"no": "7"}, "nama", "")
    return "pegawai.csv", row, ["column 'nama'", "an empty cell"]


def _capaian_out_of_range(ws):
    row = set_cell(ws, "rb_indikator.csv", {"tahun": "2024", "triwulan": "2", "no": "3"},
                   "capaian", "150")
    return "rb_indikator.csv", row, ["column 'capaian'", "from 0 to 100", "150"]


def _implausible_year(ws):
    row = set_cell(ws, "pnbp.csv", {"tahun": "2021"}, "tahun", "1921")
    return "pnbp.csv", row, ["column 'tahun'", "a year from 2000 to 2100", "1921"]


def _unknown_code_in_set(ws):
    row = set_cell(ws, "indikator.csv", {"kode": "layanan"}, "polaritas", "naik")
    return "indikator.csv", row, ["column 'polaritas'", "one of positif, negatif, rentang"]


def _stored_twice(ws):
    row = append_row(ws, "layanan.csv", ["2024", "seluruh", "60202", "55153"])
    return "layanan.csv", row, ["column 'jenis'", "stored twice", "per-type rows"]


def _unknown_layanan_jenis(ws):
    row = set_cell(ws, "layanan.csv", {"tahun": "2024", "jenis": "skim"}, "jenis", "visa")
    return "layanan.csv", row, ["column 'jenis'", "layanan_jenis.csv", "'visa'"]


def _unknown_kabupaten(ws):
    row = set_cell(ws, "kecamatan.csv", {"kecamatan": "Kamal"}, "kabupaten", "Bangkalam")
    return "kecamatan.csv", row, ["column 'kabupaten'", "kabupaten.csv", "'Bangkalam'"]


def _ragged_row(ws):
    lines = ws.read("kecamatan.csv").splitlines()
    lines[4] += ",lebih"
    ws.write("kecamatan.csv", "\n".join(lines) + "\n")
    return "kecamatan.csv", 5, ["3 cells", "4 cells", "double quotes"]


def _bad_yaml(ws):
    ws.replace("kantor.yaml", "kota: Pamekasan", "kota: Pamekasan\n   - stray: [item")
    return "kantor.yaml", line_of(ws, "kantor.yaml", "stray"), ["valid YAML"]


def _duplicated_yaml_key(ws):
    ws.replace("kantor.yaml", "kota: Pamekasan", "kota: Pamekasan\nkota: Sumenep")
    return "kantor.yaml", line_of(ws, "kantor.yaml", "kota: Sumenep"), ["appears twice"]


def _missing_yaml_key(ws):
    ws.replace("kantor.yaml", '  nip: "198205252001121004"\n', "")
    return "kantor.yaml", line_of(ws, "kantor.yaml", "kepala:"), ["kepala.nip", "no such key"]


def _missing_narasi(ws):
    ws.path("narasi/2024.yaml").unlink()
    return "narasi/2024.yaml", None, ["no such file"]


def _unknown_narasi_code(ws):
    ws.replace("narasi/2024.yaml", "  pro_yustisia:", "  pro_yustisi:")
    return "narasi/2024.yaml", line_of(ws, "narasi/2024.yaml", "pro_yustisi:"), [
        "column 'indikator.pro_yustisi'", "'pro_yustisi'"]


def _published_unknown_code(ws):
    header = "figure,published,value,unit,where,label,line,note"
    bad = "ikk.tidak_ada.realisasi,\"92,29 %\",92.29,persen,BAB III,Realisasi,700,"
    if ws.path("published/2024.csv").exists():
        row = append_row(ws, "published/2024.csv", next(csv.reader([bad])))
    else:
        ws.write("published/2024.csv", f"{header}\n{bad}\n")
        row = 2
    return "published/2024.csv", row, ["column 'figure'", "unknown code 'tidak_ada'"]


def _bad_params(ws):
    path = ws.params / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("nomor_laporan:", "nomor:"),
                    encoding="utf-8")
    return "params/2024.yaml", None, ["nomor_laporan", "no such key"]


def _params_wrong_year(ws):
    path = ws.params / "2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2024", "year: 2023"),
                    encoding="utf-8")
    return "params/2024.yaml", 2, ["column 'year'", "year: 2024", "year: 2023"]


CASES = {
    "missing file": Case(_missing_file),
    "missing column": Case(_missing_column),
    "non-numeric cell": Case(_non_numeric),
    "Indonesian decimal 1.234,5": Case(_indonesian_decimal),
    "Indonesian money 19.392.037.000": Case(_indonesian_money),
    "money with Rp": Case(_money_with_rp),
    "negative count": Case(_negative_count),
    "completed > received (layanan)": Case(_completed_more_than_received),
    "followed up > handled (TAK)": Case(_followed_up_more_than_handled),
    "completed > planned (RB)": Case(_rb_done_more_than_planned),
    "duplicated key": Case(_duplicated_key),
    "unknown indicator code": Case(_unknown_indicator_code),
    "unknown sasaran code": Case(_unknown_sasaran_code),
    "sources not adding up": Case(_sources_not_adding_up),
    "year with no data": Case(_year_without_data, year=2019),
    "empty file": Case(_empty_file),
    "header only": Case(_header_only),
    "UTF-8 BOM": Case(_utf8_bom),
    "Latin-1 file": Case(_latin1),
    "NIP of 17 digits": Case(_nip_17_digits),
    "NIP in scientific notation": Case(_nip_scientific),
    "unknown jenis_kelamin": Case(_unknown_jenis_kelamin),
    "empty required cell": Case(_empty_required_cell),
    "capaian out of 0-100": Case(_capaian_out_of_range),
    "implausible year": Case(_implausible_year),
    "unknown polaritas": Case(_unknown_code_in_set),
    "base fact stored twice": Case(_stored_twice),
    "unknown layanan jenis": Case(_unknown_layanan_jenis),
    "unknown kabupaten": Case(_unknown_kabupaten),
    "row with an extra cell": Case(_ragged_row),
    "bad YAML": Case(_bad_yaml),
    "duplicated YAML key": Case(_duplicated_yaml_key),
    "missing YAML key": Case(_missing_yaml_key),
    "missing narasi file": Case(_missing_narasi),
    "unknown narasi code": Case(_unknown_narasi_code),
    "published id with unknown code": Case(_published_unknown_code),
    "bad params file": Case(_bad_params),
    "params of another year": Case(_params_wrong_year),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_malformed_input_exits_2_naming_file_and_row(workspace, capsys, case):
    file, row, fragments = case.edit(workspace)
    code, out, err = run_check(workspace, capsys, year=case.year)
    assert code == 2
    assert out == ""
    shown = file if file.startswith("params/") else f"{OFFICE}/{file}"
    where = f"error: {shown}" + (f", row {row}" if row is not None else ":")
    find_line(err, where, *fragments)
    assert err.rstrip().splitlines()[-1].startswith(f"failed: {OFFICE} {case.year}: ")


def test_every_problem_of_every_file_is_listed(workspace, capsys):
    """Problems in several files are all reported, not only the first."""
    _non_numeric(workspace)
    _unknown_jenis_kelamin(workspace)
    _missing_narasi(workspace)
    _sources_not_adding_up(workspace)
    code, _, err = run_check(workspace, capsys)
    assert code == 2
    for file in ("layanan.csv", "pegawai.csv", "narasi/2024.yaml", "anggaran_sumber_dana.csv"):
        find_line(err, f"error: {OFFICE}/{file}")
    assert "failed: kanim-pamekasan 2024: 4 errors" in err


def test_missing_data_folder(workspace, capsys, tmp_path):
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    code = main(["check", "--year", "2024", "--data", str(empty), "--params",
                 str(workspace.params)])
    _, err = capsys.readouterr()
    assert code == 2
    find_line(err, f"error: {OFFICE}:", "no such folder")


# --- the repository's own data, and warnings -----------------------------------------------------
def test_repository_data_is_valid_with_the_nip_warning(workspace, capsys):
    code, out, err = run_check(workspace, capsys)
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert re.fullmatch(rf"ok: {OFFICE} 2024: \d+ tables, \d+ rows, \d+ warnings", lines[0])
    line = find_line(out, f"warning: {OFFICE}/pegawai.csv, row {NIP_ROW}, column 'nip'",
                     "199610242201901001", "TMT")
    assert line in lines[1:]


def test_strict_turns_the_nip_warning_into_exit_2(workspace, capsys):
    code, out, err = run_check(workspace, capsys, "--strict")
    assert code == 2
    find_line(err, f"warning: {OFFICE}/pegawai.csv, row {NIP_ROW}", "199610242201901001")
    assert "--strict" in err.splitlines()[-1]


def _warning_cases():
    def stated_count(ws):
        row = set_cell(ws, "kabupaten.csv", {"kabupaten": "Bangkalan"},
                       "jumlah_kecamatan_tertulis", "19")
        return "kabupaten.csv", row, ["column 'jumlah_kecamatan_tertulis'", "18", "found 19"]

    def realisasi_above_pagu(ws):
        row = set_cell(ws, "anggaran_jenis_belanja.csv", {"tahun": "2023", "jenis_belanja": "modal"},
                       "realisasi", "5713222001")
        return "anggaran_jenis_belanja.csv", row, ["realisasi <= pagu", "5713222001"]

    def sex_digit(ws):
        row = set_cell(ws, "pegawai.csv", {"no": "2"}, "jenis_kelamin", "P")
        return "pegawai.csv", row, ["sex digit", "'P'"]

    def extra_column(ws):
        rows = rows_of(ws, "pnbp_target.csv")
        write_rows(ws, "pnbp_target.csv", [r + (["catatan"] if i == 0 else ["x"])
                                           for i, r in enumerate(rows)])
        return "pnbp_target.csv", 1, ["unexpected column 'catatan'"]

    def indicator_budget(ws):
        row = set_cell(ws, "anggaran_sasaran.csv", {"tahun": "2024", "sasaran": "layanan"}, "pagu",
                       "700000000")
        # realisasi then exceeds pagu too: both are warnings
        return "anggaran_sasaran.csv", row, ["indicators' pagu"]

    return {"stated vs listed count": stated_count, "realisasi above pagu": realisasi_above_pagu,
            "NIP sex digit vs jenis_kelamin": sex_digit, "extra column": extra_column,
            "indicator budget above sasaran pagu": indicator_budget}


WARNING_CASES = _warning_cases()


@pytest.mark.parametrize("edit", WARNING_CASES.values(), ids=WARNING_CASES.keys())
def test_warnings_pass_unless_strict(workspace, capsys, edit):
    file, row, fragments = edit(workspace)
    code, out, _ = run_check(workspace, capsys)
    assert code == 0
    find_line(out, f"warning: {OFFICE}/{file}, row {row}", *fragments)
    code, _, err = run_check(workspace, capsys, "--strict")
    assert code == 2
    find_line(err, f"warning: {OFFICE}/{file}, row {row}", *fragments)


# --- the installed command -------------------------------------------------------------------------
def test_real_command(workspace):
    lkjip = Path(sys.executable).with_name("lkjip")
    args = [str(lkjip), "check", "--year", "2024", "--data", str(workspace.data), "--params",
            str(workspace.params)]
    ok = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"ok: {OFFICE} 2024: ")

    file, row, fragments = _indonesian_decimal(workspace)
    bad = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stdout + bad.stderr
    find_line(bad.stderr, f"error: {OFFICE}/{file}, row {row}", *fragments)
