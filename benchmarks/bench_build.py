"""Build benchmark: lkjip build against the hand-written papermill + nbconvert baseline.

Run by ``make bench``. Every scenario runs in a fresh process, several times; the table shows
medians, the ratio to the baseline measured in the same run, and the peak resident memory of
the largest process involved (the command or one of its kernels). The machine is shared and
noisy: compare ratios, not seconds across runs. The runs are interleaved: each round runs every
scenario once, so that a slower minute slows a whole round rather than one row; the cold
build's row also gives its ratio to the baseline round by round.

    python benchmarks/bench_build.py [--reps 5] [--year 2024]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOKS = ROOT / "notebooks"

# Runs a command and prints the peak RSS (KiB) of its process tree on stderr's last line.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
    "sys.stderr.write(r.stderr[-4000:] if r.returncode else '')\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(r.returncode)\n"
)

# The PDF alone: the built HTML rendered as the build renders it (the PDF's own style sheet,
# figures.json, audit.json and the zipped inputs attached), in a fresh process (WeasyPrint
# imported first, untimed: the build imports it while the kernels run).
_RENDER = ("import sys, time, pathlib, weasyprint; from lkjip.build.pdf import Berkas, render_pdf, zip_bytes; "
           "from lkjip.build.build import PDF_CSS; from lkjip.paths import DATA_DIR, TEMPLATES_DIR; "
           "h = pathlib.Path(sys.argv[1]); css = (TEMPLATES_DIR / PDF_CSS).read_text(encoding='utf-8'); "
           "data = [(p.relative_to(DATA_DIR).as_posix(), p.read_bytes()) for p in sorted(DATA_DIR.rglob('*')) "
           "if p.is_file()]; "
           "att = [Berkas(n, (h.parent / n).read_bytes()) for n in ('figures.json', 'audit.json')] "
           "+ [Berkas('masukan.zip', zip_bytes(data), '', 'Source')]; t = time.perf_counter(); "
           "render_pdf(h.read_text(encoding='utf-8'), pathlib.Path(sys.argv[2]), base_url=h.parent, "
           "attachments=att, stylesheets=[css]); "
           "print(time.perf_counter() - t)")


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MiB) of one command."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if p.returncode:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{p.stderr}")
    return dt, int(p.stdout.strip().splitlines()[-1]) // 1024


def chapters() -> list[str]:
    from lkjip.build.chapters import chapters as _chapters

    return [c.notebook for c in _chapters()]


def baseline(work: Path, year: int) -> tuple[float, int]:
    """What a user would write by hand: papermill CLI per chapter, then nbconvert on the merged result."""
    script = work / "baseline.sh"
    out = work / "baseline"
    lines = ["set -e", f"rm -rf {out}", f"mkdir -p {out}"]
    for nb in chapters():
        lines.append(f"{BIN}/papermill --no-progress-bar {NOTEBOOKS / nb} {out / nb} -p year {year} >/dev/null 2>&1")
    merge = (
        "import nbformat, sys\n"
        "nbs = [nbformat.read(p, as_version=4) for p in sys.argv[2:]]\n"
        "merged = nbs[0]\n"
        "for nb in nbs[1:]: merged.cells.extend(nb.cells)\n"
        "nbformat.write(merged, sys.argv[1])\n"
    )
    (work / "merge.py").write_text(merge)
    lines.append(f"{BIN}/python {work / 'merge.py'} {out / 'merged.ipynb'} " + " ".join(str(out / nb) for nb in chapters()))
    lines.append(f"{BIN}/jupyter nbconvert --to html --no-input {out / 'merged.ipynb'} >/dev/null 2>&1")
    script.write_text("\n".join(lines) + "\n")
    return run(["bash", str(script)])


class Scenario:
    """One row of the table: a name, what to time (returns seconds and peak MiB), what to do
    untimed before it, and a note made from the row's median."""

    def __init__(self, name: str, fn, before=None, note=lambda t: "", compare: bool = True):
        self.name, self.fn, self.before, self.note, self.compare = name, fn, before, note, compare
        self.times: list[float] = []
        self.mems: list[int] = []

    def once(self) -> None:
        if self.before:
            self.before()
        t, m = self.fn()
        self.times.append(t)
        self.mems.append(m)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--year", type=int, default=2024)
    args = ap.parse_args()
    year, reps = args.year, args.reps
    load = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="lkjip-bench-"))
    try:
        out = work / "out"
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        build = ["build", "--year", str(year), "--data", str(data), "--out", str(out), "--quiet"]
        lkjip = [str(BIN / "lkjip"), *build]

        def cold():
            shutil.rmtree(out, ignore_errors=True)

        target = data / "kanim-pamekasan" / "smart.csv"
        original = target.read_text(encoding="utf-8")
        edits = [0]

        def change():
            # new bytes every time (one more trailing blank line), as after a real edit
            edits[0] += 1
            target.write_text(original.rstrip("\n") + "\n" * (1 + edits[0]), encoding="utf-8")

        html = out / str(year) / f"lkjip-{year}.html"

        def render() -> tuple[float, int]:
            p = subprocess.run([str(BIN / "python"), "-c", _RENDER, str(html), str(work / "r.pdf")],
                               capture_output=True, text=True, check=True)
            return float(p.stdout.split()[0]), 0

        def cold_note(t: float) -> str:
            by_round = zip(baseline_row.times, cold_html.times, strict=True)
            return "vs baseline by round: " + " ".join(f"{b / x:.2f}×" for b, x in by_round)

        baseline_row = Scenario("baseline: papermill CLI per chapter + nbconvert", lambda: baseline(work, year))
        cold_html = Scenario("lkjip build --format html (cold cache)", lambda: run([*lkjip, "--format", "html"]),
                             before=cold, note=cold_note)
        scenarios = [
            baseline_row,
            Scenario("floor: import lkjip, pandas, matplotlib.pyplot, nbformat",
                     lambda: run([str(BIN / "python"), "-c", "import lkjip, pandas, matplotlib.pyplot, nbformat"])),
            cold_html,
            Scenario("lkjip build --format html,pdf (cold cache)", lambda: run([*lkjip, "--format", "html,pdf"]),
                     before=cold),
            Scenario("lkjip build again, nothing changed", lambda: run([*lkjip, "--format", "html,pdf"])),
            Scenario("lkjip build after changing one data file (smart.csv)",
                     lambda: run([*lkjip, "--format", "html,pdf"]), before=change),
            Scenario("PDF: render_pdf of the full report's HTML", render,
                     note=lambda t: "rendering only, WeasyPrint already imported", compare=False),
        ]
        # Round by round, every scenario once per round (in this order: each needs the build
        # folder the one before left).
        for _ in range(reps):
            for sc in scenarios:
                sc.once()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = baseline_row.median
    after = os.getloadavg()
    print(f"\nlkjip build benchmark, year {year}: median of {reps} runs; machine: {os.cpu_count()} cores, "
          f"load average before the run {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
          f"after {after[0]:.2f} {after[1]:.2f} {after[2]:.2f} (the benchmark's own load included)\n")
    print(f"| {'scenario':<58} | {'median s':>8} | {'vs baseline':>14} | {'peak MiB':>8} | runs (s) | note")
    print(f"|{'-' * 60}|{'-' * 10}|{'-' * 16}|{'-' * 10}|----------|------")
    for sc in scenarios:
        t, m = sc.median, max(sc.mems)
        ratio = "" if not sc.compare else f"{base / t:.2f}× faster" if t < base else f"{t / base:.2f}×"
        mem = f"{m:>8}" if m else f"{'':>8}"
        print(f"| {sc.name:<58} | {t:>8.2f} | {ratio:>14} | {mem} | {' '.join(f'{x:.2f}' for x in sc.times)} | {sc.note(t)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
