"""The chapter notebooks as an analyst meets them in JupyterLab (issue 15): text in template
cells, the year in one place, the project's kernel, and a cell that gives the same output however
often and in whatever order it runs."""

from __future__ import annotations

import ast
import copy
import json
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from lkjip.build.chapters import chapters
from lkjip.build.kernels import KERNEL_NAME
from lkjip.paths import NOTEBOOKS_DIR

NOTEBOOKS = [c.notebook for c in chapters(include_optional=True)]
MAGIC = "%%"


def code_cells(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code" and not c.source.startswith(MAGIC)]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_notebook_is_text_with_one_call_per_table(name):
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    defs = ifs = 0
    long_strings = []
    for source in code_cells(nb):
        for node in ast.walk(ast.parse(source)):
            defs += isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef)
            ifs += isinstance(node, ast.If | ast.IfExp)
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if len(node.value) > 60 and " " in node.value:
                    long_strings.append(node.value[:40])
    assert defs == 0
    assert ifs <= 10
    assert long_strings == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_year_is_in_one_place_and_the_kernel_is_the_projects(name):
    nb = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    assert nb.metadata.kernelspec.name == KERNEL_NAME
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and "year: int = 2024" in tagged[0].source
    assert not [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "papermill" not in nb.metadata


def test_the_project_kernel_is_registered_in_the_venv():
    out = subprocess.run([sys.executable, "-m", "jupyter", "kernelspec", "list", "--json"],
                         capture_output=True, text=True, check=True).stdout
    spec = json.loads(out)["kernelspecs"][KERNEL_NAME]
    assert spec["resource_dir"].startswith(sys.prefix)
    assert spec["spec"]["display_name"] == "lkjip (Python 3.11)"


def _set_year(nb, year: int):
    nb = copy.deepcopy(nb)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    cell.source = cell.source.replace("year: int = 2024", f"year: int = {year}")
    return nb


def _outputs(nb) -> list:
    return [[{k: v for k, v in o.items() if k != "execution_count"} for o in c.get("outputs", [])]
            for c in nb.cells if c.cell_type == "code"]


def test_the_year_typed_in_the_parameters_cell_is_the_year_that_runs():
    nb = nbformat.read(NOTEBOOKS_DIR / "02_perencanaan_kinerja.ipynb", as_version=4)
    client = NotebookClient(_set_year(nb, 2030), kernel_name=KERNEL_NAME, timeout=120,
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    with pytest.raises(CellExecutionError) as err:
        client.execute()
    assert "2030" in str(err.value)


def test_run_all_twice_in_one_kernel_and_one_cell_again_give_the_reference_outputs():
    nb = nbformat.read(NOTEBOOKS_DIR / "02_perencanaan_kinerja.ipynb", as_version=4)
    reference = _outputs(nb)
    work = copy.deepcopy(nb)
    client = NotebookClient(work, kernel_name=KERNEL_NAME, timeout=120,
                            resources={"metadata": {"path": str(NOTEBOOKS_DIR)}})
    with client.setup_kernel():
        for _ in range(2):
            for i, cell in enumerate(work.cells):
                client.execute_cell(cell, i)
            assert _outputs(work) == reference
        table = next(i for i, c in enumerate(work.cells) if "tabel." in c.source)
        before = copy.deepcopy(work.cells[table].outputs)
        client.execute_cell(work.cells[table], table)
        assert work.cells[table].outputs == before
    # no stray value: every output is the report's HTML (display data), none an Out[] result
    kinds = {o["output_type"] for c in work.cells if c.cell_type == "code" for o in c.outputs}
    assert kinds == {"display_data"}
