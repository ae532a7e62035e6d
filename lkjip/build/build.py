"""``lkjip build``: the chapters executed, stitched into one HTML page, rendered as a PDF,
checked by the audit.

A build of year Y writes, into ``build/Y/``::

    lkjip-Y.html  lkjip-Y.pdf  lkjip-Y.docx  figures.json  audit.json  audit.html
    kesiapan.json  kesiapan.html  manifest.json  notebooks/<chapter>.ipynb
    lampiran/<attached document>  (when the year has any)

It holds the year's lock, builds into a temporary folder next to ``build/Y/`` and swaps it in
only when everything succeeded (:mod:`lkjip.build.folder`): a failed build leaves the previous
good one untouched (the failed chapter's executed notebook is kept in ``build/Y.failed/``).

Every result comes from the cache (``build/.cache/``, :mod:`lkjip.build.cache`) when what it
is made from did not change (:mod:`lkjip.build.sources`); so when nothing changed, a build
hashes its inputs, copies the cached results and swaps the folder. Otherwise the chapters run
in kernels (:mod:`lkjip.build.kernels`) while this process computes the figures; then the
chapters are stitched (:mod:`lkjip.build.stitch`), figures.json written, the audit and the
evaluation readiness check run (:mod:`lkjip.audit`), the Word edition written
(:mod:`lkjip.build.docx`), and last the PDF rendered (:mod:`lkjip.build.pdf`), which carries
figures.json, audit.json and the year's inputs as attachments.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from lkjip.build import folder, manifest, sources, stitch
from lkjip.build.cache import Cache
from lkjip.build.chapters import Chapter, chapters
from lkjip.build.kernels import default_workers
from lkjip.build.progress import Progress, Step
from lkjip.errors import BuildError
from lkjip.inputs.load import VALIDATED_ENV
from lkjip.paths import BUILD_DIR, NOTEBOOKS_DIR, TEMPLATES_DIR

FORMATS = ("html", "pdf", "docx")
DEFAULT_FORMATS = ("html", "pdf")  # as `lkjip build` without --format
PDF_CSS = "lkjip-pdf.css"  # the paged media only the PDF uses (lkjip/present/templates/)


@dataclass
class BuildResult:
    folder: Path
    steps: list[Step] = field(default_factory=list)
    seconds: float = 0.0
    audit: dict[str, Any] | None = None  # summary, failed ([check, message])
    kesiapan: dict[str, Any] | None = None  # summary, menghalangi ([criterion code])

    @property
    def audit_failed(self) -> list[tuple[str, str]]:
        return [tuple(f) for f in (self.audit or {}).get("failed", [])]

    def executed(self) -> list[str]:
        return [s.name for s in self.steps if s.status == "executed"]

    def cached(self) -> list[str]:
        return [s.name for s in self.steps if s.status == "cached"]


def formats_of(value: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """The output formats, checked: ``value`` as --format gives it ("html,pdf") or as a tuple;
    None: the default."""
    if value is None:
        return DEFAULT_FORMATS
    formats = tuple(f.strip() for f in (value.split(",") if isinstance(value, str) else value) if f.strip())
    if not formats or any(f not in FORMATS for f in formats):
        raise BuildError(f"--format: seharusnya daftar dipisah koma dari {', '.join(FORMATS)}; "
                         f"ditemukan: {','.join(formats) or 'kosong'}")
    return formats


def build(year: int, *, formats: tuple[str, ...] = DEFAULT_FORMATS, data_dir: Path | None = None,
          params_dir: Path | None = None, out_dir: Path | None = None, rekonsiliasi: bool = False,
          use_cache: bool = True, progress: TextIO | None = None, chapter_list: list[Chapter] | None = None,
          notebooks_dir: Path = NOTEBOOKS_DIR, workers: int | None = None, figures: bool = True,
          audit: bool = True, on_step: Callable[[Step], None] | None = None,
          pool: Any = None) -> BuildResult:
    """Build the report of ``year`` into ``<out_dir>/<year>/``.

    Parameters
    ----------
    formats
        Which of "html", "pdf" and "docx" to write (the HTML is made for the others in any case).
    data_dir, params_dir
        Input folders; None means the repository's ``data/`` and ``params/``.
    out_dir
        The build folder (default ``build/``); the cache is ``<out_dir>/.cache``.
    rekonsiliasi
        Add the optional appendix "Catatan Rekonsiliasi".
    use_cache
        False re-executes every chapter and re-renders everything (results are still stored).
    progress
        Where the progress display goes (one line per step); None for none.
    chapter_list, notebooks_dir, workers
        For tests and special runs: which chapters, where their notebooks are, how many kernels.
    figures, audit
        Whether to write figures.json, and to run the audit and the readiness check (which
        need the figures).
    on_step
        Called with every step as it ends (a batch shows its offices' progress with it).
    pool
        A :class:`lkjip.build.kernels.Pool` whose kernels run the chapters and stay open after
        the build (a batch keeps one per worker, warm across offices); None: kernels of this
        build's own, closed at its end.
    """
    t0 = time.perf_counter()
    formats = formats_of(formats)
    chs = chapter_list if chapter_list is not None else chapters(include_optional=rekonsiliasi)
    if not chs:
        raise BuildError("tidak ada bab untuk dibangun")
    for ch in chs:
        if not (Path(notebooks_dir) / ch.notebook).is_file():
            raise BuildError(f"bab {ch.notebook}: notebook ini tidak ada di {notebooks_dir} "
                             "(daftar bab: lkjip/build/chapters.py)")
    out = Path(out_dir or BUILD_DIR)
    final = out / str(year)
    show = Progress(progress, on_step)
    with folder.lock(out, year, progress):
        folder.remove_leftovers(out, year)
        src = sources.gather(year, data_dir, params_dir)
        run = _Run(src, Cache(out / ".cache"), use_cache, show, data_dir, params_dir)
        with folder.staging(out, year) as tmp, run:
            show.say(f"lkjip build {year} -> {final}")
            notebooks = run.chapters(chs, Path(notebooks_dir), tmp, out, workers or default_workers(),
                                     compute_figures=figures or audit, pool=pool)
            html_bytes = run.html(chs, notebooks)
            if "html" in formats:
                (tmp / f"lkjip-{year}.html").write_bytes(html_bytes)
                run.copy_documents(tmp)
            figures_json = run.figures_json() if figures else None
            if figures_json is not None:
                (tmp / "figures.json").write_bytes(figures_json)
            audit_doc = run.audit(html_bytes) if audit else None
            if audit_doc is not None:
                for name in ("audit.json", "audit.html"):
                    (tmp / name).write_text(audit_doc[name], encoding="utf-8")
            kesiapan_doc = run.kesiapan(html_bytes) if audit else None
            if kesiapan_doc is not None:
                for name in ("kesiapan.json", "kesiapan.html"):
                    (tmp / name).write_text(kesiapan_doc[name], encoding="utf-8")
            if "docx" in formats:
                (tmp / f"lkjip-{year}.docx").write_bytes(run.docx(html_bytes))
            if "pdf" in formats:
                attached = run.attachments(figures_json, audit_doc["audit.json"] if audit_doc else None)
                (tmp / f"lkjip-{year}.pdf").write_bytes(run.pdf(html_bytes, tmp, attached))
            manifest.write(tmp / "manifest.json",
                           manifest.manifest(src, chs, tmp, data_dir, params_dir, Path(notebooks_dir), formats))
            folder.swap(tmp, final)
        folder.remove_failed(out, year)
    seconds = time.perf_counter() - t0
    show.say(f"{final} selesai dalam {seconds:.2f} detik")
    summary = ({k: audit_doc[k] for k in ("summary", "failed", "counts", "berbeda") if k in audit_doc}
               if audit_doc else None)
    kesiapan = {k: kesiapan_doc[k] for k in ("summary", "menghalangi")} if kesiapan_doc else None
    return BuildResult(final, show.steps, seconds, summary, kesiapan)


class _Run:
    """The steps of one build, each taken from the cache or made (and then stored)."""

    def __init__(self, src: sources.Sources, store: Cache, use_cache: bool, show: Progress,
                 data_dir: Path | None, params_dir: Path | None):
        self.src, self.store, self.use_cache, self.show = src, store, use_cache, show
        self.data_dir, self.params_dir = data_dir, params_dir
        self._figs: Any = None
        self.documents = src.dokumen()
        self._closing: list[Any] = []  # kernel pools stopping

    def __enter__(self) -> _Run:
        return self

    def __exit__(self, *exc: object) -> None:
        for pool in self._closing:
            pool.join()

    def _get(self, kind: str, name: str, key: str, ext: str) -> tuple[bytes | None, str]:
        if not self.use_cache:
            return None, "--no-cache"
        found = self.store.get(kind, name, key, ext)
        return (found.hit.data, "cached") if found.hit else (None, found.reason)

    # ---- chapters -------------------------------------------------------------------------
    def chapters(self, chs: list[Chapter], notebooks_dir: Path, tmp: Path, out: Path, workers: int,
                 compute_figures: bool, pool: Any = None) -> list[tuple[Chapter, bytes]]:
        """Every chapter's executed notebook (bytes), from the cache or from the kernels (while
        they work, this process computes the figures)."""
        from lkjip.build.kernels import Job, Pool
        from lkjip.build.notebook import ChapterError, dumps

        results: dict[str, bytes] = {}
        keys: dict[str, str] = {}
        jobs, reasons = [], {}
        (tmp / "notebooks").mkdir()
        for ch in chs:
            nb_path = notebooks_dir / ch.notebook
            keys[ch.notebook] = self.src.chapter_key(ch, nb_path)
            data, reason = self._get("chapters", Path(ch.notebook).stem, keys[ch.notebook], "ipynb")
            if data is not None:
                results[ch.notebook] = data
                self.show(Step(ch.notebook, "cached", 0.0))
            else:
                reasons[ch.notebook] = reason
                jobs.append(Job(ch.notebook, nb_path, tmp / "notebooks" / ch.notebook, self.src.parameters))
        # the longest first, so that the kernels finish together (a notebook's size is a fair guess)
        jobs.sort(key=lambda j: -j.source.stat().st_size)

        def done(d: Any) -> None:
            data = dumps(d.nb)
            results[d.job.name] = data
            self.store.put("chapters", Path(d.job.name).stem, keys[d.job.name], "ipynb", data,
                           self.src.data_files())
            self.show(Step(d.job.name, "executed", d.seconds, reasons.get(d.job.name, "")))

        if jobs:
            own = pool is None
            # the tables this process validates, listed for its own kernels (lkjip.inputs.load)
            validated = tmp / ".masukan-diperiksa.json" if own and compute_figures else None
            if own:
                env = {VALIDATED_ENV: str(validated)} if validated else None
                pool = Pool(min(workers, len(jobs)), cwd=notebooks_dir, env=env)
            try:
                pool.start(jobs, on_done=done)
                if compute_figures:
                    self.figures(validated)
                stitch.prepare()
                pool.wait()
            except ChapterError as exc:
                _remove(validated)  # not among what the failed build keeps
                f = exc.failure
                kept = folder.keep_failed(tmp, out, self.src.year)
                if f.notebook is not None:
                    f.notebook = kept / "notebooks" / f.name
                self.show(Step(f.name, "failed", 0.0))
                raise ChapterError(f) from None
            finally:
                _remove(validated)
                if own:  # the kernels stop while the build goes on; __exit__ waits for them
                    pool.close(wait=False)
                    self._closing.append(pool)
        notebooks = [(ch, results[ch.notebook]) for ch in chs]
        for ch, data in notebooks:
            (tmp / "notebooks" / ch.notebook).write_bytes(data)
        return notebooks

    # ---- figures ----------------------------------------------------------------------------
    def figures(self, validated: Path | None = None) -> Any:
        """The year's registry of figures, computed in this process (once); first the tables are
        validated and, for the kernels, listed in ``validated``."""
        if self._figs is None:
            from lkjip.figures import Figures
            from lkjip.inputs.load import write_validated

            t = time.perf_counter()
            self._figs = Figures(self.src.year, self.data_dir, self.params_dir)
            if validated is not None:
                write_validated(self._figs.inputs, validated)
            self._figs.all()
            self.show(Step("figures", "computed", time.perf_counter() - t))
        return self._figs

    def _cached(self, kind: str, key: str, ext: str, step: str, verb: str, make: Any,
                keep: Any = lambda data: True) -> bytes:
        """A result from the cache, or ``make()`` (shown as ``verb``, then kept if ``keep``)."""
        data, _ = self._get(kind, str(self.src.year), key, ext)
        if data is not None:
            self.show(Step(step, "cached", 0.0))
            return data
        t = time.perf_counter()
        data = make()
        if keep(data):
            files = self.src.data_files() if kind == "figures" else ()
            self.store.put(kind, str(self.src.year), key, ext, data, files)
        if verb:
            self.show(Step(step, verb, time.perf_counter() - t))
        return data

    def figures_json(self) -> bytes:
        return self._cached("figures", self.src.figures_key(), "json", "figures.json", "",
                            lambda: self.figures().to_json().encode("utf-8"))

    # ---- the report -------------------------------------------------------------------------
    def html(self, chs: list[Chapter], notebooks: list[tuple[Chapter, bytes]]) -> bytes:
        info = stitch.PageInfo(nama=self.src.nama, gaya=self.src.gaya, logo=self.src.logo(),
                               dokumen=tuple(self.documents))

        def make() -> bytes:
            parts = [stitch.Part(ch.notebook, data, ch.number, ch.bagian) for ch, data in notebooks]
            return stitch.stitch(parts, self.src.year, self.src.office, TEMPLATES_DIR, info).encode("utf-8")

        return self._cached("report", self.src.html_key(notebooks, info.key()), "html",
                            f"lkjip-{self.src.year}.html", "stitched", make)

    def copy_documents(self, tmp: Path) -> None:
        """The attached documents next to the HTML page, which links to them."""
        from lkjip.build.lampiran import FOLDER

        for d in self.documents:
            (tmp / FOLDER).mkdir(exist_ok=True)
            (tmp / FOLDER / d.name).write_bytes(d.path.read_bytes())

    def attachments(self, figures_json: bytes | None, audit_json: str | None) -> list[Any]:
        """What the PDF carries: figures.json, audit.json, and the year's inputs as one zip
        archive laid out as the repository (data/<office>/..., params/...)."""
        from lkjip.build.pdf import Berkas, zip_bytes

        year = self.src.year
        out = []
        if figures_json is not None:
            out.append(Berkas("figures.json", figures_json, "Setiap angka laporan menurut id-nya, dengan "
                              "satuan dan sumbernya (lkjip figures --json)", "Data"))
        if audit_json is not None:
            out.append(Berkas("audit.json", audit_json.encode("utf-8"), "Setiap angka laporan terbitan "
                              "dibandingkan dengan hasil hitung ulang (lkjip audit)", "Data"))
        inputs = [(name, path.read_bytes()) for name, path in self.src.input_files()]
        out.append(Berkas(f"lkjip-{year}-masukan.zip", zip_bytes(inputs), f"Masukan laporan tahun {year}: data "
                          f"dasar kantor dan parameter. Hitung ulang: unzip, lalu lkjip build --year {year} "
                          "--data data --params params", "Source"))
        return out

    def pdf(self, html_bytes: bytes, tmp: Path, attached: list[Any]) -> bytes:
        def make() -> bytes:
            from lkjip.build import gaya
            from lkjip.build.lampiran import untuk_pdf
            from lkjip.build.pdf import render_pdf

            family = self.src.gaya["huruf"]
            if gaya.installed(family) is False:
                self.show.say(f"  peringatan: huruf '{family}' (params: gaya.huruf) tidak terpasang; "
                              "PDF memakai huruf pengganti (make sysdeps memasang fonts-liberation)")
            path = tmp / f".lkjip-{self.src.year}.pdf"
            render_pdf(untuk_pdf(html_bytes.decode("utf-8"), self.documents), path, base_url=tmp,
                       attachments=attached, stylesheets=[(TEMPLATES_DIR / PDF_CSS).read_text(encoding="utf-8")])
            data = path.read_bytes()
            path.unlink()
            return data

        key = self.src.pdf_key(html_bytes, attached, self.documents)
        return self._cached("report", key, "pdf", f"lkjip-{self.src.year}.pdf", "rendered", make)

    def docx(self, html_bytes: bytes) -> bytes:
        """The Word edition, with the office's own reference document (``referensi.docx`` in
        its data folder) if it has one, else lkjip's."""
        reference = self.src.reference()

        def make() -> bytes:
            from lkjip.build.docx import render_docx

            return render_docx(html_bytes.decode("utf-8"), reference)

        return self._cached("report", self.src.docx_key(html_bytes), "docx", f"lkjip-{self.src.year}.docx",
                            "rendered", make)

    def audit(self, html_bytes: bytes) -> dict[str, Any]:
        """The audit of the registry and the rendered HTML: summary, failed checks, and the texts
        of audit.json and audit.html. A result with a failed check is not kept in the cache (a
        failed check is a bug to fix, not a result)."""
        def make() -> bytes:
            from lkjip.audit.result import run_audit, to_html, to_json

            F = self.figures()
            result = run_audit(F, F.inputs.published, html_bytes.decode("utf-8"))
            doc = {"summary": result.summary(), "failed": [[c.name, c.message] for c in result.failed],
                   "counts": result.group_counts(), "berbeda": result.berbeda(),
                   "audit.json": to_json(result), "audit.html": to_html(result, F.inputs.kantor.get("nama", ""))}
            return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")

        data = self._cached("audit", self.src.audit_key(html_bytes), "json", "audit", "executed", make,
                            keep=lambda data: not json.loads(data)["failed"])
        return json.loads(data)

    def kesiapan(self, html_bytes: bytes) -> dict[str, Any]:
        """The evaluation readiness check of the registry, the inputs and the rendered HTML:
        summary, blocking criteria not met, and the texts of kesiapan.json and kesiapan.html."""
        def make() -> bytes:
            from lkjip.audit.kesiapan import run_kesiapan
            from lkjip.audit.kesiapan_html import to_html

            result = run_kesiapan(self.figures(), html_bytes.decode("utf-8"))
            doc = {"summary": result.summary(), "menghalangi": [hk.kriterium.kode for hk in result.menghalangi],
                   "kesiapan.json": result.to_json(), "kesiapan.html": to_html(result)}
            return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")

        return json.loads(self._cached("kesiapan", self.src.audit_key(html_bytes), "json", "kesiapan",
                                       "executed", make))


def _remove(path: Path | None) -> None:
    if path is not None:
        path.unlink(missing_ok=True)
