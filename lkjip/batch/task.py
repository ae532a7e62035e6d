"""What a Dask worker does for one office: check its inputs, build it, say how it went.

:func:`run_office` never raises for the office's own trouble: bad data, a failing chapter or a
failed audit check make a result with ``status == "failed"`` and the problems (file, row,
column), so that one office cannot stop the others. It reports its progress (checking,
executing, pdf) as Dask events on the batch's topic (``Worker.log_event``), which the driver
shows live.

Warm kernels: each worker thread keeps one :class:`lkjip.build.kernels.Pool` and hands it to
every build it runs, so a kernel's start-up and imports are paid once per worker, not once per
office (chapters start with a clean namespace anyway: :mod:`lkjip.build.notebook`). A pool whose
chapter failed is closed and replaced. :class:`WarmKernels` closes them when the worker stops.
"""

from __future__ import annotations

import threading
import time
import traceback
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from lkjip.errors import DataError, LkjipError, Problem
from lkjip.paths import write_atomic

_POOLS: dict[int, Any] = {}  # thread id -> its warm Pool
_LOCK = threading.Lock()


def _say(topic: str | None, office: str, state: str, **extra: Any) -> None:
    """Tell the driver (a Dask event); nothing when not running on a Dask worker."""
    if not topic:
        return
    try:
        from distributed import get_worker

        get_worker().log_event(topic, {"office": office, "state": state, **extra})
    except ValueError:  # not on a worker
        pass


def _pool(kernels: int) -> Any:
    from lkjip.build.kernels import Pool
    from lkjip.paths import NOTEBOOKS_DIR

    with _LOCK:
        pool = _POOLS.get(threading.get_ident())
        if pool is None:
            pool = _POOLS[threading.get_ident()] = Pool(kernels, cwd=NOTEBOOKS_DIR)
        return pool


def _drop_pool() -> None:
    with _LOCK:
        pool = _POOLS.pop(threading.get_ident(), None)
    if pool is not None:
        pool.close()


def close_pools() -> None:
    """Stop every warm kernel of this process."""
    with _LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


class WarmKernels(WorkerPlugin):
    """A Dask worker plugin (``Client.register_plugin``): closes the warm kernels at the worker's end."""

    name = "lkjip-warm-kernels"

    def teardown(self, worker: Any) -> None:
        close_pools()


def run_office(office: str, data_dir: Path, params_dir: Path, out_dir: Path, year: int,
               formats: tuple[str, ...], topic: str | None = None, kernels: int = 1,
               warm: bool = True, banding: Path | None = None) -> dict[str, Any]:
    """Check and build one office; a result dict (status done | cached | failed)."""
    from lkjip.build.build import build
    from lkjip.build.progress import Step
    from lkjip.inputs.validate import validate_year

    t0 = time.perf_counter()
    res: dict[str, Any] = {"office": office, "status": "failed", "problems": [], "message": ""}

    def finish(status: str, **extra: Any) -> dict[str, Any]:
        res.update(status=status, seconds=time.perf_counter() - t0, **extra)
        _say(topic, office, status, seconds=res["seconds"])
        return res

    _say(topic, office, "checking")
    marker, key = _check_marker(year, data_dir, params_dir, out_dir)
    if key is None or not marker.is_file() or marker.read_text(encoding="utf-8") != key:
        try:
            report = validate_year(year, data_dir, params_dir)
        except DataError as exc:
            return finish("failed", problems=list(exc.problems))
        except Exception as exc:  # noqa: BLE001 - an unreadable file: reported, the batch goes on
            return finish("failed", problems=[Problem(str(getattr(exc, "filename", "") or data_dir), None, None,
                                                      "berkas yang dapat dibaca", f"{type(exc).__name__}: {exc}")])
        if report.errors:
            return finish("failed", problems=report.errors)

    def on_step(step: Step) -> None:
        if step.name.endswith(".html") and "pdf" in formats:
            _say(topic, office, "pdf")

    _say(topic, office, "executing")
    data = Path(banding) if banding else data_dir
    try:
        result = build(year, formats=formats, data_dir=data, params_dir=params_dir, out_dir=out_dir,
                       progress=None, on_step=on_step, workers=kernels, pool=_pool(kernels) if warm else None)
    except DataError as exc:
        _drop_pool()
        return finish("failed", problems=list(exc.problems))
    except LkjipError as exc:  # a chapter failed (its notebook is kept in <year>.failed/)
        _drop_pool()
        return finish("failed", message=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug in lkjip: this office fails, the others go on
        _drop_pool()
        tb = traceback.format_exc(limit=3).strip().splitlines()
        return finish("failed", message=f"{type(exc).__name__}: {exc} (kesalahan dalam lkjip; {tb[-2].strip()})")
    if result.audit_failed:
        return finish("failed", message="; ".join(f"pemeriksaan audit gagal [{n}] {m}" for n, m in result.audit_failed))
    if key is not None:
        write_atomic(marker, key.encode())
    return finish("cached" if not result.executed() else "done")


def _check_marker(year: int, data_dir: Path, params_dir: Path, out_dir: Path) -> tuple[Path, str | None]:
    """The file in the office's cache that holds the hash of the inputs last checked and built
    (data, params, rules, lkjip itself, the environment: what the check reads), and that hash
    for the inputs now: equal, the office is not checked again (about 1 s each, minutes for a
    Kanwil's offices). None when the inputs cannot even be gathered: then the check says why."""
    from lkjip.build import sources
    from lkjip.build.cache import sha256_json

    marker = Path(out_dir) / ".cache" / "diperiksa" / str(year)
    try:
        return marker, sha256_json({"diperiksa": True, **sources.gather(year, data_dir, params_dir).common()})
    except Exception:  # noqa: BLE001 - the check reports what is wrong, with file and line
        return marker, None
