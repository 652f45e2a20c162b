"""The main window: search bar on top, results and the navigator on the left, the record
page on the right; menus, history, language switching and remembered state.

It owns no data access of its own: everything goes through the ``Library`` it is given.
Every visible string is (re)set in :meth:`MainWindow.retranslate`, so switching the
language re-translates the whole window at once, without a restart.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from belgai_desktop.core import messages
from belgai_desktop.core.data import vocab
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.text.i18n import gettext as _
from belgai_desktop.core.text.i18n import ngettext, pgettext
from belgai_desktop.gui import settings as keys
from belgai_desktop.gui.about import locale_date
from belgai_desktop.gui.data_updates import AgeNotice, DataUpdates, months_between
from belgai_desktop.gui.history import History
from belgai_desktop.gui.language import AUTONYMS, apply_language
from belgai_desktop.gui.live_search import LiveSearch, SearchRequest
from belgai_desktop.gui.navigator import LevelTree, OrganisationTree
from belgai_desktop.gui.record_view import RecordView
from belgai_desktop.gui.results import ResultsView
from belgai_desktop.gui.search_panel import ResultsPanel, SearchBar
from belgai_desktop.gui.user_panels import MyRecordsPanel, NoteEditor, UserList, shown_title

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

APP_TITLE = "BelgAI Desktop"
# Windows opened by reopen() (after a data update): kept here so that they stay alive.
_OPEN_WINDOWS: list[MainWindow] = []


def _shortcut_text(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: keys.Settings, lang: str) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.lang = lang
        self.history = History()
        self.current_record: str | None = None
        self.about_dialog: QDialog | None = None
        self._open_when_ready = False
        self._record_count = len(library.list())

        self.live = LiveSearch(library, self)
        self.live.results.connect(self._show_results)
        self.live.cleared.connect(self._clear_results)

        self.results = ResultsView()
        self.results.open_requested.connect(self._remember_search)
        self.results.open_requested.connect(self.open_record)
        self.search_bar = SearchBar(self.results)
        self.search_bar.changed.connect(self._search_changed)
        self.search_bar.field.open_requested.connect(self._open_from_field)
        self.results_panel = ResultsPanel(self.results, self.search_bar.filters)
        self.results_panel.suggestion_clicked.connect(self.search_for)

        self.level_tree = LevelTree()
        self.level_tree.record_activated.connect(self.open_record)
        self.org_tree = OrganisationTree()
        self.org_tree.record_activated.connect(self.open_record)
        self.bookmarks_list = UserList()
        self.bookmarks_list.record_activated.connect(self.open_record)
        self.notes_list = UserList()
        self.notes_list.record_activated.connect(self.open_record)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.results_panel, "")
        self.tabs.addTab(self.level_tree, "")
        self.tabs.addTab(self.org_tree, "")
        self.my_records = MyRecordsPanel(self.bookmarks_list, self.notes_list)
        self.tabs.addTab(self.my_records, "")
        self.tabs.setDocumentMode(True)

        self.page = RecordView()
        self.page.record_requested.connect(self.open_record)
        self.page.bookmark_requested.connect(lambda _id: self.toggle_bookmark())
        self.note_editor = NoteEditor(library)
        self.note_editor.record_requested.connect(self.open_record)
        self.note_editor.saved.connect(lambda _id: self._refresh_user_lists())
        self.record_splitter = QSplitter(Qt.Orientation.Vertical)
        self.record_splitter.addWidget(self.page)
        self.record_splitter.addWidget(self.note_editor)
        self.record_splitter.setStretchFactor(0, 4)
        self.record_splitter.setStretchFactor(1, 1)
        self.record_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.record_splitter)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.age_notice = AgeNotice()
        self.age_notice.dismiss.clicked.connect(self._dismiss_age_notice)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.age_notice)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.data_updates = DataUpdates(self)

        self.data_label = QLabel()
        self.statusBar().addPermanentWidget(self.data_label)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        messages.add_handler(self._show_message)
        QApplication.instance().installEventFilter(self)  # mouse back/forward buttons
        # Opened now, after the status bar shows messages: a damaged or unwritable file says so there.
        self.user = library.user
        QApplication.instance().aboutToQuit.connect(self.note_editor.flush)

        self._restore()
        self.retranslate()
        bar = self.search_bar
        for first, second in ((bar.field, bar.kind), (bar.kind, bar.level), (bar.level, self.results),
                              (self.results, self.page)):
            QWidget.setTabOrder(first, second)
        self.search_bar.field.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- construction ----------------------------------------------------------------

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
        self.find_action = self._action(self.focus_search, [K("Ctrl+K"), K(K.StandardKey.Find)])
        self.copy_action = self._action(self.page.copy, [K(K.StandardKey.Copy)])
        self.back_action = self._action(self.go_back, [K("Alt+Left"), K(K.StandardKey.Back)])
        self.forward_action = self._action(self.go_forward, [K("Alt+Right"), K(K.StandardKey.Forward)])
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
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.copy_action)
        self.edit_menu.addAction(self.page.copy_citation_action)  # Ctrl+Shift+C, worded by the core
        self.edit_menu.addSeparator()
        for a in (self.clear_history_action, self.clear_bookmarks_action, self.clear_notes_action):
            self.edit_menu.addAction(a)
        self.go_menu = bar.addMenu("")
        self.go_menu.addAction(self.back_action)
        self.go_menu.addAction(self.forward_action)
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
                  self.bookmarks_tab_action, self.notes_tab_action, self.page_focus_action):
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

    # -- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self.language_actions[self.lang].setChecked(True)
        self.page.retranslate()
        titles = (_("&File"), _("&Edit"), _("&Go"), _("&Bookmarks"), _("&View"), _("&Language"), _("&Help"))
        for menu, title in zip(self.menus, titles, strict=True):
            menu.setTitle(title)
        texts = {
            self.print_preview_action: (_("Print Pre&view…"),
                                        _("Preview the one-page summary of this record")),
            self.print_action: (_("&Print…"), _("Print the one-page summary of this record")),
            self.save_pdf_action: (_("&Save as PDF…"),
                                   _("Save the one-page summary of this record as a PDF")),
            self.quit_action: (_("&Quit"), _("Close BelgAI Desktop")),
            self.find_action: (_("&Find"), _("Go to the search field")),
            self.copy_action: (_("&Copy"), _("Copy the selected text of the page")),
            self.back_action: (_("&Back"), _("Go back to the previous record")),
            self.forward_action: (_("&Forward"), _("Go forward to the next record")),
            self.results_tab_action: (_("Search &results"), _("Show the search results")),
            self.level_tab_action: (_("Browse by &level"), _("Browse records by government level and kind")),
            self.org_tab_action: (_("&Organisation tree"), _("Browse the organisational hierarchy")),
            self.page_focus_action: (_("Read the &page"), _("Move the keyboard focus to the record page")),
            self.zoom_in_action: (_("Zoom &in"), _("Larger text on the record page")),
            self.zoom_out_action: (_("Zoom &out"), _("Smaller text on the record page")),
            self.zoom_reset_action: (_("&Normal size"), _("Normal text size on the record page")),
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
            action.setToolTip(f"{tip} ({_shortcut_text(shortcut)})" if not shortcut.isEmpty() else tip)
            action.setStatusTip(tip)
        self.toolbar.setWindowTitle(_("Navigation"))
        self.toolbar.setAccessibleName(_("Navigation"))
        for action in (self.back_action, self.forward_action, self.print_preview_action):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self.search_bar.retranslate(_shortcut_text(self.find_action.shortcut()))
        self.results_panel.retranslate()
        for index, (name, tip) in enumerate((
            (_("Results"), _("Search results")),
            (_("By level"), _("Records by government level and kind")),
            (_("Organisation"), _("The organisational hierarchy: which body is part of which")),
            (_("Bookmarks"), _("Your bookmarked records and the records you wrote a note on")),
        )):
            self.tabs.setTabText(index, name)
            self.tabs.setTabToolTip(index, tip)
        self.tabs.setAccessibleName(_("Results and browsing"))
        self.level_tree.setAccessibleName(_("Records by government level"))
        self.org_tree.setAccessibleName(_("Organisation tree"))
        self.recent_menu.setTitle(_("Recently viewed"))
        self.searches_menu.setTitle(_("Recent searches"))
        self.saved_searches_menu.setTitle(_("Saved searches"))
        self.bookmarks_list.setAccessibleName(_("Bookmarks"))
        self.notes_list.setAccessibleName(pgettext("the user's own notes", "Notes"))
        self.my_records.bookmarks_heading.setText(_("Bookmarks"))
        self.my_records.notes_heading.setText(pgettext("the user's own notes", "Notes"))
        self.bookmarks_list.empty_text = _("No bookmarks yet: press Ctrl+D on a record.")
        self.notes_list.empty_text = _("No notes yet: write one under a record.")
        self.note_editor.retranslate()
        self._refresh_user_lists()
        self._fill_bookmarks_menu()
        self._fill_saved_searches_menu()
        self.page.setAccessibleName(_("Record page"))
        self.data_label.setText(ngettext("{n} record · data as of {date}", "{n} records · data as of {date}",
                                         self._record_count).format(
            n=self._record_count, date=locale_date(self.library.as_of) or "?"))
        self._show_data_origin()
        self.data_label.setAccessibleName(_("Data version"))
        self.level_tree.populate(self.library, self.lang)
        self.org_tree.populate(self.library, self.lang)
        self._render_page()
        if self.search_bar.query.strip():
            self._search_changed()

    def _show_data_origin(self) -> None:
        """Which data is in use (an installed update says so, with its signer) and how old it is."""
        from pathlib import Path

        from belgai_desktop.core.updates import store

        status = store.status()
        if status["origin"] == "installed" and Path(status["database"]) == self.library.path:
            self.data_label.setText(self.data_label.text() + " · " + _("data update {version}, signed by {key}").format(
                version=status["data_version"], key=status["key_id"]))
        self.revert_data_action.setEnabled(status["previous"] is not None)
        as_of = self.library.as_of
        months = months_between(as_of, dt.date.today()) if as_of else 0
        limit = keys.number(self.settings, keys.DATA_MAX_AGE_MONTHS) or keys.DEFAULT_DATA_MAX_AGE_MONTHS
        dismissed = keys.text(self.settings, keys.AGE_NOTICE_DISMISSED) == as_of
        if as_of and months > limit and not dismissed:
            self.age_notice.show_for(as_of, self.lang, months)
        else:
            self.age_notice.hide()

    def _dismiss_age_notice(self) -> None:
        self.settings.setValue(keys.AGE_NOTICE_DISMISSED, self.library.as_of)
        self.settings.sync()
        self.age_notice.hide()

    def reopen(self) -> MainWindow:
        """A new window on the data now in use (after an install or a revert), in place of this one."""
        from belgai_desktop.core.library import Library

        self.note_editor.flush()
        self.save_state()
        window = MainWindow(Library(), self.settings, self.lang)
        if self.current_record and (window.library.exists(self.current_record)
                                    or window.user.knows(self.current_record)):
            window.open_record(self.current_record)
        window.show()
        window.live.warm_up()
        _OPEN_WINDOWS.append(window)
        self.close()
        if self in _OPEN_WINDOWS:
            _OPEN_WINDOWS.remove(self)
        return window

    @Slot(str)
    def set_language(self, lang: str) -> None:
        self.lang = apply_language(lang)
        self.settings.setValue(keys.LANGUAGE, self.lang)
        self.settings.sync()  # kept even if the app does not close normally
        self.retranslate()

    # -- search ----------------------------------------------------------------------

    def _search_changed(self) -> None:
        query = self.search_bar.query
        if query.strip():
            self.tabs.setCurrentWidget(self.results_panel)
        self.live.request(SearchRequest(query, self.lang, self.search_bar.kind_filter,
                                        self.search_bar.level_filter))

    def _show_results(self, result: Any) -> None:
        self.results.starred = {b.id for b in self.user.bookmarks(self.lang)}
        filtered = bool(self.search_bar.kind_filter or self.search_bar.level_filter)
        self.results_panel.show_result(result, filtered)
        if self._open_when_ready:
            self._open_when_ready = False
            self.results.open_current()

    def _clear_results(self) -> None:
        self._open_when_ready = False
        self.results_panel.show_start()

    def _open_from_field(self) -> None:
        if self.live.is_busy():
            self._open_when_ready = True
            self.live.run_now()
        else:
            self.results.open_current()

    @Slot(str)
    def search_for(self, text: str) -> None:
        self.search_bar.field.setText(text)
        self.focus_search()

    def focus_search(self) -> None:
        self.search_bar.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_bar.field.selectAll()

    def focus_page(self) -> None:
        self.page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_mine(self, widget: QWidget) -> None:
        self.tabs.setCurrentWidget(self.my_records)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        widget = self.results if index == 0 else self.tabs.widget(index)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- records and history ---------------------------------------------------------

    @Slot(str)
    def open_record(self, record_id: str) -> None:
        in_data = self.library.exists(record_id)
        if not in_data and not self.user.knows(record_id):
            messages.error(_("There is no record “{id}”.").format(id=record_id))
            return
        self.current_record = record_id
        self.history.visit(record_id)
        if in_data:
            self._save_quietly(self.user.add_recent, record_id, self.lang)
        self._render_page()
        self._update_history_actions()
        self._update_record_actions()

    def _go(self, record_id: str | None) -> None:
        if record_id and record_id != self.current_record:
            self.current_record = record_id
            self._render_page()
        self._update_history_actions()
        self._update_record_actions()

    def go_back(self) -> None:
        self._go(self.history.back())

    def go_forward(self) -> None:
        self._go(self.history.forward())

    def _render_page(self) -> None:
        if self.note_editor.record_id != self.current_record or self.note_editor.lang != self.lang:
            self.note_editor.set_record(self.current_record, self.lang)
        bookmarked = self.current_record is not None and self.user.is_bookmarked(self.current_record)
        self.bookmark_action.setChecked(bookmarked)
        self.label_bookmark_action.setEnabled(bookmarked)
        if self.current_record is None:
            self.page.set_page(self._welcome_html())
            self.setWindowTitle(APP_TITLE)
            return
        from belgai_desktop.core.render.page import gone_html, record_html  # loads babel: not before the window shows

        if not self.library.exists(self.current_record):
            title = self.user.last_seen_title(self.current_record)
            self.page.set_page(gone_html(self.current_record, title, bookmarked))
            self.setWindowTitle(f"{title or self.current_record} — {APP_TITLE}")
            return
        try:
            record = self.library.get(self.current_record, self.lang)
        except BelgaiError as exc:
            messages.error(str(exc))
            return
        self.page.set_page(record_html(record, bookmarked), record, self.library.meta)
        self.setWindowTitle(f"{record.title} — {APP_TITLE}")
        self.level_tree.select_id(record.id)

    def _welcome_html(self) -> str:
        e = html.escape
        shortcut = _shortcut_text(self.find_action.shortcut())
        tips = [
            _("Type in the search field ({shortcut}) and press Enter to open the first result; "
              "Up and Down choose another.").format(shortcut=shortcut),
            _("Browse by government level or the organisation tree on the left."),
            _("Every fact shows its source: the numbers in brackets lead to the notes "
              "at the end of the page."),
            _("Back and Forward: Alt+Left and Alt+Right. "
              "Print the one-page summary of a record with Ctrl+P."),
        ]
        intro = _("An offline reference to AI governance in Belgium: bodies, strategies, laws, "
                  "people and their sources.")
        as_of = _("Data as of {date}.").format(date=locale_date(self.library.as_of) or "?")
        return (f"<h1>{e(APP_TITLE)}</h1><p>{e(intro)}</p>"
                + "<ul>" + "".join(f"<li>{e(t)}</li>" for t in tips) + "</ul>"
                + f"<p><small>{e(as_of)}</small></p>")

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def _update_record_actions(self) -> None:
        in_data = self.current_record is not None and self.library.exists(self.current_record)
        for action in (self.print_preview_action, self.print_action, self.save_pdf_action):
            action.setEnabled(in_data)
        self.bookmark_action.setEnabled(self.current_record is not None)

    # -- the user's own data -----------------------------------------------------------

    def _save_quietly(self, save: Any, *args: Any) -> bool:
        try:
            save(*args)
        except BelgaiError as exc:
            messages.error(str(exc))
            return False
        return True

    def toggle_bookmark(self) -> None:
        if self.current_record is None:
            return
        if self._save_quietly(self.user.toggle_bookmark, self.current_record, self.lang):
            on = self.user.is_bookmarked(self.current_record)
            self.statusBar().showMessage(_("Bookmarked") if on else _("Bookmark removed"), 4000)
        self._render_page()
        self._refresh_user_lists()

    def label_bookmark(self, label: str | None = None) -> None:
        record_id = self.current_record
        if record_id is None or not self.user.is_bookmarked(record_id):
            return
        if label is None:
            current = next((b.label for b in self.user.bookmarks(self.lang) if b.id == record_id), "")
            label, ok = QInputDialog.getText(self, _("Label this bookmark"), _("Label:"), text=current)
            if not ok:
                return
        if self._save_quietly(self.user.add_bookmark, record_id, " ".join(label.split()), self.lang):
            self._refresh_user_lists()

    def _refresh_user_lists(self) -> None:
        self.bookmarks_list.show_items(self.user.bookmarks(self.lang), with_text=False)
        self.notes_list.show_items(self.user.notes(self.lang), with_text=True)

    def _remember_search(self, _record_id: str) -> None:
        if self.search_bar.query.strip():
            self._save_quietly(self.user.add_search, self.search_bar.query)

    @staticmethod
    def _menu_text(text: str) -> str:
        return text.replace("&", "&&")  # a record's title is text, never an accelerator

    def _fill_record_menu(self, menu: QMenu, items: list[Any]) -> None:
        menu.clear()
        for entry in items:
            action = menu.addAction(self._menu_text(shown_title(entry)))
            action.setData(entry.id)
            action.triggered.connect(lambda checked=False, rid=entry.id: self.open_record(rid))
        if not items:
            menu.addAction(_("(none yet)")).setEnabled(False)

    def _fill_recent_menu(self) -> None:
        self._fill_record_menu(self.recent_menu, self.user.recent(self.lang))

    def _fill_bookmarks_menu(self) -> None:
        menu = self.bookmarks_menu
        menu.clear()
        menu.addAction(self.bookmark_action)
        menu.addAction(self.label_bookmark_action)
        menu.addAction(self.bookmarks_tab_action)
        menu.addSeparator()
        items = self.user.bookmarks(self.lang)
        for entry in items:
            action = menu.addAction(self._menu_text(shown_title(entry)))
            action.setData(entry.id)
            action.triggered.connect(lambda checked=False, rid=entry.id: self.open_record(rid))

    def _fill_searches_menu(self) -> None:
        self.searches_menu.clear()
        for query in self.user.search_history()[:20]:
            action = self.searches_menu.addAction(self._menu_text(query))
            action.triggered.connect(lambda checked=False, q=query: self.search_for(q))
        if self.searches_menu.isEmpty():
            self.searches_menu.addAction(_("(none yet)")).setEnabled(False)

    def _fill_saved_searches_menu(self) -> None:
        menu = self.saved_searches_menu
        menu.clear()
        menu.addAction(self.save_search_action)
        self.save_search_action.setEnabled(bool(self.search_bar.query.strip()))
        menu.addSeparator()
        for saved in self.user.saved_searches():
            action = menu.addAction(self._menu_text(saved.name))
            action.setData(saved.name)
            action.triggered.connect(lambda checked=False, s=saved: self.run_saved_search(s))

    def show_recent_menu(self) -> None:
        self._fill_recent_menu()
        self.recent_menu.popup(self.page.mapToGlobal(self.page.rect().topLeft()))

    def save_search(self, name: str | None = None) -> None:
        query = self.search_bar.query.strip()
        if not query:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, _("Save this search"), _("Name:"), text=query)
            if not ok:
                return
        if self._save_quietly(self.user.save_search, name, query, self.search_bar.kind_filter,
                              self.search_bar.level_filter):
            self.statusBar().showMessage(_("Saved the search “{name}”").format(name=name.strip()), 5000)

    def run_saved_search(self, saved: Any) -> None:
        self.search_bar.set_filters(saved.kind or None, saved.level or None)
        self.search_for(saved.query)
        self._search_changed()

    def clear_history(self) -> None:
        self._save_quietly(self.user.clear_history)
        self.history = History()
        if self.current_record:
            self.history.visit(self.current_record)
        self._update_history_actions()
        self.statusBar().showMessage(_("History cleared; bookmarks and notes are kept."), 5000)

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, APP_TITLE, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def clear_bookmarks(self) -> None:
        if self._confirm(_("Delete all your bookmarks? This cannot be undone.")):
            self._save_quietly(self.user.clear_bookmarks)
            self._render_page()
            self._refresh_user_lists()

    def clear_notes(self) -> None:
        if self._confirm(_("Delete all your notes? This cannot be undone (export them first with "
                           "`belgai notes export`).")):
            self.note_editor.flush()
            self._save_quietly(self.user.clear_notes)
            self.note_editor.set_record(None, self.lang)
            self._render_page()
            self._refresh_user_lists()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget) \
                and watched.window() is self:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        return super().eventFilter(watched, event)

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

            path = print_actions.save_pdf(self, self.library, self.current_record, self.lang)
            if path is not None:
                self.statusBar().showMessage(_("Saved {path}").format(path=path), 10000)

    # -- other -----------------------------------------------------------------------

    def show_about(self) -> None:
        from belgai_desktop.gui.about import AboutDialog

        self.about_dialog = AboutDialog(self.library, self)
        self.about_dialog.exec()
        self.about_dialog = None

    def _zoom(self, step: int | None) -> None:
        self.page.set_zoom(0 if step is None else self.page.zoom + step)

    def _show_message(self, level: str, text: str) -> None:
        self.statusBar().showMessage(text, 15000 if level == "error" else 8000)

    def _restore(self) -> None:
        s = self.settings
        geometry = keys.blob(s, keys.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 780)
        state = keys.blob(s, keys.STATE)
        if state is not None:
            self.restoreState(state)
        sizes = keys.numbers(s, keys.SPLITTER)
        self.splitter.setSizes(sizes if len(sizes) == 2 and all(sizes) else [460, 740])
        self.page.set_zoom(keys.number(s, keys.PAGE_ZOOM))
        self.search_bar.retranslate(_shortcut_text(self.find_action.shortcut()))  # fill the combos
        self.search_bar.set_filters(keys.text(s, keys.KIND_FILTER) or None,
                                    keys.text(s, keys.LEVEL_FILTER) or None)

    def save_state(self) -> None:
        s = self.settings
        s.setValue(keys.GEOMETRY, self.saveGeometry())
        s.setValue(keys.STATE, self.saveState())
        s.setValue(keys.SPLITTER, self.splitter.sizes())
        s.setValue(keys.PAGE_ZOOM, self.page.zoom)
        s.setValue(keys.KIND_FILTER, self.search_bar.kind_filter or "")
        s.setValue(keys.LEVEL_FILTER, self.search_bar.level_filter or "")
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.note_editor.flush()  # what was typed a moment ago is kept
        self.save_state()
        messages.remove_handler(self._show_message)
        QApplication.instance().removeEventFilter(self)
        self.live.wait(5000)
        super().closeEvent(event)
