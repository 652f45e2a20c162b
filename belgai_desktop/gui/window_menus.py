"""The main window's actions, menus and toolbar: what each command is called in the
current language, its shortcut, and the commands that open a dialog (print, PDF, About).

A mixin of :class:`belgai_desktop.gui.main_window.MainWindow`; it reads the window's
widgets and calls its slots.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QToolBar

from belgai_desktop.core.data import vocab
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.gui import settings as keys
from belgai_desktop.gui.language import AUTONYMS


def shortcut_text(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


class WindowMenus(QMainWindow):
    """Actions, menus, toolbar and their translations."""

    def _action(self, slot: Any, shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(self)
        action.triggered.connect(slot)
        if shortcuts:
            # Standard keys can repeat an explicit one (Back is Alt+Left on Linux): keep one
            # of each, or Qt finds the shortcut ambiguous and does nothing.
            unique = {seq.toString(): seq for seq in shortcuts if not seq.isEmpty()}
            action.setShortcuts(list(unique.values()))
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _create_actions(self) -> None:
        K = QKeySequence
        self.print_preview_action = self._action(self.print_preview, [K("Ctrl+P")])
        self.print_action = self._action(self.print_record, [K("Ctrl+Shift+P")])
        self.save_pdf_action = self._action(self.save_pdf, [K("Ctrl+Shift+S")])
        self.quit_action = self._action(self.close, [K(K.StandardKey.Quit), K("Ctrl+Q")])
        self.find_action = self._action(self.focus_search, [K("Ctrl+K"), K("Ctrl+L")])
        self.find_in_page_action = self._action(self.find_in_page, [K(K.StandardKey.Find), K("Ctrl+F")])
        self.find_next_action = self._action(lambda: self.find_next(True), [K(K.StandardKey.FindNext), K("F3")])
        self.find_previous_action = self._action(lambda: self.find_next(False),
                                                 [K(K.StandardKey.FindPrevious), K("Shift+F3")])
        self.next_link_action = self._action(lambda: self.next_link(True), [K("Alt+Down")])
        self.previous_link_action = self._action(lambda: self.next_link(False), [K("Alt+Up")])
        for action in (self.next_link_action, self.previous_link_action):
            # Only on the page: elsewhere Alt+Down opens a drop-down list.
            self.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.page.addAction(action)
        self.copy_action = self._action(self.page.copy, [K(K.StandardKey.Copy)])
        self.back_action = self._action(self.go_back, [K("Alt+Left"), K(K.StandardKey.Back)])
        self.forward_action = self._action(self.go_forward, [K("Alt+Right"), K(K.StandardKey.Forward)])
        self.home_action = self._action(self.go_home, [K("Alt+Home")])
        self.results_tab_action = self._action(lambda: self._show_tab(0), [K("Ctrl+1")])
        self.level_tab_action = self._action(lambda: self._show_tab(1), [K("Ctrl+2")])
        self.org_tab_action = self._action(lambda: self._show_tab(2), [K("Ctrl+3")])
        self.page_focus_action = self._action(self.focus_page, [K("F6")])
        self.zoom_in_action = self._action(lambda: self._zoom(+1), [K(K.StandardKey.ZoomIn), K("Ctrl+=")])
        self.zoom_out_action = self._action(lambda: self._zoom(-1), [K(K.StandardKey.ZoomOut)])
        self.zoom_reset_action = self._action(lambda: self._zoom(None), [K("Ctrl+0")])
        self.bookmark_action = self._action(self.toggle_bookmark, [K("Ctrl+D")])
        self.bookmark_action.setCheckable(True)
        self.label_bookmark_action = self._action(self.label_bookmark)
        self.bookmarks_tab_action = self._action(lambda: self._show_mine(self.bookmarks_list), [K("Ctrl+4")])
        self.notes_tab_action = self._action(lambda: self._show_mine(self.notes_list), [K("Ctrl+5")])
        self.recent_action = self._action(self.show_recent_menu, [K("Ctrl+H")])
        self.save_search_action = self._action(self.save_search)
        self.clear_history_action = self._action(self.clear_history)
        self.clear_bookmarks_action = self._action(self.clear_bookmarks)
        self.clear_notes_action = self._action(self.clear_notes)
        self.about_action = self._action(self.show_about)
        self.install_data_action = self._action(self.data_updates.ask_and_install)
        self.revert_data_action = self._action(self.data_updates.revert)
        self.about_qt_action = self._action(QApplication.aboutQt)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in vocab.LANGUAGES:
            action = QAction(AUTONYMS[lang], self, checkable=True)
            action.setData(lang)
            action.triggered.connect(lambda checked=False, lang=lang: self.set_language(lang))
            self.language_group.addAction(action)
            self.language_actions[lang] = action
        self._update_history_actions()
        self._update_record_actions()

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for a in (self.print_preview_action, self.print_action, self.save_pdf_action):
            self.file_menu.addAction(a)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.install_data_action)
        self.file_menu.addAction(self.revert_data_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        for a in (self.find_in_page_action, self.find_next_action, self.find_previous_action,
                  self.find_action, self.copy_action, self.page.copy_citation_action):  # citation: worded by the core
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        for a in (self.clear_history_action, self.clear_bookmarks_action, self.clear_notes_action):
            self.edit_menu.addAction(a)
        self.go_menu = bar.addMenu("")
        self.go_menu.addAction(self.back_action)
        self.go_menu.addAction(self.forward_action)
        self.go_menu.addAction(self.home_action)
        self.go_menu.addSeparator()
        self.go_menu.addAction(self.recent_action)
        self.recent_menu = self.go_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.searches_menu = self.go_menu.addMenu("")
        self.searches_menu.aboutToShow.connect(self._fill_searches_menu)
        self.saved_searches_menu = self.go_menu.addMenu("")
        self.saved_searches_menu.aboutToShow.connect(self._fill_saved_searches_menu)
        self.bookmarks_menu = bar.addMenu("")
        self.bookmarks_menu.aboutToShow.connect(self._fill_bookmarks_menu)
        self.view_menu = bar.addMenu("")
        for a in (self.results_tab_action, self.level_tab_action, self.org_tab_action,
                  self.bookmarks_tab_action, self.notes_tab_action, self.page_focus_action,
                  self.next_link_action, self.previous_link_action):
            self.view_menu.addAction(a)
        self.view_menu.addSeparator()
        for a in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            self.view_menu.addAction(a)
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)
        self.help_menu.addAction(self.about_qt_action)
        self.menus: list[QMenu] = [self.file_menu, self.edit_menu, self.go_menu, self.bookmarks_menu,
                                   self.view_menu, self.language_menu, self.help_menu]

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("navigation")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.back_action)
        self.toolbar.addAction(self.forward_action)
        self.toolbar.addWidget(self.search_bar)
        self.toolbar.addAction(self.print_preview_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        for action in (self.back_action, self.forward_action, self.print_preview_action):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def _retranslate_menus(self) -> None:
        """Set every visible string in the current language."""
        self.page.retranslate()  # its context menu: copy citation
        self.language_actions[self.lang].setChecked(True)
        titles = (_("&File"), _("&Edit"), _("&Go"), _("&Bookmarks"), _("&View"), _("La&nguage"), _("&Help"))
        for menu, title in zip(self.menus, titles, strict=True):
            menu.setTitle(title)
        texts = {
            self.print_preview_action: (_("Print Pre&view…"),
                                        _("Preview the one-page summary of this record")),
            self.print_action: (_("&Print…"), _("Print the one-page summary of this record")),
            self.save_pdf_action: (_("&Save as PDF…"),
                                   _("Save the one-page summary of this record as a PDF")),
            self.quit_action: (_("&Quit"), _("Close BelgAI Desktop")),
            self.find_action: (_("&Search the reference"), _("Go to the search field")),
            self.find_in_page_action: (_("&Find in page…"), _("Find words on the record page")),
            self.find_next_action: (_("Find ne&xt"), _("Go to the next match on the page")),
            self.find_previous_action: (_("Find pre&vious"), _("Go to the previous match on the page")),
            self.next_link_action: (_("Ne&xt link on the page"),
                                    _("Select the next link or note on the page; Enter follows it")),
            self.previous_link_action: (_("Pre&vious link on the page"),
                                        _("Select the previous link or note on the page; Enter follows it")),
            self.copy_action: (_("&Copy"), _("Copy the selected text of the page")),
            self.back_action: (_("&Back"), _("Go back to the previous record")),
            self.forward_action: (_("&Forward"), _("Go forward to the next record")),
            self.home_action: (_("&Start page"), _("Levels, example searches, latest dates and disputes")),
            self.results_tab_action: (_("Search &results"), _("Show the search results")),
            self.level_tab_action: (_("Browse by &level"), _("Browse records by government level and kind")),
            self.org_tab_action: (_("&Government view"), _("Belgium as organised: levels, bodies and their plans")),
            self.page_focus_action: (_("Read the &page"), _("Move the keyboard focus to the record page")),
            self.zoom_in_action: (_("Zoom &in"), _("Larger text on the page, in the results and in the trees")),
            self.zoom_out_action: (_("Zoom &out"), _("Smaller text on the page, in the results and in the trees")),
            self.zoom_reset_action: (_("&Normal size"),
                                     _("Normal text size on the page, in the results and in the trees")),
            self.about_action: (_("&About BelgAI Desktop"), _("Version, data date and sources")),
            self.about_qt_action: (_("About &Qt"), _("The Qt toolkit this app is built with")),
            self.install_data_action: (_("&Install data update…"),
                                       _("Install a signed data package from a share or a USB stick")),
            self.revert_data_action: (_("&Revert to previous data"),
                                      _("Go back to the data in use before the last update")),
            self.bookmark_action: (_("Bookmark &this record"), _("Add or remove the bookmark on this record")),
            self.bookmarks_tab_action: (_("Boo&kmarks"), _("Show your bookmarks")),
            self.label_bookmark_action: (_("&Label this bookmark…"),
                                         _("Give this bookmark a short label, shown beside its title")),
            self.notes_tab_action: (_("No&tes"), _("Show the records you wrote a note on")),
            self.recent_action: (_("Recently &viewed…"), _("The last records you opened")),
            self.save_search_action: (_("&Save this search…"),
                                      _("Keep the search words and filters under a name")),
            self.clear_history_action: (_("Clear &history"),
                                        _("Forget recently viewed records and past searches")),
            self.clear_bookmarks_action: (_("Delete all &bookmarks…"), _("Delete every bookmark, after asking")),
            self.clear_notes_action: (_("Delete all &notes…"), _("Delete every note, after asking")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            shortcut = action.shortcut()
            action.setToolTip(f"{tip} ({shortcut_text(shortcut)})" if not shortcut.isEmpty() else tip)
            action.setStatusTip(tip)
        self.toolbar.setWindowTitle(_("Navigation"))
        self.toolbar.setAccessibleName(_("Navigation"))
        for action in (self.back_action, self.forward_action, self.print_preview_action):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    # -- print -----------------------------------------------------------------------

    def print_preview(self) -> None:
        if self.current_record:
            from belgai_desktop.gui import print_actions

            print_actions.preview(self, self.library, self.current_record, self.lang)

    def print_record(self) -> None:
        if self.current_record:
            from belgai_desktop.gui import print_actions

            print_actions.print_dialog(self, self.library, self.current_record, self.lang)

    def save_pdf(self) -> None:
        if self.current_record:
            from belgai_desktop.gui import print_actions

            last = keys.text(self.settings, keys.PDF_FOLDER)
            path = print_actions.save_pdf(self, self.library, self.current_record, self.lang,
                                          Path(last) if last else None)
            if path is not None:
                self.settings.setValue(keys.PDF_FOLDER, str(path.parent))  # the next save opens here
                self.settings.sync()
                self.statusBar().showMessage(_("Saved {path}").format(path=path), 10000)

    # -- other -----------------------------------------------------------------------

    def show_about(self) -> None:
        from belgai_desktop.gui.about import AboutDialog

        self.about_dialog = AboutDialog(self.library, self)
        self.about_dialog.exec()
        self.about_dialog = None

