"""The build's progress display: one line per step (a chapter executed or taken from the cache,
the page stitched, the PDF rendered, ...), with its status in Indonesian."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO


@dataclass
class Step:
    """One line of the progress display."""

    name: str
    status: str  # executed | cached | stitched | rendered | computed | failed
    seconds: float
    note: str = ""


# a step's status as the progress display prints it (the analyst reads Indonesian)
LABEL = {"executed": "dijalankan", "cached": "tersimpan", "stitched": "dirangkai", "rendered": "dibuat",
         "computed": "dihitung", "failed": "gagal"}


class Progress:
    """The progress display: one line per step, on ``stream`` (None: silent)."""

    def __init__(self, stream: TextIO | None, on_step: Callable[[Step], None] | None = None):
        self.stream = stream
        self.on_step = on_step
        self.steps: list[Step] = []

    def __call__(self, step: Step) -> None:
        self.steps.append(step)
        if self.on_step is not None:
            self.on_step(step)
        if self.stream is not None:
            note = f"  ({step.note})" if step.note else ""
            label = LABEL.get(step.status, step.status)
            print(f"  {step.name:<34} {label:<10} {step.seconds:6.2f} dtk{note}", file=self.stream, flush=True)

    def say(self, text: str) -> None:
        if self.stream is not None:
            print(text, file=self.stream, flush=True)
