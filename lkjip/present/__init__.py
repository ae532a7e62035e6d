"""What the report shows and how: the notebook API (:class:`Laporan`), the chapters' text as
templates, number formatting, tables and charts, and the templates of the page."""

from lkjip.present.laporan import Laporan

__all__ = ["Laporan"]
