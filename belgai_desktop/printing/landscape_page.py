"""One landscape page for the map, the timeline or the comparison, and the files made of it:
PDF (QPdfWriter), SVG (QSvgGenerator) or PNG (QImage), chosen by the file's extension.

A page has a title, a body drawn at its own size in points (scaled down only when it does
not fit), a legend and a footer: data version, print date and the source documents. Files
are rendered in memory and written through a temporary file, so a failure never leaves a
half-written file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPicture,
)

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.library import Library
from belgai_desktop.core.outputs import write_atomically
from belgai_desktop.core.text.formatting import format_date, format_points
from belgai_desktop.core.text.phrases import data_version
from belgai_desktop.printing.landscape_map import MIN_LABEL_PT, TEXT, font
from belgai_desktop.printing.pdf import CREATOR, PDF_LANGUAGES, set_pdf_language, xmp_metadata

FORMATS = ("pdf", "svg", "png")
PAPERS: dict[str, QPageSize.PageSizeId] = {"a4": QPageSize.PageSizeId.A4, "a3": QPageSize.PageSizeId.A3}
MARGIN_MM = 8.0
PNG_DPI = 150
PDF_DPI = 72  # one device unit per point: text and boxes are set in points (vector output)
SMALLEST_PT = MIN_LABEL_PT  # the smallest text of every landscape body at full size; below, too small on paper
TITLE_PT = 12.0
FOOTER_PT = 7.0
HEADER_H = 20.0


@dataclass
class Page:
    """What one page shows: the body painter works in points at ``body_size``."""

    title: str
    lang: str
    body_size: tuple[float, float]
    paint_body: Callable[[QPainter], None]
    paint_legend: Callable[[QPainter, QRectF], float] | None = None
    footer: list[str] = field(default_factory=list)
    legend_height: float = 26.0
    scale: float = 1.0  # set when painted: how much the body was shrunk to fit


def file_format(path: Path) -> str:
    """``pdf``, ``svg`` or ``png`` from the extension; BelgaiError (one line) otherwise."""
    ext = path.suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise BelgaiError(_("cannot tell the format from {name}: name the file .pdf, .svg or .png").format(
            name=path.name))
    return ext


def page_size_pt(paper: str) -> QSizeF:
    if paper not in PAPERS:
        raise BelgaiError(_("unknown paper size “{paper}”; use one of: {papers}").format(
            paper=paper, papers=", ".join(PAPERS)))
    size = QPageSize(PAPERS[paper]).size(QPageSize.Unit.Point)
    return QSizeF(size.height(), size.width())  # landscape


def footer_lines(library: Library, lang: str, today: dt.date | None = None, numbered: bool = False) -> list[str]:
    """The data version, the print date, then the source documents (numbered [1]–[4] when the
    page cites them by number)."""
    meta = library.meta
    today = today or dt.date.today()
    about = [_("dataset {version}").format(version=data_version(meta))]
    if meta.get("as_of"):
        about.append(_("data as of {date}").format(date=format_date(meta["as_of"], lang)))
    about.append(_("printed on {date}").format(date=format_date(today, lang)))
    sources = "; ".join(f"[{n}] {s.title} ({s.date})" if numbered else f"{s.title} ({s.date})"
                        for n, s in enumerate(library.sources(), 1))
    return [" \u00b7 ".join(about), _("Sources: {sources}").format(sources=sources)]


def paint_page(p: QPainter, page: Page, size: QSizeF) -> None:
    """Paint ``page`` on a device whose painter works in points, ``size`` the paper in points."""
    margin = MARGIN_MM * 72 / 25.4
    area = QRectF(margin, margin, size.width() - 2 * margin, size.height() - 2 * margin)
    p.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("#ffffff"))
    p.setPen(TEXT)
    p.setFont(font(TITLE_PT, bold=True, painter=p))
    p.drawText(QRectF(area.left(), area.top(), area.width(), HEADER_H),
               int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), page.title)
    p.setFont(font(FOOTER_PT, painter=p))
    line_h = p.fontMetrics().height()
    footer_h = line_h * (len(page.footer) + 1)
    body = QRectF(area.left(), area.top() + HEADER_H, area.width(),
                  area.height() - HEADER_H - footer_h - page.legend_height - 6)
    w, h = page.body_size
    page.scale = min(1.0, body.width() / w if w else 1.0, body.height() / h if h else 1.0)
    p.save()
    p.translate(body.left() + (body.width() - w * page.scale) / 2, body.top())
    p.scale(page.scale, page.scale)
    page.paint_body(p)
    p.restore()
    y = area.bottom() - footer_h - page.legend_height
    if page.paint_legend is not None:
        page.paint_legend(p, QRectF(area.left(), y, area.width(), page.legend_height))
    p.setPen(QColor("#566573"))
    p.setFont(font(FOOTER_PT, painter=p))
    p.drawText(QRectF(area.left(), area.bottom() - footer_h, area.width(), footer_h),
               int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap),
               "\n".join(page.footer))


def render(page: Page, fmt: str, paper: str) -> bytes:
    """The page as the bytes of a PDF, SVG or PNG file."""
    size = page_size_pt(paper)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if fmt == "pdf":
        writer = QPdfWriter(buffer)
        writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Landscape,
                                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        writer.setResolution(PDF_DPI)
        writer.setTitle(page.title)
        writer.setCreator(CREATOR)
        writer.setDocumentXmpMetadata(xmp_metadata(page.title, page.lang))
        p = QPainter(writer)
        p.scale(PDF_DPI / 72, PDF_DPI / 72)
        paint_page(p, page, size)
        p.end()
        del writer
        data = set_pdf_language(bytes(buffer.data().data()), PDF_LANGUAGES.get(page.lang, page.lang))
    elif fmt == "svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setOutputDevice(buffer)
        gen.setSize(QSize(round(size.width()), round(size.height())))
        gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
        gen.setResolution(72)
        gen.setTitle(page.title)
        p = QPainter(gen)
        paint_page(p, page, size)
        p.end()
        data = bytes(buffer.data().data())
    else:
        image = QImage(round(size.width() * PNG_DPI / 72), round(size.height() * PNG_DPI / 72),
                       QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(72 / 0.0254))  # painted in points, scaled up…
        image.setDotsPerMeterY(round(72 / 0.0254))
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.scale(PNG_DPI / 72, PNG_DPI / 72)
        paint_page(p, page, size)
        p.end()
        image.setDotsPerMeterX(round(PNG_DPI / 0.0254))  # …and said to be at its real resolution
        image.setDotsPerMeterY(round(PNG_DPI / 0.0254))
        image.save(buffer, "PNG")
        data = bytes(buffer.data().data())
    buffer.close()
    return data


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it; BelgaiError when it cannot."""
    write_atomically(path, data, "page")


