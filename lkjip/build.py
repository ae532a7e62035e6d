"""``lkjip build`` and ``lkjip golden``: chapters executed (shared kernels, cache), stitched into
one HTML page, rendered as a PDF.

A build of year Y writes, into ``build/Y/``::

    lkjip-Y.html  lkjip-Y.pdf  figures.json  manifest.json  notebooks/<chapter>.ipynb

It builds into a temporary folder next to ``build/Y/`` and swaps it in only when everything
succeeded, so a failed build leaves the previous good one untouched (the failed chapter's
executed notebook is kept in ``build/Y.failed/``).

What runs and what is served from the cache (``build/.cache/``; see :mod:`lkjip.cache`):

* a chapter is executed (papermill, in a kernel shared with the other chapters of the build:
  :mod:`lkjip.execute`) unless the cache holds it for the same static key and the data files
  it read are unchanged;
* ``figures.json`` likewise (computed in a kernel: the build process never imports pandas);
* the HTML is stitched (:mod:`lkjip.stitch`) unless the cache holds it for the same executed
  notebooks, templates, package and environment; the PDF (:mod:`lkjip.pdf`) unless the cache
  holds it for the same HTML.

So when nothing changed a build hashes its inputs, copies the cached results and swaps the
folder: no kernel, no nbconvert, no WeasyPrint.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import lkjip
from lkjip import cache as C
from lkjip.chapters import Chapter, chapters
from lkjip.errors import BuildError
from lkjip.load import TABLE_CACHE_ENV
from lkjip.params import load_params
from lkjip.paths import BUILD_DIR, DATA_DIR, NOTEBOOKS_DIR, PARAMS_DIR, PROJ_ROOT, RULES_DIR, TEMPLATES_DIR, office_dir

PACKAGE_DIR = Path(lkjip.__file__).resolve().parent
FORMATS = ("html", "pdf")
FIGURES_JSON = "figures.json"


def default_workers() -> int:
    """Kernels run side by side: ``LKJIP_WORKERS``, else 2 on a machine with 2 cores or more."""
    env = os.environ.get("LKJIP_WORKERS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return 2 if (os.cpu_count() or 1) >= 2 else 1


@dataclass
class Step:
    """One line of the progress display."""

    name: str
    status: str  # executed | cached | stitched | rendered | skipped | failed
    seconds: float
    note: str = ""


@dataclass
class BuildResult:
    folder: Path
    steps: list[Step] = field(default_factory=list)
    seconds: float = 0.0
    audit: dict[str, Any] | None = None  # summary, failed ([check, message]), audit.json, audit.html

    @property
    def audit_failed(self) -> list[tuple[str, str]]:
        return [tuple(f) for f in (self.audit or {}).get("failed", [])]

    def executed(self) -> list[str]:
        return [s.name for s in self.steps if s.status == "executed"]

    def cached(self) -> list[str]:
        return [s.name for s in self.steps if s.status == "cached"]


class _Progress:
    def __init__(self, stream: TextIO | None):
        self.stream = stream
        self.steps: list[Step] = []

    def __call__(self, step: Step) -> None:
        self.steps.append(step)
        if self.stream is not None:
            note = f"  ({step.note})" if step.note else ""
            print(f"  {step.name:<34} {step.status:<9} {step.seconds:6.2f} s{note}", file=self.stream,
                  flush=True)

    def say(self, text: str) -> None:
        if self.stream is not None:
            print(text, file=self.stream, flush=True)


@dataclass
class Inputs:
    """The hashes a build's cache keys are made of (cheap: files are hashed, nothing imported)."""

    year: int
    office: str
    parameters: dict[str, Any]
    params: dict[str, str]
    rules: dict[str, str]
    package: dict[str, str]
    templates: dict[str, str]
    data_files: list[str]
    env: dict[str, Any]

    def common(self) -> dict[str, Any]:
        return {"format": C.CACHE_FORMAT, "parameters": self.parameters, "params": self.params,
                "rules": self.rules, "package": self.package, "data_files": self.data_files,
                "env": self.env}


