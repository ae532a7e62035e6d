"""The synthetic office of ``tests/fixtures/kantor-contoh`` for tests to change, and a chapter of
``notebooks/`` as :class:`lkjip.present.laporan.Laporan` renders it, without a kernel.

``salin(tmp_path)`` copies the office's data and params (a :class:`conftest.Workspace`, with
``append`` and ``drop`` for CSV rows); ``bab(L, "03_akuntabilitas_kinerja")`` runs the
chapter's cells with ``L`` and returns the HTML it shows.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from conftest import Workspace

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kantor-contoh"
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
OFFICE = "kanim-contoh"


class Contoh(Workspace):
    """A writable copy of the synthetic office."""

    def append(self, name: str, *lines: str) -> None:
        """Add rows (CSV lines) at the end of a table; a table the office lacks is created with
        the header of its contract (lkjip.inputs.tables)."""
        from lkjip.inputs.tables import TABLES

        if self.path(name).exists():
            text = self.read(name)
        else:
            text = ",".join(TABLES[name.removesuffix(".csv")].column_names) + "\n"
        if text and not text.endswith("\n"):
            text += "\n"
        self.write(name, text + "".join(f"{line}\n" for line in lines))

    def drop(self, name: str, needle: str) -> None:
        """Remove every row of a table whose line contains ``needle`` (at least one)."""
        lines = self.read(name).splitlines(keepends=True)
        kept = [lines[0]] + [x for x in lines[1:] if needle not in x]
        assert len(kept) < len(lines), f"no row of {name} contains {needle!r}"
        self.write(name, "".join(kept))

    def laporan(self, year: int):
        from lkjip.present.laporan import Laporan

        return Laporan(year, "", str(self.data), str(self.params))

    def figures(self, year: int, **kw):
        from lkjip.figures import Figures

        return Figures(year, self.data, self.params, **kw)


def salin(tmp_path: Path) -> Contoh:
    data, params = tmp_path / "data", tmp_path / "params"
    shutil.copytree(FIXTURE / "data", data)
    shutil.copytree(FIXTURE / "params", params)
    return Contoh(data=data, params=params, office=data / OFFICE)


def bab(L, notebook: str) -> str:
    """What chapter ``notebook`` shows for ``L``, as HTML: its code cells run with ``L`` (a
    ``%%teks`` cell through ``L.teks``, as its magic does), its Markdown cells through ``L.md``.
    An error propagates: a chapter that cannot be rendered fails the test.

    Needs an initialised IPython shell (the ``shell`` fixture): the displays are captured from it.
    """
    import nbformat
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    assert InteractiveShell.initialized(), "use the `shell` fixture"
    nb = nbformat.read(NOTEBOOKS / f"{notebook}.ipynb", as_version=4)
    ns = {"L": L}
    with capture_output() as cap:
        for cell in nb.cells:
            src = cell.source
            if "parameters" in cell.metadata.get("tags", []) or "Laporan(" in src:
                continue  # the parameters, and the cell that makes L: the test gives L
            if cell.cell_type == "markdown":
                L.md(src)
            elif src.startswith("%%teks"):
                L.teks(src.partition("\n")[2])
            else:
                exec(compile(src, cell.id, "exec"), ns)  # noqa: S102 - the chapter's own cells
    return "\n".join(o.data["text/html"] for o in cap.outputs if "text/html" in o.data)


_BLOK = re.compile(r"</?(?:p|div|li|ul|ol|tr|td|th|h[1-6]|table|caption|thead|tbody|figure|figcaption|blockquote"
                   r"|nav|br)\b[^>]*>")


def teks(html: str) -> str:
    """The text a reader sees: inline charts left out, a block element's end a space, other tags
    removed, entities decoded, white space collapsed."""
    html = re.sub(r"<svg\b.*?</svg>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", "", _BLOK.sub(" ", html))
    return re.sub(r"\s+", " ", unescape(html)).strip()


def judul(html: str, level: int) -> list[str]:
    """The text of every heading of ``level`` (4 = the indicators of BAB III)."""
    return [teks(h) for h in re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", html, re.S)]


class Tag(HTMLParser):
    """Every element and attribute a browser would build from an HTML text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.hidden: list[str] = []  # comments, declarations, processing instructions
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.hidden.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.hidden.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.hidden.append(f"<?{data}>")


def run(*argv: object) -> tuple[int, str]:
    """``lkjip <argv>`` in this process: its exit code and everything it printed."""
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from lkjip.cli import main

    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        code = main([str(a) for a in argv])
    return code, out.getvalue()
