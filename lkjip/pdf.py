"""The report's PDF: WeasyPrint renders the stitched HTML with the CSS paged-media rules of
``lkjip/templates/lkjip.css`` (A4, cover without header and footer, table of contents with
page numbers, running title, page numbers, tables and figures kept whole), in parts on two
processes where it can (see "the PDF in parts" below).

The PDF is reproducible: the HTML carries no date, so WeasyPrint writes no /CreationDate or
/ModDate; the file identifier (/ID) is derived from the HTML (one process) or from the joined
file's content (qpdf's deterministic id, in parts) instead of being random; and the
embedded font subsets, which fontTools stamps with the current time ('head.modified'), get a
fixed time through SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import base64
import copy
import gc
import hashlib
import html
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from lkjip.stitch import running_title

# The time stamped into embedded fonts unless the caller's environment sets SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH = "0"


_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def svg_as_images(html_text: str) -> str:
    """Every inline ``<svg>`` as an ``<img>`` holding the same SVG (a data: URI).

    WeasyPrint draws it the same way, but an inline SVG's every element also joins the HTML
    tree (parsed, styled by the CSS cascade): with a few dozen charts that is a large part of
    the render time. The HTML report keeps its inline SVG.
    """
    def img(m: re.Match) -> str:
        data = base64.b64encode(m.group(0).encode("utf-8")).decode("ascii")
        return f'<img class="svg" alt="" src="data:image/svg+xml;base64,{data}">'

    return _SVG.sub(img, html_text)


# A number's span (lkjip.report: class "angka", data-fig and data-fmt name its figure for the audit
# and for a reader tracing it) whose text has no break opportunity anyway: digits, letters, "." ","
# "%", no space, no dash.
_ANGKA_POLOS = re.compile(r'<span class="angka[^"]*"[^>]*>([0-9A-Za-z.,%]+)</span>')


def plain_numbers(html_text: str) -> str:
    """Number spans whose text could not break across lines in any case, as their bare text.

    The span's only style is ``white-space: nowrap`` (``.angka``), which such text does not
    need: every line keeps its text and page, and moves by a fraction of a point at most (a run
    no longer split at the span may kern differently). But WeasyPrint lays out every span as an
    inline box of its own: ~500 of them, ~15% of the render. Spans with a space or a dash
    ("3 (tiga)", "–") stay. The HTML report keeps every span.
    """
    return _ANGKA_POLOS.sub(r"\1", html_text)


def render_pdf(html_text: str, out: Path, base_url: Path | None = None, *, parallel: bool = True) -> str:
    """Write ``html_text`` as a PDF to ``out``; return how: "parts" or "one" (process).

    With ``parallel``, on Linux with two cores, a report shaped as lkjip.stitch makes it is laid out
    and drawn in two processes (:func:`_render_parts`): the same pages, ~30% sooner on two
    cores. Should that fail, the PDF is rendered in one process after a warning on stderr.
    """
    text = plain_numbers(svg_as_images(html_text))
    url = str(base_url) if base_url else None
    parts = split_parts(text) if parallel and _two_cores_to_fork() and _hook_available() else None
    with _quiet_render():
        if parts is not None:
            try:
                Path(out).write_bytes(_render_parts(parts, url))
                return "parts"
            except Exception as exc:  # noqa: BLE001 - the one-process render below is the answer
                logging.getLogger("lkjip.pdf").warning(
                    "lkjip: the PDF in two processes failed (%s); rendering it in one", exc)
        from weasyprint import HTML

        identifier = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:32].encode("ascii")
        HTML(string=text, base_url=url).write_pdf(str(out), pdf_identifier=identifier)
        return "one"


@contextmanager
def _quiet_render() -> Iterator[None]:
    """WeasyPrint's loggers quiet, SOURCE_DATE_EPOCH set and garbage collection paused for a
    render (restored after it)."""
    # WeasyPrint logs every CSS property it ignores (e.g. 'hyphens'); the report does not care.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved or SOURCE_DATE_EPOCH
    # The render makes ~700 garbage collections over objects that all live until its end
    # (~0.5 s of a 6 s render); collection waits until it is done. Peak memory stays the same.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc_was_enabled:
            gc.enable()
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]


# ---- the PDF in parts, on two processes ---------------------------------------------------------
# WeasyPrint lays out one document on one core (~3 s for the 2024 report, then ~1.3 s to draw
# it). The report splits where a page break is forced anyway: the cover, Kata Pengantar and the
# table of contents (P0); the rest of the opening and the chapters before the longest (P1); the
# longest chapter (P2, BAB III: about half the pages); the chapters after it (P3). A forked
# process lays out and draws P2 while this one does P1 and P3; the parts are then joined.
#
# What a part cannot know by itself is filled in from the others:
# - page numbers: a part's pages are numbered after all the pages before it. WeasyPrint lays out
#   every page body first and makes the margin boxes (header, footer) last, from each page's
#   counters (weasyprint.layout.layout_document); a hook on that last step adds the part's
#   offset, which is waited for only then: the body layout runs meanwhile.
# - the table of contents (in P0) shows the pages of headings in other parts: P0 is laid out
#   once before the others to learn its own page count, and again at the end, those entries
#   then carrying their page number as text (data-hal) instead of CSS target-counter().
# - the running header comes from the cover (string-set); later parts get the same text.
# - links and named destinations across parts, and the outline, are rebuilt in the joined file.
# The text, page numbers, table of contents, links and outline are those of a render in one
# process, and so are the pages, pixel for pixel (tests/test_build_run.py compares them); only
# the file's structure differs. Anything unexpected in the HTML's shape: one process.
_BAB = re.compile(r'<section class="bab"[^>]*>')
_TOC_LINK = re.compile(r'<a href="#([^"]+)">')


class Parts(NamedTuple):
    head: str  # up to and including <body>
    bodies: list[str]  # P0, P1, P2, P3 (P1 or P3 may be empty)
    header: str  # the running header's text


def split_parts(text: str) -> Parts | None:
    """The report in the four parts described above, or None when it is not shaped as
    lkjip.stitch makes it: a cover with the running header's line, a table of contents
    (``nav.daftar-isi``, right after the cover or inside the first chapter), chapters as
    ``section.bab`` after it."""
    try:
        i = text.index("<body>") + len("<body>")
        j = text.rindex("</body>")
    except ValueError:
        return None
    head, body = text[:i], text[i:j]
    nav = body.find('<nav class="daftar-isi"')
    end_nav = body.find("</nav>", nav) + len("</nav>")
    starts = [m.start() for m in _BAB.finditer(body)]
    if nav < 0 or end_nav < len("</nav>") or not starts or starts[-1] < end_nav:
        return None
    header = running_title(body[:min(nav, starts[0])])
    if header is None:
        return None
    sections = [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    around = [k for k, a in enumerate(starts) if a < nav]
    if around:  # the table of contents is inside a chapter (the opening): it ends a page anyway
        k = around[-1]
        p0 = body[:end_nav] + "\n</section>\n"
        rest = [f'<section class="bab">{sections[k][end_nav - starts[k]:]}', *sections[k + 1:]]
    else:
        p0 = body[:end_nav]
        rest = sections
    big = max(range(len(rest)), key=lambda k: len(rest[k]))
    return Parts(head, [p0, "".join(rest[:big]), rest[big], "".join(rest[big + 1:])], header)


def _two_cores_to_fork() -> bool:
    """Linux (fork is safe enough there in a process with threads, see _render_parts) with two
    cores or more for this process."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) >= 2


