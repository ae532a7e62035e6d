"""Batch benchmark (``make bench-batch``): 20 synthetic offices, HTML and PDF, three ways, in rounds.

1. loop: a shell loop of ``lkjip build`` per office (one process per office, its own kernels);
2. batch: ``lkjip batch`` on the default LocalCluster (one worker per core, warm kernels);
3. external: ``lkjip batch --scheduler`` against a ``dask scheduler`` and a ``dask worker`` (two
   single-threaded worker processes) started separately on localhost.

Each round runs the three once, each into an empty output folder (so with an empty cache); the
table shows medians over the rounds, the ratio loop / batch round by round, the per-office
times (the loop's from the shell, the batch's from its progress lines) and the peak resident
memory of a worker: a process tree sampled every 0.2 s (a Dask worker process and its kernels;
for the loop, one ``lkjip build`` and its kernels). After the first round the outputs are
compared: every office's HTML and PDF from the loop, the batch and the external cluster must be
the same bytes. The machine is shared: the load average is printed with each round.

    python benchmarks/bench_batch.py [--n 20] [--rounds 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
YEAR = "2025"


class Sampler:
    """Peak RSS (MiB) of each child process tree of ``pid`` (or of ``pid``'s tree itself)."""

    def __init__(self, pid: int, per_child: bool):
        import psutil

        self.root, self.per_child, self.peaks = psutil.Process(pid), per_child, {}
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._loop, daemon=True)
        self._t.start()

    def _tree(self, p) -> int:
        import psutil

        total = 0
        for q in [p, *p.children(recursive=True)]:
            try:
                total += q.memory_info().rss
            except psutil.Error:
                pass
        return total

    def _loop(self) -> None:
        import psutil

        while not self._stop.wait(0.2):
            try:
                tops = self.root.children() if self.per_child else [self.root]
                for p in tops:
                    self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), self._tree(p) / 2**20)
            except psutil.Error:
                pass

    def stop(self) -> dict[int, float]:
        self._stop.set()
        self._t.join()
        return self.peaks


