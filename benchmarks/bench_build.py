"""Build benchmark: lkjip build against the hand-written papermill + nbconvert baseline.

Run by ``make bench``. Every scenario runs in a fresh process, several times; the table shows
medians, the ratio to the baseline measured in the same run, and the peak resident memory of
the largest process involved (the command or one of its kernels). The machine is shared and
noisy: compare ratios, not seconds across runs. The runs are interleaved: each round runs every
scenario once, so that a slower minute slows a whole round rather than one row; the cold build's
row also gives its ratio to the baseline round by round.

Two "bound" rows show what no build can go below: the chapters' own code run in plain Python
processes (benchmarks/plain_chapters.py), with no kernel, papermill, nbconvert, HTML or audit.

    python benchmarks/bench_build.py [--reps 5] [--year 2024]
"""

from __future__ import annotations

import argparse
import json
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


def run(cmd: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MiB) of one command."""
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if p.returncode:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{p.stderr}")
    return dt, int(p.stdout.strip().splitlines()[-1]) // 1024


def chapters() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from lkjip.chapters import chapters as _chapters

    return [c.notebook for c in _chapters()]


def baseline(work: Path, year: int) -> tuple[float, int]:
    """What a user would write by hand: papermill CLI per chapter, then nbconvert on the merged result."""
    script = work / "baseline.sh"
    out = work / "baseline"
    lines = ["set -e", f"rm -rf {out}", f"mkdir -p {out}"]
    for nb in chapters():
        lines.append(f"{BIN}/papermill -k python3 --no-progress-bar {NOTEBOOKS / nb} {out / nb} -p year {year} >/dev/null 2>&1")
    merge = (
        "import nbformat, sys, pathlib\n"
        "paths = sys.argv[2:]\n"
        "nbs = [nbformat.read(p, as_version=4) for p in paths]\n"
        "merged = nbs[0]\n"
        "for nb in nbs[1:]: merged.cells.extend(nb.cells)\n"
        "nbformat.write(merged, sys.argv[1])\n"
    )
    (work / "merge.py").write_text(merge)
    lines.append(f"{BIN}/python {work / 'merge.py'} {out / 'merged.ipynb'} " + " ".join(str(out / nb) for nb in chapters()))
    lines.append(f"{BIN}/jupyter nbconvert --to html --no-input {out / 'merged.ipynb'} >/dev/null 2>&1")
    script.write_text("\n".join(lines) + "\n")
    return run(["bash", str(script)])


def _code(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def split_chapters() -> tuple[list[str], list[str]]:
    """The build's split between two kernels: the chapters that draw, and the others."""
    drawing = [nb for nb in chapters() if "gambar(" in _code(NOTEBOOKS / nb)]
    return drawing, [nb for nb in chapters() if nb not in drawing]


