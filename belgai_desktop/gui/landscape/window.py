"""The landscape window: the governance map, the timeline and the regions side by side, one
tab each, with File → Print, Print preview and Save as (PDF, SVG or PNG) for the tab shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox, QTabWidget, QWidget

from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.library import Library
from belgai_desktop.gui.landscape.map_panel import MapPanel
from belgai_desktop.printing.landscape_page import Page, landscape_printer_layout, print_page, printer_paper

VIEWS = ("map", "timeline", "compare")


class LandscapeWindow(QMainWindow):
    """``record_requested(id)`` when a record is chosen in any of the views."""

    record_requested = Signal(str)

    def __init__(self, library: Library, lang: str, parent: QWidget | None = None, settings: Any = None) -> None:
        super().__init__(parent)
        self.library, self.lang = library, lang
        self.map_panel = MapPanel(library, lang, settings)
        self.map_panel.record_requested.connect(self.record_requested)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.map_panel, "")
        self.panels: dict[str, QWidget] = {"map": self.map_panel}
        self.setCentralWidget(self.tabs)
        K = QKeySequence
        self.print_action = self._action(self.print_view, [K("Ctrl+P")])
        self.preview_action = self._action(self.preview_view, [K("Ctrl+Shift+P")])
        self.save_action = self._action(self.save_view, [K("Ctrl+Shift+S")])
        self.close_action = self._action(self.close, [K("Ctrl+W"), K(K.StandardKey.Close)])
        self.zoom_in_action = self._action(lambda: self.map_panel.view.zoom(1.2), [K(K.StandardKey.ZoomIn)])
        self.zoom_out_action = self._action(lambda: self.map_panel.view.zoom(1 / 1.2), [K(K.StandardKey.ZoomOut)])
        self.fit_action = self._action(self.map_panel.view.fit, [K("Ctrl+0")])
        self.file_menu = self.menuBar().addMenu("")
        for a in (self.print_action, self.preview_action, self.save_action):
            self.file_menu.addAction(a)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.view_menu = self.menuBar().addMenu("")
        for a in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            self.view_menu.addAction(a)
        self.resize(1280, 760)
        self.retranslate(lang)

    def _action(self, slot: Callable[[], object], shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(lambda checked=False: slot())
        if shortcuts:
            action.setShortcuts(shortcuts)
        self.addAction(action)
        return action

    def add_view(self, name: str, panel: QWidget) -> None:
        """Add the timeline or the comparison as a tab."""
        self.panels[name] = panel
        self.tabs.addTab(panel, "")
        self.retranslate(self.lang)

    def show_view(self, name: str) -> None:
        if name in self.panels:
            self.tabs.setCurrentWidget(self.panels[name])
            self.panels[name].setFocus()
        self.show()
        self.raise_()
        self.activateWindow()

    def current_view(self) -> str:
        for name, panel in self.panels.items():
            if panel is self.tabs.currentWidget():
                return name
        return "map"

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.setWindowTitle(_("Landscape of AI governance — BelgAI Desktop"))
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.print_action.setText(_("&Print…"))
        self.preview_action.setText(_("Print Pre&view…"))
        self.save_action.setText(_("&Save as PDF, SVG or PNG…"))
        self.close_action.setText(_("&Close"))
        self.zoom_in_action.setText(_("Zoom &in"))
        self.zoom_out_action.setText(_("Zoom &out"))
        self.fit_action.setText(_("&Fit to window"))
        names = {"map": _("&Map"), "timeline": _("Tim&eline"), "compare": _("Regions &side by side")}
        for name, panel in self.panels.items():
            self.tabs.setTabText(self.tabs.indexOf(panel), names[name])
            retranslate = getattr(panel, "retranslate", None)
            if retranslate is not None:
                retranslate(lang)

    # -- print and save -----------------------------------------------------------------------

    def page(self, paper: str) -> Page:
        """The current view as a printed page, in the window's language."""
        from belgai_desktop.printing import landscape_docs

        view = self.current_view()
        if view == "map":
            levels, _kinds, _rels = self.map_panel.filters()
            return landscape_docs.map_page(self.library, self.lang, paper, levels, graph=self.map_panel.graph)
        return landscape_docs.BUILDERS[view](self.library, self.lang, paper, None)

    def _paint(self, printer: QPrinter, page: Page | None = None) -> None:
        try:
            print_page(page or self.page(printer_paper(printer)), printer)
        except BelgaiError as exc:
            QMessageBox.warning(self, _("Print"), str(exc))

    @staticmethod
    def _printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(landscape_printer_layout("a3"))  # the dialog offers A3 landscape first
        return printer

    def print_view(self) -> None:
        printer = self._printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                page = self._legible_or_confirmed(printer)
            except BelgaiError as exc:
                QMessageBox.warning(self, _("Print"), str(exc))
            else:
                if page is not None:
                    self._paint(printer, page)
        dialog.deleteLater()

    def _legible_or_confirmed(self, printer: QPrinter) -> Page | None:
        """The page to print: one that reads well on the paper chosen, or one the user, told how
        small its text would be, wants all the same; None when the user says no."""
        from belgai_desktop.printing.landscape_page import fit, landscape_size, legibility_warning

        page = fit(self.page(printer_paper(printer)), landscape_size(printer))
        warning = legibility_warning(page, printer.pageLayout().pageSize().name(), self.lang,
                                     by_level=self.current_view() != "compare")
        if warning is None:
            return page
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        question = _("Print anyway?")
        text = warning[:1].upper() + warning[1:] + ".\n\n" + question
        answer = QMessageBox.question(self, _("Print"), text, buttons, QMessageBox.StandardButton.No)
        return page if answer == QMessageBox.StandardButton.Yes else None

    def preview_view(self) -> None:
        printer = self._printer()
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(_("Print preview"))
        dialog.paintRequested.connect(self._paint)
        dialog.exec()
        dialog.deleteLater()

    def save_view(self) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        default = Path(folder or Path.home()) / f"belgai-{self.current_view()}-{self.lang}.pdf"
        name, _filter = QFileDialog.getSaveFileName(self, _("Save as PDF, SVG or PNG"), str(default),
                                                    _("PDF, SVG or PNG files (*.pdf *.svg *.png)"))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() not in (".pdf", ".svg", ".png"):
            path = path.with_name(path.name + ".pdf")
        from belgai_desktop.printing.landscape_page import file_format, render, write_file

        paper = "a3"
        try:
            write_file(path, render(self.page(paper), file_format(path), paper))
        except BelgaiError as exc:
            QMessageBox.warning(self, _("Save as PDF, SVG or PNG"), str(exc))
            return None
        self.statusBar().showMessage(_("Saved {path}").format(path=path), 10000)
        return path