def _hook_available() -> bool:
    import inspect

    try:
        import weasyprint.layout as layout
    except ImportError:
        return False
    fn = getattr(layout, "make_margin_boxes", None)
    return fn is not None and list(inspect.signature(fn).parameters) == ["context", "page", "state"]


# The page offset of the document being rendered in this process: a callable, called when its
# first margin box is made (see above), or None (no offset).
_offset: dict[str, Any] = {"get": None, "calls": 0}
_LAYOUT_LOCK = threading.Lock()


def _install_hook() -> None:
    import weasyprint.layout as layout

    if getattr(layout.make_margin_boxes, "_lkjip", False):
        return
    original = layout.make_margin_boxes

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        get = _offset["get"]
        if get is not None:
            _offset["calls"] += 1
            offset = get()
            if offset:
                state = copy.deepcopy(state)
                state[1]["page"] = [n + offset for n in state[1]["page"]]
        return original(context, page, state)

    make_margin_boxes._lkjip = True  # type: ignore[attr-defined]
    layout.make_margin_boxes = make_margin_boxes


def _layout(parts: Parts, body: str, base_url: str | None, offset: Callable[[], int], css: str = "") -> tuple[Any, dict]:
    """Lay out one part; its pages numbered from ``offset() + 1`` (asked for once, after the
    page bodies are laid out). The document, and what the others need to know of it."""
    from weasyprint import HTML

    _install_hook()
    known: list[int] = []

    def once() -> int:
        if not known:
            known.append(offset())
        return known[0]

    style = f"<style>{css}</style>" if css else ""
    with _LAYOUT_LOCK:  # one offset per process at a time
        _offset["get"], _offset["calls"] = once, 0
        try:
            doc = HTML(string=parts.head.replace("</head>", f"{style}</head>", 1) + body + "</body></html>",
                       base_url=base_url).render()
        finally:
            _offset["get"] = None
        calls = _offset["calls"]
    if doc.pages and calls < len(doc.pages):
        raise RuntimeError("WeasyPrint did not number the pages through lkjip's hook")
    return doc, {
        "pages": len(doc.pages),
        "height": [p.height for p in doc.pages],
        "anchors": [{k: (v[0], v[1]) for k, v in p.anchors.items()} for p in doc.pages],
        "links": [[(kind, target, tuple(rect)) for kind, target, rect, _ in p.links] for p in doc.pages],
        "bookmarks": doc.make_bookmark_tree(scale=0.75, transform_pages=True),
    }


