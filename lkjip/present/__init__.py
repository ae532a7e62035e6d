"""What the report shows and how: the notebook API (:class:`lkjip.present.laporan.Laporan`),
number formatting, tables and charts, and the templates of the page."""
