"""Lays the summary out on exactly one page of any Qt paged device (PDF writer or printer).

Owns the page geometry (paper sizes and margins) and the fitting rule: try the
font sizes in ``FONT_STEPS`` down to the readable floor; if the page is still too
full, shorten every long list to the same length (found by bisection), each ending
with "and N more"; text is never clipped and never spills onto a second page. The
GUI calls :func:`paint` from Print, Print preview and Save as PDF; the CLI goes
through :func:`belgai_desktop.printing.pdf.write_pdf`. May import PySide6; the core
never imports this package.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QMarginsF, QPointF
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
    QTextOption,
)

from belgai_desktop.core import i18n, paths
from belgai_desktop.core.data.model import Record
from belgai_desktop.core.library import Library
from belgai_desktop.printing.sheet import FONT_FAMILY, MUTED, RULE, Sheet, build_sheet

FONT_STEPS: tuple[float, ...] = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5)
FLOOR_PT = FONT_STEPS[-1]  # readable floor; lists are shortened below it, fonts never
FOOTER_PT = 7.0
PAPERS: dict[str, QPageSize.PageSizeId] = {"a4": QPageSize.PageSizeId.A4,
                                            "letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(18, 15, 18, 13)  # left, top, right, bottom
FOOTER_GAP_PT = 6.0

_app: QGuiApplication | None = None


def ensure_app() -> None:
    """Qt needs an application object for fonts; make one when running without the GUI.

    A QApplication (not a QGuiApplication), so that widgets can still be created later
    in the same process."""
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        _app = QApplication(["belgai"])
    register_bundled_fonts()


_fonts_registered = False


def register_bundled_fonts() -> None:
    """Make the fonts the summary is set in available where the system lacks them: a bundle
    carries them in ``belgai_desktop/data/fonts`` (a checkout or wheel uses the system's)."""
    global _fonts_registered
    if _fonts_registered:
        return
    _fonts_registered = True
    packaged = paths.package_data_dir()
    folder = packaged / "fonts" if packaged else None
    if folder is not None and folder.is_dir():
        for font in sorted(folder.glob("*.ttf")):
            QFontDatabase.addApplicationFont(str(font))




def page_layout(paper: str = "a4") -> QPageLayout:
    """Portrait A4 (default) or Letter with the summary's margins."""
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def configure(device: QPagedPaintDevice, paper: str = "a4") -> None:
    """Give a printer or PDF writer the summary's paper size and margins (call before painting)."""
    device.setPageLayout(page_layout(paper))


@dataclass
class Fit:
    """The outcome of fitting: what the page shows and how it got there."""

    font_pt: float
    cap: int | None  # longest list length shown, None when nothing was shortened
    scale: float  # 1.0 except in the last-resort case, see ``fit``
    body: QTextDocument
    footer: QTextDocument
    width: float
    height: float


def _document(html: str, device: QPagedPaintDevice, width: float, font_pt: float) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)  # measure with the device's own resolution
    doc.setDocumentMargin(0)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(font_pt)
    # No ligatures: "fi" must stay two letters in the PDF text, or search and copy break.
    font.setFeature(QFont.Tag("liga"), 0)
    doc.setDefaultFont(font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long URLs wrap too
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def fit(sheet: Sheet, device: QPagedPaintDevice) -> Fit:
    """Lay ``sheet`` out on one page of ``device``: step the font down, then shorten lists.

    Only if even one item per list does not fit at the floor (a summary far longer
    than any in the data) is the whole page scaled down: still one page, still no clipping.
    """
    width, height = float(device.width()), float(device.height())
    footer = _document(
        f'<p align="center" style="color:{MUTED}; font-size:{FOOTER_PT}pt;">{sheet.footer}</p>',
        device, width, FOOTER_PT)
    gap = FOOTER_GAP_PT * device.logicalDpiY() / 72.0
    room = height - footer.size().height() - gap

    def attempt(font_pt: float, cap: int | None) -> QTextDocument:
        return _document(sheet.html(font_pt, cap), device, width, font_pt)

    slack = device.logicalDpiX() / 100.0  # the layout rounds its width up by a pixel or so

    def fits(doc: QTextDocument) -> bool:
        return doc.size().height() <= room and doc.size().width() <= width + slack

    for font_pt in FONT_STEPS:
        doc = attempt(font_pt, None)
        if fits(doc):
            return Fit(font_pt, None, 1.0, doc, footer, width, height)
    best: tuple[int, QTextDocument] | None = None
    low, high = 1, sheet.longest_list - 1
    while low <= high:
        cap = (low + high) // 2
        doc = attempt(FLOOR_PT, cap)
        if fits(doc):
            best, low = (cap, doc), cap + 1
        else:
            high = cap - 1
    if best is not None:
        return Fit(FLOOR_PT, best[0], 1.0, best[1], footer, width, height)
    doc = attempt(FLOOR_PT, 1)
    scale = min(room / doc.size().height(), width / max(doc.size().width(), 1.0))
    return Fit(FLOOR_PT, 1, scale, doc, footer, width, height)


def paint_sheet(sheet: Sheet, device: QPagedPaintDevice) -> Fit:
    """Paint one page on ``device`` (a QPdfWriter or QPrinter that has no painter yet)."""
    ensure_app()
    result = fit(sheet, device)
    if hasattr(device, "setDocName"):
        device.setDocName(sheet.doc_title)  # QPrinter: the name in the print queue and PDF title
    painter = QPainter()
    if not painter.begin(device):
        from belgai_desktop.core.errors import BelgaiError

        raise BelgaiError(i18n.gettext("cannot start printing"))
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.save()
        if result.scale != 1.0:
            painter.scale(result.scale, result.scale)
        result.body.drawContents(painter)
        painter.restore()
        footer_top = result.height - result.footer.size().height()
        pen = QPen(QColor(RULE))
        pen.setWidthF(0.5 * device.logicalDpiY() / 72.0)
        painter.setPen(pen)
        rule_y = footer_top - 0.25 * FOOTER_GAP_PT * device.logicalDpiY() / 72.0
        painter.drawLine(QLineF(0, rule_y, result.width, rule_y))
        painter.translate(QPointF(0, footer_top))
        result.footer.drawContents(painter)
    finally:
        painter.end()
    return result


def paint(record: Record, lang: str, device: QPagedPaintDevice, library: Library | None = None) -> Fit:
    """Paint the one-page summary of ``record`` in ``lang`` on a printer or PDF writer.

    For the GUI: connect ``QPrintPreviewDialog.paintRequested`` to
    ``lambda printer: paint(record, lang, printer, library)``; call :func:`configure`
    on the printer first for our paper size and margins. ``library`` supplies the
    dataset version and as-of date for the footer. The page uses the device's own
    layout, so a paper size chosen in the print dialog is respected.
    """
    ensure_app()
    meta = library.meta if library is not None else {}
    with i18n.in_language(lang):
        if record.lang != lang and library is not None:
            record = library.get(record.id, lang)
        sheet = build_sheet(record, meta)
        return paint_sheet(sheet, device)