def _param_dir_value(given: Path | None) -> str:
    return str(Path(given).resolve()) if given else ""


def gather_inputs(year: int, data_dir: Path | None, params_dir: Path | None, rules_dir: Path,
                  package_dir: Path, templates_dir: Path) -> Inputs:
    params_root = Path(params_dir or PARAMS_DIR)
    values = load_params(year, params_root)
    office = str(values.get("office") or "")
    if not office:
        raise BuildError(f"{params_root / f'{year}.yaml'}: expected 'office: <kode kantor>' "
                         "(here or in defaults.yaml); found no office")
    parameters = {"year": int(year), "office": office, "data_dir": _param_dir_value(data_dir),
                  "params_dir": _param_dir_value(params_dir)}
    # every params file, not only this year's: a chapter may read last year's number or date
    params = C.tree(params_root, suffixes=(".yaml", ".yml"))
    return Inputs(
        year=int(year), office=office, parameters=parameters, params=params,
        rules=C.tree(Path(rules_dir), suffixes=(".yaml", ".yml")),
        package=C.tree(Path(package_dir), skip={"templates"}),
        templates=C.tree(Path(templates_dir)),
        data_files=C.listing(office_dir(office, data_dir)),
        env=C.environment(),
    )


def chapter_key(inputs: Inputs, chapter: Chapter, notebook: Path) -> str:
    return C.sha256_json({"chapter": chapter.notebook, "notebook": C.notebook_source_hash(notebook),
                          **inputs.common()})


def figures_key(inputs: Inputs) -> str:
    return C.sha256_json({"figures": True, **inputs.common()})


def audit_key(inputs: Inputs, html_bytes: bytes, data_dir: Path | None) -> str:
    """The audit depends on the HTML it checks and on every data file (the published figures
    it reconciles are data that no chapter may read)."""
    return C.sha256_json({"audit": True, **inputs.common(), "html": C.sha256_bytes(html_bytes),
                          "data": C.tree(office_dir(inputs.office, data_dir))})


