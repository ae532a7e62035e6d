"""Executing chapter notebooks with papermill in long-lived kernels.

A :class:`Worker` owns one kernel for a whole build: the kernel's start-up (and pandas, pandera,
matplotlib imports) is paid once per worker, not once per chapter. Papermill is given the
worker's kernel manager (``km=``, passed through to nbclient, which then neither starts nor
shuts the kernel down). Before each chapter the worker calls ``lkjip.report.reset_state()`` in
the kernel, so that the chapter sees a fresh kernel; after it, the worker asks the kernel which
data files the chapter read (``lkjip.report.files_read()``).

:class:`Pool` spreads jobs (chapters, and the figures' JSON) over one or more workers, each a
thread driving its own kernel process, and stops at the first failure.

Executed notebooks are cleaned for reproducibility (:func:`clean_notebook`): no papermill
timing, no execution timestamps, cell ids from chapter and position, execution counts 1..n.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip.errors import BuildError

KERNEL_NAME = "python3"
RESET_CODE = "__import__('lkjip.report').report.reset_state()"
HARVEST_CODE = "print(__import__('json').dumps(__import__('lkjip.report').report.files_read()))"
FIGURES_CODE = """\
def _lkjip_figures():
    import pathlib
    from lkjip.figures import Figures
    text = Figures({year!r}, {data_dir!r} or None, {params_dir!r} or None).to_json()
    pathlib.Path({out!r}).write_text(text, encoding="utf-8")
_lkjip_figures()
del _lkjip_figures
"""
AUDIT_CODE = """\
def _lkjip_audit():
    import pathlib, time
    from lkjip import audit
    F, result = audit.prepare({year!r}, {data_dir!r} or None, {params_dir!r} or None)
    html, skip = pathlib.Path({html!r}), pathlib.Path({skip!r})
    deadline = time.monotonic() + {timeout!r}
    while not html.exists():  # the build writes it (atomically) once every chapter is stitched
        if skip.exists():
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {{html}} after {timeout!r} s")
        time.sleep(0.01)
    text = audit.document(F, result, html.read_text(encoding="utf-8"))
    pathlib.Path({out!r}).write_text(text, encoding="utf-8")
