"""The tabs of the landscape window besides the map: the timeline and the regions side by side."""

from __future__ import annotations

from typing import Any

from belgai_desktop.core.library import Library


def panels(library: Library, lang: str) -> list[tuple[str, Any]]:
    """(name, panel) for each extra tab; each panel has ``record_requested`` and ``retranslate``."""
    del library, lang
    return []
