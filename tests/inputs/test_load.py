"""lkjip.inputs: lazy loading, dtypes, problems, and a backtest of base facts."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import lkjip.inputs.load as load
from lkjip.errors import DataError
from lkjip.inputs import cells, load_year, validate_year, yaml_spec
from lkjip.inputs import tables as schemas

YEAR = 2024


@pytest.fixture(scope="module")
def inputs():
    return load_year(YEAR)


def this_year(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["tahun"] == YEAR]


# --- backtest: base facts as read off the source report by hand -------------------------------
def test_pagu_by_jenis_belanja_2024(inputs):
    pagu = this_year(inputs.anggaran_jenis_belanja).set_index("jenis_belanja")["pagu"]
    assert pagu.to_dict() == {"pegawai": 2624336000, "barang": 5363625000, "modal": 19392037000}


def test_tindakan_administratif_2024_deportasi(inputs):
    tak = this_year(inputs.tindakan_administratif).set_index("jenis")["ditangani"]
    assert tak["deportasi"] == 30
    assert tak["deportasi_dan_usulan_penangkalan"] == 1
    assert tak.sum() == 31


def test_kecamatan_per_kabupaten(inputs):
    counts = inputs.kecamatan.groupby("kabupaten").size().to_dict()
    assert counts == {"Bangkalan": 18, "Sampang": 14, "Pamekasan": 13, "Sumenep": 27}


def test_staff_by_sex(inputs):
    sexes = inputs.pegawai["jenis_kelamin"].value_counts().to_dict()
    assert sexes == {"L": 32, "P": 6}
    assert len(inputs.pegawai) == 38


def test_layanan_2024_dpri(inputs):
    row = this_year(inputs.layanan).set_index("jenis").loc["dpri"]
    assert (row["diterima"], row["diselesaikan"]) == (60111, 55062)


def test_pnbp_2024_passport_account(inputs):
    pnbp = this_year(inputs.pnbp).set_index("kode_akun")["jumlah"]
    assert pnbp["425211"] == 24499950000


def test_ikpa_2024_revisi_dipa(inputs):
    ikpa = this_year(inputs.ikpa).set_index("komponen")["nilai"]
    assert ikpa["revisi_dipa"] == 75.0


# --- the bundle ----------------------------------------------------------------------------------
def test_tables_are_read_lazily_and_recorded(workspace):
    inputs = load_year(YEAR, workspace.data, workspace.params)
    path = str(workspace.path("pegawai.csv").resolve())
    assert "pegawai" not in vars(inputs)
    assert path not in inputs.files_read
    staff = inputs.pegawai
    assert "pegawai" in vars(inputs)
    assert inputs.pegawai is staff  # cached
    assert path in inputs.files_read
    assert str((workspace.params / f"{YEAR}.yaml").resolve()) in inputs.files_read


def test_a_file_is_validated_once_per_content(workspace, monkeypatch):
    """A second read of unchanged bytes comes from the process's memo; one changed byte is read
    and validated again; a caller that modifies its table does not change the next one's."""
    calls = []
    import lkjip.inputs.csv_table as csv_table

    real = csv_table.validate_frame
    monkeypatch.setattr(csv_table, "validate_frame", lambda *a: calls.append(a[0].name) or real(*a))
    staff = load_year(YEAR, workspace.data, workspace.params).pegawai
    assert calls == ["pegawai"]
    staff.loc[0, "nama"] = "DIUBAH"
    again = load_year(YEAR, workspace.data, workspace.params).pegawai
    assert calls == ["pegawai"], "unchanged bytes were validated again"
    assert again is not staff and again.loc[0, "nama"] != "DIUBAH"
    path = workspace.path("pegawai.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(",L,", ",P,", 1), encoding="utf-8")
    changed = load_year(YEAR, workspace.data, workspace.params).pegawai
    assert calls == ["pegawai", "pegawai"]
    assert (changed["jenis_kelamin"] == "P").sum() == (again["jenis_kelamin"] == "P").sum() + 1


def test_dtypes_follow_the_schema(inputs):
    jb = inputs.anggaran_jenis_belanja
    assert jb["tahun"].dtype == "int64"
    assert jb["pagu"].dtype == "int64" and jb["realisasi"].dtype == "int64"
    assert inputs.ikpa["nilai"].dtype == "float64"
    assert inputs.indikator["target"].dtype == "float64"
    assert pd.api.types.is_string_dtype(inputs.pegawai["nip"])
    assert inputs.pegawai["nip"].str.fullmatch(r"\d{18}").all()
    assert isinstance(inputs.kantor, dict) and isinstance(inputs.narasi, dict)
    assert list(inputs.layanan.index) == list(range(len(inputs.layanan)))  # row = index + 2


def test_unknown_stays_empty_only_where_allowed(inputs):
    # rata_rata may be unknown: NaN; a required number never is
    assert inputs.rata_rata_nasional["rata_rata"].dtype == "float64"
    assert inputs.anggaran_jenis_belanja["pagu"].notna().all()


def test_nip_keeps_its_leading_zero(workspace):
    workspace.replace("pegawai.csv", "198205252001121004", "018205252001121004")
    inputs = load_year(YEAR, workspace.data, workspace.params)
    assert "018205252001121004" in set(inputs.pegawai["nip"])


def test_published_is_none_when_absent(workspace):
    path = workspace.path(f"published/{YEAR}.csv")
    if path.exists():
        path.unlink()
    assert load_year(YEAR, workspace.data, workspace.params).published is None


def test_an_invalid_table_raises_every_problem_of_its_file(workspace):
    text = workspace.read("layanan.csv")
    text = text.replace("2024,dpri,60111,55062", "2024,dpri,60.111,55062")
    text = text.replace("2024,skim,0,0", "2024,skim,-1,0")
    workspace.write("layanan.csv", text)
    inputs = load_year(YEAR, workspace.data, workspace.params)
    with pytest.raises(DataError) as info:
        _ = inputs.layanan
    found = {(p.file, p.row, p.column) for p in info.value.problems}
    assert ("kanim-pamekasan/layanan.csv", 6, "diterima") in found
    assert ("kanim-pamekasan/layanan.csv", 9, "diterima") in found
    assert "write 60111" in str(info.value)
    assert len(inputs.pegawai) == 38  # the other tables still load


def test_load_year_rejects_bad_params_with_a_relative_path(workspace):
    (workspace.params / f"{YEAR}.yaml").write_text("year: [2024\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_year(YEAR, workspace.data, workspace.params)
    assert info.value.problems[0].file == f"params/{YEAR}.yaml"


def test_import_is_cheap():
    code = "import sys, lkjip.inputs; print(sorted(m for m in ('pandas', 'pandera') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- validate_year -------------------------------------------------------------------------------
def test_repository_inputs_are_valid():
    report = validate_year(YEAR)
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert report.tables >= 33 and report.rows > 0
    nip = [w for w in report.warnings if w.file == "kanim-pamekasan/pegawai.csv"]
    assert [(w.row, w.column) for w in nip] == [(36, "nip")]
    assert "199610242201901001" in nip[0].found


# --- cells ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kind", "text", "hint"), [
    ("number", "1.234,5", "write 1234.5: no thousands separator, '.' as decimal point"),
    ("percent", "92,29", "write 92.29"),
    ("money", "27.379.998.000", "write 27379998000"),
    ("money", "Rp 1.535.038.000", "without 'Rp'"),
    ("percent", "90%", "write 90: the number only, without '%'"),
    ("number", "1,234,567.5", "write 1234567.5"),
    ("count", "1.234", "write 1234"),
    ("count", "12.0", "write 12"),
    ("count", "12.5", ""),
    ("count", "banyak", ""),
])
def test_badly_written_numbers_come_with_the_fix(kind, text, hint):
    value, error = cells.parse_cell(kind, text)
    assert value is None and error is not None
    assert hint in error.hint
    assert f"'{text}'" in error.found