def _code(notebook: Path | None) -> str:
    """The code of a notebook's cells ("" when unreadable)."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code")
    except (OSError, TypeError, ValueError, KeyError):
        return ""


def _compile_package() -> None:
    """Write the bytecode of lkjip's modules (``__pycache__``), when missing or stale.

    Every kernel imports lkjip afresh for each chapter (``lkjip.report.reset_state``); without
    bytecode each import compiles the source again (~0.1 s a chapter). Where
    PYTHONDONTWRITEBYTECODE is set (as on CI machines), Python never writes it itself, so the
    build does, once; compileall skips up-to-date files, and a read-only install is left as it is.
    """
    import compileall

    try:
        compileall.compile_dir(str(PACKAGE_DIR), quiet=2, workers=1)
    except OSError:
        pass


def report_key(inputs: Inputs, notebooks: list[tuple[Chapter, bytes]]) -> str:
    return C.sha256_json({
        "report": "html", "format": C.CACHE_FORMAT, "year": inputs.year, "office": inputs.office,
        "notebooks": [[c.notebook, c.number, C.sha256_bytes(b)] for c, b in notebooks],
        "templates": inputs.templates, "package": inputs.package, "env": inputs.env})


# ---- the build ---------------------------------------------------------------------------------
def build(year: int, *, formats: tuple[str, ...] = FORMATS, data_dir: Path | None = None,
          params_dir: Path | None = None, out_dir: Path | None = None, rekonsiliasi: bool = False,
          use_cache: bool = True, progress: TextIO | None = None,
          chapter_list: list[Chapter] | None = None, notebooks_dir: Path = NOTEBOOKS_DIR,
          rules_dir: Path = RULES_DIR, package_dir: Path = PACKAGE_DIR,
          templates_dir: Path = TEMPLATES_DIR, cache_dir: Path | None = None,
          workers: int | None = None, figures: bool | None = None, audit: bool | None = None,
          pool: Any = None) -> BuildResult:
    """Build the report of ``year`` into ``<out_dir>/<year>/``.

    Parameters
    ----------
    formats
        Which of "html" and "pdf" to write (the HTML is made for the PDF in any case).
    data_dir, params_dir
        Input folders; None means the repository's ``data/`` and ``params/``.
    out_dir
        The build folder (default ``build/``); the cache is ``<out_dir>/.cache`` unless
        ``cache_dir`` says otherwise.
    use_cache
        False re-executes every chapter and re-renders everything (the results are still
        stored in the cache).
    progress
        Where the progress display goes (one line per step); None for none.
    chapter_list, notebooks_dir, rules_dir, package_dir, templates_dir, cache_dir, workers
        For tests and special runs: which chapters, where their notebooks are, what is
        hashed for the cache key, how many kernels.
    figures
        Whether to write figures.json; by default when ``package_dir`` has ``figures.py``.
    audit
        Whether to run the audit (``lkjip.audit``) over the registry and the stitched HTML and
        write audit.json and audit.html; by default when figures.json is written and
        ``package_dir`` has ``audit.py``. Its outcome is in ``BuildResult.audit``.
    pool
        An ``lkjip.execute.Pool`` whose kernels to use (and leave running), e.g. for several
        builds in one process; by default the build starts its own and stops them.
    """
    t0 = time.perf_counter()
    formats = tuple(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise BuildError(f"--format: expected a comma-separated list of {', '.join(FORMATS)}; "
                         f"found {','.join(formats) or 'nothing'}")
    out = Path(out_dir or BUILD_DIR)
    final = out / str(year)
    store = C.Cache(Path(cache_dir) if cache_dir else out / ".cache")
    show = _Progress(progress)
    chs = chapter_list if chapter_list is not None else chapters(include_optional=rekonsiliasi)
    if not chs:
        raise BuildError("no chapter to build")
    for ch in chs:
        if not (Path(notebooks_dir) / ch.notebook).is_file():
            raise BuildError(f"chapter {ch.notebook}: no such notebook in {notebooks_dir} "
                             "(the chapter list is lkjip/chapters.py)")
    inputs = gather_inputs(year, data_dir, params_dir, rules_dir, package_dir, templates_dir)
    if figures is None:
        figures = (Path(package_dir) / "figures.py").is_file()
    if audit is None:
        audit = bool(figures) and (Path(package_dir) / "audit.py").is_file()
    _compile_package()

    out.mkdir(parents=True, exist_ok=True)
    tmp = out / f".{year}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "notebooks").mkdir(parents=True)
    show.say(f"lkjip build {year} -> {final}")

    from lkjip.execute import ChapterError, Job, Pool  # light: papermill is imported on first run

    # 1. chapters and figures: from the cache, or jobs for the kernels
    keys: dict[str, str] = {}
    results: dict[str, bytes] = {}
    files_read: dict[str, dict[str, str | None]] = {}
    jobs: list[Job] = []
    reasons: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for ch in chs:
        src = Path(notebooks_dir) / ch.notebook
        key = keys[ch.notebook] = chapter_key(inputs, ch, src)
        found = store.get("chapters", Path(ch.notebook).stem, key, "ipynb") if use_cache else None
        if found and found.hit:
            results[ch.notebook] = found.hit.data
            files_read[ch.notebook] = found.hit.files_read
            show(Step(ch.notebook, "cached", 0.0))
        else:
            reasons[ch.notebook] = found.reason if found else "--no-cache"
            code = _code(src)
            jobs.append(Job(ch.notebook, src, tmp / "notebooks" / ch.notebook, inputs.parameters,
                            draws="gambar(" in code))
            sizes[ch.notebook] = len(code)
    # the longest chapters first, so that the kernels finish together (longest processing time
    # first); a chapter's code size is a fair guess of its time
    jobs.sort(key=lambda j: -sizes[j.name])
    if figures:
        key = keys[FIGURES_JSON] = figures_key(inputs)
        found = store.get("figures", str(year), key, "json") if use_cache else None
        if found and found.hit:
            results[FIGURES_JSON] = found.hit.data
            files_read[FIGURES_JSON] = found.hit.files_read
            show(Step(FIGURES_JSON, "cached", 0.0))
        else:
            reasons[FIGURES_JSON] = found.reason if found else "--no-cache"
            # queued after the chapters: it runs while the last chapters still execute
            jobs.append(Job(FIGURES_JSON, None, tmp / FIGURES_JSON, inputs.parameters, kind="figures"))
    else:
        show(Step(FIGURES_JSON, "skipped", 0.0, "lkjip.figures does not exist yet"))

    executed_nbs: dict[str, Any] = {}
    own_pool = pool is None
    chapter_jobs = {j.name for j in jobs if j.kind == "chapter"}
    kernels: list[Any] = [pool] if pool is not None else []

    def need_pool() -> Any:
        """The kernels, started on first need (a build with nothing to run starts none)."""
        if not kernels:
            # validated tables, shared by the kernels and kept for the next builds (lkjip.load)
            table_cache = store.folder / "tables" / C.sha256_json(inputs.env)[:16]
            C.prune_tables(table_cache)
            kernels.append(Pool(min(workers or default_workers(), len(chapter_jobs) or 1),
                                cwd=Path(notebooks_dir), env={TABLE_CACHE_ENV: str(table_cache)}))
        return kernels[0]

    audit_result: dict[str, Any] | None = None
    html_name, pdf_name = f"lkjip-{year}.html", f"lkjip-{year}.pdf"
    html_path = tmp / (html_name if "html" in formats else f".{html_name}")
    skip_audit = Path(f"{html_path}.skip")
    audit_out = tmp / ".audit.json"
    audit_doc: dict[str, Any] = {}  # "data": the audit's JSON document, "key": its cache key
    if jobs and audit:
        # last in the queue: a kernel checks the registry while the other finishes its chapter,
        # then waits for the HTML (or for the skip marker, when the audit is in the cache)
        jobs.append(Job("audit", html_path, audit_out, inputs.parameters, kind="audit"))
    stitchable = threading.Event()  # every chapter is in `results`
    if not chapter_jobs:
        stitchable.set()

    def done(d: Any) -> None:
        """A job finished (in a worker's thread): into the cache and the progress display."""
        from lkjip.execute import dumps

        name = d.job.name
        if d.job.kind == "audit":
            if audit_out.exists():
                audit_doc["data"] = audit_out.read_bytes()
                audit_out.unlink()
                show(Step("audit", "executed", d.seconds))
            return
        if d.job.kind == "figures":
            data = d.job.output.read_bytes()
            kind, entry, ext = "figures", str(year), "json"
        else:
            executed_nbs[name] = d.nb
            data = dumps(d.nb)
            kind, entry, ext = "chapters", Path(name).stem, "ipynb"
        results[name] = data
        files_read[name] = store.put(kind, entry, keys[name], ext, data, _data_files(d.files_read))
        show(Step(name, "executed", d.seconds, reasons.get(name, "")))
        if chapter_jobs <= set(results):
            stitchable.set()

    converted: dict[str, Any] = {}  # chapter stem -> its HTML fragments (lkjip.stitch.convert)
    exp_holder: list[Any] = []  # the nbconvert exporter, made on first use

    def convert_one() -> None:
        """Convert one chapter that is ready (executed or from the cache) to HTML, while the
        kernels execute the others: stitching at the end then only assembles the page."""
        for i, ch in enumerate(chs):
            stem = Path(ch.notebook).stem
            if stem in converted or ch.notebook not in results:
                continue
            from lkjip import stitch as S

            if not exp_holder:
                exp_holder.append(S.exporter(templates_dir))
            converted[stem] = S.convert(exp_holder[0], _part(ch, results[ch.notebook], executed_nbs), i == 0)
            return

    def finish() -> None:
        """The executed notebooks, the HTML, the audit's input and the PDF (in this thread)."""
        notebooks = [(ch, results[ch.notebook]) for ch in chs]
        for ch, data in notebooks:
            (tmp / "notebooks" / ch.notebook).write_bytes(data)
        hkey = report_key(inputs, notebooks)
        found = store.get("report", str(year), hkey, "html") if use_cache else None
        if found and found.hit:
            html_bytes = found.hit.data
            if "html" in formats:
                show(Step(html_name, "cached", 0.0))
        else:
            t = time.perf_counter()
            html_bytes = _stitch(chs, notebooks, executed_nbs, inputs, templates_dir, converted)
            store.put("report", str(year), hkey, "html", html_bytes)
            show(Step(html_name, "stitched", time.perf_counter() - t))
        if audit:
            akey = audit_doc["key"] = audit_key(inputs, html_bytes, data_dir)
            found = store.get("audit", str(year), akey, "json") if use_cache else None
            if found and found.hit:
                audit_doc["data"] = found.hit.data
                audit_doc["cached"] = True
                skip_audit.touch()
                show(Step("audit", "cached", 0.0))
        C._write_atomic(html_path, html_bytes)  # the audit's kernel may be waiting for it
        if audit and "data" not in audit_doc and not any(j.kind == "audit" for j in jobs):
            # nothing else ran: one kernel for the audit, while the PDF renders
            audit_doc["future"] = need_pool().submit(Job("audit", html_path, audit_out, inputs.parameters,
                                                         kind="audit"))
        if "pdf" in formats:
            pkey = C.sha256_json({"report": "pdf", "html": C.sha256_bytes(html_bytes), "env": inputs.env,
                                  "package": inputs.package,
                                  "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", "")})
            found = store.get("report", str(year), pkey, "pdf") if use_cache else None
            if found and found.hit:
                (tmp / pdf_name).write_bytes(found.hit.data)
                show(Step(pdf_name, "cached", 0.0))
            else:
                from lkjip.pdf import render_pdf

                t = time.perf_counter()
                render_pdf(html_bytes.decode("utf-8"), tmp / pdf_name, base_url=tmp)
                store.put("report", str(year), pkey, "pdf", (tmp / pdf_name).read_bytes())
                show(Step(pdf_name, "rendered", time.perf_counter() - t))
        if "future" in audit_doc:
            done(audit_doc.pop("future").result())

    try:
        if jobs:
            pool = need_pool()
            pool.start(pool.size)  # the kernels boot while this process imports papermill

            def meanwhile() -> None:
                """In this thread while the kernels execute: imports, then (once every chapter
                is done) stitching and the PDF, while a kernel audits."""
                pool.wait_launched()  # the kernels' processes first: they boot while we import
                import nbconvert  # noqa: F401
                import papermill  # noqa: F401
                if "pdf" in formats:
                    import weasyprint  # noqa: F401
                while not stitchable.wait(0.02):
                    if pool.stopped.is_set():  # a chapter failed
                        skip_audit.touch()
                        return
                    convert_one()
                try:
                    finish()
                except BaseException:
                    skip_audit.touch()
                    raise

            try:
                pool.run(jobs, on_done=done, while_waiting=meanwhile)
            except ChapterError as exc:
                failed = _keep_failed(tmp, out, year)
                f = exc.failure
                if f.notebook is not None:
                    f.notebook = failed / "notebooks" / f.name
                show(Step(f.name, "failed", 0.0))
                raise ChapterError(f) from None
        else:
            finish()

        if FIGURES_JSON in results:
            (tmp / FIGURES_JSON).write_bytes(results[FIGURES_JSON])
        if audit:
            if "data" not in audit_doc:
                raise BuildError("the audit wrote nothing (see the kernel's output above)")
            audit_result = json.loads(audit_doc["data"])
            if not audit_doc.get("cached") and not audit_result["failed"]:
                # a failed check is a bug to fix, not a result to keep
                store.put("audit", str(year), audit_doc["key"], "json", audit_doc["data"])
            for name in ("audit.json", "audit.html"):
                (tmp / name).write_text(audit_result[name], encoding="utf-8")
        skip_audit.unlink(missing_ok=True)
        if "html" not in formats:
            html_path.unlink()

        # 4. the manifest, then the swap
        manifest = _manifest(inputs, chs, files_read, tmp, data_dir, params_dir, notebooks_dir,
                             rules_dir, package_dir, templates_dir, formats)
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True,
                                                      ensure_ascii=False) + "\n", encoding="utf-8")
    except ChapterError:
        raise  # its folder is kept as <year>.failed
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if own_pool and kernels:
            kernels[0].close()
    _swap(tmp, final)
    shutil.rmtree(out / f"{year}.failed", ignore_errors=True)
    seconds = time.perf_counter() - t0
    show.say(f"{final} ready in {seconds:.2f} s")
    return BuildResult(final, show.steps, seconds, audit_result)


