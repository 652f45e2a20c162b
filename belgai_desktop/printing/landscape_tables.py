"""The regions side by side as an HTML table, for the screen (a ``QTextBrowser``, record
names are links) and for paper (a ``QTextDocument`` painted on the landscape page).

Sources are numbered as the documents are listed in the footer ([1]–[4]); on screen the
number's tooltip gives the whole citation (document, place, as-of date).
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont, QImage, QTextDocument

from belgai_desktop.core.data.model import Citation, Source
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.landscape.compare import ROWS, Comparison, Entry, region_label, row_label
from belgai_desktop.core.text import phrases
from belgai_desktop.core.text.phrases import DISPUTED_SIGN as DISPUTED_MARK
from belgai_desktop.printing.sheet import FONT_FAMILY


def source_numbers(sources: list[Source]) -> dict[str, int]:
    return {s.id: n for n, s in enumerate(sources, 1)}


def cite_marks(cites: list[Citation], numbers: dict[str, int], lang: str) -> str:
    """'[2, 4]' with the full citations as tooltip."""
    nums = sorted({numbers.get(c.source_id, 0) for c in cites})
    if not nums:
        return ""
    tip = escape(phrases.citations_text(cites, lang), quote=True)
    return f' <span title="{tip}" style="color:#566573;">[{", ".join(map(str, nums))}]</span>'


def _entry(e: Entry, numbers: dict[str, int], lang: str, links: bool) -> str:
    text = escape(e.text)
    if links:
        text = f'<a href="record:{escape(e.record_id, quote=True)}">{text}</a>'
    return text + cite_marks(e.citations, numbers, lang)


def _cell(entries: list[Entry], numbers: dict[str, int], lang: str, links: bool) -> str:
    if not entries:
        none = escape(_("none in the source documents"))
        return f'<i style="color:#7b7d7d;">{none}</i>'
    parts: list[str] = []
    shown: set[str] = set()
    for e in entries:
        if e.dispute and e.dispute in shown:
            continue
        if e.dispute:
            shown.add(e.dispute)
            group = [x for x in entries if x.dispute == e.dispute]
            disagree = escape(_("sources disagree"))
            head = f"<b>{DISPUTED_MARK} {disagree}:</b>"
            items = "".join(f'<div style="margin-left:8px;">\u2013 {_entry(x, numbers, lang, links)}</div>'
                            for x in group)
            parts.append(f"<div>{head}</div>{items}")
        else:
            parts.append(f"<div>{_entry(e, numbers, lang, links)}</div>")
    return "".join(parts)


def comparison_html(comparison: Comparison, sources: list[Source], font_pt: float, links: bool = True,
                    with_sources: bool = True) -> str:
    """The whole table; ``links`` makes record names ``record:<id>`` links (on screen)."""
    numbers = source_numbers(sources)
    lang = comparison.lang
    head = "".join(f'<th style="background:#d6eaf8; padding:2px;">{escape(region_label(r))}</th>'
                   for r in comparison.regions)
    rows = []
    for row in ROWS:
        cells = "".join(f'<td style="padding:2px; vertical-align:top;">'
                        f"{_cell(comparison.cell(row, r), numbers, lang, links)}</td>" for r in comparison.regions)
        rows.append(f'<tr><th style="background:#eaf2f8; padding:2px; text-align:left; vertical-align:top;">'
                    f"{escape(row_label(row))}</th>{cells}</tr>")
    legend = escape(phrases.translation_legend())
    notes = ""
    if with_sources:
        listed = "".join(f"<div>[{numbers[s.id]}] {escape(s.title)} ({escape(s.date)})</div>" for s in sources)
        heading = escape(_("Sources"))
        notes = f'<p style="margin-top:6px;"><b>{heading}</b></p>{listed}'
    return (f'<html><body style="font-family:\'{FONT_FAMILY}\'; font-size:{font_pt}pt;">'
            f'<table border="1" cellspacing="0" cellpadding="2" width="100%" style="border-color:#aab7b8;">'
            f"<tr><th></th>{head}</tr>{''.join(rows)}</table>"
            f'<p style="color:#566573;">{legend}</p>{notes}</body></html>')


_POINTS: list[QImage] = []


def points_device() -> QImage:
    """A paint device at 72 dpi: a document laid out on it measures in points, like the pages."""
    if not _POINTS:
        image = QImage(1, 1, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(72 / 0.0254))
        image.setDotsPerMeterY(round(72 / 0.0254))
        _POINTS.append(image)
    return _POINTS[0]


def html_document(html: str, width: float) -> QTextDocument:
    """``html`` laid out ``width`` points wide, in points."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(points_device())
    doc.setDocumentMargin(0)
    font = QFont(FONT_FAMILY)
    font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc
