"""The output folder of a year, ``build/<year>/``: one build at a time, built aside, swapped in.

* :func:`lock`: a build holds ``build/.<year>.lock`` (an advisory ``flock``) from start to end. A
  second build of the same year waits for it with a one-line message, then runs (usually from
  the cache). The lock is released by the kernel when its process ends, however it ends.
* :func:`remove_leftovers`: under the lock, the temporary folders of builds that died
  (``.<year>.tmp-<pid>``, ``.<year>.old-<pid>``) are removed; a build killed between the two
  renames of :func:`swap` left its predecessor as ``.<year>.old-<pid>``, which is put back.
* :func:`staging`: a new, empty ``.<year>.tmp-<pid>`` to build in; removed if the build fails.
* :func:`swap`: the new folder takes the place of ``build/<year>/`` (two renames), and the old
  one is deleted.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def lock(out: Path, year: int, say: TextIO | None = sys.stderr) -> Iterator[None]:
    """Hold the lock of ``out/<year>`` for the duration of the block (waiting for it if taken)."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f".{year}.lock"
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if say is not None:
                print(f"lkjip build: pembangunan laporan {year} lain sedang berjalan di {out}; menunggu sampai selesai",
                      file=say, flush=True)
            fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _pid_of(folder: Path) -> int | None:
    tail = folder.name.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


def remove_leftovers(out: Path, year: int) -> None:
    """Remove what builds of ``year`` that died left behind (call with the lock held)."""
    final = out / str(year)
    olds = sorted(out.glob(f".{year}.old-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    if olds and not final.exists():
        os.replace(olds.pop(0), final)  # killed between the renames of swap(): put it back
    for folder in [*olds, *out.glob(f".{year}.tmp-*")]:
        if _pid_of(folder) != os.getpid():
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def staging(out: Path, year: int) -> Iterator[Path]:
    """A new, empty folder to build ``year`` in; removed when the block raises."""
    tmp = out / f".{year}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def swap(new: Path, final: Path) -> None:
    """Put ``new`` in the place of ``final``: two renames, then the old folder is deleted."""
    old = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    try:
        os.replace(new, final)
    except BaseException:
        if old.exists() and not final.exists():
            os.replace(old, final)
        raise
    shutil.rmtree(old, ignore_errors=True)


def keep_failed(tmp: Path, out: Path, year: int) -> Path:
    """The temporary folder of a failed build becomes ``<out>/<year>.failed`` (for inspection)."""
    failed = out / f"{year}.failed"
    shutil.rmtree(failed, ignore_errors=True)
    os.replace(tmp, failed)
    return failed


def remove_failed(out: Path, year: int) -> None:
    """Forget the failed build of ``year`` (after a build that succeeded)."""
    shutil.rmtree(out / f"{year}.failed", ignore_errors=True)