def _header_css(parts: Parts) -> str:
    """The running header as literal text (the cover that sets it is in P0 only)."""
    quoted = parts.header.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'@page {{ @top-center {{ content: "{quoted}"; }} }}'


def _child(conn: Any, parts: Parts, base_url: str | None) -> None:
    """P2, in the forked process: laid out, its facts sent, its pages numbered from the offset
    received, drawn, sent."""
    try:
        doc, info = _layout(parts, parts.bodies[2], base_url, conn.recv, _header_css(parts))
        conn.send(("info", info))
        with _no_missing_anchor_errors():
            data = doc.write_pdf()
        conn.send(("pdf", data))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        import traceback

        try:
            conn.send(("error", traceback.format_exc()))
        except OSError:  # the parent has given up on this process already
            pass
    finally:
        conn.close()


def _receive(conn: Any, proc: Any, what: str, timeout: float = 900) -> Any:
    """The next message of the forked process (its error raised here)."""
    import time

    deadline = time.monotonic() + timeout
    while not conn.poll(0.2):
        if not proc.is_alive() and not conn.poll(0):
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"the PDF's second process sent nothing for {timeout:.0f} s (waiting for {what})")
    try:
        kind, value = conn.recv()
    except (EOFError, OSError):
        proc.join(5)
        raise RuntimeError(f"the PDF's second process ended (exit code {proc.exitcode}) "
                           f"before sending {what}") from None
    if kind == "error":
        last = value.strip().splitlines()[-1] if value.strip() else "?"
        raise RuntimeError(f"the PDF's second process failed: {last}")
    return value


def _render_parts(parts: Parts, base_url: str | None) -> bytes:
    import multiprocessing

    import pikepdf

    ctx = multiprocessing.get_context("fork")
    mine, theirs = ctx.Pipe()
    # Forked from a process that may have other threads (the build's kernel clients, waiting on
    # their sockets): the child gets a copy of this thread only and runs WeasyPrint, which those
    # threads never touch; CPython renews its own locks (GIL, imports, logging) in a forked
    # child, and the child leaves by os._exit (no atexit handler of this process runs twice).
    proc = ctx.Process(target=_child, args=(theirs, parts, base_url), daemon=True)
    proc.start()
    theirs.close()
    header = _header_css(parts)
    try:
        p0, p1, _, p3 = parts.bodies
        nav = p0.index("<nav")
        toc_css = 'nav.daftar-isi a[data-hal]::after { content: leader(".") attr(data-hal); }'

        def numbered(pages: Callable[[str], int | str | None]) -> str:
            """P0 with the page of every heading in another part as text."""
            def one(m: re.Match) -> str:
                n = pages(html.unescape(m.group(1)))
                return m.group(0) if n is None else f'<a href="#{m.group(1)}" data-hal="{n}">'
            return p0[:nav] + _TOC_LINK.sub(one, p0[nav:])

        # first with a stand-in number for the headings elsewhere (two digits, as most will
        # have): its own page count
        own = {html.unescape(i) for i in re.findall(r'id="([^"]+)"', p0)}  # anchors of P0 itself
        _, info0 = _layout(parts, numbered(lambda name: None if name in own else "00"), base_url,
                           lambda: 0, toc_css)
        n0 = info0["pages"]
        doc1, info1 = _layout(parts, p1, base_url, lambda: n0, header) if p1 else (None, None)
        n1 = info1["pages"] if info1 else 0
        try:
            mine.send(n0 + n1)
        except OSError:  # it has ended: its last word says why
            _receive(mine, proc, "the layout of its part")
            raise
        got: dict[str, Any] = {}

        def after_p2() -> int:
            got["info2"] = _receive(mine, proc, "the layout of its part")
            return n0 + n1 + got["info2"]["pages"]

        doc3, info3 = _layout(parts, p3, base_url, after_p2, header) if p3 else (None, None)
        info2 = got.get("info2") or _receive(mine, proc, "the layout of its part")
        infos = [info0, info1, info2, info3]
        starts, n = [], 0
        for info in infos:
            starts.append(n)
            n += info["pages"] if info else 0
        # every anchor's page (0-based, in the whole report) and place
        where: dict[str, tuple[int, tuple[float, float]]] = {}
        for start, info in zip(starts, infos, strict=True):
            for k, anchors in enumerate(info["anchors"] if info else []):
                for name, xy in anchors.items():
                    where.setdefault(name, (start + k, xy))
        doc0, info0 = _layout(parts, numbered(lambda name: None if name in own or name not in where
                                              else where[name][0] + 1), base_url, lambda: 0, toc_css)
        if info0["pages"] != n0:
            raise RuntimeError("the table of contents changed its page count when its numbers were filled in")
        infos[0] = info0
        for k, anchors in enumerate(info0["anchors"]):
            for name, xy in anchors.items():
                where[name] = (k, xy)
        with _no_missing_anchor_errors():
            pdfs = [doc0.write_pdf(), doc1.write_pdf() if doc1 else None, None, doc3.write_pdf() if doc3 else None]
        pdfs[2] = _receive(mine, proc, "its pages")
    finally:
        mine.close()
        proc.join(timeout=5)
        if proc.is_alive():
            proc.kill()
            proc.join()
    return _join(pikepdf, pdfs, infos, starts, where)


