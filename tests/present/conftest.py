"""Fixtures of the present tests: an IPython shell whose displays a test can capture, and a
writable copy of the synthetic office."""

from __future__ import annotations

import pytest
from contoh import salin


@pytest.fixture(scope="session")
def shell(tmp_path_factory):
    """The process's IPython shell (Laporan registers its ``%%teks`` magic there and displays to
    it; ``IPython.utils.capture.capture_output`` collects what it shows). No history, and its
    profile in a temporary folder, not in ~/.ipython."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    return InteractiveShell.instance(ipython_dir=str(tmp_path_factory.mktemp("ipython")), config=config)


@pytest.fixture
def contoh(tmp_path):
    """A copy of tests/fixtures/kantor-contoh to change (``contoh.replace``, ``append``, ``drop``)."""
    return salin(tmp_path)
