"""lkjip.inputs.load_year: tables read lazily with the contract's dtypes, optional parts read
as empty, an invalid table raising every problem of its file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import OrderedDict

import pandas as pd
import pytest

import lkjip.inputs.load as load
from lkjip.errors import DataError
from lkjip.inputs import load_year, skema, validate_year, yaml_spec
from lkjip.inputs import tables as schemas

YEAR = 2024


def test_tables_are_read_lazily_and_recorded(office):
    inputs = load_year(YEAR, office.data, office.params)
    path = str(office.path("pegawai.csv").resolve())
    assert "pegawai" not in vars(inputs)
    assert path not in inputs.files_read
    staff = inputs.pegawai
    assert inputs.pegawai is staff  # cached
    assert path in inputs.files_read
    assert str((office.params / f"{YEAR}.yaml").resolve()) in inputs.files_read


def test_a_file_is_validated_once_per_content(office, monkeypatch):
    """A second read of unchanged bytes comes from the process's memo; one changed byte is read
    and validated again; a caller that modifies its table does not change the next one's."""
    calls = []
    import lkjip.inputs.csv_table as csv_table

    real = csv_table.validate_frame
    monkeypatch.setattr(csv_table, "validate_frame", lambda *a: calls.append(a[0].name) or real(*a))
    monkeypatch.setattr(load, "_MEMO", OrderedDict())  # what other tests read
    staff = load_year(YEAR, office.data, office.params).pegawai
    assert calls == ["pegawai"]
    staff.loc[0, "nama"] = "DIUBAH"
    again = load_year(YEAR, office.data, office.params).pegawai
    assert calls == ["pegawai"], "unchanged bytes were validated again"
    assert again is not staff and again.loc[0, "nama"] != "DIUBAH"
    office.replace("pegawai.csv", ",L,", ",P,")
    changed = load_year(YEAR, office.data, office.params).pegawai
    assert calls == ["pegawai", "pegawai"]
    assert (changed["jenis_kelamin"] == "P").sum() == (again["jenis_kelamin"] == "P").sum() + 1


def test_copies_of_an_office_share_what_was_read(office, tmp_path, monkeypatch):
    """The memo keys a file by its bytes and its name as messages show it, not by the folder."""
    import shutil

    import lkjip.inputs.csv_table as csv_table

    calls = []
    real = csv_table.validate_frame
    monkeypatch.setattr(csv_table, "validate_frame", lambda *a: calls.append(a[0].name) or real(*a))
    monkeypatch.setattr(load, "_MEMO", OrderedDict())
    assert len(load_year(YEAR, office.data, office.params).pegawai) == 4
    shutil.copytree(office.data, tmp_path / "salinan")
    copy = load_year(YEAR, tmp_path / "salinan", office.params)
    assert len(copy.pegawai) == 4 and calls == ["pegawai"]
    assert str((tmp_path / "salinan" / "kanim-contoh" / "pegawai.csv").resolve()) in copy.files_read


def test_dtypes_follow_the_contract(office):
    inputs = load_year(YEAR, office.data, office.params)
    ind = inputs.indikator
    assert ind["tahun"].dtype == "int64" and ind["desimal"].dtype == "int64"
    assert ind["target"].dtype == "float64"
    assert ind["target_atas"].isna().sum() == len(ind) - 1  # only the rentang has an upper bound
    real = inputs.realisasi
    assert real["pembilang"].dtype == "int64" and real["penyebut"].dtype == "int64"
    assert inputs.survei["nilai"].dtype == "float64"
    assert inputs.anggaran_jenis_belanja["pagu"].dtype == "int64"
    assert pd.api.types.is_string_dtype(inputs.pegawai["nip"])
    assert list(real.index) == list(range(len(real)))  # spreadsheet row = index + 2
    assert isinstance(inputs.kantor, dict) and isinstance(inputs.narasi, dict)


def test_values_as_written(office):
    inputs = load_year(YEAR, office.data, office.params)
    survei = inputs.survei.set_index(["tahun", "indikator"])
    assert survei.loc[(2025, "indeks_pengamanan"), ["nilai", "skala"]].tolist() == [82.5, 100.0]
    row = inputs.realisasi.iloc[2]
    assert (row["rincian"], row["pembilang"], row["penyebut"]) == ("elektronik", 40, 50)


def test_optional_tables_absent_are_empty_with_their_columns(office):
    inputs = load_year(YEAR, office.data, office.params)
    assert not office.path("kasus.csv").exists()
    assert inputs.kasus.empty
    assert list(inputs.kasus.columns) == schemas.TABLES["kasus"].column_names
    assert inputs.rencana_aksi_triwulan.empty and inputs.ikpa.empty
    assert inputs.published is None


