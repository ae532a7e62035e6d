"""Chapter notebooks before and after execution: the copy handed to papermill, the executed
notebook made reproducible, and where a chapter failed.

The notebooks in ``notebooks/`` carry the outputs of the reference run (nbval compares them);
papermill gets a copy without them, with one cell added in front that clears the kernel's
namespace: a kernel runs several chapters, and each must see what a fresh kernel shows it. The
cell is ``%reset_selective -f .``, which deletes every name the chapters before defined;
``%reset -f`` would also run a full garbage collection, 0.17 s per chapter in a kernel holding
pandas and Matplotlib, a fifth of a short chapter's time. The executed notebook loses that cell
again and what changes from run to run (timings, execution timestamps), so that the same inputs
give the same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lkjip.errors import BuildError

RESET_TAG = "lkjip-reset"
_RESET_CELL = {"cell_type": "code", "execution_count": None, "id": "lkjip-reset",
               "metadata": {"tags": [RESET_TAG]}, "outputs": [], "source": "%reset_selective -f ."}


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
    """A chapter raised an exception (or its kernel died); ``failure`` says where."""

    def __init__(self, failure: Failure):
        self.failure = failure
        super().__init__(failure.message())


def for_execution(source: Path, copy: Path) -> Path:
    """``source`` without outputs and with the reset cell in front, written to ``copy``.

    A notebook that is not valid JSON is handed over as it is (papermill says what is wrong).
    """
    try:
        nb = json.loads(source.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
        nb["cells"].insert(0, dict(_RESET_CELL))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return source
    copy.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return copy


def clean(nb: Any, stem: str) -> Any:
    """The executed notebook without the reset cell and what changes from run to run (in
    place; returns ``nb``).

    Drops papermill's timing and status metadata and nbclient's execution timestamps, sets
    every cell id to ``<stem>-<index>``, numbers executed code cells 1..n (a shared kernel
    continues its count from the previous chapter), removes empty tag lists, and merges
    consecutive stream outputs of one stream: the kernel sends what a cell prints in chunks
    that depend on its IO thread's flush timing (``print("x")`` may arrive as "x" and "\\n"),
    and nbclient keeps each chunk as an output of its own.
    """
    nb.cells = [c for c in nb.cells if RESET_TAG not in c.get("metadata", {}).get("tags", [])]
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


def dumps(nb: Any) -> bytes:
    import nbformat

    return (nbformat.writes(nb, version=4) + "\n").encode("utf-8")


def failure(name: str, source: Path, executed: Path, exc: Any) -> Failure:
    """The failing cell of a papermill error, as the author sees it in notebooks/ (its index in
    the source notebook)."""
    index = exc.cell_index
    try:
        source_ids = [c.get("id") for c in json.loads(source.read_text(encoding="utf-8"))["cells"]]
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
        failed = next(c for c in cells if c.get("cell_type") == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", [])))
        if failed.get("id") in source_ids:
            index = source_ids.index(failed["id"])
    except (OSError, ValueError, KeyError, StopIteration):
        pass
    first = next((ln.strip() for ln in (exc.source or "").splitlines() if ln.strip()), "")
    evalue = (exc.evalue or "").strip().splitlines()
    return Failure(name, index, first[:120], exc.ename, evalue[0][:300] if evalue else "",
                   executed if executed.exists() else None)
