"""The one-page summary of a record, for printers and PDF files (Qt; the core never imports this).

- :func:`write_pdf` (``pdf.py``): the CLI's ``belgai print`` and the GUI's Save as PDF.
- :func:`paint` and :func:`configure` (``layout.py``): the GUI's Print and Print preview.
- ``sheet.py``: what the page says (translated, no Qt); ``layout.py``: fitting it on one page.

The names below are loaded on first use, so that importing ``printing.sheet`` (no Qt) does not
import Qt: the Qt-free test run reads the sheet's wording without PySide6 installed.
"""

from __future__ import annotations

import importlib
from typing import Any

# name → the module that defines it
_WHERE = {"FLOOR_PT": "layout", "PAPERS": "layout", "Fit": "layout", "configure": "layout",
          "page_layout": "layout", "paint": "layout", "render_pdf": "pdf", "write_pdf": "pdf"}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
