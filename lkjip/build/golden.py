"""``lkjip golden``: the reference run. The chapter notebooks are re-executed in place, their
outputs kept and cleaned as in a build (what nbval compares against), and every figure of the
year is written to ``tests/golden/figures-<year>.json`` (what tests/test_golden_figures.py
compares against, by id)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, TextIO

from lkjip.build import sources
from lkjip.build.chapters import Chapter, chapters
from lkjip.build.kernels import default_workers
from lkjip.build.progress import Progress, Step
from lkjip.paths import BUILD_DIR, GOLDEN_DIR, NOTEBOOKS_DIR, write_atomic


def golden(year: int, *, data_dir: Path | None = None, params_dir: Path | None = None,
           notebooks_dir: Path = NOTEBOOKS_DIR, chapter_list: list[Chapter] | None = None,
           progress: TextIO | None = None, workers: int | None = None,
           figures_dir: Path | None = GOLDEN_DIR) -> list[Path]:
    """Re-execute every chapter in place with the year's parameters, and write the year's
    figures into ``figures_dir`` (None: not); the paths written."""
    from lkjip.build.kernels import Job, Pool
    from lkjip.build.notebook import ChapterError, clean, dumps

    show = Progress(progress)
    chs = chapter_list if chapter_list is not None else chapters(include_optional=True)
    src = sources.gather(year, data_dir, params_dir)
    tmp = Path(notebooks_dir) / ".golden"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    written: list[Path] = []

    def done(d: Any) -> None:
        # No papermill cell is kept: the parameters cell holds the reference year, so a notebook
        # run as it is (JupyterLab, nbval) reproduces these outputs, and a year typed into the
        # parameters cell is the year that runs.
        d.nb.cells = [c for c in d.nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
        for c in d.nb.cells:  # ... and it holds the year these outputs are of
            if "parameters" in c.get("metadata", {}).get("tags", []):
                c.source = re.sub(r"(?m)^year: int = \d+", f"year: int = {int(year)}", c.source)
        clean(d.nb, Path(d.job.name).stem)
        target = Path(notebooks_dir) / d.job.name
        write_atomic(target, dumps(d.nb))
        written.append(target)
        show(Step(d.job.name, "executed", d.seconds))

    jobs = [Job(ch.notebook, Path(notebooks_dir) / ch.notebook, tmp / ch.notebook, src.parameters) for ch in chs]
    pool = Pool(min(workers or default_workers(), len(jobs)), cwd=Path(notebooks_dir))
    try:
        pool.start(jobs, on_done=done)
        pool.wait()
    except ChapterError as exc:
        f = exc.failure
        if f.notebook is not None:  # keep the failed execution where a build keeps its own
            failed = BUILD_DIR / "golden.failed"
            shutil.rmtree(failed, ignore_errors=True)
            failed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(tmp, failed)
            f.notebook = failed / f.name
        raise ChapterError(f) from None
    finally:
        pool.close()
        shutil.rmtree(tmp, ignore_errors=True)
    if figures_dir is not None:
        from lkjip.figures import Figures

        target = Path(figures_dir) / f"figures-{year}.json"
        write_atomic(target, Figures(year, data_dir, params_dir).to_json().encode("utf-8"))
        written.append(target)
    return written
