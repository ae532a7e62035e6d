"""``lkjip batch``: every office of a data root built on Dask, then the consolidated edition.

The driver (this process) reads the batch (:mod:`lkjip.batch.offices`), connects to Dask (a
``LocalCluster`` sized to the machine, or the scheduler given), submits one task per office
(:func:`lkjip.batch.task.run_office`), shows their progress live (:mod:`lkjip.batch.display`)
from the events the workers send, and when every office has ended writes the consolidated
edition (:mod:`lkjip.batch.gabungan`) and the summary. One office's failure never stops the
others; the batch exits 2 when any office failed.

Resumable: an office whose inputs did not change comes from its cache (``OUT/<office>/.cache``)
in a fraction of a second. A killed batch leaves every finished office complete (each office's
folder is swapped in whole, :mod:`lkjip.build.folder`).

Sizing: a LocalCluster has one single-threaded worker process per core (``--workers``) and each
builds one office at a time with ``cores // workers`` kernels (at least one), kept warm across
offices. Workers of an external cluster must run the same lkjip (same checkout or version) and
see the data root and the output folder at the same paths (a shared filesystem).
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lkjip.batch.display import Display
from lkjip.batch.offices import GABUNGAN, Batch, read_batch
from lkjip.build.build import FORMATS, formats_of
from lkjip.errors import LkjipError
from lkjip.paths import BUILD_DIR


@dataclass
class BatchResult:
    batch: Batch
    out: Path
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    gabungan: Path | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> list[str]:
        return [o for o, r in self.results.items() if r["status"] == "failed"]


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextmanager
def connect(scheduler: str | None, workers: int | None):
    """A Dask client: to ``scheduler`` when given, else to a new LocalCluster of ``workers``."""
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler, timeout="20s")
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or cores()
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def _preflight(client: Any, batch: Batch, out: Path) -> None:
    """Every worker sees the data root and can write the output folder (a shared filesystem)."""
    def sees(root: str, out: str) -> list[str]:
        missing = [p for p in (root,) if not os.path.isdir(p)]
        os.makedirs(out, exist_ok=True)
        return missing

    answers = client.run(sees, str(batch.root.resolve()), str(out.resolve()))
    blind = {w: m for w, m in answers.items() if m}
    if blind:
        raise LkjipError("pekerja Dask berikut tidak melihat folder data (perlu sistem berkas bersama "
                         "dengan path yang sama): " + ", ".join(f"{w} ({', '.join(m)})" for w, m in blind.items()))


def run_batch(year: int, data_root: Path, *, out: Path | None = None, offices: list[str] | None = None,
              formats: tuple[str, ...] = FORMATS, workers: int | None = None, scheduler: str | None = None,
              banding: bool = False, nama: str | None = None, stream: TextIO | None = sys.stderr,
              live: bool | None = None, warm: bool = True) -> BatchResult:
    """Build every office of ``data_root`` for ``year``; then the consolidated edition."""
    import time

    from distributed import as_completed

    from lkjip.batch.task import WarmKernels, run_office

    t0 = time.perf_counter()
    formats = formats_of(formats)
    batch = read_batch(data_root, offices, nama)
    out = Path(out or BUILD_DIR).resolve()
    result = BatchResult(batch, out)
    with connect(scheduler, workers) as client:
        n_workers = len(client.scheduler_info().get("workers", {})) or 1
        kernels = max(1, cores() // n_workers) if not scheduler else 1
        if scheduler:
            _preflight(client, batch, out)
        client.register_plugin(WarmKernels(), name=WarmKernels.name)
        topic = f"lkjip-batch-{uuid.uuid4().hex[:12]}"
        display = Display([o.id for o in batch.offices], stream, live, title=f"lkjip batch {year}: ").start()
        client.subscribe_topic(topic, display.event)
        overlays: dict[str, Path] = {}
        if banding:
            from lkjip.batch.banding import prepare

            overlays = prepare(client, batch, year, out)
        futures = {}
        for o in batch.offices:
            fut = client.submit(run_office, o.id, o.data_dir.resolve(), o.params_dir.resolve(),
                                o.out_dir(out), year, formats, topic, kernels, warm, overlays.get(o.id),
                                key=f"lkjip-{o.id}-{topic}", pure=False)
            futures[fut] = o.id
        try:
            for fut in as_completed(list(futures)):
                office = futures[fut]
                try:
                    r = fut.result()
                except Exception as exc:  # noqa: BLE001 - the worker died: this office failed
                    r = {"office": office, "status": "failed", "problems": [], "steps": [], "audit": None,
                         "message": f"pekerja Dask yang membangunnya mati atau terputus: {type(exc).__name__}: {exc}"}
                result.results[office] = r
                display.set(office, r["status"], r.get("seconds"))
        except KeyboardInterrupt:
            client.cancel(list(futures))
            display.close()
            raise
        client.unsubscribe_topic(topic)
        display.close()
    from lkjip.batch.gabungan import write_gabungan

    result.gabungan = write_gabungan(batch, year, out, result.results, formats, banding=banding)
    result.seconds = time.perf_counter() - t0
    return result


def summary(result: BatchResult, stream: TextIO) -> None:
    """The end of a batch: what failed and why (every problem with file, row and column)."""
    rs = result.results
    done = [o for o, r in rs.items() if r["status"] in ("done", "cached")]
    print(f"lkjip batch: {len(done)} dari {len(rs)} kantor selesai di {result.out}/<kantor>/"
          f"; edisi gabungan: {result.gabungan}; {result.seconds:.1f} detik", file=stream)
    for office in result.failed:
        r = rs[office]
        print(f"GAGAL {office}:", file=stream)
        for p in r.get("problems") or []:
            print(f"  {p}", file=stream)
        if r.get("message"):
            print(f"  {r['message']}", file=stream)


def cli_batch(args: Any) -> int:
    """``lkjip batch``: exit 0 when every office was built, 2 when one failed."""
    formats = formats_of(args.format or None)
    only = [o.strip() for o in args.offices.split(",") if o.strip()] if args.offices else None
    result = run_batch(args.year, args.data_root, out=args.out, offices=only, formats=formats,
                       workers=args.workers, scheduler=args.scheduler, banding=args.banding, nama=args.nama,
                       stream=None if args.quiet else sys.stderr)
    summary(result, sys.stderr)
    return 2 if result.failed else 0


__all__ = ["BatchResult", "run_batch", "summary", "cli_batch", "GABUNGAN"]