def landscape_printer_layout(paper: str = "a3") -> QPageLayout:
    """What a printer starts with for these pages: ``paper`` landscape, no margins of its own."""
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Landscape, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


def printer_paper(printer: QPagedPaintDevice) -> str:
    """``a4`` when the printer is set to A4, else ``a3`` (the page is then fitted to its paper)."""
    return "a4" if printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4 else "a3"


def landscape_size(printer: QPagedPaintDevice) -> QSizeF:
    """Turn the printer's paper to landscape, without margins (the page has its own); its size in points."""
    layout = printer.pageLayout()
    layout.setOrientation(QPageLayout.Orientation.Landscape)
    layout.setMargins(QMarginsF(0, 0, 0, 0))
    printer.setPageLayout(layout)
    return printer.pageLayout().fullRect(QPageLayout.Unit.Point).size()


def print_page(page: Page, printer: QPagedPaintDevice) -> None:
    """Paint ``page`` on a printer (or the print preview) on the paper chosen in the print
    dialog, turned to landscape."""
    size = landscape_size(printer)
    p = QPainter(printer)
    dpi = printer.logicalDpiX() or 72
    p.scale(dpi / 72, dpi / 72)
    paint_page(p, page, size)
    p.end()


def fit(page: Page, size: QSizeF) -> Page:
    """``page`` with :attr:`Page.scale` worked out for paper of ``size`` (points), without printing."""
    picture = QPicture()
    p = QPainter(picture)
    paint_page(p, page, size)
    p.end()
    return page


def legibility_warning(page: Page, paper: str, lang: str, by_level: bool) -> str | None:
    """One line when ``page`` had to be shrunk so far to fit ``paper`` (its name: "A4") that its
    smallest text falls below :data:`SMALLEST_PT`, saying what fits; None when it reads well.
    Call after the page was painted or :func:`fit`. ``by_level``: the view can show one level."""
    smallest = SMALLEST_PT * page.scale
    if smallest >= SMALLEST_PT - 0.05:
        return None
    values = {"paper": paper, "size": format_points(smallest, lang)}
    if by_level:
        return _("on {paper} its smallest text is {size} pt, too small to read on paper: "
                 "print it on A3, or one level at a time").format(**values)
    return _("on {paper} its smallest text is {size} pt, too small to read on paper: print it on A3").format(**values)
