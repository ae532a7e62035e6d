"""The batch's live progress display: every office's state, the counts and the elapsed time.

On a terminal the display is redrawn in place (twice a second): a line of counts, then the
offices at work and those that failed. Elsewhere (a log, CI) it writes one line per change of
state. States: queued, checking, executing, pdf, done, cached (nothing to rebuild), failed; printed in
Indonesian (``LABEL``).
"""

from __future__ import annotations

import threading
import time
from typing import Any, TextIO

STATES = ("queued", "checking", "executing", "pdf", "done", "cached", "failed")
# the states as the display prints them (the operator reads Indonesian)
LABEL = {"queued": "antre", "checking": "memeriksa", "executing": "menjalankan", "pdf": "pdf",
         "done": "selesai", "cached": "dari cache", "failed": "gagal"}
WORKING = ("checking", "executing", "pdf")
FINISHED = ("done", "cached", "failed")


def _clock(seconds: float) -> str:
    m, s = divmod(int(seconds), 60)
    return f"{m:02d}:{s:02d}"


class Display:
    def __init__(self, offices: list[str], stream: TextIO | None, live: bool | None = None, title: str = ""):
        self.stream = stream
        self.live = bool(stream is not None and (live if live is not None else stream.isatty()))
        self.title = title
        self.state = {o: "queued" for o in offices}
        self.since = {o: time.time() for o in offices}
        self.t0 = time.time()
        self._lines = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ---- input ----------------------------------------------------------------------------------
    def event(self, event: Any) -> None:
        """A Dask event ``(timestamp, {"office", "state", ...})`` from a worker."""
        msg = event[1] if isinstance(event, tuple) else event
        self.set(msg["office"], msg["state"], msg.get("seconds"))

    def set(self, office: str, state: str, seconds: float | None = None) -> None:
        with self._lock:
            if office not in self.state or self.state[office] in FINISHED and state not in FINISHED:
                return  # a late event of a finished office
            changed = self.state[office] != state
            self.state[office] = state
            self.since[office] = time.time()
        if changed and not self.live and self.stream is not None:
            took = f"  ({seconds:.1f} detik)" if seconds is not None else ""
            print(f"  [{_clock(time.time() - self.t0)}] {office:<28} {LABEL[state]}{took}", file=self.stream, flush=True)

    # ---- output ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        with self._lock:
            states = list(self.state.values())
        return {s: states.count(s) for s in STATES}

    def headline(self) -> str:
        c = self.counts()
        working = sum(c[s] for s in WORKING)
        return (f"{self.title}{len(self.state)} kantor: {c['done']} selesai, {c['cached']} dari cache, "
                f"{c['failed']} gagal, {working} dikerjakan, {c['queued']} antre; "
                f"waktu berjalan {_clock(time.time() - self.t0)}")

    def _draw(self) -> None:
        now = time.time()
        with self._lock:
            rows = [f"  {o:<28} {LABEL[s]:<11} {_clock(now - self.since[o])}" for o, s in self.state.items()
                    if s in WORKING]
            rows += [f"  {o:<28} gagal" for o, s in self.state.items() if s == "failed"]
        lines = [self.headline(), *rows]
        out = "".join("\x1b[1A\x1b[2K" for _ in range(self._lines))
        out += "\n".join(lines) + "\n"
        self.stream.write(out)
        self.stream.flush()
        self._lines = len(lines)

    def start(self) -> Display:
        if self.live:
            def loop() -> None:
                while not self._stop.wait(0.5):
                    self._draw()

            self._thread = threading.Thread(target=loop, name="lkjip-batch-display", daemon=True)
            self._thread.start()
        elif self.stream is not None:
            print(self.headline(), file=self.stream, flush=True)
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._draw()
        elif self.stream is not None:
            print(self.headline(), file=self.stream, flush=True)
