"""A lower bound for ``make bench``: chapters' code run in one plain Python process.

No kernel, no papermill, no nbconvert, no HTML, no audit: each code cell of each named notebook
is ``exec``'d in a fresh namespace per chapter (the parameters cell, then ``year``), with the
displayed output thrown away. ``figures.json`` as a name computes the figure registry as the
build does. Two of these side by side, with the build's split of the chapters between its two
kernels, are what any build that executes the chapters on two cores cannot go below.

    python benchmarks/plain_chapters.py YEAR NOTEBOOK... [figures.json]
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def main(year: int, names: list[str]) -> None:
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        for name in names:
            if name == "figures.json":
                from lkjip.figures import Figures

                Figures(year).to_json()
                continue
            cwd = os.getcwd()
            os.chdir(NOTEBOOKS)  # as papermill runs a chapter
            try:
                ns: dict = {}
                for cell in json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]:
                    tags = cell.get("metadata", {}).get("tags", [])
                    if cell["cell_type"] != "code" or "injected-parameters" in tags:
                        continue
                    exec(compile("".join(cell["source"]), f"{name}", "exec"), ns)  # noqa: S102
                    if "parameters" in tags:
                        ns["year"] = year
            finally:
                os.chdir(cwd)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