@pytest.mark.parametrize(("kind", "text", "value"), [
    ("number", "1.234", 1.234),  # a machine number: '.' is the decimal point
    ("percent", "96.62", 96.62),
    ("money", "27379998000", 27379998000),
    ("nip", "199610242201901001", "199610242201901001"),
    ("digits", "425211", "425211"),
])
def test_machine_numbers_parse(kind, text, value):
    assert cells.parse_cell(kind, text) == (value, None)


@pytest.mark.parametrize(("nip", "sex", "finding"), [
    ("198205252001121004", "L", None),
    ("199610242201901001", "L", "TMT '220190'"),
    ("199613242015031001", "L", "birth date '19961324'"),
    ("200005232010011001", "L", "before age 17"),
    ("199206242010122001", "L", "does not match jenis_kelamin 'L'"),
    ("199206242010123001", "P", "not 1 (L) or 2 (P)"),
])
def test_impossible_nips(nip, sex, finding):
    findings = cells.nip_findings(nip, sex)
    if finding is None:
        assert findings == []
    else:
        assert any(finding in f for f in findings), findings


def test_every_csv_of_the_contract_has_a_schema():
    csvs = {n for n, f in load.FILES.items() if f.endswith(".csv")}
    yamls = {n for n, f in load.FILES.items() if f.endswith(".yaml")}
    assert csvs == set(schemas.TABLES) == set(schemas.SCHEMAS)
    assert yamls == set(yaml_spec.YAML_FILES)
    for name, table in schemas.TABLES.items():
        assert list(schemas.SCHEMAS[name].columns) == table.column_names
        assert set(table.key) <= set(table.column_names)