def lkjip(*args: str) -> list[str]:
    return [str(BIN / "lkjip"), *args]


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
    # 5 rounds: the machine is shared, and one slow minute moves a median of 3 rounds (the cold
    # build's ratio to the baseline ranged 4.4-5.5x between runs of 3 rounds)
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

        def cold():
            shutil.rmtree(out, ignore_errors=True)

        plain = [str(BIN / "python"), str(ROOT / "benchmarks" / "plain_chapters.py"), str(year)]
        drawing, other = split_chapters()
        longest = max(drawing + other, key=lambda nb: len(_code(NOTEBOOKS / nb)))
        both = f"{' '.join(plain + drawing)} & {' '.join(plain + other + ['figures.json'])} & wait"
        build = ["build", "--year", str(year), "--data", str(data), "--out", str(out), "--quiet"]

        # one data file changed: a file only BAB III reads (the SMART scores)
        target = data / "kanim-pamekasan" / "smart.csv"
        original = target.read_text(encoding="utf-8")
        flip = [0]

        def change():
            # new bytes every time (one more trailing blank line): no cache of any kind has seen
            # them, as after a real edit; the chapter's other tables are unchanged
            flip[0] += 1
            target.write_text(original.rstrip("\n") + "\n" * (1 + flip[0]), encoding="utf-8")

        # the PDF alone: the built HTML rendered by lkjip.pdf in a fresh process (WeasyPrint
        # imported first, untimed: the build imports it while the kernels run)
        html = out / str(year) / f"lkjip-{year}.html"
        code = ("import sys, time, pathlib; from lkjip.pdf import render_pdf; import weasyprint; "
                "h = pathlib.Path(sys.argv[1]); t = time.perf_counter(); "
                "how = render_pdf(h.read_text(encoding='utf-8'), pathlib.Path(sys.argv[2]), base_url=h.parent, "
                "parallel=sys.argv[3] == 'parts'); "
                "print(time.perf_counter() - t, how)")

        def render(how: str) -> tuple[float, int]:
            p = subprocess.run([str(BIN / "python"), "-c", code, str(html), str(work / "r.pdf"), how],
                               capture_output=True, text=True, check=True)
            seconds, done = p.stdout.split()
            if done != how:
                raise SystemExit(f"render_pdf rendered in '{done}', not '{how}'")
            return float(seconds), 0

        def floor_of(t: float) -> str:
            return f"{t / floor.median:.2f}× floor"

        def cold_note(t: float) -> str:
            by_round = zip(baseline_row.times, cold_html.times, strict=True)
            return f"{floor_of(t)}; vs baseline by round: " + " ".join(f"{b / x:.2f}×" for b, x in by_round)

        baseline_row = Scenario("baseline: papermill CLI per chapter + nbconvert", lambda: baseline(work, year))
        floor = Scenario("floor: import lkjip, pandas, matplotlib.pyplot, nbformat",
                         lambda: run([str(BIN / "python"), "-c", "import lkjip, pandas, matplotlib.pyplot, nbformat"]))
        cold_html = Scenario("lkjip build --format html (cold cache)", lambda: run(lkjip(*build, "--format", "html")),
                             before=cold, note=cold_note)
        one_file = Scenario("lkjip build after changing one data file (smart.csv)",
                            lambda: run(lkjip(*build, "--format", "html,pdf")), before=change)
        pdf_one = Scenario("PDF: the same in one process (parallel=False)", lambda: render("one"),
                           compare=False)
        # What no build that executes the chapters can go below (no kernel, papermill, nbconvert,
        # HTML or audit): the chapters' code in plain processes, split as the build splits them.
        scenarios = [
            baseline_row,
            floor,
            Scenario(f"bound: longest chapter ({longest[:2]}) alone, plain Python",
                     lambda: run([*plain, longest]), note=floor_of),
            Scenario("bound: all chapters, 2 plain Python processes", lambda: run(["bash", "-c", both]),
                     note=floor_of),
            cold_html,
            Scenario("lkjip build --format html,pdf (cold cache)",
                     lambda: run(lkjip(*build, "--format", "html,pdf")), before=cold),
            Scenario("lkjip build again, nothing changed", lambda: run(lkjip(*build, "--format", "html,pdf"))),
            one_file,
            Scenario("PDF: render_pdf of the full report HTML (two processes)", lambda: render("parts"),
                     note=lambda t: f"rendering only, WeasyPrint already imported; "
                                    f"{pdf_one.median / t:.2f}× faster than in one process", compare=False),
            pdf_one,
        ]
        # Round by round, every scenario once per round (in this order: each needs the build
        # folder the one before left): a machine that is slower for a minute slows every row
        # of that round, not all the repetitions of one row.
        for _ in range(reps):
            for sc in scenarios:
                sc.once()

        # once more, untimed, with the progress display: which chapters re-executed, and the PDF time
        change()
        quiet = [a for a in build if a != "--quiet"]
        p = subprocess.run(lkjip(*quiet, "--format", "html,pdf"), capture_output=True, text=True)
        executed = [ln.split()[0] for ln in p.stderr.splitlines() if " executed " in ln]
        one_file.note = lambda t: f"re-executed: {', '.join(executed) or 'nothing'}"
        pdf = [ln.split() for ln in p.stderr.splitlines() if " rendered " in ln]
        pdf_time = float(pdf[0][2]) if pdf else None
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
    if pdf_time is not None:
        print(f"\nPDF rendering (WeasyPrint) in the last build: {pdf_time:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