def loop(root: Path, offices: list[str], out: Path) -> dict:
    script = ("for o in " + " ".join(offices) + "; do s=$(date +%s.%N); "
              f"{BIN}/lkjip build --quiet --year {YEAR} --format html,pdf --data {root}/$o/data "
              f"--params {root}/$o/params --out {out}/$o || exit 1; "
              "echo \"$o $(echo \"$(date +%s.%N) - $s\" | bc)\"; done")
    t0 = time.perf_counter()
    p = subprocess.Popen(["bash", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # memory: each `lkjip build` (a child of bash) with its kernels
    sampler = Sampler(p.pid, per_child=True)
    stdout, stderr = p.communicate()
    wall = time.perf_counter() - t0
    peaks = sampler.stop()
    if p.returncode:
        raise SystemExit(f"loop failed:\n{stderr[-3000:]}")
    per = {line.split()[0]: float(line.split()[1]) for line in stdout.splitlines() if line.strip()}
    return {"wall": wall, "per_office": per, "peak_mib": max(peaks.values(), default=0)}


def batch(root: Path, out: Path, scheduler: str | None = None) -> dict:
    cmd = [str(BIN / "lkjip"), "batch", "--year", YEAR, "--data-root", str(root), "--out", str(out),
           "--format", "html,pdf"] + (["--scheduler", scheduler] if scheduler else [])
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(p.pid, per_child=True) if not scheduler else None
    stdout, stderr = p.communicate()
    wall = time.perf_counter() - t0
    peaks = sampler.stop() if sampler else {}
    if p.returncode:
        raise SystemExit(f"batch failed ({p.returncode}):\n{stderr[-3000:]}")
    per = {m[1]: float(m[2]) for m in re.finditer(r"\] (\S+) +selesai +\(([\d.]+) detik\)", stderr)}
    gab = re.search(r"; ([\d.]+) detik$", stderr.strip().splitlines()[-1])
    # worker trees hold a kernel at least (> 150 MiB); smaller children are Dask's helpers
    workers = [v for v in peaks.values() if v > 150]
    return {"wall": wall, "per_office": per, "peak_mib": max(workers, default=0), "workers": workers,
            "reported_s": float(gab[1]) if gab else None}


class External:
    """``dask scheduler`` + ``dask worker`` (2 processes x 1 thread) on localhost."""

    def __init__(self, nworkers: int = 2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{self.port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.sched = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port",
                                       str(self.port), "--no-dashboard"], **quiet)
        time.sleep(3)
        self.worker = subprocess.Popen([str(BIN / "dask"), "worker", self.address, "--nworkers", str(nworkers),
                                        "--nthreads", "1", "--no-dashboard"], **quiet)
        from distributed import Client

        with Client(self.address, timeout="60s") as c:
            c.wait_for_workers(nworkers, timeout=120)
        self.sampler = Sampler(self.worker.pid, per_child=True)

    def close(self) -> list[float]:
        peaks = self.sampler.stop()
        for p in (self.worker, self.sched):
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        return [v for v in peaks.values() if v > 150]


def same_outputs(a: Path, b: Path, offices: list[str]) -> list[str]:
    """Offices whose HTML or PDF differ between the two output roots."""
    bad = []
    for o in offices:
        for ext in ("html", "pdf"):
            x, y = a / o / YEAR / f"lkjip-{YEAR}.{ext}", b / o / YEAR / f"lkjip-{YEAR}.{ext}"
            if not (x.is_file() and y.is_file() and x.read_bytes() == y.read_bytes()):
                bad.append(f"{o}.{ext}")
    return bad


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: a temporary one)")
    args = ap.parse_args()
    from lkjip.batch.sintetis import generate

    work = Path(args.keep or tempfile.mkdtemp(prefix="lkjip-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    root = work / "kantor"
    offices = generate(root, args.n, seed=1, year=int(YEAR))
    print(f"{args.n} synthetic offices in {root}; {os.cpu_count()} cores; {args.rounds} rounds", flush=True)
    rows: dict[str, list[dict]] = {"loop": [], "batch": [], "external": []}
    checks = {}
    for r in range(1, args.rounds + 1):
        for name in rows:
            out = work / f"out-{name}"
            shutil.rmtree(out, ignore_errors=True)
            load = os.getloadavg()[0]
            if name == "loop":
                res = loop(root, offices, out)
            elif name == "batch":
                res = batch(root, out)
            else:
                ext = External()
                try:
                    res = batch(root, out, ext.address)
                finally:
                    res["workers"] = ext.close()
                    res["peak_mib"] = max(res["workers"], default=0)
            res["load"] = load
            rows[name].append(res)
            print(f"round {r} {name:<8} {res['wall']:7.1f} s  peak/worker {res['peak_mib']:6.0f} MiB  "
                  f"load {load:.1f}", flush=True)
        if r == 1:
            built = [o for o in offices if (work / "out-batch" / o / YEAR).is_dir()]
            checks["offices_built"] = len(built)
            checks["gabungan"] = (work / "out-batch" / "_gabungan" / YEAR / "index.html").is_file()
            checks["loop_vs_batch_differ"] = same_outputs(work / "out-loop", work / "out-batch", offices)
            checks["batch_vs_external_differ"] = same_outputs(work / "out-batch", work / "out-external", offices)
            print(f"round 1 checks: {json.dumps(checks)}", flush=True)
    med = {k: statistics.median(x["wall"] for x in v) for k, v in rows.items()}
    ratios = [a["wall"] / b["wall"] for a, b in zip(rows["loop"], rows["batch"], strict=True)]
    print("\nmedians of", args.rounds, "rounds (wall s; per office: median of the offices' medians)")
    for k, v in rows.items():
        per = statistics.median(statistics.median(x["per_office"].get(o, float("nan")) for x in v) for o in offices)
        peak = max(x["peak_mib"] for x in v)
        print(f"  {k:<9} wall {med[k]:7.1f}   per office {per:6.1f}   peak per worker {peak:6.0f} MiB")
    print(f"  loop / batch: {statistics.median(ratios):.2f} (rounds: {', '.join(f'{x:.2f}' for x in ratios)})")
    print(f"  loop / external: {med['loop'] / med['external']:.2f}")
    doc = {"n": args.n, "rounds": rows, "checks": checks, "medians": med, "ratios_loop_batch": ratios}
    (work / "bench-batch.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")
    print(f"details: {work / 'bench-batch.json'}")


if __name__ == "__main__":
    main()
