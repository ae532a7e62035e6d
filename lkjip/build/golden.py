"""``lkjip golden``: the chapter notebooks re-executed in place, their outputs kept and cleaned
as in a build: the reference outputs that nbval compares against."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, TextIO

from lkjip.build import sources
from lkjip.build.build import Progress, Step, default_workers
from lkjip.build.cache import write_atomic
from lkjip.build.chapters import Chapter, chapters
from lkjip.paths import BUILD_DIR, NOTEBOOKS_DIR


def golden(year: int, *, data_dir: Path | None = None, params_dir: Path | None = None,
           notebooks_dir: Path = NOTEBOOKS_DIR, chapter_list: list[Chapter] | None = None,
           progress: TextIO | None = None, workers: int | None = None) -> list[Path]:
    """Re-execute every chapter in place with the year's parameters; the paths written."""
    from lkjip.build.kernels import Job, Pool
    from lkjip.build.notebook import ChapterError, dumps

    show = Progress(progress)
    chs = chapter_list if chapter_list is not None else chapters(include_optional=True)
    src = sources.gather(year, data_dir, params_dir)
    tmp = Path(notebooks_dir) / ".golden"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    written: list[Path] = []

    def done(d: Any) -> None:
        for cell in d.nb.cells:  # papermill's injected cell is code like any other: hide it
            tags = cell.get("metadata", {}).get("tags", [])
            if "injected-parameters" in tags and "remove-input" not in tags:
                tags.append("remove-input")
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
    return written