def _data_files(paths: list[str]) -> list[str]:
    """The files a kernel reported reading, as absolute paths."""
    return sorted({str(Path(p).resolve()) for p in paths})


def _part(ch: Chapter, data: bytes, executed: dict[str, Any]) -> Any:
    """A chapter to stitch: its executed notebook (parsed from ``data`` if not at hand)."""
    import nbformat

    from lkjip.stitch import Part

    nb = executed.get(ch.notebook) or nbformat.reads(data.decode("utf-8"), as_version=4)
    return Part(nb, ch.number, Path(ch.notebook).stem)


def _stitch(chs: list[Chapter], notebooks: list[tuple[Chapter, bytes]], executed: dict[str, Any],
            inputs: Inputs, templates_dir: Path, converted: dict[str, Any] | None = None) -> bytes:
    from lkjip.stitch import stitch

    parts = [_part(ch, data, executed) for ch, data in notebooks]
    return stitch(parts, inputs.year, inputs.office, templates_dir, converted).encode("utf-8")


def _keep_failed(tmp: Path, out: Path, year: int) -> Path:
    """The temporary folder of a failed build becomes ``<out>/<year>.failed``."""
    failed = out / f"{year}.failed"
    shutil.rmtree(failed, ignore_errors=True)
    os.replace(tmp, failed)
    return failed


