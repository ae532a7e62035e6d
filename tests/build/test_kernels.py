"""Chapters executed in kernels: a failing cell named, a kernel that cannot start named, chapters
that share a kernel behave as in a fresh one, no trace in the user's IPython history."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lkjip.build.kernels import Job, Pool
from lkjip.build.notebook import ChapterError, clean, dumps
from lkjip.errors import BuildError
from lkjip.paths import NOTEBOOKS_DIR

FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"
YEAR = 2024


@pytest.fixture
def root(tmp_path) -> Path:
    shutil.copytree(FIXTURES, tmp_path / "w")
    return tmp_path / "w"


def _run(pool: Pool, root: Path, names: list[str], out: Path) -> dict[str, bytes]:
    params = {"year": YEAR, "office": "kantor-uji", "data_dir": str(root / "data"), "params_dir": ""}
    pool.start([Job(n, root / "notebooks" / n, out / n, params) for n in names])
    return {d.job.name: dumps(d.nb) for d in pool.wait()}


def test_a_failing_cell_is_named_without_a_traceback(root, tmp_path):
    pool = Pool(1)
    try:
        with pytest.raises(ChapterError) as info:
            _run(pool, root, ["c_gagal.ipynb"], tmp_path / "out")
    finally:
        pool.close()
    message = str(info.value)
    assert message.startswith("chapter c_gagal.ipynb failed in cell 3 (nilai = {'a': 1}): KeyError: 'tidak_ada'")
    assert "Traceback" not in message
    assert info.value.failure.notebook.is_file()  # the executed notebook, for inspection


def test_a_kernel_that_cannot_start_is_a_clear_error(tmp_path):
    """``python -m ipykernel_launcher`` finds a module of that name in its working folder first:
    here, one that fails at once. The chapter's error names the kernel and its last words, and
    comes long before the 60 s start-up timeout."""
    (tmp_path / "ipykernel_launcher.py").write_text(
        "import sys\nsys.stderr.write('no kernel today\\n')\nsys.exit(3)\n", encoding="utf-8")
    (tmp_path / "x.ipynb").write_text((FIXTURES / "notebooks" / "c_gagal.ipynb").read_text())
    pool = Pool(1, cwd=tmp_path)
    t = time.perf_counter()
    try:
        pool.start([Job("x.ipynb", tmp_path / "x.ipynb", tmp_path / "out" / "x.ipynb", {"year": YEAR})])
        with pytest.raises(BuildError) as info:
            pool.wait()
    finally:
        pool.close()
    assert "kernel untuk bab x.ipynb tidak mau mulai atau berhenti" in str(info.value)
    assert "no kernel today" in str(info.value)
    assert time.perf_counter() - t < 30


def test_chapters_in_one_kernel_are_as_in_a_fresh_one(root, tmp_path):
    """d_kotor changes Matplotlib's settings, leaves a figure, globals and the working folder:
    the chapter after it in the same kernel is the same as alone."""
    fresh, shared = Pool(1, cwd=root / "notebooks"), Pool(1, cwd=root / "notebooks")
    try:
        alone = _run(fresh, root, ["b_gambar.ipynb"], tmp_path / "fresh")
        after = _run(shared, root, ["a_tabel.ipynb", "d_kotor.ipynb", "b_gambar.ipynb"], tmp_path / "shared")
    finally:
        fresh.close()
        shared.close()
    assert after["b_gambar.ipynb"] == alone["b_gambar.ipynb"]


def test_the_build_leaves_no_ipython_history(root, tmp_path, monkeypatch):
    import sqlite3

    ipython_dir = tmp_path / "ipython"
    monkeypatch.setenv("IPYTHONDIR", str(ipython_dir))
    pool = Pool(1)
    try:
        _run(pool, root, ["a_tabel.ipynb"], tmp_path / "out")
    finally:
        pool.close()
    db = ipython_dir / "profile_default" / "history.sqlite"
    rows = []
    if db.exists():
        with sqlite3.connect(db) as con:
            rows = con.execute("SELECT source_raw FROM history").fetchall()
    assert rows == []


def test_an_executed_notebook_does_not_depend_on_how_output_was_chunked():
    """What a cell prints reaches nbclient in chunks that depend on the kernel's flush timing
    (``print("x")`` as "x" then "\\n", or as one "x\\n"): the stored notebook is the same."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    def nb(*texts):
        outs = [new_output("stream", name="stdout", text=t) for t in texts]
        outs += [new_output("display_data", data={"text/plain": "t"}),
                 new_output("stream", name="stderr", text="w\n"), new_output("stream", name="stdout", text="z")]
        return nbformat.from_dict(new_notebook(cells=[new_code_cell("print('x')", outputs=outs, execution_count=3)]))

    whole = clean(nb("keluaran\n"), "bab")
    assert dumps(clean(nb("keluaran", "\n"), "bab")) == dumps(whole)
    assert dumps(clean(nb("kel", "uaran", "\n"), "bab")) == dumps(whole)
    assert [(o["output_type"], o.get("name")) for o in whole.cells[0].outputs] == [
        ("stream", "stdout"), ("display_data", None), ("stream", "stderr"), ("stream", "stdout")]


def test_papermill_runs_a_chapter_directly(tmp_path):
    """No build-only state: `papermill notebooks/<chapter>.ipynb out.ipynb -p year 2024` works."""
    papermill = Path(sys.executable).parent / "papermill"
    out = tmp_path / "out.ipynb"
    proc = subprocess.run([str(papermill), str(NOTEBOOKS_DIR / "01_pendahuluan.ipynb"), str(out),
                           "-p", "year", str(YEAR), "--no-progress-bar"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(out.read_text())["metadata"]["papermill"]["parameters"] == {"year": YEAR}