_lkjip_audit()
del _lkjip_audit
"""
AUDIT_WAIT = 900  # seconds the audit waits for the stitched HTML


@dataclass
class Job:
    """A chapter to execute, the figures to write (``kind="figures"``), or the audit of a
    stitched report (``kind="audit"``: ``source`` is the HTML, which it waits for while it
    checks the registry; it gives up without output when ``source`` + ".skip" appears)."""

    name: str  # notebook file name ("figures.json" for the figures)
    source: Path | None  # the notebook to execute (the audit: the HTML to check)
    output: Path  # where papermill writes the executed notebook (or the figures' JSON)
    parameters: dict[str, Any]
    kind: str = "chapter"
    draws: bool = False  # the chapter draws charts (Matplotlib's figure machinery: ~0.6 s to load)


@dataclass
class Done:
    job: Job
    nb: Any  # the executed, cleaned NotebookNode
    files_read: list[str]
    seconds: float


@dataclass
class Failure:
    """Where a chapter failed: for a message without a long traceback."""

    name: str
    cell: int | None  # index of the cell in the chapter's notebook (as in JupyterLab, from 0)
    first_line: str
    ename: str
    evalue: str
    notebook: Path | None  # the executed notebook, kept for inspection

    def message(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "a cell"
        line = f" ({self.first_line})" if self.first_line else ""
        what = f"{self.ename}: {self.evalue}" if self.evalue else self.ename
        text = f"chapter {self.name} failed in {where}{line}: {what}"
        if self.notebook:
            text += f"\n  the executed notebook is kept for inspection: {self.notebook}"
        return text


class ChapterError(BuildError):
    """A chapter raised an exception; ``failure`` says where."""

    def __init__(self, failure: Failure):
        self.failure = failure
        super().__init__(failure.message())


# ---- cleaning ------------------------------------------------------------------------------------
def clean_notebook(nb: Any, stem: str) -> Any:
    """Strip what changes from run to run (in place; returns ``nb``).

    Drops papermill's timing and status metadata and nbclient's execution timestamps, sets
    every cell id to ``<stem>-<index>``, numbers executed code cells 1..n (a shared kernel
    continues its count from the previous chapter), removes empty tag lists, and merges
    consecutive stream outputs of one stream: the kernel sends what a cell prints in chunks
    that depend on its IO thread's flush timing (``print("x")`` may arrive as "x" and "\\n"),
    and nbclient keeps each chunk as an output of its own.
    """
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)
    count = 0
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{stem}-{i}"[:64]
        md = cell.setdefault("metadata", {})
        md.pop("papermill", None)
        md.pop("execution", None)
        if "tags" in md and not md["tags"]:
            del md["tags"]
        if cell.get("cell_type") == "code":
            if cell.get("execution_count") is not None:
                count += 1
                cell["execution_count"] = count
            merged: list[Any] = []
            for out in cell.get("outputs", []):
                if out.get("output_type") == "execute_result":
                    out["execution_count"] = cell.get("execution_count")
                if out.get("output_type") == "stream":
                    out["text"] = _text(out.get("text", ""))
                    last = merged[-1] if merged else None
                    if last is not None and last.get("output_type") == "stream" and last.get("name") == out.get("name"):
                        last["text"] += out["text"]
                        continue
                merged.append(out)
            if "outputs" in cell:
                cell["outputs"] = merged
    return nb


def _text(text: Any) -> str:
    return "".join(text) if isinstance(text, list) else str(text)


def _without_outputs(source: Path, copy: Path) -> Path:
    """``source`` with every output and execution count removed, written to ``copy``.

    The notebooks in ``notebooks/`` carry the outputs of the reference run (for nbval): a few
    hundred KB of tables and charts that papermill would parse and validate only to discard
    them. The copy holds what execution needs: the cells, their ids, tags and metadata. A
    notebook that is not valid JSON is handed over as it is (papermill says what is wrong).
    """
    try:
        nb = json.loads(source.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return source
    copy.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return copy


def dumps(nb: Any) -> bytes:
    import nbformat

    return (nbformat.writes(nb, version=4) + "\n").encode("utf-8")


# ---- the kernel ------------------------------------------------------------------------------
async def _wait_for_ready(kc: Any, timeout: float) -> None:
    """Wait until the kernel answers on the shell channel and publishes on IOPub.

    jupyter_client's ``wait_for_ready`` with one step less: after the kernel is ready it waits
    until IOPub has been quiet for 0.2 s, to drop stale messages. Every client here (ours and
    nbclient's) keeps only the messages whose parent is its own request, so stale ones do no
    harm; those 0.2 s, at a moment when both kernels and this process all wait, do.
    """
    from queue import Empty

    from jupyter_core.utils import ensure_async

    deadline = time.monotonic() + timeout
    while True:
        kc.kernel_info()
        try:
            msg = await ensure_async(kc.shell_channel.get_msg(timeout=1))
        except Empty:
            pass
        else:
            if msg["msg_type"] == "kernel_info_reply":
                # IOPub connected? (a subscription made too late misses the first outputs)
                try:
                    await ensure_async(kc.iopub_channel.get_msg(timeout=0.2))
                except Empty:
                    pass
                else:
                    kc._handle_kernel_info_reply(msg)
                    return
        if not await ensure_async(kc.is_alive()):
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


class Worker:
    """One kernel, kept for every job this worker runs.

    A kernel manager is bound to the event loop of the thread that started it, so each worker
    has a thread of its own and every call runs there (the public methods submit to it).
    """

    def __init__(self, cwd: Path | None = None, startup_timeout: float = 60,
                 env: dict[str, str] | None = None):
        from concurrent.futures import ThreadPoolExecutor

        self.km: Any = None
        self.kc: Any = None
        self.launched = threading.Event()  # set once the kernel's process is started (or failed to)
        self._ex = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lkjip-kernel")
        self._started = self._ex.submit(self._start, cwd, startup_timeout, env)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(*args)`` in this worker's thread once its kernel is up (a Future)."""

        def call() -> Any:
            self._started.result()
            return fn(*args)

        return self._ex.submit(call)

    def _start(self, cwd: Path | None, startup_timeout: float, env: dict[str, str] | None) -> None:
        import os
        import subprocess

        try:
            from jupyter_client.manager import AsyncKernelManager
            from jupyter_core.utils import run_sync

            self.km = AsyncKernelManager(kernel_name=KERNEL_NAME)
            # The kernel's own stderr is not wanted on the terminal (ipykernel 7 warns there
            # about TCP without encryption on every start; a chapter's errors come back in its
            # notebook), but it says why a kernel did not start.
            self.log = tempfile.TemporaryFile()
            # No IPython history: by default every cell a build executes is written to the
            # user's ~/.ipython/profile_default/history.sqlite (it had grown to 57 MB here),
            # which the analyst's own sessions search; a build is not a session. (Also ~0.1 s
            # less per start.)
            run_sync(self.km.start_kernel)(cwd=str(cwd) if cwd else None, stderr=self.log,
                                           stdout=subprocess.DEVNULL,
                                           env={**os.environ, **(env or {})},
                                           extra_arguments=["--HistoryManager.enabled=False"])
        finally:
            self.launched.set()
        # One client for papermill and for our own calls (reset, harvest), started once:
        # nbclient would otherwise start one per chapter, and each wait_for_ready waits 0.2 s
        # for the iopub channel to go quiet. A client of the manager, which knows whether the
        # process is alive (a bare client judges by heartbeats, which a kernel still starting on
        # a busy machine may not send yet: "Kernel died before replying").
        self.kc = self.km.client()
        self.kc.allow_stdin = False
        self.kc.start_channels()
        try:
            run_sync(_wait_for_ready)(self.kc, startup_timeout)
        except RuntimeError as exc:
            self.log.seek(0)
            tail = self.log.read().decode("utf-8", "replace").strip().splitlines()[-15:]
            raise BuildError(f"the kernel did not start ({exc}); its last words:\n  "
                             + "\n  ".join(tail)) from None

    def call(self, code: str, timeout: float | None = 600, what: str = "") -> str:
        """Run ``code`` in the kernel (not stored in its history); return its stdout.

        To be called in the worker's thread (from a job). ``what`` names the work in an error.
        """
        out: list[str] = []
        err: list[str] = []

        def hook(msg: dict) -> None:
            t, c = msg["msg_type"], msg["content"]
            if t == "stream" and c.get("name") == "stdout":
                out.append(c["text"])
            elif t == "error":
                err.append(f"{c['ename']}: {c['evalue']}")

        from jupyter_core.utils import run_sync

        run_sync(self.kc.execute_interactive)(code, store_history=False, allow_stdin=False,
                                              output_hook=hook, timeout=timeout)
        if err:
            raise BuildError(f"{what or repr(code.splitlines()[0])} failed in the kernel: {err[0]}")
        return "".join(out)

    def _files_read(self) -> list[str]:
        return json.loads(self.call(HARVEST_CODE).strip().splitlines()[-1])

    def run(self, job: Job) -> Done:
        """Execute one job (in the worker's thread)."""
        start = time.perf_counter()
        self.call(RESET_CODE)
        if job.kind in ("figures", "audit"):
            p = job.parameters
            code = FIGURES_CODE if job.kind == "figures" else AUDIT_CODE
            self.call(code.format(year=p["year"], data_dir=p["data_dir"], params_dir=p["params_dir"],
                                  out=str(job.output), html=str(job.source), skip=f"{job.source}.skip",
                                  timeout=AUDIT_WAIT), what=job.name, timeout=AUDIT_WAIT + 600)
            return Done(job, None, self._files_read(), time.perf_counter() - start)

        import papermill as pm
        from papermill.exceptions import PapermillExecutionError

        job.output.parent.mkdir(parents=True, exist_ok=True)
        source = _without_outputs(job.source, job.output.parent / f".src-{job.output.name}")
        try:
            nb = pm.execute_notebook(
                str(source), str(job.output), parameters=job.parameters,
                engine_name=_engine(), kernel_name=KERNEL_NAME, progress_bar=False,
                log_output=False, request_save_on_cell_execute=False, km=self.km,
                kc=self.kc)
        except PapermillExecutionError as exc:
            raise ChapterError(_failure(job, exc)) from None
        except Exception as exc:  # the kernel died, a timeout, an unreadable notebook
            raise ChapterError(Failure(job.name, None, "", type(exc).__name__, str(exc).strip()[:300],
                                       job.output if job.output.exists() else None)) from None
        finally:
            if source != job.source:
                source.unlink(missing_ok=True)
        files = self._files_read()
        clean_notebook(nb, Path(job.name).stem)
        return Done(job, nb, files, time.perf_counter() - start)

    def kill(self) -> None:
        """Stop the kernel now (from any thread): the job running in it fails."""
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        if proc is not None:
            proc.kill()

    def close(self) -> None:
        self._end_close(self._begin_close())

    def _begin_close(self) -> Any:
        """Start stopping the kernel (in the worker's thread); a Future."""
        def shut() -> None:
            from jupyter_core.utils import run_sync

            if self.kc is not None:
                self.kc.stop_channels()
            if self.km is not None:
                # Killed and waited for here: jupyter_client's shutdown would poll every 0.1 s
                # until the process is gone; then it only cleans up (connection file, ports).
                proc = getattr(self.km.provisioner, "process", None)
                if proc is not None:
                    proc.kill()
                    try:
                        proc.wait(timeout=5)
                    except Exception:  # noqa: BLE001 - shutdown_kernel tries again
                        pass
                run_sync(self.km.shutdown_kernel)(now=True)

        return self._ex.submit(shut)

    def _end_close(self, stopping: Any) -> None:
        try:
            stopping.result(timeout=30)
        except Exception:  # noqa: BLE001 - the kernel may be dead already
            self.kill()
        self._ex.shutdown(wait=False)


ENGINE = "lkjip-shared-kernel"


def _engine() -> str:
    """Register (once) the papermill engine that runs in a worker's kernel with its client.

    It is papermill's own nbclient engine, except that the PapermillNotebookClient is handed
    the worker's kernel client as well as its kernel manager (``km``: nbclient then neither
    starts nor shuts down the kernel).
    """
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    if ENGINE in papermill_engines._engines:
        return ENGINE

    class SharedKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                     stderr_file=None, start_timeout=60, execution_timeout=None,
                                     kc=None, **kwargs):
            # as NBClientEngine.execute_managed_notebook, plus the client
            kwargs = remove_args(["input_path"], **kwargs)
            safe = remove_args(["timeout", "startup_timeout"], **kwargs)
            final = merge_kwargs(safe, timeout=execution_timeout or kwargs.get("timeout"),
                                 startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                                 log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            client = PapermillNotebookClient(nb_man, **final)
            client.kc = kc
            return client.execute()

    papermill_engines.register(ENGINE, SharedKernelEngine)
    return ENGINE


def _failure(job: Job, exc: Any) -> Failure:
    """The failing cell, as the author sees it in notebooks/ (index in the source notebook)."""
    index = exc.cell_index
    try:
        source_ids = [c.get("id") for c in json.loads(job.source.read_text(encoding="utf-8"))["cells"]]
        executed = json.loads(job.output.read_text(encoding="utf-8"))["cells"]
        failed = next(c for c in executed if c.get("cell_type") == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", [])))
        if failed.get("id") in source_ids:
            index = source_ids.index(failed["id"])
    except (OSError, ValueError, KeyError, StopIteration):
        pass
    first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
    evalue = (exc.evalue or "").strip().splitlines()
    return Failure(job.name, index, first[:120], exc.ename, evalue[0][:300] if evalue else "",
                   job.output if job.output.exists() else None)


# ---- several jobs ------------------------------------------------------------------------------
def next_job(todo: list[Job], draws: bool | None) -> int:
    """Index in ``todo`` of the job a free worker takes: not the audit while anything else is
    left; then, when the pool splits the chapters (``draws`` is whether this worker is the one
    that draws; None: no split), one of its own kind; else the first in the queue."""
    return min(range(len(todo)), key=lambda k: (
        todo[k].kind == "audit", draws is not None and todo[k].draws != draws, k))


class Pool:
    """Up to ``size`` workers (kernels), started on first use and kept for the build."""

    def __init__(self, size: int = 1, cwd: Path | None = None, env: dict[str, str] | None = None):
        self.size = max(1, size)
        self.cwd = cwd
        self.env = env  # added to the kernels' environment
        self.workers: list[Worker] = []
        self.stopped = threading.Event()  # set when a job failed (the run's own event)

    def start(self, n: int) -> None:
        """Start kernels now (they boot in the background, in parallel)."""
        while len(self.workers) < min(n, self.size):
            self.workers.append(Worker(self.cwd, env=self.env))

    def wait_launched(self, timeout: float = 10) -> None:
        """Wait until every kernel's process is started (not yet ready).

        Until then the workers' threads import jupyter_client and launch the kernels; heavy
        work in another thread of this process (imports) would hold the GIL and delay the
        launch (by ~0.45 s measured: the kernels then idle while this process imports).
        """
        deadline = time.perf_counter() + timeout
        for w in self.workers:
            if not w.launched.wait(max(0.0, deadline - time.perf_counter())):
                return

    def run(self, jobs: list[Job], on_done: Callable[[Done], None] | None = None,
            while_waiting: Callable[[], None] | None = None) -> list[Done]:
        """Run ``jobs`` on the workers; results in the order of ``jobs``.

        Jobs are handed out in order to whichever worker is free. After a failure no new job
        starts (``self.stopped`` is set); the first ChapterError is raised once the running ones
        have finished. ``while_waiting`` runs in the calling thread meanwhile (the kernels are
        other processes: the build imports what comes next, then stitches the chapters and
        renders the PDF while a kernel audits); if it raises, no new job starts and its error
        is raised.
        """
        if not jobs:
            return []
        self.start(len(jobs))
        todo = list(enumerate(jobs))
        results: dict[int, Done] = {}
        lock = threading.Lock()
        stop = threading.Event()
        # With several kernels, the first one takes the chapters that draw charts and the others
        # the rest, each as long as there are any: only one kernel then pays for loading
        # Matplotlib's figure and font machinery. An audit (which mostly waits for the HTML) is
        # taken only when nothing else is left: a kernel out of its own kind of chapter takes
        # the other kind rather than sit in the audit while the last chapters queue elsewhere.
        drawer = self.workers[0] if len(self.workers) > 1 and any(j.draws for j in jobs) else None

        def take(worker: Worker) -> tuple[int, Job] | None:
            with lock:
                if not todo:
                    return None
                mine = None if drawer is None else (worker is drawer)
                return todo.pop(next_job([j for _, j in todo], mine))

        def drain(worker: Worker) -> None:
            while not stop.is_set():
                item = take(worker)
                if item is None:
                    return
                i, job = item
                try:
                    done = worker.run(job)
                except BaseException:
                    stop.set()
                    raise
                with lock:
                    results[i] = done
                    if on_done:
                        on_done(done)

        self.stopped = stop
        futures = [w.submit(drain, w) for w in self.workers]
        try:
            if while_waiting is not None:
                try:
                    while_waiting()
                except KeyboardInterrupt:
                    raise
                except BaseException:
                    # no new job; the running ones get a little time to end, then their kernels go
                    stop.set()
                    if wait(futures, timeout=30).not_done:
                        for w in self.workers:
                            w.kill()
                    raise
            pending = set(futures)
            while pending:  # in slices, so that Ctrl-C is noticed
                _, pending = wait(pending, timeout=0.5)
            errors = [f.exception() for f in futures if f.exception() is not None]
        except KeyboardInterrupt:
            stop.set()
            for w in self.workers:
                w.kill()
            raise
        if errors:
            raise next((e for e in errors if isinstance(e, ChapterError)), errors[0])
        return [results[i] for i in range(len(jobs))]

    def submit(self, job: Job) -> Any:
        """Run one job on the first worker, in the background: a Future of its :class:`Done`
        (starts a kernel if none is running)."""
        self.start(1)
        worker = self.workers[0]
        return worker.submit(worker.run, job)

    def close(self) -> None:
        """Stop every kernel (side by side: each stop waits for its process to end)."""
        stopping = [(w, w._begin_close()) for w in self.workers]
        for w, f in stopping:
            w._end_close(f)
        self.workers.clear()