def _swap(new: Path, final: Path) -> None:
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


def _rel(path: Path | str, *roots: tuple[str, Path]) -> str:
    """A path shown relative to a named root ("data/kanim-pamekasan/pegawai.csv")."""
    p = Path(path).resolve()
    for label, root in roots:
        try:
            return f"{label}/{p.relative_to(Path(root).resolve()).as_posix()}".lstrip("/")
        except ValueError:
            continue
    return p.as_posix()


def _manifest(inputs: Inputs, chs: list[Chapter], files_read: dict[str, dict[str, str | None]],
              folder: Path, data_dir: Path | None, params_dir: Path | None, notebooks_dir: Path,
              rules_dir: Path, package_dir: Path, templates_dir: Path,
              formats: tuple[str, ...]) -> dict[str, Any]:
    """Every input with its sha256, the versions, what each chapter read, and the outputs.

    No timestamps and no absolute paths of the repository: two builds from the same inputs
    write the same manifest.
    """
    data_root = Path(data_dir or DATA_DIR)
    params_root = Path(params_dir or PARAMS_DIR)
    roots = (("data", data_root), ("params", params_root), ("notebooks", Path(notebooks_dir)),
             ("", PROJ_ROOT))
    office = office_dir(inputs.office, data_dir)
    outputs = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            outputs[p.relative_to(folder).as_posix()] = C.sha256_file(p)
    return {
        "year": inputs.year,
        "office": inputs.office,
        "formats": list(formats),
        "parameters": {k: (_rel(v, *roots) if k in ("data_dir", "params_dir") and v else v)
                       for k, v in inputs.parameters.items()},
        "inputs": {
            "notebooks": {c.notebook: C.sha256_file(Path(notebooks_dir) / c.notebook) for c in chs},
            "params": inputs.params,
            "rules": inputs.rules,
            "data": {f"{office.name}/{k}": v for k, v in C.tree(office).items()},
            "package": inputs.package,
            "templates": inputs.templates,
        },
        "chapters": {name: sorted(_rel(p, *roots) for p in files)
                     for name, files in sorted(files_read.items())},
        "versions": {"python": inputs.env["python"], **C.key_versions()},
        "system": inputs.env["system"],
        "outputs": outputs,
    }


