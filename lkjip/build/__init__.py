"""The build: chapters executed in kernels, stitched into HTML, rendered as a PDF, audited,
cached and swapped into ``build/<year>/``. Light on import: papermill, nbconvert and WeasyPrint
are imported only when there is work for them."""
