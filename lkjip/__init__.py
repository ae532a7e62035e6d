"""lkjip: the LKjIP (Laporan Kinerja Instansi Pemerintah) generated from data.

Kept light on purpose: importing the package must not import pandas, papermill or
matplotlib, so that the command line and the chapter kernels start fast. Import the
modules you need (``lkjip.inputs``, ``lkjip.figures``, ``lkjip.present.fmt`` ...) directly.
"""

from lkjip.errors import LkjipError

__all__ = ["LkjipError", "__version__"]
__version__ = "0.1.0"