# ---- golden ------------------------------------------------------------------------------------
def golden(year: int, *, data_dir: Path | None = None, params_dir: Path | None = None,
           notebooks_dir: Path = NOTEBOOKS_DIR, chapter_list: list[Chapter] | None = None,
           progress: TextIO | None = None, workers: int | None = None) -> list[Path]:
    """Re-execute the chapter notebooks in place with the year's params, outputs kept and
    cleaned as in a build: the reference outputs nbval compares against."""
    from lkjip.execute import Job, Pool, dumps

    show = _Progress(progress)
    chs = chapter_list if chapter_list is not None else chapters(include_optional=True)
    inputs = gather_inputs(year, data_dir, params_dir, RULES_DIR, PACKAGE_DIR, TEMPLATES_DIR)
    tmp = Path(notebooks_dir) / f".golden-{os.getpid()}"
    tmp.mkdir(exist_ok=True)
    written: list[Path] = []
    from lkjip.execute import ChapterError

    try:
        jobs = [Job(ch.notebook, Path(notebooks_dir) / ch.notebook, tmp / ch.notebook, inputs.parameters)
                for ch in chs]

        def done(d: Any) -> None:
            target = Path(notebooks_dir) / d.job.name
            for cell in d.nb.cells:  # papermill's injected cell is code like any other: hide it
                tags = cell.get("metadata", {}).get("tags", [])
                if "injected-parameters" in tags and "remove-input" not in tags:
                    tags.append("remove-input")
            C._write_atomic(target, dumps(d.nb))
            written.append(target)
            show(Step(d.job.name, "executed", d.seconds))

        pool = Pool(min(workers or default_workers(), len(jobs)), cwd=Path(notebooks_dir))
        try:
            pool.run(jobs, on_done=done)
        finally:
            pool.close()
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
        shutil.rmtree(tmp, ignore_errors=True)
    return written