def _no_missing_anchor(record: logging.LogRecord) -> bool:
    """WeasyPrint logs (and drops) every link to an anchor not in the part being drawn; the
    joined file gets those links back (:func:`_join`)."""
    return not str(record.msg).startswith("No anchor #")


@contextmanager
def _no_missing_anchor_errors() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    logger.addFilter(_no_missing_anchor)
    try:
        yield
    finally:
        logger.removeFilter(_no_missing_anchor)


def _join(pikepdf: Any, pdfs: list[bytes | None], infos: list[dict | None], starts: list[int],
          where: dict[str, tuple[int, tuple[float, float]]]) -> bytes:
    """One PDF of the parts' pages, with every part's named destinations, the links between
    parts, and the whole outline (as WeasyPrint writes them for a document in one piece)."""
    import io

    from pikepdf import Array, Dictionary, Name, NameTree, OutlineItem, String

    out = pikepdf.open(io.BytesIO(pdfs[0]))  # P0: the catalog (language), document info
    sources = [pikepdf.open(io.BytesIO(data)) for data in pdfs[1:] if data]  # open until saved
    for src in sources:
        out.pages.extend(src.pages)
    heights = [h for info in infos if info for h in info["height"]]

    def point(page: int, x: float, y: float) -> tuple[float, float]:
        return x * 0.75, (heights[page] - y) * 0.75

    # named destinations: every anchor, as WeasyPrint names them (its links point at names)
    names = NameTree.new(out)
    for name, (page, (x, y)) in sorted(where.items()):
        names[name] = Array([out.pages[page].obj, Name.XYZ, *point(page, x, y), 0])
    out.Root.Names = Dictionary(Dests=names.obj)
    # links to an anchor in another part (WeasyPrint dropped them when drawing the part)
    for start, info in zip(starts, infos, strict=True):
        own = {name for anchors in info["anchors"] for name in anchors} if info else set()
        for k, links in enumerate(info["links"] if info else []):
            page = out.pages[start + k]
            for kind, target, (x1, y1, x2, y2) in links:
                if kind != "internal" or target in own or target not in where:
                    continue
                annot = out.make_indirect(Dictionary(
                    Type=Name.Annot, Subtype=Name.Link, Rect=[*point(start + k, x1, y1), *point(start + k, x2, y2)],
                    BS=Dictionary(W=0), Dest=String(target)))
                if "/Annots" not in page.obj:
                    page.obj.Annots = Array()
                page.obj.Annots.append(annot)
    # the outline: every part's bookmarks, in order
    with out.open_outline() as outline:
        outline.root.clear()

        def add(items: list, start: int, into: list) -> None:
            for label, (page, x, y), children, state in items:
                item = OutlineItem(label, start + page, "XYZ", left=x, top=y, zoom=0)
                add(children, start, item.children)
                item.is_closed = state == "closed"
                into.append(item)

        for start, info in zip(starts, infos, strict=True):
            if info:
                add(info["bookmarks"], start, outline.root)
    buf = io.BytesIO()
    # deterministic_id: the file identifier is a hash of the content, not random; object streams
    # pack the small objects (the four parts' font subsets stay: the file is ~15% larger)
    out.save(buf, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buf.getvalue()
