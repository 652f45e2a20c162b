"""The one-page summary of a record, for printers and PDF files (Qt; the core never imports this).

- :func:`write_pdf` (``pdf.py``): the CLI's ``belgai print`` and the GUI's Save as PDF.
- :func:`paint` and :func:`configure` (``layout.py``): the GUI's Print and Print preview.
- ``sheet.py``: what the page says (translated, no Qt); ``layout.py``: fitting it on one page.
"""

from belgai_desktop.printing.layout import FLOOR_PT, PAPERS, Fit, configure, page_layout, paint
from belgai_desktop.printing.pdf import render_pdf, write_pdf

__all__ = ["FLOOR_PT", "PAPERS", "Fit", "configure", "page_layout", "paint", "render_pdf", "write_pdf"]
