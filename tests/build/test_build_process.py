"""``lkjip build`` as a process: killed, it leaves no process behind; without a network it says
which kernel did not start, and exits 2."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LKJIP = str(Path(sys.executable).parent / "lkjip")


def _children_of(pid: int) -> list[int]:
    """Processes that jupyter_client started for ``pid`` (JPY_PARENT_PID in their environment)."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            env = (d / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"JPY_PARENT_PID={pid}".encode() in env:
            found.append(int(d.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_a_killed_build_leaves_no_process_behind(tmp_path):
    proc = subprocess.Popen([LKJIP, "build", "--year", "2024", "--out", str(tmp_path), "--no-cache",
                             "--format", "html"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not _children_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    kernels = _children_of(proc.pid)
    assert kernels, "no kernel started"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while _children_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _children_of(proc.pid) == []


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs unshare as root")
def test_without_a_network_the_build_names_the_kernel_and_exits_2(tmp_path):
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not allowed here")
    env = {**os.environ, "LKJIP_KERNEL_TIMEOUT": "3"}
    t = time.monotonic()
    proc = subprocess.run(["unshare", "-n", LKJIP, "build", "--year", "2024", "--out", str(tmp_path),
                           "--format", "html"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert "kernel untuk bab" in proc.stderr and "tidak mau mulai" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert time.monotonic() - t < 60