def test_optional_yaml_keys_and_files_absent_read_as_empty(office):
    text = office.read("kantor.yaml")
    office.write("kantor.yaml", text[:text.index("landasan_hukum:")])
    inputs = load_year(YEAR, office.data, office.params)
    assert inputs.kantor["landasan_hukum"] is None
    assert inputs.kantor["aspek_strategis"] is None
    assert inputs.inovasi == {"inovasi": []}
    assert inputs.capaian_lain == {"capaian": []}


def test_nip_keeps_its_leading_zero(office):
    office.replace("pegawai.csv", "198507202010011003", "098507202010011003")
    inputs = load_year(YEAR, office.data, office.params)
    assert "098507202010011003" in set(inputs.pegawai["nip"])


def test_an_invalid_table_raises_every_problem_of_its_file(office):
    office.replace("realisasi.csv", "2024,kehadiran,seluruh,4700,4800", "2024,kehadiran,seluruh,4.700,4800")
    office.replace("realisasi.csv", "2025,layanan,seluruh,1900,2000", "2025,layanan,seluruh,-1,2000")
    inputs = load_year(YEAR, office.data, office.params)
    with pytest.raises(DataError) as info:
        _ = inputs.realisasi
    found = {(p.file, p.row, p.column) for p in info.value.problems}
    assert found == {("kanim-contoh/realisasi.csv", 7, "pembilang"),
                     ("kanim-contoh/realisasi.csv", 9, "pembilang")}
    assert "kanim-contoh/realisasi.csv, baris 7, kolom 'pembilang': seharusnya bilangan bulat; " \
           "ditemukan: '4.700' (petunjuk: tulis 4700: tanpa pemisah ribuan" in str(info.value)
    assert len(inputs.pegawai) == 4  # the other tables still load


def test_load_year_rejects_bad_params_with_a_relative_path(office):
    (office.params / f"{YEAR}.yaml").write_text("year: [2024\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_year(YEAR, office.data, office.params)
    problem = info.value.problems[0]
    assert problem.file == f"params/{YEAR}.yaml"
    assert problem.expected == "YAML yang sah" and problem.hint


def test_load_year_names_a_missing_data_folder(office, tmp_path):
    with pytest.raises(DataError) as info:
        load_year(YEAR, tmp_path / "tidak-ada", office.params)
    assert str(info.value) == ("kanim-contoh: seharusnya folder data kantor 'kanim-contoh'; "
                               "ditemukan: folder itu tidak ada (petunjuk: periksa --data dan "
                               "isian 'office' di params)")


def test_import_is_cheap():
    code = "import sys, lkjip.inputs; print(sorted(m for m in ('pandas', 'pandera') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_file_of_the_contract_has_a_schema():
    csvs = {n for n, f in load.FILES.items() if f.endswith(".csv")}
    yamls = {n for n, f in load.FILES.items() if f.endswith(".yaml")}
    assert csvs == set(schemas.TABLES)
    assert yamls == set(yaml_spec.YAML_FILES)
    for name, table in schemas.TABLES.items():
        assert list(skema.of(name).columns) == table.column_names
        assert set(table.key) <= set(table.column_names)


def test_the_repository_data_passes():
    """The office's own data: the rest of the suite builds its report from it."""
    report = validate_year(YEAR)
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert report.office == "kanim-pamekasan" and report.rows > 0


def test_tables_the_build_validated_are_parsed_without_validating_again(office, tmp_path):
    """The build lists the tables it validated (write_validated); a kernel that has the list
    (LKJIP_DIPERIKSA) reads the listed bytes without pandera and gets the same frame. Bytes not
    listed, such as a file changed since, are validated as always."""
    listed = tmp_path / "diperiksa.json"
    inputs = load_year(YEAR, office.data, office.params)
    load.write_validated(inputs, listed)
    assert any(k[0] == "pegawai" for k in json.loads(listed.read_text()))
    code = ("import sys, lkjip.inputs as i\nfrom lkjip.errors import DataError\n"
            f"x = i.load_year({YEAR}, {str(office.data)!r}, {str(office.params)!r})\n"
            "try:\n"
            "    print(x.pegawai.to_json(), 'pandera' in sys.modules)\n"
            "except DataError as e:\n"
            "    print('DataError', e, 'pandera' in sys.modules)\n")
    env = {**os.environ, load.VALIDATED_ENV: str(listed)}

    def kernel() -> str:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env=env).stdout.strip()

    assert kernel() == f"{inputs.pegawai.to_json()} False"
    office.replace("pegawai.csv", ",L,", ",X,")  # parses, but is no jenis_kelamin
    out = kernel()
    assert out.startswith("DataError") and "kolom 'jenis_kelamin'" in out and out.endswith("True")
