"""lkjip golden and nbval: the notebooks carry reference outputs, and a changed number in the
data makes the comparison fail."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lkjip.build.chapters import Chapter, chapters
from lkjip.build.golden import golden
from lkjip.build.kernels import Job, Pool
from lkjip.paths import DATA_DIR, NOTEBOOKS_DIR

FIXTURES = Path(__file__).parents[1] / "fixtures" / "build"
SANITIZE = NOTEBOOKS_DIR / "nbval-sanitize.cfg"
YEAR = 2024


def nbval(folder: Path) -> subprocess.CompletedProcess:
    """nbval as `make test` runs it (only its plugin loaded)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "nbval", "-p", "no:cacheprovider",
         "--nbval", ".", "--nbval-sanitize-with", str(SANITIZE)],
        cwd=folder, capture_output=True, text=True, env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})


def test_golden_outputs_pass_nbval_until_a_number_changes(tmp_path):
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    nbs = tmp_path / "notebooks"
    for extra in ("b_gambar.ipynb", "c_gagal.ipynb", "d_kotor.ipynb"):
        (nbs / extra).unlink()
    written = golden(YEAR, data_dir=tmp_path / "data", params_dir=tmp_path / "params",
                     notebooks_dir=nbs, chapter_list=[Chapter("a_tabel.ipynb", "A", "1")],
                     figures_dir=None)
    assert written == [nbs / "a_tabel.ipynb"]
    nb = json.loads(written[0].read_text())
    assert "papermill" not in nb["metadata"]
    assert any(c.get("outputs") for c in nb["cells"]), "golden stores the outputs"
    assert "1.234" in written[0].read_text()

    ok = nbval(nbs)
    assert ok.returncode == 0, ok.stdout[-3000:]

    angka = tmp_path / "data" / "kantor-uji" / "angka.csv"
    angka.write_text(angka.read_text().replace("1.234", "1.235"))
    changed = nbval(nbs)
    assert changed.returncode != 0
    assert "1.235" in changed.stdout


def test_golden_is_reproducible(tmp_path):
    """Re-running golden on its own output changes nothing (ids, counts, metadata are stable)."""
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    nbs = tmp_path / "notebooks"
    chs = [Chapter("a_tabel.ipynb", "A", "1"), Chapter("b_gambar.ipynb", "B", "2")]
    kw = dict(data_dir=tmp_path / "data", params_dir=tmp_path / "params", notebooks_dir=nbs,
              chapter_list=chs, figures_dir=None)
    golden(YEAR, **kw)
    first = {c.notebook: (nbs / c.notebook).read_bytes() for c in chs}
    golden(YEAR, **kw)
    assert {c.notebook: (nbs / c.notebook).read_bytes() for c in chs} == first


# ---- the repository's notebooks ------------------------------------------------------------------
COMPARED = ("text/plain", "text/html", "text/markdown", "image/svg+xml")


def _outputs(nb: dict) -> list[list[str]]:
    """What nbval compares, code cell by code cell (the injected parameters cell aside)."""
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "injected-parameters" in cell["metadata"].get("tags", []):
            continue
        row = []
        for o in cell.get("outputs", []):
            if o["output_type"] == "stream":
                row.append("".join(o["text"]))
            for mime in COMPARED:
                if mime in o.get("data", {}):
                    v = o["data"][mime]
                    row.append("".join(v) if isinstance(v, list) else v)
        out.append(row)
    return out


def _change_one_number(data: Path) -> str:
    """Lower the 2024 pembilang of the services ratio's first row by a tenth (enough to show in
    a rounded percentage; still <= its penyebut)."""
    path = data / "kanim-pamekasan" / "realisasi.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    row = next(r for r in rows if r["tahun"] == str(YEAR) and r["indikator"] == "layanan")
    n = int(row["pembilang"])
    row["pembilang"] = str(n - max(1, n // 10))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return "ikk.layanan"


def test_repository_notebooks_notice_a_changed_number(tmp_path):
    """The same check nbval makes in `make test`, for the real chapters: executed with one
    number changed in a copy of data/, some chapter's outputs differ from its golden ones."""
    golden_nbs = {c.notebook: json.loads((NOTEBOOKS_DIR / c.notebook).read_text(encoding="utf-8"))
                  for c in chapters(include_optional=True)}
    if not any(any(row) for nb in golden_nbs.values() for row in _outputs(nb)):
        pytest.skip("the notebooks carry no golden outputs yet: run `make golden`")
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    fig = _change_one_number(data)
    shown = [n for n, nb in golden_nbs.items() if f'data-fig=\\"{fig}' in json.dumps(nb)]
    if not shown:
        pytest.skip(f"no chapter shows a {fig}.* figure yet")
    params = {"year": YEAR, "office": "kanim-pamekasan", "data_dir": str(data), "params_dir": ""}
    pool = Pool(1, cwd=NOTEBOOKS_DIR)
    try:
        pool.start([Job(n, NOTEBOOKS_DIR / n, tmp_path / "out" / n, params) for n in shown])
        done = pool.wait()
    finally:
        pool.close()
    differ = [d.job.name for d in done if _outputs(json.loads(json.dumps(d.nb))) != _outputs(golden_nbs[d.job.name])]
    assert differ, f"changing a number in realisasi.csv changed nothing in {shown}"
