"""Kernels for a build: chapters executed by papermill in a few long-lived Jupyter kernels.

A :class:`Kernel` is one kernel process, driven by a thread of its own (a kernel manager is
bound to the event loop of the thread that started it). Papermill is handed its kernel manager
(``km=``, passed on to nbclient, which then neither starts nor stops the kernel), so a kernel's
start-up and its imports (pandas, Matplotlib) are paid once per kernel, not once per chapter.
Each chapter starts with a clean namespace (:mod:`lkjip.build.notebook`).

papermill runs its chapters through an engine of our own, registered with papermill's public
``papermill_engines.register`` (its way to extend execution): papermill's nbclient engine, handed
the kernel client that this module holds besides the kernel manager. Otherwise nbclient opens a
new client for every chapter and waits until the kernel's output channel has been quiet for
0.2 s: measured on the 2024 report, a cold ``--format html`` build took 5.8 s that way and
4.94 s with one client per kernel (medians of 5 alternating runs; ratio 0.86).

A :class:`Pool` spreads chapters over its kernels, longest first, and stops at the first
failure. Kernels watch the build process (jupyter_client tells them its pid): when the build
dies, even by ``kill -9``, they stop by themselves within a second or two.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip.build.notebook import ChapterError, Failure, clean, failure, for_execution
from lkjip.errors import BuildError

KERNEL_NAME = "lkjip"  # the project's kernel, registered in .venv by `make setup`
ENGINE = "lkjip-kernel-client"
# seconds a kernel may take to answer before its chapter fails (LKJIP_KERNEL_TIMEOUT overrides)
START_TIMEOUT = int(os.environ.get("LKJIP_KERNEL_TIMEOUT", "") or 60)


def default_workers() -> int:
    """Kernels run side by side: ``LKJIP_WORKERS``, else 2 on a machine with 2 cores or more."""
    env = os.environ.get("LKJIP_WORKERS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return 2 if (os.cpu_count() or 1) >= 2 else 1


@dataclass
class Job:
    """A chapter to execute: ``source`` in, the executed notebook to ``output``."""

    name: str  # the notebook's file name
    source: Path
    output: Path
    parameters: dict[str, Any]


@dataclass
class Done:
    job: Job
    nb: Any  # the executed, cleaned NotebookNode
    seconds: float


class Kernel:
    """One kernel process, started at once in the background, kept for every job it runs."""

    def __init__(self, cwd: Path | None = None, env: dict[str, str] | None = None):
        _import_clients()
        self.km: Any = None
        self.kc: Any = None
        self.log = tempfile.TemporaryFile()  # the kernel's stderr: says why it did not start
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lkjip-kernel")
        self._started = self._thread.submit(self._start, cwd, env)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        """Run ``fn(*args)`` in this kernel's thread (a Future)."""
        return self._thread.submit(fn, *args)

    def _start(self, cwd: Path | None, env: dict[str, str] | None) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        km = AsyncKernelManager(kernel_name=KERNEL_NAME)
        # No IPython history: every cell a build executes would go into the user's
        # ~/.ipython history database, which the analyst's own sessions search.
        run_sync(km.start_kernel)(cwd=str(cwd) if cwd else None, stdout=subprocess.DEVNULL,
                                  stderr=self.log, env={**os.environ, **(env or {})},
                                  extra_arguments=["--HistoryManager.enabled=False"])
        self.km = km
        kc = km.client()
        kc.allow_stdin = False
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=START_TIMEOUT)
        self.kc = kc

    def last_words(self) -> str:
        """The last lines the kernel wrote to its stderr."""
        self.log.seek(0)
        lines = self.log.read().decode("utf-8", "replace").strip().splitlines()[-10:]
        return "\n  ".join(lines) if lines else "(tidak ada)"

    def run(self, job: Job) -> Done:
        """Execute one chapter (in this kernel's thread)."""
        import papermill as pm
        from papermill.exceptions import PapermillExecutionError

        try:
            self._started.result()
        except Exception as exc:  # noqa: BLE001 - any reason the kernel did not start or answer
            raise BuildError(f"kernel untuk bab {job.name} tidak mau mulai atau berhenti: {exc} "
                             "(kernel Jupyter berbicara lewat jaringan lokal 127.0.0.1: periksa bahwa "
                             f"antarmuka loopback aktif); pesan terakhirnya:\n  {self.last_words()}") from None
        start = time.perf_counter()
        job.output.parent.mkdir(parents=True, exist_ok=True)
        source = for_execution(job.source, job.output.parent / f".src-{job.output.name}")
        try:
            nb = pm.execute_notebook(
                str(source), str(job.output), parameters=job.parameters, kernel_name=KERNEL_NAME,
                engine_name=_engine(), progress_bar=False, log_output=False,
                request_save_on_cell_execute=False, start_timeout=START_TIMEOUT, km=self.km, kc=self.kc)
        except PapermillExecutionError as exc:
            raise ChapterError(failure(job.name, job.source, job.output, exc)) from None
        except RuntimeError as exc:  # nbclient: the kernel did not answer, or died
            if "Kernel" in str(exc):
                raise BuildError(f"kernel untuk bab {job.name} tidak mau mulai atau berhenti: {exc}; "
                                 f"pesan terakhirnya:\n  {self.last_words()}") from None
            raise ChapterError(Failure(job.name, None, "", type(exc).__name__, str(exc)[:300], None)) from None
        except Exception as exc:  # a timeout, an unreadable notebook
            raise ChapterError(Failure(job.name, None, "", type(exc).__name__, str(exc).strip()[:300],
                                       job.output if job.output.exists() else None)) from None
        finally:
            if source != job.source:
                source.unlink(missing_ok=True)
        clean(nb, Path(job.name).stem)
        return Done(job, nb, time.perf_counter() - start)

    def kill(self) -> None:
        """Stop the kernel now, from any thread (the job running in it fails)."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            process.kill()

    def close(self) -> None:
        """Stop the kernel and its thread (waits up to 30 s, then kills it)."""
        def shut() -> None:
            from jupyter_core.utils import run_sync

            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None:
                run_sync(self.km.shutdown_kernel)(now=True)

        try:
            self._thread.submit(shut).result(timeout=30)
        except Exception:  # noqa: BLE001 - dead already, or hung: kill it
            self.kill()
        self._thread.shutdown(wait=False)


def _import_clients() -> None:
    """Import papermill and jupyter_client in this thread, before a kernel's thread starts: two
    threads importing nbformat at once by different routes (papermill's in a kernel's thread,
    nbconvert's in the build's, :func:`lkjip.build.stitch.prepare`) can find one of its modules
    half-initialised (nbformat.reader and nbformat.validator import each other: "ImportError:
    cannot import name ... from partially initialized module")."""
    import jupyter_client.manager  # noqa: F401
    import papermill.engines  # noqa: F401


def _engine() -> str:
    """Register the engine (see the module's docstring) with papermill; its name."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    class KernelClientEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                     stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                     execution_timeout: Any = None, kc: Any = None, **kwargs: Any) -> Any:
            kwargs.pop("input_path", None)
            client = PapermillNotebookClient(
                nb_man, kernel_name=kernel_name, log=logger, log_output=log_output, stdout_file=stdout_file,
                stderr_file=stderr_file, startup_timeout=start_timeout, timeout=execution_timeout, **kwargs)
            client.kc = kc  # a client nbclient uses and leaves open (it does not own the kernel)
            return client.execute()

    papermill_engines.register(ENGINE, KernelClientEngine)
    return ENGINE


class Pool:
    """Up to ``size`` kernels; :meth:`start` hands them jobs, :meth:`wait` collects the results.

    Jobs are taken in order by whichever kernel is free. After a failure no new job starts,
    and :meth:`wait` raises the first error once the running jobs have ended.
    """

    def __init__(self, size: int = 1, cwd: Path | None = None, env: dict[str, str] | None = None):
        self.size = max(1, size)
        self.cwd = cwd
        self.env = env
        self.kernels: list[Kernel] = []
        self._futures: list[Future] = []
        self._results: list[Done] = []
        self._stop = threading.Event()
        self._closing: list[threading.Thread] = []

    def start(self, jobs: list[Job], on_done: Callable[[Done], None] | None = None) -> None:
        """Start the kernels and the jobs; returns at once. A pool may run several lists of jobs
        one after the other (its kernels stay up in between), unless one of them failed."""
        if self._stop.is_set():
            raise BuildError("a kernel pool whose chapter failed cannot run more chapters: close it")
        self._results = []
        todo = deque(jobs)
        lock = threading.Lock()

        def drain(kernel: Kernel) -> None:
            while not self._stop.is_set():
                with lock:
                    if not todo:
                        return
                    job = todo.popleft()
                try:
                    done = kernel.run(job)
                except BaseException:
                    self._stop.set()
                    raise
                with lock:
                    self._results.append(done)
                if on_done is not None:
                    on_done(done)

        while len(self.kernels) < min(self.size, len(jobs)):
            self.kernels.append(Kernel(self.cwd, self.env))
        self._futures = [k.submit(drain, k) for k in self.kernels]

    def wait(self) -> list[Done]:
        """The results of every job; the first error if a job failed."""
        try:
            pending = set(self._futures)
            while pending:  # in slices, so that Ctrl-C is noticed
                _, pending = wait(pending, timeout=0.5)
        except KeyboardInterrupt:
            self._stop.set()
            for k in self.kernels:
                k.kill()
            raise
        errors = [f.exception() for f in self._futures if f.exception() is not None]
        if errors:
            raise next((e for e in errors if isinstance(e, ChapterError)), errors[0])
        return list(self._results)

    def close(self, wait: bool = True) -> None:
        """Stop every kernel (side by side). A kernel takes about 0.1 s to stop: with
        ``wait=False`` this returns at once, and :meth:`join` waits for them."""
        threads = [threading.Thread(target=k.close) for k in self.kernels]
        for t in threads:
            t.start()
        self._closing += threads
        self.kernels.clear()
        if wait:
            self.join()

    def join(self) -> None:
        """Wait until the kernels that :meth:`close` stops have stopped."""
        while self._closing:
            self._closing.pop().join()
