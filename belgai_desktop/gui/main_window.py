"""The main window: search bar on top, results and the navigator on the left, the record
page on the right; history, language switching and remembered state. Its menus and
actions live in :mod:`window_menus`, the user's own data in :mod:`window_user`.

It owns no data access of its own: everything goes through the ``Library`` it is given.
Every visible string is (re)set in :meth:`MainWindow.retranslate`, so switching the
language re-translates the whole window at once, without a restart.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from belgai_desktop.core import messages
from belgai_desktop.core.errors import BelgaiError
from belgai_desktop.core.i18n import gettext as _
from belgai_desktop.core.i18n import ngettext, pgettext
from belgai_desktop.gui import landscape, start_page
from belgai_desktop.gui import settings as keys
from belgai_desktop.gui.about import locale_date
from belgai_desktop.gui.data_updates import AgeNotice, DataUpdates, months_between
from belgai_desktop.gui.government_view import GovernmentTree
from belgai_desktop.gui.history import History
from belgai_desktop.gui.language import apply_language
from belgai_desktop.gui.live_search import LiveSearch, SearchRequest
from belgai_desktop.gui.message_bridge import MessageBridge
from belgai_desktop.gui.navigator import LevelTree
from belgai_desktop.gui.record_view import RecordView
from belgai_desktop.gui.results import ResultsView
from belgai_desktop.gui.search_panel import ResultsPanel, SearchBar
from belgai_desktop.gui.user_panels import MyRecordsPanel, NoteEditor, UserList
from belgai_desktop.gui.window_menus import WindowMenus, shortcut_text
from belgai_desktop.gui.window_reading import WindowReading
from belgai_desktop.gui.window_state import WindowState
from belgai_desktop.gui.window_user import WindowUserData

if TYPE_CHECKING:
    from belgai_desktop.core.library import Library

APP_TITLE = "BelgAI Desktop"
# Windows opened by reopen() (after a data update): kept here so that they stay alive.
_OPEN_WINDOWS: list[MainWindow] = []


class MainWindow(WindowMenus, WindowUserData, WindowReading, WindowState):
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
        self.results_panel.chips.remove_requested.connect(self.search_bar.clear_filter)
        self.results_panel.chips.show_all_requested.connect(lambda: self.search_bar.set_filters(None, None))

        self.level_tree = LevelTree()
        self.level_tree.record_activated.connect(self.open_record)
        self.org_tree = GovernmentTree()  # the Government view
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
        self.record_splitter.addWidget(self._build_page_area())
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
        # The core's messages, delivered on the GUI thread whichever thread raised them.
        self.message_bridge = MessageBridge(self)
        self.message_bridge.shown.connect(self._show_message)
        landscape.install(self)  # the map, timeline, regions side by side, and the neighbourhood
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

    # -- language --------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every visible string in the current language."""
        self._retranslate_menus()
        self.search_bar.retranslate(shortcut_text(self.find_action.shortcut()))
        self.results_panel.retranslate()
        for index, (name, tip) in enumerate((
            (_("Results"), _("Search results")),
            (_("By level"), _("Records by government level and kind")),
            (_("Government"), _("Belgium as organised: each level, its bodies, their parts and their plans")),
            (_("Bookmarks"), _("Your bookmarked records and the records you wrote a note on")),
        )):
            self.tabs.setTabText(index, name)
            self.tabs.setTabToolTip(index, tip)
        self.tabs.setAccessibleName(_("Results and browsing"))
        self.level_tree.setAccessibleName(_("Records by government level"))
        self.org_tree.setAccessibleName(_("Government view"))
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
        self.find_bar.retranslate()
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
        filters = self.search_bar.active_filters()
        if query.strip() or filters:
            self.tabs.setCurrentWidget(self.results_panel)
        self.live.request(SearchRequest(query, self.lang, self.search_bar.kind_filter,
                                        self.search_bar.level_filter))
        self.results_panel.chips.show_filters(filters, self.live.hidden)

    def _show_results(self, result: Any) -> None:
        self.results.starred = {b.id for b in self.user.bookmarks(self.lang)}
        filtered = bool(self.search_bar.kind_filter or self.search_bar.level_filter)
        self.results_panel.show_result(result, filtered)
        self.results_panel.chips.show_filters(self.search_bar.active_filters(), self.live.hidden)
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

    def _go(self, record_id: str | None) -> None:  # "" is the start page (:meth:`go_home`)
        if record_id is not None and (record_id or None) != self.current_record:
            self.current_record = record_id or None
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
            shortcut = shortcut_text(self.find_action.shortcut())
            self.page.set_page(start_page.start_html(self.library, self.lang, shortcut))
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

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def _update_record_actions(self) -> None:
        in_data = self.current_record is not None and self.library.exists(self.current_record)
        for action in (self.print_preview_action, self.print_action, self.save_pdf_action):
            action.setEnabled(in_data)
        self.bookmark_action.setEnabled(self.current_record is not None)

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

    def _zoom(self, step: int | None) -> None:
        self.set_zoom(0 if step is None else self.page.zoom + step)


    def _show_message(self, level: str, text: str) -> None:
        self.statusBar().showMessage(text, 15000 if level == "error" else 8000)

    def _restore(self) -> None:
        self.restore_state()
        self.search_bar.retranslate(shortcut_text(self.find_action.shortcut()))  # fill the combos

    def closeEvent(self, event: QCloseEvent) -> None:
        self.note_editor.flush()  # what was typed a moment ago is kept
        self.save_state()
        self.message_bridge.close()
        QApplication.instance().removeEventFilter(self)
        self.live.stop(5000)
        super().closeEvent(event)