# ---- command line ------------------------------------------------------------------------------
def cli_build(args: Any) -> int:
    formats = tuple(f.strip() for f in str(args.format or "html,pdf").split(",") if f.strip())
    from lkjip.execute import ChapterError

    try:
        result = build(args.year, formats=formats, data_dir=args.data, params_dir=args.params,
                       out_dir=args.out, rekonsiliasi=bool(args.rekonsiliasi),
                       use_cache=not args.no_cache, progress=None if args.quiet else sys.stderr)
    except ChapterError as exc:
        print(f"lkjip build: {exc}", file=sys.stderr)
        return 2
    if result.audit is not None and not args.quiet:
        print(f"  {result.audit['summary']}", file=sys.stderr)
    # A failed consistency check is a bug in lkjip: the build says which and exits 2.
    for name, message in result.audit_failed:
        print(f"lkjip build: audit check failed [{name}] {message}", file=sys.stderr)
    return 2 if result.audit_failed else 0


def cli_golden(args: Any) -> int:
    from lkjip.execute import ChapterError

    try:
        written = golden(args.year, data_dir=args.data, params_dir=args.params, progress=sys.stderr)
    except ChapterError as exc:
        print(f"lkjip golden: {exc}", file=sys.stderr)
        return 2
    print(f"{len(written)} notebooks re-executed in place in {NOTEBOOKS_DIR}", file=sys.stderr)
    return 0
