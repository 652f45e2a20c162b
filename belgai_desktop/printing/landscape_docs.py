"""The pages ``belgai map``, ``belgai timeline`` and ``belgai compare`` write, and File → Print
prints: each built from the façade in the chosen language, then rendered by
:mod:`.landscape_page`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from belgai_desktop.core import i18n
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.graph import MapGraph
from belgai_desktop.core.landscape.layout import Metrics
from belgai_desktop.core.library import Library
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.labels import level_label
from belgai_desktop.printing.landscape_map import MIN_LABEL_PT, paint_legend, paint_map
from belgai_desktop.printing.landscape_page import (
    MARGIN_MM,
    Page,
    file_format,
    page_size_pt,
    render,
    write_file,
)
from belgai_desktop.printing.layout import ensure_app


def map_metrics(paper: str) -> Metrics:
    """The map laid out at the width of the paper (landscape, less the margins)."""
    width = page_size_pt(paper).width() - 2 * MARGIN_MM * 72 / 25.4
    return Metrics(width=width)


def map_title(levels: Sequence[str] | None) -> str:
    if levels:
        return _("Governance of AI in Belgium: who does what ({levels})").format(
            levels=", ".join(level_label(lv) for lv in levels))
    return _("Governance of AI in Belgium: who does what")


def map_page(library: Library, lang: str, paper: str = "a3", levels: Sequence[str] | None = None,
             graph: MapGraph | None = None) -> Page:
    """The governance map on one landscape page (call with the language ``lang`` set)."""
    from belgai_desktop.printing.landscape_page import footer_lines

    land = library.landscape
    graph = graph or land.graph(lang, levels=levels)
    layout = land.layout(graph, map_metrics(paper))
    marks = [phrases.translation_legend()]

    def body(p: QPainter) -> None:
        paint_map(p, graph, layout)

    def legend(p: QPainter, rect: QRectF) -> float:
        return paint_legend(p, graph, rect, MIN_LABEL_PT, marks)

    page = Page(title=map_title(levels), lang=lang, body_size=(layout.width, layout.height),
                paint_body=body, paint_legend=legend, footer=footer_lines(library, lang))
    page.graph = graph  # type: ignore[attr-defined]  # for tests and the GUI's print
    return page


COMPARE_PT = 7.0  # the smallest label the issue allows; the table is dense


def compare_page(library: Library, lang: str, paper: str = "a3", levels: Sequence[str] | None = None) -> Page:
    """The regions side by side on one landscape page (``levels`` is not used: always the four)."""
    from belgai_desktop.core.landscape.compare import build_comparison
    from belgai_desktop.printing.landscape_page import footer_lines
    from belgai_desktop.printing.landscape_tables import comparison_html, html_document

    del levels
    comparison = build_comparison(library, lang)
    width = page_size_pt(paper).width() - 2 * MARGIN_MM * 72 / 25.4
    html = comparison_html(comparison, library.sources(), COMPARE_PT, links=False, with_sources=False)
    doc = html_document(html, math.floor(width))
    size = doc.size()

    def body(p: QPainter) -> None:
        doc.drawContents(p)

    page = Page(title=_("AI governance in Belgium: the regions side by side"), lang=lang,
                body_size=(size.width(), size.height()), paint_body=body, legend_height=0,
                footer=footer_lines(library, lang, numbered=True))
    page.comparison = comparison  # type: ignore[attr-defined]
    return page


def timeline_page(library: Library, lang: str, paper: str = "a3", levels: Sequence[str] | None = None) -> Page:
    """Every dated fact on a time axis, one lane per level (``levels``: only those lanes)."""
    from belgai_desktop.core.landscape.timeline import build_timeline, compact_layout
    from belgai_desktop.printing.landscape_page import footer_lines
    from belgai_desktop.printing.landscape_tables import source_numbers
    from belgai_desktop.printing.landscape_timeline import legend_text, paint_timeline

    items = [i for i in build_timeline(library, lang) if not levels or i.level in levels]
    width = page_size_pt(paper).width() - 2 * MARGIN_MM * 72 / 25.4
    layout = compact_layout(items, lang, width, source_numbers(library.sources()))
    extra = legend_text() + [phrases.translation_legend()]

    def body(p: QPainter) -> None:
        paint_timeline(p, items, layout)

    def legend(p: QPainter, rect: QRectF) -> float:
        from belgai_desktop.printing.landscape_map import TEXT, font

        p.setPen(TEXT)
        p.setFont(font(MIN_LABEL_PT, painter=p))
        p.drawText(rect, 0, "    ".join(extra))
        return rect.height()

    page = Page(title=_("AI governance in Belgium: the timeline"), lang=lang, body_size=(layout.width, layout.height),
                paint_body=body, paint_legend=legend, legend_height=12,
                footer=footer_lines(library, lang, numbered=True))
    page.items = items  # type: ignore[attr-defined]
    page.layout = layout  # type: ignore[attr-defined]
    return page


BUILDERS = {"map": map_page, "compare": compare_page, "timeline": timeline_page}


def write_view(view: str, library: Library, lang: str, path: Path, paper: str = "a3",
               levels: Sequence[str] | None = None) -> Page:
    """Render ``view`` (map, timeline, compare) in ``lang`` to ``path`` (format from its extension)."""
    fmt = file_format(path)
    ensure_app()
    with i18n.in_language(lang):
        page = BUILDERS[view](library, lang, paper, levels)
        data = render(page, fmt, paper)
    write_file(path, data)
    return page
