"""The batch's progress display: one line per change of state in a log, redrawn in place on a
terminal; counts and elapsed time in its headline."""

from __future__ import annotations

import io

from lkjip.batch.display import Display


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_line_per_change():
    out = io.StringIO()
    d = Display(["a", "b", "c"], out).start()
    d.event((0.0, {"office": "a", "state": "checking"}))
    d.event((0.0, {"office": "a", "state": "checking"}))  # no change: no line
    d.set("a", "executing")
    d.set("a", "pdf")
    d.set("a", "done", 12.34)
    d.set("a", "executing")  # a late event of a finished office is ignored
    d.set("b", "failed", 1.0)
    d.close()
    lines = out.getvalue().splitlines()
    assert [line.split()[-1] for line in lines[1:5]] == ["memeriksa", "menjalankan", "pdf", "detik)"]
    assert "a" in lines[4] and "selesai  (12.3 detik)" in lines[4]
    assert lines[-1].startswith("3 kantor: 1 selesai, 0 dari cache, 1 gagal, 0 dikerjakan, 1 antre; waktu berjalan 00:0")


def test_a_terminal_is_redrawn_in_place():
    out = Terminal()
    d = Display(["a", "b"], out)
    assert d.live
    d.set("a", "executing")
    d._draw()
    d.set("b", "failed")
    d._draw()
    text = out.getvalue()
    first, second = text.split("\x1b[1A\x1b[2K\x1b[1A\x1b[2K")  # the two lines of the first draw erased
    assert "a                            menjalankan" in first and "1 dikerjakan" in first
    assert "b                            gagal" in second and "1 gagal, 1 dikerjakan" in second
